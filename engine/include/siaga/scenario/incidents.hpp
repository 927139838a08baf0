#pragma once
// What the dynamics need beyond places and forces: incident kinds and rates, escalation,
// contagion, misclassification, counting durations and vehicle faults. Configuration only.

#include <array>
#include <string>
#include <vector>

#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {

/// Phases of a TPS's day, each with its own incident rate.
enum class Phase : std::uint8_t { kSetup, kVoting, kLastHour, kCounting, kPostCount };
inline constexpr std::size_t kPhaseCount = 5;

/// How long handling takes.
enum class HandlingDistribution : std::uint8_t { kExponential, kLognormal, kGamma, kFixed };

/// A handling-time distribution by its mean and coefficient of variation (minutes).
struct Handling {
  HandlingDistribution distribution = HandlingDistribution::kLognormal;
  double mean_minutes = 30.0;
  double cv = 0.5;  ///< ignored by exponential (1) and fixed (0)
};

/// One kind of incident.
struct IncidentKind {
  std::string name;  ///< e.g. "disturbance"
  int severity = 1;  ///< 1 disturbance ... 5 riot; decides who can settle it
  int officers = 1;  ///< officers needed on scene to start settling it
  Handling handling;
  double per_1000_tps_day = 1.0;  ///< expected incidents per 1,000 kurang rawan TPS-days, before deterrence
  std::array<double, kPhaseCount> phase_weights{};  ///< relative rate per phase (setup ... post_count)
};

/// Polri's response target for one distance band: an officer on scene within `minutes` when the
/// responding unit's post is more than `beyond_km` from the TPS (the farthest band that applies).
struct ResponseTarget {
  double beyond_km = 0.0;  ///< km, straight line from the post to the TPS
  double minutes = 10.0;
};
inline constexpr std::size_t kMaxResponseBands = 4;

/// Villages where the result is contested: the post-count rate is higher there.
struct Contested {
  double share = 0.05;      ///< villages contested on a day (drawn per replication); default by election
  double multiplier = 3.0;  ///< post-count rate factor in a contested village
};

/// The incidents section.
struct Incidents {
  std::vector<IncidentKind> kinds;  ///< ordered by severity; escalation moves to the next severity
  std::array<double, kCategoryCount> category_multiplier{1.0, 3.0, 10.0, 3.0};  ///< by true category
  double deterrence = 0.6;              ///< share of incidents that still happen at a fully guarded TPS
  double bhabinkamtibmas_factor = 0.8;  ///< rate factor in villages with their own Bhabinkamtibmas
  /// Hazard of escalating per hour with nobody on scene; it falls in proportion to the share of the
  /// needed officers on scene, to 0 once they are all there, and stops once handling starts.
  double escalation_per_hour = 0.3;
  /// After a TPS's count ends its incident rate decays: it halves every this many hours (0: no
  /// incident after the count).
  double post_count_half_life_hours = 2.0;
  Contested contested;
  double transit_per_1000_box_hours = 2.0;  ///< incidents on unescorted boxes in transit (ballot threat)
  double transit_escort_factor = 0.2;       ///< rate factor on escorted boxes
  bool contagion = false;                   ///< an incident raises the rate at nearby TPS for a while
  double contagion_radius_km = 2.0;
  double contagion_boost = 2.0;  ///< rate multiplier at TPS within the radius
  double contagion_minutes = 60.0;
  /// misclassification[true][rated]: P(rated | true). Identity means every TPS is rated right.
  std::array<std::array<double, kCategoryCount>, kCategoryCount> misclassification{
      {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}};
  /// By distance band, nearest band first (beyond_km increasing, the first 0).
  std::vector<ResponseTarget> response_targets{{0.0, 10.0}, {5.0, 15.0}, {10.0, 25.0}};
  double long_wait_minutes = 30.0;  ///< a wait this long for a first officer is a long wait
};

/// How long counting takes at a TPS: lognormal with mean base + per ballot cast (minutes).
struct Counting {
  double base_minutes = 60.0;
  double minutes_per_ballot = 0.15;  ///< per voter x ballots per voter; Pemilu default 0.45
  double cv = 0.25;
  double turnout = 0.8;  ///< share of registered voters who vote
};

/// Vehicle faults and absences.
struct Faults {
  double breakdown_per_hour = 0.02;       ///< breakdowns or empty tanks per hour of driving
  double repair_minutes = 45.0;           ///< meanwhile the unit moves at foot speed
  double unavailable_probability = 0.02;  ///< a unit is absent for the day (sick, late)
};

/// The share of villages whose result is contested on the day unless the scenario says otherwise
/// (E): a village head race (Pilkades) is decided inside the village and fought over there most.
double default_contested_share(ElectionKind election) noexcept;

/// Default incident kinds (docs/domain.md#incidents, E): see scenarios/README.md.
std::vector<IncidentKind> default_incident_kinds(ElectionKind election = ElectionKind::kPilkada);

/// Scenario spellings.
std::string_view to_string(Phase p) noexcept;
std::string_view to_string(HandlingDistribution d) noexcept;

}  // namespace siaga::scenario
