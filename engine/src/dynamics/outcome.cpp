#include "siaga/dynamics/outcome.hpp"

#include <limits>

namespace siaga::dynamics {
namespace {

struct MetricInfo {
  std::string_view name;
  Better better;
  bool indicator;
  std::string_view label;  // in words, with the unit
  bool bounded;            // a share: values in [0, 1]
};

constexpr MetricInfo kMetrics[kMetricCount] = {
    {"incidents", Better::kLower, false, "incidents at TPS, per day", false},
    {"serious_incidents", Better::kLower, false, "serious incidents (severity 3 or more), per day", false},
    {"clashes", Better::kLower, false, "clashes, per day", false},
    {"riots", Better::kLower, false, "riots, per day", false},
    {"clashes_to_riots", Better::kLower, false, "clashes that became riots, per day", false},
    {"escalations", Better::kLower, false, "escalations, per day", false},
    {"any_escalation", Better::kLower, true, "chance of a day with an escalation", true},
    {"unsettled", Better::kLower, false, "incidents still open at the end of the day, per day", false},
    {"never_answered", Better::kLower, false, "incidents no officer reached, per day", false},
    {"first_response_mean_min", Better::kLower, false,
     "first officer on scene, mean over a day's incidents, minutes", false},
    {"first_response_p50_min", Better::kLower, false,
     "first officer on scene, median of a day's incidents, minutes", false},
    {"first_response_p90_min", Better::kLower, false,
     "first officer on scene, 90th percentile of a day's incidents, minutes", false},
    {"first_response_p95_min", Better::kLower, false,
     "first officer on scene, 95th percentile of a day's incidents, minutes", false},
    {"first_response_p99_min", Better::kLower, false,
     "first officer on scene, 99th percentile of a day's incidents, minutes", false},
    {"first_response_max_min", Better::kLower, false,
     "first officer on scene, longest wait of the day, minutes", false},
    {"full_response_mean_min", Better::kLower, false,
     "enough officers on scene, mean over a day's incidents, minutes", false},
    {"full_response_p90_min", Better::kLower, false,
     "enough officers on scene, 90th percentile of a day's incidents, minutes", false},
    {"full_response_max_min", Better::kLower, false,
     "enough officers on scene, longest wait of the day, minutes", false},
    {"share_within_target", Better::kHigher, false, "share of a day's incidents reached within target", true},
    {"share_within_target_band1", Better::kHigher, false,
     "share reached within target, nearest distance band", true},
    {"share_within_target_band2", Better::kHigher, false, "share reached within target, second distance band",
     true},
    {"share_within_target_band3", Better::kHigher, false, "share reached within target, third distance band",
     true},
    {"share_within_target_band4", Better::kHigher, false, "share reached within target, fourth distance band",
     true},
    {"any_long_wait", Better::kLower, true, "chance of a day with a long wait for an officer", true},
    {"post_count_exposed", Better::kLower, false, "incidents after guards left, per day", false},
    {"post_count_response_mean_min", Better::kLower, false,
     "first officer on scene after guards left, mean, minutes", false},
    {"transit_incidents", Better::kLower, false, "incidents on ballot boxes in transit, per day", false},
    {"officer_hours_duty", Better::kLower, false, "officer-hours on duty, per day", false},
    {"officer_hours_busy", Better::kNeither, false,
     "units' officer-hours at incidents or on the way, per day", false},
    {"officer_hours_retention", Better::kNeither, false,
     "officer-hours of guards kept at TPS after the count, per day", false},
    {"officer_hours_travel", Better::kNeither, false, "officer-hours on the road, per day", false},
    {"officer_hours_overtime", Better::kLower, false, "officer-hours past units' duty end, per day", false},
    {"utilization_bhabinkamtibmas", Better::kNeither, false, "Bhabinkamtibmas busy share of on-duty hours",
     true},
    {"utilization_polsek", Better::kNeither, false, "Polsek reserves busy share of on-duty hours", true},
    {"utilization_polres", Better::kNeither, false, "Polres units busy share of on-duty hours", true},
    {"utilization_brimob", Better::kNeither, false, "Brimob busy share of on-duty hours", true},
    {"utilization_tni", Better::kNeither, false, "TNI support busy share of on-duty hours", true},
    {"utilization_polda", Better::kNeither, false, "Polda reserve busy share of on-duty hours", true},
    {"last_box_at_ppk_hours", Better::kLower, false, "last ballot boxes at their PPK, hours after midnight",
     false},
    {"events", Better::kNeither, false, "simulation events delivered, per day", false},
};

}  // namespace

std::string_view metric_name(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].name; }
Better metric_better(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].better; }
std::string_view better_name(Better b) noexcept {
  switch (b) {
    case Better::kLower:
      return "lower";
    case Better::kHigher:
      return "higher";
    case Better::kNeither:
      break;
  }
  return "neither";
}
bool metric_is_indicator(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].indicator; }
std::string_view metric_label(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].label; }
MetricRange metric_range(Metric m) noexcept {
  return {0.0, kMetrics[static_cast<std::size_t>(m)].bounded ? 1.0 : std::numeric_limits<double>::infinity()};
}

}  // namespace siaga::dynamics
