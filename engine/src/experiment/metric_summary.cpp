#include "siaga/experiment/metric_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace siaga::experiment {

std::string_view to_string(SummaryKind k) noexcept {
  return k == SummaryKind::kProbability ? "probability" : "mean";
}

MetricSummary summarize_metric(dynamics::Metric m, std::span<const double> values, double confidence) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  MetricSummary out;
  out.metric = m;
  if (dynamics::metric_is_indicator(m)) {
    std::size_t successes = 0, n = 0;
    for (const double v : values) {
      if (std::isnan(v)) continue;
      ++n;
      if (v > 0.5) ++successes;
    }
    const Proportion p = wilson(successes, n, confidence);
    out.kind = SummaryKind::kProbability;
    out.n = n;
    out.successes = successes;
    out.mean = p.estimate;
    out.low = p.low;
    out.high = p.high;
    out.sd = out.p5 = out.p50 = out.p95 = out.p99 = kNaN;
    return out;
  }
  const Summary s = summarize(values, confidence);
  const dynamics::MetricRange range = dynamics::metric_range(m);
  out.kind = SummaryKind::kMean;
  out.n = s.n;
  out.mean = s.mean;
  // A t interval is symmetric and knows no bounds; the metric's range does (std::clamp would turn
  // a NaN bound into a number).
  out.low = std::isnan(s.low) ? s.low : std::clamp(s.low, range.lower, range.upper);
  out.high = std::isnan(s.high) ? s.high : std::clamp(s.high, range.lower, range.upper);
  out.sd = s.sd;
  out.p5 = s.p5;
  out.p50 = s.p50;
  out.p95 = s.p95;
  out.p99 = s.p99;
  return out;
}

}  // namespace siaga::experiment
