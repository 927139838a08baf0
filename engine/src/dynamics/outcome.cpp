#include "siaga/dynamics/outcome.hpp"

namespace siaga::dynamics {
namespace {

struct MetricInfo {
  std::string_view name;
  Better better;
  bool indicator;
};

constexpr MetricInfo kMetrics[kMetricCount] = {
    {"incidents", Better::kLower, false},
    {"serious_incidents", Better::kLower, false},
    {"clashes", Better::kLower, false},
    {"riots", Better::kLower, false},
    {"clashes_to_riots", Better::kLower, false},
    {"escalations", Better::kLower, false},
    {"any_escalation", Better::kLower, true},
    {"unsettled", Better::kLower, false},
    {"never_answered", Better::kLower, false},
    {"first_response_mean_min", Better::kLower, false},
    {"first_response_p50_min", Better::kLower, false},
    {"first_response_p90_min", Better::kLower, false},
    {"first_response_p95_min", Better::kLower, false},
    {"first_response_p99_min", Better::kLower, false},
    {"first_response_max_min", Better::kLower, false},
    {"full_response_mean_min", Better::kLower, false},
    {"full_response_p90_min", Better::kLower, false},
    {"full_response_max_min", Better::kLower, false},
    {"share_within_target", Better::kHigher, false},
    {"share_within_target_band1", Better::kHigher, false},
    {"share_within_target_band2", Better::kHigher, false},
    {"share_within_target_band3", Better::kHigher, false},
    {"share_within_target_band4", Better::kHigher, false},
    {"any_long_wait", Better::kLower, true},
    {"post_count_exposed", Better::kLower, false},
    {"post_count_response_mean_min", Better::kLower, false},
    {"transit_incidents", Better::kLower, false},
    {"officer_hours_duty", Better::kLower, false},
    {"officer_hours_busy", Better::kNeither, false},
    {"officer_hours_retention", Better::kNeither, false},
    {"officer_hours_travel", Better::kNeither, false},
    {"officer_hours_overtime", Better::kLower, false},
    {"utilization_bhabinkamtibmas", Better::kNeither, false},
    {"utilization_polsek", Better::kNeither, false},
    {"utilization_polres", Better::kNeither, false},
    {"utilization_brimob", Better::kNeither, false},
    {"utilization_tni", Better::kNeither, false},
    {"utilization_polda", Better::kNeither, false},
    {"last_box_at_ppk_hours", Better::kLower, false},
    {"events", Better::kNeither, false},
};

}  // namespace

std::string_view metric_name(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].name; }
Better metric_better(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].better; }
bool metric_is_indicator(Metric m) noexcept { return kMetrics[static_cast<std::size_t>(m)].indicator; }

}  // namespace siaga::dynamics
