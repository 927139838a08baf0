#pragma once
// The one rule by which a metric is summarised over replications, for every output (the terminal,
// summary.json, compare and sweep tables, Python): a 0/1 metric is a probability with its Wilson
// score interval; any other metric a mean with its t interval, clipped to the metric's range
// (dynamics::metric_range(): a share stays in [0, 1], a count never goes below 0). NaN values (the
// metric undefined that day) are left out. docs/statistics.md states the methods.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "siaga/dynamics/outcome.hpp"
#include "siaga/experiment/statistics.hpp"

namespace siaga::experiment {

/// How a metric is summarised.
enum class SummaryKind : std::uint8_t { kMean, kProbability };

/// "mean" or "probability" (as summary.json and the tables spell it).
std::string_view to_string(SummaryKind k) noexcept;

/// A metric across replications, by the rule above.
struct MetricSummary {
  dynamics::Metric metric{};
  SummaryKind kind = SummaryKind::kMean;
  std::size_t n = 0;          ///< replications where the metric is defined
  std::size_t successes = 0;  ///< probabilities: days it was 1 (0 for means)
  double mean = 0;            ///< the mean, or the probability (successes / n)
  double low = 0, high = 0;   ///< the interval, within the metric's range (NaN for means with n < 2)
  /// Means only (NaN for probabilities): standard deviation and type 7 quantiles across days.
  double sd = 0, p5 = 0, p50 = 0, p95 = 0, p99 = 0;
  double half_width() const noexcept { return (high - low) / 2; }
};

/// Summarises one metric's values (one per replication) at `confidence`.
MetricSummary summarize_metric(dynamics::Metric m, std::span<const double> values, double confidence);

}  // namespace siaga::experiment
