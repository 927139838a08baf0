#include "siaga/scenario/model.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "siaga/core/random_stream.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/geo/spatial_index.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {
namespace {

// Places given by node id, or by coordinates snapped to the nearest road node.
class NodePlacer {
 public:
  NodePlacer(const Roads& roads) {
    index_of_.reserve(roads.nodes.size());
    points_.reserve(roads.nodes.size());
    for (std::uint32_t i = 0; i < roads.nodes.size(); ++i) {
      index_of_.emplace(roads.nodes[i].id, i);
      points_.push_back(roads.nodes[i].at);
    }
  }
  std::uint32_t index(std::uint64_t id) const { return index_of_.at(id); }
  std::uint32_t place(const std::optional<std::uint64_t>& id, geo::GeoPoint at) {
    if (id) return index(*id);
    if (!spatial_) spatial_ = std::make_unique<geo::NearestNodeIndex>(points_);
    return spatial_->nearest(at);
  }
  std::vector<geo::GeoPoint> take_points() { return std::move(points_); }

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> index_of_;
  std::vector<geo::GeoPoint> points_;
  std::unique_ptr<geo::NearestNodeIndex> spatial_;
};

// Short trips that guards and ballot boxes make, by motorbike (it takes trails; E): a bounded
// search from each origin, reading off its targets. A target beyond the bound (rare: it would be
// hours away) gets the straight-line distance with a detour factor of 1.4 at village-road speed.
class LocalTrips {
 public:
  LocalTrips(const geo::RoadGraph& g, Tick bound) : g_(g), bound_(bound), mark_(g.node_count(), -1) {}

  /// Times (ms) from `origin` to each of `targets`, written to `out`.
  void from(std::uint32_t origin, std::span<const std::uint32_t> targets, std::span<Tick> out) {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      out[i] = -1;
      mark_[targets[i]] = static_cast<std::int64_t>(i);  // several targets on one node: filled below
    }
    const geo::PathSource source{origin, 0};
    // The search stops once every target is settled: their times are then final.
    for (const geo::ReachedNode& r :
         g_.reach_targets({&source, 1}, targets, geo::Vehicle::kMotorbike, bound_, ws_))
      if (mark_[r.node] >= 0) out[static_cast<std::size_t>(mark_[r.node])] = r.time;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::int64_t first = mark_[targets[i]];
      if (out[first] < 0) {
        const double metres = 1.4 * geo::distance_m(g_.node(origin), g_.node(targets[i]));
        const double kmh = g_.speeds()[static_cast<std::size_t>(geo::RoadClass::kVillage)]
                                      [static_cast<std::size_t>(geo::Vehicle::kMotorbike)];
        out[first] = geo::edge_time(metres > 0 ? metres : 1.0, kmh > 0 ? kmh : 20.0);
      }
      out[i] = out[first];
    }
    for (const std::uint32_t t : targets) mark_[t] = -1;
  }

 private:
  const geo::RoadGraph& g_;
  Tick bound_;
  std::vector<std::int64_t> mark_;
  geo::DijkstraWorkspace ws_;
};

// P(true | rated) from P(rated | true) and the rated counts: the true shares p solve
// n_rated = M^T p (M[true][rated]); then P(true | rated) = p_true M[true][rated] / n_rated.
std::array<std::array<double, kCategoryCount>, kCategoryCount> posterior(
    const std::array<std::array<double, kCategoryCount>, kCategoryCount>& m,
    const std::array<double, kCategoryCount>& rated, Problems& problems) {
  std::array<std::array<double, kCategoryCount>, kCategoryCount> out{};
  for (std::size_t r = 0; r < kCategoryCount; ++r) out[r][r] = 1.0;
  bool identity = true;
  for (std::size_t t = 0; t < kCategoryCount; ++t)
    for (std::size_t r = 0; r < kCategoryCount; ++r) identity = identity && m[t][r] == (t == r ? 1.0 : 0.0);
  if (identity) return out;
  Eigen::Matrix4d mt;
  Eigen::Vector4d n;
  for (std::size_t t = 0; t < kCategoryCount; ++t) {
    n(static_cast<Eigen::Index>(t)) = rated[t];
    for (std::size_t r = 0; r < kCategoryCount; ++r)
      mt(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(t)) = m[t][r];
  }
  const Eigen::Vector4d p = mt.colPivHouseholderQr().solve(n);
  for (std::size_t t = 0; t < kCategoryCount; ++t)
    if (!(p(static_cast<Eigen::Index>(t)) > -1e-9) || !std::isfinite(p(static_cast<Eigen::Index>(t)))) {
      problems.add("incidents.misclassification",
                   "no true shares of categories give the rated shares of this scenario with this matrix");
      return out;
    }
  for (std::size_t r = 0; r < kCategoryCount; ++r) {
    if (rated[r] <= 0) continue;
    double sum = 0;
    for (std::size_t t = 0; t < kCategoryCount; ++t) {
      out[r][t] = std::max(0.0, p(static_cast<Eigen::Index>(t))) * m[t][r];
      sum += out[r][t];
    }
    for (std::size_t t = 0; t < kCategoryCount; ++t)
      out[r][t] = sum > 0 ? out[r][t] / sum : (r == t ? 1.0 : 0.0);
  }
  return out;
}

// Stations: the places dispatchable units wait at, one per (tier, node, vehicle), tiers in chain
// order and places in the order their first unit is listed.
void make_stations(const Forces& forces, std::span<const std::uint32_t> unit_nodes,
                   std::vector<Station>& stations, std::vector<std::uint32_t>& first,
                   std::vector<std::uint32_t>& units, std::vector<std::uint32_t>& unit_station) {
  unit_station.assign(forces.units.size(), UINT32_MAX);
  std::vector<std::vector<std::uint32_t>> members;
  std::unordered_map<std::uint64_t, std::uint32_t> index;  // (tier, vehicle, node) -> station
  for (std::size_t tier = 0; tier < kDispatchTierCount; ++tier)
    for (std::uint32_t u = 0; u < forces.units.size(); ++u) {
      const Unit& unit = forces.units[u];
      if (!unit.dispatchable || static_cast<std::size_t>(dispatch_tier(unit.kind)) != tier) continue;
      const std::uint64_t key = (std::uint64_t{tier} << 40) |
                                (std::uint64_t{static_cast<std::uint8_t>(unit.vehicle)} << 32) |
                                unit_nodes[u];
      const auto [it, fresh] = index.emplace(key, static_cast<std::uint32_t>(stations.size()));
      if (fresh) {
        stations.push_back(
            {dispatch_tier(unit.kind), unit_nodes[u], unit.vehicle, static_cast<std::uint32_t>(unit.post)});
        members.emplace_back();
      }
      members[it->second].push_back(u);
      unit_station[u] = it->second;
    }
  first.assign(1, 0);
  units.clear();
  for (const auto& m : members) {
    units.insert(units.end(), m.begin(), m.end());
    first.push_back(static_cast<std::uint32_t>(units.size()));
  }
}

// Typical phase lengths turn a kind's incidents per TPS-day into rates per ms of each phase.
void day_rates(const Scenario& s, std::array<Tick, 4>& phase_starts,
               std::vector<std::array<double, kPhaseCount>>& kind_rates,
               std::array<double, kPhaseCount>& total_rates) {
  const Election& e = s.election;
  phase_starts = {hours(e.setup_hour), hours(e.opening_hour),
                  std::max(hours(e.opening_hour), hours(e.closing_hour - 1.0)), hours(e.closing_hour)};
  double mean_voters = 0;
  for (const auto& t : s.region.tps) mean_voters += t.voters;
  mean_voters /= std::max<std::size_t>(1, s.region.tps.size());
  const Counting& c = e.counting;
  const double counting_hours =
      (c.base_minutes + c.minutes_per_ballot * mean_voters * c.turnout * e.ballots_per_voter) / 60.0;
  const std::array<double, kPhaseCount> typical{
      e.opening_hour - e.setup_hour, std::max(0.0, e.closing_hour - e.opening_hour - 1.0),
      std::min(1.0, e.closing_hour - e.opening_hour), counting_hours,
      s.incidents.post_count_half_life_hours / std::log(2.0)};  // the decaying rate's integral
  kind_rates.assign(s.incidents.kinds.size(), {});
  total_rates.fill(0.0);
  for (std::size_t k = 0; k < s.incidents.kinds.size(); ++k) {
    const auto& kind = s.incidents.kinds[k];
    double weighted_hours = 0;
    for (std::size_t p = 0; p < kPhaseCount; ++p) weighted_hours += kind.phase_weights[p] * typical[p];
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      const double per_hour =
          weighted_hours > 0 ? kind.per_1000_tps_day / 1000.0 * kind.phase_weights[p] / weighted_hours : 0.0;
      kind_rates[k][p] = per_hour / static_cast<double>(kTicksPerHour);
      total_rates[p] += kind_rates[k][p];
    }
  }
}

// Contagion: the TPS within the radius of each TPS, found through a grid of cells one radius wide.
void contagion_neighbours(const Incidents& in, const geo::RoadGraph& graph, std::span<const TpsSite> tps,
                          std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& neighbours) {
  offsets.assign(1, 0);
  neighbours.clear();
  if (!in.contagion || !(in.contagion_radius_km > 0)) return;
  const double radius_m = in.contagion_radius_km * 1000.0;
  const double cell_deg = radius_m / 111'195.0;
  std::vector<std::pair<std::int64_t, std::uint32_t>> cells;  // (cell key, tps)
  auto key = [&](const geo::GeoPoint& p) {
    const auto x = static_cast<std::int64_t>(std::floor(p.lon / cell_deg));
    const auto y = static_cast<std::int64_t>(std::floor(p.lat / cell_deg));
    return std::pair{x, y};
  };
  auto pack = [](std::int64_t x, std::int64_t y) { return (x << 32) ^ (y & 0xffffffff); };
  for (std::uint32_t i = 0; i < tps.size(); ++i) {
    const auto [x, y] = key(graph.node(tps[i].node));
    cells.emplace_back(pack(x, y), i);
  }
  std::sort(cells.begin(), cells.end());
  for (std::uint32_t i = 0; i < tps.size(); ++i) {
    const geo::GeoPoint& p = graph.node(tps[i].node);
    const auto [x, y] = key(p);
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const std::int64_t k = pack(x + dx, y + dy);
        for (auto it = std::lower_bound(cells.begin(), cells.end(), std::pair{k, 0u});
             it != cells.end() && it->first == k; ++it)
          if (it->second != i && geo::distance_m(p, graph.node(tps[it->second].node)) <= radius_m)
            neighbours.push_back(it->second);
      }
    std::sort(neighbours.begin() + offsets.back(), neighbours.end());
    offsets.push_back(static_cast<std::uint32_t>(neighbours.size()));
  }
}

// A 128-bit fingerprint of what a cached part of a compile was computed from: two 64-bit lanes,
// each a splitmix64-finalised chain, started differently. Two different inputs collide with
// probability about 2^-128, far below any hardware fault.
class Fingerprint {
 public:
  Fingerprint& u(std::uint64_t x) {
    a_ = mix(a_ ^ x);
    b_ = mix(b_ + x * 0x9E37'79B9'7F4A'7C15ULL + 0x632B'E59B'D9B4'E019ULL);
    return *this;
  }
  Fingerprint& d(double x) { return u(std::bit_cast<std::uint64_t>(x)); }
  Fingerprint& point(geo::GeoPoint p) { return d(p.lat).d(p.lon); }
  Fingerprint& id(const std::optional<std::uint64_t>& x) { return x ? u(1).u(*x) : u(0); }
  Fingerprint& at(const std::optional<geo::GeoPoint>& p) { return p ? u(1).point(*p) : u(0); }
  Fingerprint& fp(const Fingerprint& o) { return u(o.a_).u(o.b_); }
  bool operator==(const Fingerprint&) const = default;

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t a_ = 0x243F'6A88'85A3'08D3ULL, b_ = 0x1319'8A2E'0370'7344ULL;
};

// Everything the road graph and the places on it come from: nodes, edges, speeds, and where each
// village, PPK, post and TPS is given (the kecamatan of each village and the village of each TPS
// too, which the box trips follow).
Fingerprint places_fingerprint(const Scenario& s) {
  Fingerprint f;
  f.u(s.roads.nodes.size());
  for (const RoadNode& n : s.roads.nodes) f.u(n.id).point(n.at);
  f.u(s.roads.edges.size());
  for (const geo::RoadEdge& e : s.roads.edges)
    f.u(e.from)
        .u(e.to)
        .d(e.length_m)
        .u(static_cast<std::uint64_t>(e.road_class))
        .u(e.oneway ? 1 : 0)
        .u(e.maxspeed_kmh ? 1 : 0)
        .d(e.maxspeed_kmh.value_or(0.0));
  for (const auto& row : s.roads.speeds)
    for (double v : row) f.d(v);
  f.u(s.region.villages.size());
  for (const Village& v : s.region.villages) f.id(v.node).point(v.at).u(v.kecamatan);
  f.u(s.region.kecamatan.size());
  for (const Kecamatan& k : s.region.kecamatan) f.id(k.ppk_node).point(k.at);
  f.u(s.forces.posts.size());
  for (const Post& p : s.forces.posts) f.id(p.node).point(p.at);
  f.u(s.region.tps.size());
  for (const Tps& t : s.region.tps) f.id(t.node).at(t.at).u(t.village);
  return f;
}

}  // namespace

// What compile() keeps between plans (model.hpp): each part with the fingerprint of its inputs.
struct CompileCache::State {
  // The graph and the places on it.
  std::optional<Fingerprint> places;
  std::vector<std::uint32_t> village_nodes, ppk_nodes, post_nodes, tps_nodes;
  std::shared_ptr<const geo::RoadGraph> roads, reversed;  // reversed: null without one-way edges
  std::vector<Tick> to_pps, pps_to_ppk;
  // Static coverage: the nearest dispatchable source's time to every node.
  std::optional<Fingerprint> coverage;
  std::vector<Tick> nearest;
  // Guard trips, in group_tps order.
  std::optional<Fingerprint> guards;
  std::vector<Tick> guard_travel;
  // Reach lists per tier (the key covers each source's station index too).
  struct Reach {
    std::optional<Fingerprint> key;
    std::shared_ptr<const std::vector<std::size_t>> offsets;
    std::shared_ptr<const std::vector<StationReach>> entries;
    std::size_t binding = 0;
  };
  std::array<Reach, kDispatchTierCount> reach;
};

CompileCache::CompileCache() : state_(std::make_unique<State>()) {}
CompileCache::~CompileCache() = default;

namespace {}  // namespace

int Model::guard_officers_total() const noexcept {
  return std::accumulate(guard_officers_.begin(), guard_officers_.end(), 0);
}

std::shared_ptr<const Model> compile(Scenario scenario) {
  CompileCache cache;
  return compile(std::move(scenario), cache);
}

std::shared_ptr<const Model> compile(Scenario scenario, CompileCache& cache) {
  std::shared_ptr<Model> model(new Model());
  Model& m = *model;
  CompileCache::State& kept = *cache.state_;
  Problems problems;
  const Region& region = scenario.region;

  // Places on the road graph, and the graph: what every plan of a scenario shares unless it changes
  // the roads or where things stand.
  const Fingerprint places = places_fingerprint(scenario);
  const bool same_places = kept.places == places;
  if (!same_places) {
    kept = CompileCache::State{};
    NodePlacer placer(scenario.roads);
    for (const Village& v : region.villages) kept.village_nodes.push_back(placer.place(v.node, v.at));
    for (const Kecamatan& k : region.kecamatan) kept.ppk_nodes.push_back(placer.place(k.ppk_node, k.at));
    for (const Post& p : scenario.forces.posts) kept.post_nodes.push_back(placer.place(p.node, p.at));
    kept.tps_nodes.resize(region.tps.size());
    for (std::size_t i = 0; i < region.tps.size(); ++i) {
      const Tps& t = region.tps[i];
      kept.tps_nodes[i] = t.node || t.at ? placer.place(t.node, t.at.value_or(geo::GeoPoint{}))
                                         : kept.village_nodes[t.village];
    }
    kept.roads = std::make_shared<const geo::RoadGraph>(placer.take_points(), scenario.roads.edges,
                                                        scenario.roads.speeds);
    // The way back on the reversed roads, where some are one-way.
    if (std::any_of(scenario.roads.edges.begin(), scenario.roads.edges.end(),
                    [](const geo::RoadEdge& e) { return e.oneway; })) {
      std::vector<geo::RoadEdge> turned = scenario.roads.edges;
      for (geo::RoadEdge& e : turned)
        if (e.oneway) std::swap(e.from, e.to);
      std::vector<geo::GeoPoint> points(kept.roads->node_count());
      for (std::uint32_t n = 0; n < kept.roads->node_count(); ++n) points[n] = kept.roads->node(n);
      kept.reversed =
          std::make_shared<const geo::RoadGraph>(std::move(points), turned, scenario.roads.speeds);
    }
    kept.places = places;
  }
  m.village_nodes_ = kept.village_nodes;
  m.ppk_nodes_ = kept.ppk_nodes;
  m.post_nodes_ = kept.post_nodes;
  m.tps_.resize(region.tps.size());
  for (std::size_t i = 0; i < region.tps.size(); ++i) {
    const Tps& t = region.tps[i];
    TpsSite& site = m.tps_[i];
    site.village = static_cast<std::uint32_t>(t.village);
    site.kecamatan = static_cast<std::uint32_t>(region.villages[t.village].kecamatan);
    site.node = kept.tps_nodes[i];
  }
  for (const Unit& u : scenario.forces.units)
    m.unit_nodes_.push_back(u.kind == UnitKind::kBhabinkamtibmas && !u.villages.empty()
                                ? m.village_nodes_[u.villages.front()]
                                : m.post_nodes_[u.post]);

  m.roads_ = kept.roads;

  // Guard groups: per kecamatan and category, runs of Y TPS in village-code then TPS order.
  std::vector<std::uint32_t> order(region.tps.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Tps& ta = region.tps[a];
    const Tps& tb = region.tps[b];
    const auto ka = std::tie(m.tps_[a].kecamatan, ta.category, region.villages[ta.village].code);
    const auto kb = std::tie(m.tps_[b].kecamatan, tb.category, region.villages[tb.village].code);
    return ka < kb;
  });
  const Plan& plan = scenario.plan;
  for (std::size_t i = 0; i < order.size();) {
    const TpsSite& first = m.tps_[order[i]];
    const Category category = region.tps[order[i]].category;
    const GuardPattern& pattern = plan.guards[static_cast<std::size_t>(category)];
    GuardGroup g;
    g.category = category;
    g.kecamatan = first.kecamatan;
    g.officers = pattern.officers;
    g.first_tps = static_cast<std::uint32_t>(m.group_tps_.size());
    g.node = first.node;
    while (i < order.size() && g.tps_count < static_cast<std::uint32_t>(pattern.tps) &&
           m.tps_[order[i]].kecamatan == g.kecamatan && region.tps[order[i]].category == category) {
      m.tps_[order[i]].guard_group = static_cast<std::uint32_t>(m.guard_groups_.size());
      m.tps_[order[i]].linmas = static_cast<int>(
          std::lround(static_cast<double>(pattern.linmas) / static_cast<double>(pattern.tps)));
      m.group_tps_.push_back(order[i]);
      ++g.tps_count;
      ++i;
    }
    m.guard_officers_[static_cast<std::size_t>(category)] += g.officers;
    m.guard_groups_.push_back(g);
  }
  m.guard_order_.resize(region.tps.size());
  std::iota(m.guard_order_.begin(), m.guard_order_.end(), 0u);
  std::stable_sort(m.guard_order_.begin(), m.guard_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(m.tps_[a].kecamatan, region.villages[region.tps[a].village].code) <
           std::tie(m.tps_[b].kecamatan, region.villages[region.tps[b].village].code);
  });
  bool any_guard_unit = false;
  for (const Unit& u : scenario.forces.units)
    if (u.kind == UnitKind::kTpsGuard) {
      m.guard_pool_ += u.headcount;
      m.guard_max_severity_ =
          any_guard_unit ? std::max(m.guard_max_severity_, u.max_severity) : u.max_severity;
      any_guard_unit = true;
    }
  if (m.guard_officers_total() > m.guard_pool_) {
    problems.add((Path{} / "plans" / plan.name / "guards").str(),
                 "the plan stands " + std::to_string(m.guard_officers_total()) +
                     " officers at TPS but the tps_guard units hold only " + std::to_string(m.guard_pool_));
  }

  // Static coverage: the travel time from the nearest dispatchable unit to every node, per vehicle.
  const geo::RoadGraph& graph = *m.roads_;
  std::vector<geo::TravelSource> sources;
  std::array<std::vector<geo::TravelSource>, kDispatchTierCount> tier_sources;
  std::array<std::vector<std::uint32_t>, kDispatchTierCount> tier_stations;  // global station indices
  make_stations(scenario.forces, m.unit_nodes_, m.stations_, m.station_first_, m.station_units_,
                m.unit_station_);
  for (std::uint32_t s = 0; s < m.stations_.size(); ++s) {
    const Station& st = m.stations_[s];
    const auto tier = static_cast<std::size_t>(st.tier);
    tier_stations[tier].push_back(s);
    tier_sources[tier].push_back({st.node, st.vehicle, 0});
    if (st.tier != DispatchTier::kPolda) sources.push_back(tier_sources[tier].back());
  }
  m.first_team_.assign(1, 0);
  for (const Unit& u : scenario.forces.units)
    m.first_team_.push_back(m.first_team_.back() +
                            static_cast<std::uint32_t>(u.dispatchable ? u.teams() : 0));
  if (sources.empty())
    problems.add("forces.units", "no unit is dispatchable: nothing can answer an incident");
  Fingerprint coverage;
  coverage.fp(places);
  for (const geo::TravelSource& s : sources) coverage.u(s.node).u(static_cast<std::uint64_t>(s.vehicle));
  if (kept.coverage != coverage) {
    std::vector<Tick>& nearest = kept.nearest;
    nearest.assign(graph.node_count(), geo::kUnreachable);
    std::vector<Tick> times(graph.node_count());
    geo::DijkstraWorkspace ws;
    for (std::size_t v = 0; v < geo::kVehicleCount; ++v) {
      std::vector<geo::PathSource> from;
      for (const geo::TravelSource& s : sources)
        if (static_cast<std::size_t>(s.vehicle) == v) from.push_back({s.node, 0});
      if (from.empty()) continue;
      graph.shortest_times(from, static_cast<geo::Vehicle>(v), kNever, times, ws);
      for (std::size_t n = 0; n < times.size(); ++n) nearest[n] = std::min(nearest[n], times[n]);
    }
    kept.coverage = coverage;
  }
  const std::vector<Tick>& nearest = kept.nearest;
  if (!sources.empty()) {
    for (std::size_t i = 0; i < m.tps_.size(); ++i) {
      m.tps_[i].nearest_unit_travel = nearest[m.tps_[i].node];
      if (nearest[m.tps_[i].node] == geo::kUnreachable)
        problems.add((Path{} / "region" / "tps")[i].str(),
                     "TPS '" + region.tps[i].id + "' cannot be reached by road by any dispatchable unit");
    }
    for (std::size_t i = 0; i < m.village_nodes_.size(); ++i)
      if (nearest[m.village_nodes_[i]] == geo::kUnreachable)
        problems.add(
            (Path{} / "region" / "villages")[i].str(),
            "village '" + region.villages[i].code + "' cannot be reached by road by any dispatchable unit");
  }
  std::array<double, kCategoryCount> rated{};
  for (const Tps& t : region.tps) rated[static_cast<std::size_t>(t.category)] += 1.0;
  m.true_given_rated_ = posterior(scenario.incidents.misclassification, rated, problems);
  problems.throw_if_any();

  // Short trips: guards within their group, boxes from TPS to PPS and from PPS to PPK.
  {
    LocalTrips trips(graph, 45 * kTicksPerMinute);
    std::vector<std::uint32_t> targets;
    std::vector<Tick> times;
    Fingerprint guards;
    guards.fp(places).u(m.guard_groups_.size());
    for (const GuardGroup& g : m.guard_groups_) guards.u(g.node).u(g.first_tps).u(g.tps_count);
    for (const std::uint32_t i : m.group_tps_) guards.u(i);
    if (kept.guards != guards) {
      kept.guard_travel.assign(m.group_tps_.size(), 0);
      for (const GuardGroup& g : m.guard_groups_) {
        targets.clear();
        for (std::uint32_t k = 0; k < g.tps_count; ++k)
          targets.push_back(m.tps_[m.group_tps_[g.first_tps + k]].node);
        times.resize(targets.size());
        trips.from(g.node, targets, times);
        std::copy(times.begin(), times.end(), kept.guard_travel.begin() + g.first_tps);
      }
      kept.guards = guards;
    }
    for (std::size_t k = 0; k < m.group_tps_.size(); ++k)
      m.tps_[m.group_tps_[k]].guard_travel = kept.guard_travel[k];
    if (!same_places) {
      std::vector<std::vector<std::uint32_t>> tps_of_village(region.villages.size());
      for (std::uint32_t i = 0; i < m.tps_.size(); ++i) tps_of_village[m.tps_[i].village].push_back(i);
      kept.to_pps.assign(m.tps_.size(), 0);
      for (std::size_t v = 0; v < region.villages.size(); ++v) {
        targets.clear();
        for (const std::uint32_t i : tps_of_village[v]) targets.push_back(m.tps_[i].node);
        times.resize(targets.size());
        trips.from(m.village_nodes_[v], targets, times);
        for (std::size_t k = 0; k < targets.size(); ++k) kept.to_pps[tps_of_village[v][k]] = times[k];
      }
      LocalTrips long_trips(graph, 3 * kTicksPerHour);
      std::vector<std::vector<std::uint32_t>> villages_of_kecamatan(region.kecamatan.size());
      for (std::uint32_t v = 0; v < region.villages.size(); ++v)
        villages_of_kecamatan[region.villages[v].kecamatan].push_back(v);
      kept.pps_to_ppk.assign(region.villages.size(), 0);
      for (std::size_t k = 0; k < region.kecamatan.size(); ++k) {
        targets.clear();
        for (const std::uint32_t v : villages_of_kecamatan[k]) targets.push_back(m.village_nodes_[v]);
        times.resize(targets.size());
        long_trips.from(m.ppk_nodes_[k], targets, times);
        for (std::size_t j = 0; j < targets.size(); ++j)
          kept.pps_to_ppk[villages_of_kecamatan[k][j]] = times[j];
      }
    }
    for (std::size_t i = 0; i < m.tps_.size(); ++i) m.tps_[i].to_pps = kept.to_pps[i];
    m.pps_to_ppk_ = kept.pps_to_ppk;
  }

  std::vector<std::uint32_t> targets(m.tps_.size());
  for (std::size_t i = 0; i < m.tps_.size(); ++i) targets[i] = m.tps_[i].node;
  // Candidate stations per tier, with the way back on the reversed roads where some are one-way.
  const geo::RoadGraph* reversed = kept.reversed.get();
  for (std::size_t tier = 0; tier < kDispatchTierCount; ++tier) {
    const DispatchReach& reach = scenario.forces.reach[tier];
    const Tick horizon = minutes(reach.minutes);
    Fingerprint key;
    key.fp(places).u(static_cast<std::uint64_t>(reach.posts)).u(static_cast<std::uint64_t>(horizon));
    for (std::size_t i = 0; i < tier_sources[tier].size(); ++i) {
      const geo::TravelSource& src = tier_sources[tier][i];
      key.u(src.node).u(static_cast<std::uint64_t>(src.vehicle)).u(static_cast<std::uint64_t>(src.start));
      key.u(tier_stations[tier][i]);
    }
    CompileCache::State::Reach& r = kept.reach[tier];
    if (r.key != key) {
      const geo::NearestSources near(graph, tier_sources[tier], targets,
                                     static_cast<std::size_t>(reach.posts), horizon);
      const std::vector<Tick> back =
          reversed ? geo::return_times(*reversed, tier_sources[tier], targets, near, 3 * horizon)
                   : std::vector<Tick>{};
      auto offsets = std::make_shared<std::vector<std::size_t>>(1, 0);
      auto entries = std::make_shared<std::vector<StationReach>>();
      offsets->reserve(targets.size() + 1);
      entries->reserve(near.size());
      r.binding = 0;
      for (std::size_t t = 0; t < targets.size(); ++t) {
        for (const geo::NearestSource& e : near.of(t)) {
          const std::size_t i = entries->size();
          // A return the reversed search did not find within its bound takes the outbound time.
          const Tick way_back = reversed && back[i] != geo::kUnreachable ? back[i] : e.time;
          entries->push_back({tier_stations[tier][e.source], e.time, way_back});
        }
        offsets->push_back(entries->size());
        r.binding += near.truncated(t) ? 1 : 0;
      }
      r.offsets = std::move(offsets);
      r.entries = std::move(entries);
      r.key = key;
    }
    m.reach_offsets_[tier] = r.offsets;
    m.reach_[tier] = r.entries;
    m.reach_binding_[tier] = r.binding;
  }
  // The distance band of an incident nobody answers: from the station that reaches it first.
  for (std::uint32_t i = 0; i < m.tps_.size(); ++i) {
    Tick best = kNever;
    for (std::size_t tier = 0; tier < kDispatchTierCount; ++tier) {
      if (static_cast<DispatchTier>(tier) == DispatchTier::kPolda) continue;
      for (const StationReach& r : m.tps_stations(static_cast<DispatchTier>(tier), i))
        if (r.there < best) {
          best = r.there;
          m.tps_[i].nearest_post_km =
              geo::distance_m(graph.node(m.stations_[r.station].node), graph.node(m.tps_[i].node)) / 1000.0;
        }
    }
  }

  // What every replication's day reads.
  day_rates(scenario, m.phase_starts_, m.kind_rates_, m.total_rates_);
  for (std::size_t i = 0; i < region.tps.size(); ++i) m.tps_[i].stream = stream_entity(region.tps[i].id);
  for (const Unit& u : scenario.forces.units) m.unit_streams_.push_back(stream_entity(u.id));
  for (const Village& v : region.villages) m.village_streams_.push_back(stream_entity(v.code));
  m.village_has_bhabinkamtibmas_.assign(region.villages.size(), 0);
  for (const Unit& u : scenario.forces.units)
    if (u.kind == UnitKind::kBhabinkamtibmas)
      for (const std::size_t v : u.villages) m.village_has_bhabinkamtibmas_[v] = 1;
  contagion_neighbours(scenario.incidents, graph, m.tps_, m.contagion_offsets_, m.contagion_tps_);
  m.scenario_ = std::move(scenario);
  return model;
}

}  // namespace siaga::scenario
