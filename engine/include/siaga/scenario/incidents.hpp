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

/// The incidents section.
struct Incidents {
  std::vector<IncidentKind> kinds;  ///< ordered by severity; escalation moves to the next severity
  std::array<double, kCategoryCount> category_multiplier{1.0, 3.0, 10.0, 3.0};  ///< by true category
  double deterrence = 0.6;              ///< share of incidents that still happen at a fully guarded TPS
  double bhabinkamtibmas_factor = 0.8;  ///< rate factor in villages with their own Bhabinkamtibmas
  double escalation_per_hour = 1.0;     ///< hazard of escalating, per hour spent waiting for enough officers
  double post_count_hours = 6.0;        ///< incidents keep arriving this long after a TPS's count ends
  double transit_per_1000_box_hours = 2.0;  ///< incidents on unescorted boxes in transit (ballot threat)
  double transit_escort_factor = 0.2;       ///< rate factor on escorted boxes
  bool contagion = false;                   ///< an incident raises the rate at nearby TPS for a while
  double contagion_radius_km = 2.0;
  double contagion_boost = 2.0;  ///< rate multiplier at TPS within the radius
  double contagion_minutes = 60.0;
  /// misclassification[true][rated]: P(rated | true). Identity means every TPS is rated right.
  std::array<std::array<double, kCategoryCount>, kCategoryCount> misclassification{
      {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}};
  std::array<double, 2> response_targets_minutes{15.0, 30.0};  ///< shares answered within these
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

/// Default incident kinds (docs/domain.md#incidents, E): see scenarios/README.md.
std::vector<IncidentKind> default_incident_kinds();

/// Scenario spellings.
std::string_view to_string(Phase p) noexcept;
std::string_view to_string(HandlingDistribution d) noexcept;

}  // namespace siaga::scenario
