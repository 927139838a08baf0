#pragma once
// The compiled model: a scenario under one plan, turned into flat arrays, a road graph and
// precomputed travel tables. Immutable; every replication on every thread shares one.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "siaga/core/time.hpp"
#include "siaga/geo/road_graph.hpp"
#include "siaga/geo/travel_table.hpp"
#include "siaga/scenario/scenario.hpp"

namespace siaga::scenario {

/// Officers standing guard over a run of Y TPS of one category in one kecamatan (X-Y-Z).
struct GuardGroup {
  Category category = Category::kKurangRawan;
  std::uint32_t kecamatan = 0;
  int officers = 0;             ///< X
  std::uint32_t first_tps = 0;  ///< index into Model::group_tps()
  std::uint32_t tps_count = 0;  ///< Y, or fewer for the last run of a kecamatan
  std::uint32_t node = 0;       ///< graph node where the group stands (its first TPS)
};

class CompileCache;

/// What one TPS has and where it is, compiled. One cache line: the day reaches a TPS's site at
/// random (its count ending, a candidate incident), so what any event of it reads is fetched at once.
struct alignas(64) TpsSite {
  std::uint32_t node = 0;         ///< graph node index
  std::uint32_t village = 0;      ///< index into Region::villages
  std::uint32_t kecamatan = 0;    ///< index into Region::kecamatan
  std::uint32_t guard_group = 0;  ///< index into Model::guard_groups() (the plan's rated allocation)
  int linmas = 0;                 ///< Linmas at the TPS
  /// ms from the nearest dispatchable unit's position, travel only
  Tick nearest_unit_travel = geo::kUnreachable;
  Tick guard_travel = 0;  ///< ms by motorbike from its guard group's position
  Tick to_pps = 0;        ///< ms by motorbike from the TPS to its village's PPS
  /// km (straight line) to the place of the unit that can reach it first: the distance band of an
  /// incident no unit answered
  double nearest_post_km = 0;
  std::uint64_t stream = 0;  ///< the random-stream entity of the TPS (stream_entity of its id)
};
static_assert(sizeof(TpsSite) == 64, "a TPS's site is one cache line");

/// A place where units of one tier wait to be sent: a post, or the village a Bhabinkamtibmas lives
/// in, with the vehicle they move by (units of one post with other vehicles make other stations).
struct Station {
  DispatchTier tier = DispatchTier::kSector;
  std::uint32_t node = 0;
  geo::Vehicle vehicle = geo::Vehicle::kMotorbike;
  std::uint32_t post = 0;  ///< index into Forces::posts (of the first unit)
};

/// One of a TPS's candidate stations, with the road times there and back (ms, travel only).
struct StationReach {
  std::uint32_t station = 0;  ///< index into Model::stations()
  Tick there = 0;
  Tick back = 0;  ///< the reverse route: one-way streets make it differ
};

/// A scenario compiled for simulation under one plan.
class Model {
 public:
  const Scenario& scenario() const noexcept { return scenario_; }
  const Plan& plan() const noexcept { return scenario_.plan; }
  const geo::RoadGraph& roads() const noexcept { return *roads_; }

  std::span<const TpsSite> tps() const noexcept { return tps_; }
  /// Graph node of each village (its PPS).
  std::span<const std::uint32_t> village_nodes() const noexcept { return village_nodes_; }
  /// Motorbike time (ms) from each village's PPS to its kecamatan's PPK.
  std::span<const Tick> pps_to_ppk() const noexcept { return pps_to_ppk_; }
  /// P(true category | rated category), [rated][true]: Bayes on the scenario's misclassification
  /// matrix P(rated | true) and the rated shares (identity when every TPS is rated right).
  const std::array<std::array<double, kCategoryCount>, kCategoryCount>& true_given_rated() const noexcept {
    return true_given_rated_;
  }
  /// Graph node of each kecamatan's PPK.
  std::span<const std::uint32_t> ppk_nodes() const noexcept { return ppk_nodes_; }
  /// Graph node of each unit (its post, or its village for a Bhabinkamtibmas).
  std::span<const std::uint32_t> unit_nodes() const noexcept { return unit_nodes_; }
  /// Graph node of each post.
  std::span<const std::uint32_t> post_nodes() const noexcept { return post_nodes_; }
  std::span<const GuardGroup> guard_groups() const noexcept { return guard_groups_; }
  /// TPS indices of every guard group, group after group.
  std::span<const std::uint32_t> group_tps() const noexcept { return group_tps_; }
  /// Where dispatchable units wait, tier after tier (chain order).
  std::span<const Station> stations() const noexcept { return stations_; }
  /// The units (indices into Forces::units) of a station, in scenario order.
  std::span<const std::uint32_t> station_units(std::uint32_t station) const noexcept {
    return {station_units_.data() + station_first_[station],
            station_units_.data() + station_first_[station + 1]};
  }
  /// A unit's station, or UINT32_MAX for a unit that is not dispatched.
  std::uint32_t unit_station(std::uint32_t unit) const noexcept { return unit_station_[unit]; }
  /// A TPS's candidate stations of a tier, nearest first: within the tier's reach
  /// (Forces::reach: at most `posts` of them, within `minutes` of travel).
  std::span<const StationReach> tps_stations(DispatchTier tier, std::uint32_t tps) const noexcept {
    const auto& offsets = *reach_offsets_[static_cast<std::size_t>(tier)];
    const auto& entries = *reach_[static_cast<std::size_t>(tier)];
    return {entries.data() + offsets[tps], entries.data() + offsets[tps + 1]};
  }
  /// TPS whose candidate stations of a tier were cut by the count, not the travel horizon: a limit
  /// that binds (siaga describe warns).
  std::size_t reach_binding(DispatchTier tier) const noexcept {
    return reach_binding_[static_cast<std::size_t>(tier)];
  }
  /// The first team (an index over all units' teams) of a unit; its teams are consecutive.
  std::uint32_t first_team(std::uint32_t unit) const noexcept { return first_team_[unit]; }
  /// Teams over all units.
  std::uint32_t team_count() const noexcept { return first_team_.back(); }
  /// The highest severity TPS guards settle themselves (their tps_guard units').
  int guard_max_severity() const noexcept { return guard_max_severity_; }
  /// The TPS in the order guard groups are formed: by kecamatan, then village code, then list
  /// order (groups take runs of Y TPS of one category from it).
  std::span<const std::uint32_t> guard_order() const noexcept { return guard_order_; }

  /// Polri officers the plan stands at TPS, per category and in all.
  const std::array<int, kCategoryCount>& guard_officers() const noexcept { return guard_officers_; }
  int guard_officers_total() const noexcept;
  /// Officers in tps_guard units (the pool the plan draws from).
  int guard_pool() const noexcept { return guard_pool_; }

  // What every replication of the day needs and no replication changes, computed once here.

  /// When the phases every TPS shares begin (ms after midnight): set-up, voting, the last hour of
  /// voting, the close of voting. Counting and the post count begin per TPS.
  const std::array<Tick, 4>& phase_starts() const noexcept { return phase_starts_; }
  /// Candidate incidents of each kind in each phase, per ms, at a TPS whose true category has
  /// multiplier 1: before the category, Bhabinkamtibmas, deterrence and contagion factors.
  std::span<const std::array<double, kPhaseCount>> kind_rates() const noexcept { return kind_rates_; }
  /// kind_rates() summed over kinds, per phase, per ms.
  const std::array<double, kPhaseCount>& total_rates() const noexcept { return total_rates_; }
  /// The random-stream entity of each unit (stream_entity of its id).
  std::span<const std::uint64_t> unit_streams() const noexcept { return unit_streams_; }
  /// The random-stream entity of each village (stream_entity of its code).
  std::span<const std::uint64_t> village_streams() const noexcept { return village_streams_; }
  /// 1 for each village that has a Bhabinkamtibmas unit (whether or not present on the day).
  std::span<const std::uint8_t> village_has_bhabinkamtibmas() const noexcept {
    return village_has_bhabinkamtibmas_;
  }
  /// The TPS within the contagion radius of a TPS, by index (empty unless contagion is on).
  std::span<const std::uint32_t> contagion_neighbours(std::uint32_t tps) const noexcept {
    if (contagion_offsets_.size() <= tps + 1u) return {};
    return {contagion_tps_.data() + contagion_offsets_[tps],
            contagion_tps_.data() + contagion_offsets_[tps + 1]};
  }

 private:
  friend std::shared_ptr<const Model> compile(Scenario scenario, CompileCache& cache);
  Model() = default;

  Scenario scenario_;
  std::shared_ptr<const geo::RoadGraph> roads_;
  std::vector<TpsSite> tps_;
  std::vector<std::uint32_t> village_nodes_, ppk_nodes_, unit_nodes_, post_nodes_;
  std::vector<Tick> pps_to_ppk_;
  std::array<std::array<double, kCategoryCount>, kCategoryCount> true_given_rated_{};
  std::vector<GuardGroup> guard_groups_;
  std::vector<std::uint32_t> group_tps_;
  std::vector<Station> stations_;
  std::vector<std::uint32_t> station_first_, station_units_, unit_station_, first_team_, guard_order_;
  // Shared with a CompileCache and with other plans' models that have the same stations: at
  // national size these lists are most of a model (hundreds of MB).
  std::array<std::shared_ptr<const std::vector<std::size_t>>, kDispatchTierCount> reach_offsets_;
  std::array<std::shared_ptr<const std::vector<StationReach>>, kDispatchTierCount> reach_;
  std::array<std::size_t, kDispatchTierCount> reach_binding_{};
  int guard_max_severity_ = 2;
  std::array<int, kCategoryCount> guard_officers_{};
  int guard_pool_ = 0;
  std::array<Tick, 4> phase_starts_{};
  std::vector<std::array<double, kPhaseCount>> kind_rates_;
  std::array<double, kPhaseCount> total_rates_{};
  std::vector<std::uint64_t> unit_streams_, village_streams_;
  std::vector<std::uint8_t> village_has_bhabinkamtibmas_;
  std::vector<std::uint32_t> contagion_offsets_, contagion_tps_;
};

/// What the plans of one scenario share when compiled, kept from one compile to the next: the road
/// graph (and its reversal) with the places on it, the trips boxes make, the static coverage, guard
/// trips and each tier's reach lists. Each part is reused only when everything it was computed from
/// is the same (checked by a 128-bit fingerprint of those inputs), so a plan that changes the roads,
/// posts or units recomputes just what those change. Not thread-safe: one compile at a time.
class CompileCache {
 public:
  CompileCache();
  ~CompileCache();
  CompileCache(const CompileCache&) = delete;
  CompileCache& operator=(const CompileCache&) = delete;

  struct State;  ///< the parts kept (compile.cpp)

 private:
  friend std::shared_ptr<const Model> compile(Scenario scenario, CompileCache& cache);
  std::unique_ptr<State> state_;
};

/// Compiles a resolved scenario. Throws ScenarioError for what only compilation can find: a TPS or
/// village that no dispatchable unit can reach by road, or a plan that needs more guards than the
/// tps_guard units hold.
std::shared_ptr<const Model> compile(Scenario scenario);

/// The same model as compile(scenario), reusing what `cache` holds from earlier compiles of plans of
/// the same scenario (and keeping this one's parts for the next).
std::shared_ptr<const Model> compile(Scenario scenario, CompileCache& cache);

}  // namespace siaga::scenario
