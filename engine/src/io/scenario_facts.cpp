#include "siaga/io/scenario_facts.hpp"

#include "siaga/core/error.hpp"
#include "siaga/io/number_format.hpp"

namespace siaga::io {
namespace {

using Json = nlohmann::ordered_json;

std::string_view rating_name(scenario::RatingBasis b) noexcept {
  switch (b) {
    case scenario::RatingBasis::kRated:
      return "rated";
    case scenario::RatingBasis::kTrue:
      return "true";
    case scenario::RatingBasis::kEarlyWarning:
      break;
  }
  return "early_warning";
}

Json plan_facts(const scenario::Model& model) {
  const scenario::Scenario& s = model.scenario();
  const scenario::Plan& plan = s.plan;
  Json j;
  j["name"] = plan.name;
  j["description"] = plan.description;
  j["pattern"] = plan.pattern;
  // Built apart and then placed: an ordered_json object is a vector, so a reference to one member
  // does not survive the insertion of the next.
  Json guards = Json::object(), retention = Json::object(), escort = Json::object();
  for (const scenario::Category c : scenario::kAllCategories) {
    const auto i = static_cast<std::size_t>(c);
    const std::string name(scenario::to_string(c));
    const scenario::GuardPattern& g = plan.guards[i];
    guards[name] = std::to_string(g.officers) + "-" + std::to_string(g.tps) + "-" + std::to_string(g.linmas);
    retention[name] = retention_text(plan.retention[i]);
    escort[name] = plan.escort[i];
  }
  j["guards"] = std::move(guards);
  j["retention"] = std::move(retention);
  j["escort"] = std::move(escort);
  j["officers_at_tps"] = model.guard_officers_total();
  long long linmas = 0;
  for (const scenario::TpsSite& t : model.tps()) linmas += t.linmas;
  j["linmas_at_tps"] = linmas;
  j["guard_pool"] = model.guard_pool();
  std::array<long long, scenario::kUnitKindCount> by_kind{};
  for (const scenario::Unit& u : s.forces.units) by_kind[static_cast<std::size_t>(u.kind)] += u.headcount;
  Json kinds = Json::object();
  for (std::size_t k = 0; k < scenario::kUnitKindCount; ++k)
    if (by_kind[k] > 0)
      kinds[std::string(scenario::to_string(static_cast<scenario::UnitKind>(k)))] = by_kind[k];
  j["officers_by_kind"] = std::move(kinds);
  j["dispatch"] = plan.dispatch.name;
  j["rating"] = rating_name(plan.rating.basis);
  return j;
}

}  // namespace

std::string retention_text(const scenario::PolicyChoice& retention) {
  std::string out = retention.name;
  const char* sep = ": ";
  if (retention.settings.is_object())
    for (const auto& [key, value] : retention.settings.items()) {
      if (key == "policy") continue;
      out += sep;
      out += key;
      out += ' ';
      out += value.is_number()   ? format_number(value.get<double>(), 4)
             : value.is_string() ? value.get<std::string>()
                                 : value.dump();
      sep = ", ";
    }
  return out;
}

nlohmann::ordered_json scenario_facts(std::span<const scenario::Model* const> models, std::string_view hash,
                                      const RunFacts& run) {
  SIAGA_CHECK(!models.empty(), "scenario_facts: at least one model");
  const scenario::Scenario& s = models.front()->scenario();
  const scenario::Region& region = s.region;
  Json j;
  j["format"] = kScenarioFactsFormat;
  j["name"] = s.name;
  j["description"] = s.description;
  j["hash"] = std::string(hash);
  Json& r = j["run"] = Json::object();
  r["command"] = run.command;
  r["seed"] = run.seed;
  r["replications"] = run.replications;
  r["confidence"] = run.confidence;
  r["partial"] = run.partial;
  r["siaga_version"] = run.siaga_version;
  r["sweep_axes"] = run.sweep_axes;

  Json& reg = j["region"] = Json::object();
  reg["provinsi"] = region.provinsi ? region.provinsi->second : "";
  Json& kabupaten = reg["kabupaten"] = Json::array();
  for (const scenario::Kabupaten& k : region.kabupaten) kabupaten.push_back(k.name);
  reg["kecamatan"] = region.kecamatan.size();
  reg["villages"] = region.villages.size();
  reg["tps"] = region.tps.size();
  long long voters = 0;
  std::array<std::size_t, scenario::kCategoryCount> by_category{};
  for (const scenario::Tps& t : region.tps) {
    voters += t.voters;
    ++by_category[static_cast<std::size_t>(t.category)];
  }
  reg["voters"] = voters;
  Json& categories = reg["tps_by_category"] = Json::object();
  for (const scenario::Category c : scenario::kAllCategories)
    categories[std::string(scenario::to_string(c))] = by_category[static_cast<std::size_t>(c)];
  reg["village_polygons"] = region.village_boundaries.size();
  reg["kecamatan_polygons"] = region.kecamatan_boundaries.size();

  Json& e = j["election"] = Json::object();
  e["kind"] = scenario::to_string(s.election.kind);
  e["date"] = s.election.date;
  e["setup_hour"] = s.election.setup_hour;
  e["opening_hour"] = s.election.opening_hour;
  e["closing_hour"] = s.election.closing_hour;
  e["ballots_per_voter"] = s.election.ballots_per_voter;

  Json& targets = j["response_targets"] = Json::array();
  for (const scenario::ResponseTarget& t : s.incidents.response_targets)
    targets.push_back(Json{{"beyond_km", t.beyond_km}, {"minutes", t.minutes}});
  j["long_wait_minutes"] = s.incidents.long_wait_minutes;

  Json& plans = j["plans"] = Json::array();
  for (const scenario::Model* m : models) plans.push_back(plan_facts(*m));
  j["sources"] = s.sources;
  j["notes"] = s.notes;
  return j;
}

}  // namespace siaga::io
