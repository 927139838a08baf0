#pragma once
// What one replication measured: a fixed set of scalar metrics (what experiments aggregate) and
// per-TPS counters. Sized once per model and reused across replications.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "siaga/scenario/incidents.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::dynamics {

/// The scalar metrics of a replication. Times in minutes, officer time in hours. A metric that is
/// not defined in a replication (a mean response time on a day without incidents) is NaN, and
/// statistics over replications leave it out. Response times count every incident: one nobody
/// answered counts as waiting until the day ends (48:00), a lower bound of its wait.
enum class Metric : std::uint8_t {
  kIncidents,          ///< incidents reported at TPS
  kSeriousIncidents,   ///< of which serious (severity 3 or more) at some point
  kClashes,            ///< incidents that were clashes (severity 4) at some point
  kRiots,              ///< incidents that became riots (severity 5), reported so or escalated
  kClashesToRiots,     ///< clashes that became riots
  kEscalations,        ///< escalations (an incident may escalate more than once)
  kAnyEscalation,      ///< 1 if any incident escalated, else 0
  kUnsettled,          ///< incidents still open at the end of the day
  kNeverAnswered,      ///< incidents no officer reached
  kFirstResponseMean,  ///< report to first officer on scene, minutes (mean over incidents)
  kFirstResponseP50,
  kFirstResponseP90,
  kFirstResponseP95,
  kFirstResponseP99,
  kFirstResponseMax,
  kFullResponseMean,  ///< report to handling (enough officers, one able to settle it), minutes
  kFullResponseP90,
  kFullResponseMax,
  kShareWithinTarget,       ///< share of incidents with an officer on scene within their band's target
  kShareWithinTargetBand1,  ///< ... of incidents in the first distance band (NaN: none that day)
  kShareWithinTargetBand2,
  kShareWithinTargetBand3,
  kShareWithinTargetBand4,
  kAnyLongWait,                 ///< 1 if any incident waited longer than long_wait_minutes for an officer
  kPostCountExposed,            ///< incidents at a TPS after its guards left
  kPostCountResponseMean,       ///< their first response, minutes
  kTransitIncidents,            ///< incidents on ballot boxes in transit
  kOfficerHoursDuty,            ///< officer-hours on duty: guards from set-up until they leave, units over
                                ///< their duty window and overtime
  kOfficerHoursBusy,            ///< of the units' duty, officer-hours at incidents or on the way
  kOfficerHoursRetention,       ///< officer-hours of guards kept at TPS after the count
  kOfficerHoursTravel,          ///< officer-hours on the road (dispatch, return, escort)
  kOfficerHoursOvertime,        ///< officer-hours units worked past their duty end
  kUtilizationBhabinkamtibmas,  ///< busy share of on-duty officer-hours (at most 1)
  kUtilizationPolsek,
  kUtilizationPolres,
  kUtilizationBrimob,
  kUtilizationTni,
  kUtilizationPolda,
  kLastBoxAtPpkHours,  ///< when the last ballot boxes reach their PPK, hours after midnight
  kEvents,             ///< events the kernel delivered
};
inline constexpr std::size_t kMetricCount = 40;

/// Bins of the first-response histogram: whole minutes [0, 1), [1, 2), ... [119, 120), then one bin
/// for 120 minutes or more (answered), then one for never answered. Two hours is past every
/// response target; what lies beyond is the tail the quantile metrics describe.
inline constexpr std::size_t kResponseHistogramMinutes = 120;
inline constexpr std::size_t kResponseHistogramBins = kResponseHistogramMinutes + 2;
/// Whole hours a day's incidents are reported in: 0-47 (a replication runs to 48:00).
inline constexpr std::size_t kDayHours = 48;

/// Whether lower or higher values of a metric are better (for comparing plans), or neither.
enum class Better : std::uint8_t { kLower, kHigher, kNeither };

/// snake_case name of a metric ("first_response_p90_min", ...).
std::string_view metric_name(Metric m) noexcept;
/// Which direction is better.
Better metric_better(Metric m) noexcept;
/// "lower", "higher" or "neither", as the output tables spell a direction.
std::string_view better_name(Better b) noexcept;
/// True for 0/1 metrics, summarised as probabilities with Wilson intervals.
bool metric_is_indicator(Metric m) noexcept;
/// What a metric measures in words, with its unit ("incidents after guards left, per day"), for
/// the terminal and the report.
std::string_view metric_label(Metric m) noexcept;

/// The range a metric's values lie in: [0, 1] for 0/1 metrics, shares and utilisations, [0, inf)
/// for counts, times and officer-hours. An interval is clipped to it.
struct MetricRange {
  double lower = 0;
  double upper = 0;
};
/// The range of a metric's values.
MetricRange metric_range(Metric m) noexcept;

/// Everything one replication measured.
struct Outcome {
  std::array<double, kMetricCount> metrics{};
  std::vector<std::uint32_t> incidents_by_kind;  ///< by incident kind (as reported)
  std::array<std::uint32_t, scenario::kPhaseCount> incidents_by_phase{};
  std::array<std::uint32_t, scenario::kCategoryCount> incidents_by_category{};  ///< by rated category
  /// Incidents per distance band of the response targets, and of them those answered in time.
  std::array<std::uint32_t, scenario::kMaxResponseBands> band_incidents{}, band_within{};
  /// Incidents by distance band of the response targets and by first-response time
  /// (kResponseHistogramBins), so that days pool into one distribution exactly.
  std::array<std::array<std::uint32_t, kResponseHistogramBins>, scenario::kMaxResponseBands>
      response_histogram{};
  /// Incidents by the hour they were reported (0-47) and the TPS's phase then.
  std::array<std::array<std::uint32_t, scenario::kPhaseCount>, kDayHours> incidents_by_hour{};
  // Per TPS, 32 bits: a stress scenario can put tens of thousands of incidents on one TPS in a day.
  std::vector<std::uint32_t> tps_incidents;    ///< per TPS
  std::vector<std::uint32_t> tps_escalations;  ///< per TPS
  std::vector<std::uint32_t> tps_late;         ///< per TPS: first officer later than its target, or never
  std::vector<std::uint32_t> tps_exposed;      ///< per TPS: incidents after its guards left
  // Per unit (integers, so sums over replications are exact in any order).
  std::vector<std::uint32_t> unit_dispatches;          ///< teams sent
  std::vector<std::int64_t> unit_busy_officer_ms;      ///< officers x ms at incidents or on the way
  std::vector<std::int64_t> unit_duty_officer_ms;      ///< officers x ms on duty (0 if absent)
  std::vector<std::int64_t> unit_overtime_officer_ms;  ///< officers x ms past the duty end

  double operator[](Metric m) const noexcept { return metrics[static_cast<std::size_t>(m)]; }
  double& operator[](Metric m) noexcept { return metrics[static_cast<std::size_t>(m)]; }
};

}  // namespace siaga::dynamics
