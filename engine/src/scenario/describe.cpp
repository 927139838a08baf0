#include "siaga/scenario/describe.hpp"

#include <algorithm>
#include <numeric>

namespace siaga::scenario {
namespace {

double round_to(double x, double step) { return std::round(x / step) * step; }

}  // namespace

Json describe(const Model& model, std::size_t worst) {
  const Scenario& s = model.scenario();
  const Region& region = s.region;
  Json out;
  out["scenario"] = s.name;
  out["plan"] = {{"name", s.plan.name}, {"pattern", s.plan.pattern}, {"description", s.plan.description}};
  out["election"] = {{"kind", to_string(s.election.kind)},
                     {"date", s.election.date},
                     {"opening_hour", s.election.opening_hour},
                     {"closing_hour", s.election.closing_hour},
                     {"ballots_per_voter", s.election.ballots_per_voter}};
  long voters = 0;
  for (const Tps& t : region.tps) voters += t.voters;
  out["counts"] = {{"kabupaten", region.kabupaten.size()},
                   {"kecamatan", region.kecamatan.size()},
                   {"villages", region.villages.size()},
                   {"tps", region.tps.size()},
                   {"voters", voters},
                   {"road_nodes", model.roads().node_count()},
                   {"road_edges", model.roads().edge_count()},
                   {"posts", s.forces.posts.size()},
                   {"units", s.forces.units.size()}};

  // Per category: TPS, officers standing guard, officers per TPS, Linmas.
  std::array<std::size_t, kCategoryCount> tps_per{};
  std::array<long, kCategoryCount> linmas_per{};
  for (std::size_t i = 0; i < region.tps.size(); ++i) {
    const auto c = static_cast<std::size_t>(region.tps[i].category);
    ++tps_per[c];
    linmas_per[c] += model.tps()[i].linmas;
  }
  Json categories = Json::array();
  for (const Category c : kAllCategories) {
    const auto ci = static_cast<std::size_t>(c);
    const GuardPattern& g = s.plan.guards[ci];
    // The settings as written (the dynamics check them): a field that is not a number reads 0.
    const Json& r = s.plan.retention[ci].settings;
    auto setting = [&r](const char* key) {
      const auto it = r.find(key);
      return it != r.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    const double n = static_cast<double>(tps_per[ci]);
    categories.push_back(
        {{"category", to_string(c)},
         {"tps", tps_per[ci]},
         {"share", region.tps.empty() ? 0.0 : n / static_cast<double>(region.tps.size())},
         {"pattern",
          std::to_string(g.officers) + "-" + std::to_string(g.tps) + "-" + std::to_string(g.linmas)},
         {"officers", model.guard_officers()[ci]},
         {"officers_per_tps", n > 0 ? model.guard_officers()[ci] / n : 0.0},
         {"linmas", linmas_per[ci]},
         {"retention", s.plan.retention[ci].name},
         {"retention_officers", static_cast<int>(setting("officers"))},
         {"retention_hours", r.contains("max_hours") ? setting("max_hours") : setting("hours")},
         {"escort", s.plan.escort[ci]}});
  }
  out["categories"] = categories;
  out["guards"] = {
      {"officers_at_tps", model.guard_officers_total()},
      {"tps_guard_pool", model.guard_pool()},
      {"officers_per_tps",
       region.tps.empty() ? 0.0 : model.guard_officers_total() / static_cast<double>(region.tps.size())}};

  // Forces by kind.
  Json forces = Json::array();
  for (std::size_t k = 0; k < kUnitKindCount; ++k) {
    int units = 0, officers = 0;
    for (const Unit& u : s.forces.units)
      if (static_cast<std::size_t>(u.kind) == k) {
        ++units;
        officers += u.headcount;
      }
    if (units > 0)
      forces.push_back(
          {{"kind", to_string(static_cast<UnitKind>(k))}, {"units", units}, {"officers", officers}});
  }
  out["forces"] = forces;

  // Static coverage: travel only (mobilisation excluded), nearest dispatchable unit's position.
  std::vector<std::uint32_t> by_time(model.tps().size());
  std::iota(by_time.begin(), by_time.end(), 0u);
  std::stable_sort(by_time.begin(), by_time.end(), [&](std::uint32_t a, std::uint32_t b) {
    return model.tps()[a].nearest_unit_travel > model.tps()[b].nearest_unit_travel;
  });
  Json coverage;
  coverage["measure"] =
      "road travel time from the nearest dispatchable unit's position, mobilisation excluded";
  Json within = Json::object();
  for (const double target : kCoverageTargetsMinutes) {
    std::size_t n = 0;
    for (const TpsSite& t : model.tps()) n += t.nearest_unit_travel <= minutes(target) ? 1 : 0;
    within[std::to_string(static_cast<int>(target)) + "_min"] =
        model.tps().empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(model.tps().size());
  }
  coverage["share_within"] = within;
  if (!by_time.empty()) {
    std::vector<Tick> times;
    times.reserve(by_time.size());
    for (const TpsSite& t : model.tps()) times.push_back(t.nearest_unit_travel);
    std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2),
                     times.end());
    coverage["median_minutes"] = round_to(to_minutes(times[times.size() / 2]), 0.01);
    coverage["worst_minutes"] = round_to(to_minutes(model.tps()[by_time.front()].nearest_unit_travel), 0.01);
  }
  Json worst_list = Json::array();
  for (std::size_t i = 0; i < std::min(worst, by_time.size()); ++i) {
    const std::uint32_t t = by_time[i];
    const Tps& tps = region.tps[t];
    const Village& v = region.villages[tps.village];
    worst_list.push_back({{"tps", tps.id},
                          {"village", v.name},
                          {"kecamatan", region.kecamatan[v.kecamatan].name},
                          {"category", to_string(tps.category)},
                          {"minutes", round_to(to_minutes(model.tps()[t].nearest_unit_travel), 0.01)}});
  }
  coverage["worst_tps"] = worst_list;

  // Against the scenario's response targets: each TPS in the distance band of its nearest unit's
  // place (as the day's metrics band an incident), within that band's minutes by road.
  {
    const auto& targets = s.incidents.response_targets;
    std::vector<std::size_t> in_band(targets.size(), 0), met(targets.size(), 0);
    for (const TpsSite& t : model.tps()) {
      std::size_t b = 0;
      while (b + 1 < targets.size() && t.nearest_post_km > targets[b + 1].beyond_km) ++b;
      if (targets.empty()) break;
      ++in_band[b];
      met[b] += t.nearest_unit_travel <= minutes(targets[b].minutes) ? 1 : 0;
    }
    Json bands = Json::array();
    std::size_t all_met = 0;
    for (std::size_t b = 0; b < targets.size(); ++b) {
      all_met += met[b];
      bands.push_back(
          {{"beyond_km", targets[b].beyond_km},
           {"minutes", targets[b].minutes},
           {"tps", in_band[b]},
           {"within", in_band[b] ? static_cast<double>(met[b]) / static_cast<double>(in_band[b]) : 0.0}});
    }
    coverage["targets"] = {
        {"bands", bands},
        {"within",
         model.tps().empty() ? 0.0 : static_cast<double>(all_met) / static_cast<double>(model.tps().size())}};
  }

  // The dispatcher's reach per tier, and where its count (not its horizon) cut a TPS's candidates.
  Json reach = Json::array();
  for (std::size_t t = 0; t < kDispatchTierCount; ++t) {
    const auto tier = static_cast<DispatchTier>(t);
    reach.push_back({{"tier", to_string(tier)},
                     {"posts", s.forces.reach[t].posts},
                     {"minutes", s.forces.reach[t].minutes},
                     {"tps_where_the_count_binds", model.reach_binding(tier)}});
  }
  out["reach"] = reach;
  out["coverage"] = coverage;

  // Where an imported scenario's parts came from (scenario/imported.hpp).
  if (s.provenance) {
    const Provenance& p = *s.provenance;
    Json parts = Json::array();
    for (const DataPart& d : p.parts) {
      Json counts = Json::object();
      for (const auto& [name, n] : d.counts) counts[name] = n;
      parts.push_back({{"part", d.part}, {"source", d.source}, {"counts", counts}, {"notes", d.notes}});
    }
    Json longest = Json::array();
    for (std::size_t i = 0; i < std::min(worst, p.longest_snaps.size()); ++i)
      longest.push_back({{"kind", p.longest_snaps[i].kind},
                         {"id", p.longest_snaps[i].id},
                         {"metres", p.longest_snaps[i].metres}});
    out["provenance"] = {
        {"recipe", p.recipe},
        {"parts", parts},
        {"snaps",
         {{"threshold_m", p.snap_threshold_m}, {"over_threshold", p.snaps_over}, {"longest", longest}}}};
  }
  return out;
}

}  // namespace siaga::scenario
