#include "siaga/experiment/compare.hpp"

#include <algorithm>
#include <cmath>

#include "siaga/core/error.hpp"

namespace siaga::experiment {

using dynamics::Metric;

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::kReference:
      return "reference";
    case Verdict::kBetter:
      return "better";
    case Verdict::kWorse:
      return "worse";
    case Verdict::kIndistinguishable:
      return "not distinguishable";
    case Verdict::kNoDirection:
      return "-";
  }
  return "-";
}

Comparison compare_plans(const scenario::ScenarioDocument& doc, const std::vector<std::string>& plans,
                         const ExperimentOptions& options) {
  if (plans.size() < 2) throw InputError("--plans: name at least two plans to compare");
  for (std::size_t i = 0; i < plans.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (plans[i] == plans[j]) throw InputError("--plans: plan '" + plans[i] + "' is named twice");
  // Compile every plan first, so a bad plan fails before any replication runs.
  std::vector<std::shared_ptr<const scenario::Model>> models;
  scenario::CompileCache cache;  // what the plans share is compiled once
  for (const std::string& p : plans) models.push_back(scenario::compile(scenario::resolve(doc, p), cache));

  Comparison c;
  c.confidence = options.confidence;
  c.models = models;
  ExperimentOptions o = options;
  for (std::size_t i = 0; i < models.size(); ++i) {
    if (i > 0 && o.precision) {
      // Every plan runs exactly as many replications as the first, so the pairs line up.
      o.precision.reset();
      o.replications = c.results.front().n();
    }
    if (options.progress) {  // the bar names the plan it runs
      const std::string stage =
          "plan '" + plans[i] + "', " + std::to_string(i + 1) + " of " + std::to_string(plans.size());
      o.progress = [&options, stage](const Progress& p) {
        Progress named = p;
        named.stage = stage;
        options.progress(named);
      };
    }
    c.results.push_back(run_experiment(models[i], o));
    if (c.results.back().partial) break;
  }
  const std::size_t n =
      std::min_element(c.results.begin(), c.results.end(), [](const auto& a, const auto& b) {
        return a.n() < b.n();
      })->n();
  for (ExperimentResult& r : c.results) r.replications.resize(n);

  double ratio_sum = 0;
  std::size_t ratio_count = 0;
  const double alpha = 1.0 - options.confidence;
  for (std::size_t mi = 0; mi < dynamics::kMetricCount; ++mi) {
    const auto m = static_cast<Metric>(mi);
    MetricComparison mc;
    mc.metric = m;
    // The replications where the metric is defined in every plan: summaries and differences over
    // other sets would disagree (a plan's mean 0.69 against another's 0.70, yet a difference of 0).
    std::vector<std::vector<double>> columns;
    for (const ExperimentResult& r : c.results) columns.push_back(r.column(m));
    std::vector<bool> everywhere(n, true);
    for (const auto& col : columns)
      for (std::size_t i = 0; i < n; ++i) everywhere[i] = everywhere[i] && !std::isnan(col[i]);
    for (auto& col : columns) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (everywhere[i]) col[kept++] = col[i];
      col.resize(kept);
    }
    const dynamics::MetricRange range = dynamics::metric_range(m);
    const double span = range.upper - range.lower;  // a difference lies in [-span, span]
    std::vector<double> raw_p;
    for (std::size_t k = 0; k < c.results.size(); ++k) {
      mc.plans.push_back(summarize_metric(m, columns[k], options.confidence));
      if (k == 0) {
        mc.differences.emplace_back();
        continue;
      }
      PairedDifference d = paired_difference(columns.front(), columns[k], options.confidence);
      if (std::isfinite(span)) {
        if (!std::isnan(d.low)) d.low = std::clamp(d.low, -span, span);
        if (!std::isnan(d.high)) d.high = std::clamp(d.high, -span, span);
      }
      mc.differences.push_back(d);
      raw_p.push_back(std::isfinite(d.p_value) ? d.p_value : 1.0);
      if (d.independent_half_width > 0 && std::isfinite(d.half_width())) {
        ratio_sum += d.half_width() / d.independent_half_width;
        ++ratio_count;
      }
    }
    // Holm over the comparisons with the first plan, metric by metric.
    const std::vector<double> adjusted = holm_adjust(raw_p);
    mc.adjusted_p.push_back(0.0);
    mc.verdicts.push_back(Verdict::kReference);
    const dynamics::Better better = dynamics::metric_better(m);
    for (std::size_t k = 1; k < c.results.size(); ++k) {
      const double p = adjusted[k - 1];
      mc.adjusted_p.push_back(p);
      const double diff = mc.differences[k].mean;
      if (better == dynamics::Better::kNeither) {
        mc.verdicts.push_back(Verdict::kNoDirection);
      } else if (p >= alpha || diff == 0) {
        mc.verdicts.push_back(Verdict::kIndistinguishable);
      } else {
        const bool lower = diff < 0;
        mc.verdicts.push_back(lower == (better == dynamics::Better::kLower) ? Verdict::kBetter
                                                                            : Verdict::kWorse);
      }
    }
    c.metrics.push_back(std::move(mc));
  }
  c.width_ratio = ratio_count > 0 ? ratio_sum / static_cast<double>(ratio_count) : 1.0;
  return c;
}

}  // namespace siaga::experiment
