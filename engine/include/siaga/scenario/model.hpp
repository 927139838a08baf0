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

/// What one TPS has and where it is, compiled.
struct TpsSite {
  std::uint32_t node = 0;         ///< graph node index
  std::uint32_t village = 0;      ///< index into Region::villages
  std::uint32_t kecamatan = 0;    ///< index into Region::kecamatan
  std::uint32_t guard_group = 0;  ///< index into Model::guard_groups()
  int linmas = 0;                 ///< Linmas at the TPS
  /// ms from the nearest dispatchable unit's position, travel only
  Tick nearest_unit_travel = geo::kUnreachable;
  Tick guard_travel = 0;  ///< ms by motorbike from its guard group's position
  Tick to_pps = 0;        ///< ms by motorbike from the TPS to its village's PPS
};

/// Dispatch tiers, up the reinforcement chain; each TPS keeps its nearest units of each tier.
enum class DispatchTier : std::uint8_t {
  kVillage,  ///< Bhabinkamtibmas
  kSector,   ///< Polsek reserves (and any other dispatchable unit of a kind not below)
  kResort,   ///< Polres quick response, Brimob, TNI support
};
inline constexpr std::size_t kDispatchTierCount = 3;

/// How far each tier is looked for and how many of its units a TPS keeps as candidates. A village
/// officer far away is no help; a Brimob company an hour away still is.
struct TierReach {
  Tick horizon;         ///< ms of travel; farther units are not candidates
  std::size_t per_tps;  ///< candidates kept per TPS, nearest first
};
inline constexpr std::array<TierReach, kDispatchTierCount> kTierReach{{
    {45 * kTicksPerMinute, 4},
    {90 * kTicksPerMinute, 4},
    {6 * kTicksPerHour, 8},
}};

/// The tier of a unit kind.
DispatchTier dispatch_tier(UnitKind kind) noexcept;

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
  /// Indices (into Forces::units) of the dispatchable units of a tier.
  std::span<const std::uint32_t> tier_units(DispatchTier tier) const noexcept {
    return tier_units_[static_cast<std::size_t>(tier)];
  }
  /// For each TPS, the nearest dispatchable units of a tier by travel time with their own vehicle
  /// (source = index into tier_units(tier)), within the tier's reach (kTierReach).
  const geo::NearestSources& tps_candidates(DispatchTier tier) const noexcept {
    return *candidates_[static_cast<std::size_t>(tier)];
  }

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
  /// The random-stream entity of each TPS (stream_entity of its id).
  std::span<const std::uint64_t> tps_streams() const noexcept { return tps_streams_; }
  /// The random-stream entity of each unit (stream_entity of its id).
  std::span<const std::uint64_t> unit_streams() const noexcept { return unit_streams_; }
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
  friend std::shared_ptr<const Model> compile(Scenario scenario);
  Model() = default;

  Scenario scenario_;
  std::shared_ptr<const geo::RoadGraph> roads_;
  std::vector<TpsSite> tps_;
  std::vector<std::uint32_t> village_nodes_, ppk_nodes_, unit_nodes_, post_nodes_;
  std::vector<Tick> pps_to_ppk_;
  std::array<std::array<double, kCategoryCount>, kCategoryCount> true_given_rated_{};
  std::vector<GuardGroup> guard_groups_;
  std::vector<std::uint32_t> group_tps_;
  std::array<std::vector<std::uint32_t>, kDispatchTierCount> tier_units_;
  std::array<std::unique_ptr<geo::NearestSources>, kDispatchTierCount> candidates_;
  std::array<int, kCategoryCount> guard_officers_{};
  int guard_pool_ = 0;
  std::array<Tick, 4> phase_starts_{};
  std::vector<std::array<double, kPhaseCount>> kind_rates_;
  std::array<double, kPhaseCount> total_rates_{};
  std::vector<std::uint64_t> tps_streams_, unit_streams_;
  std::vector<std::uint8_t> village_has_bhabinkamtibmas_;
  std::vector<std::uint32_t> contagion_offsets_, contagion_tps_;
};

/// Compiles a resolved scenario. Throws ScenarioError for what only compilation can find: a TPS or
/// village that no dispatchable unit can reach by road, or a plan that needs more guards than the
/// tps_guard units hold.
std::shared_ptr<const Model> compile(Scenario scenario);

}  // namespace siaga::scenario
