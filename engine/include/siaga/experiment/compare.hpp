#pragma once
// Plans compared on common random numbers: every plan runs the same replication indices with the
// same seed, so each TPS sees the same underlying incidents; differences are paired per replication.

#include <memory>
#include <string>
#include <vector>

#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/scenario/load.hpp"

namespace siaga::experiment {

/// How a plan fares against the first plan on one metric.
enum class Verdict : std::uint8_t { kReference, kBetter, kWorse, kIndistinguishable, kNoDirection };

/// One metric across the compared plans. Every figure is over the same replications: those where
/// the metric is defined in every plan (a mean response time needs an incident that day), so that a
/// plan's mean minus the first plan's is the paired difference's mean.
struct MetricComparison {
  dynamics::Metric metric{};
  std::vector<MetricSummary> plans;           ///< per plan, by summarize_metric()
  std::vector<PairedDifference> differences;  ///< plan - first plan; [0] is empty
  std::vector<double> adjusted_p;             ///< Holm-adjusted p-values; [0] is 0
  std::vector<Verdict> verdicts;              ///< [0] is kReference
};

/// The comparison of several plans.
struct Comparison {
  std::vector<ExperimentResult> results;  ///< per plan, in the order asked
  /// Each plan's compiled model, in the order asked (for writing per-plan results).
  std::vector<std::shared_ptr<const scenario::Model>> models;
  std::vector<MetricComparison> metrics;  ///< every metric
  double confidence = 0.95;
  /// Mean over metrics and plans of paired half-width / independent half-width (below 1: common
  /// random numbers narrowed the intervals).
  double width_ratio = 1.0;
};

/// Runs every plan with the same options and compares them. Throws InputError for fewer than two
/// plans, an unknown or repeated plan, and ScenarioError for a bad scenario.
Comparison compare_plans(const scenario::ScenarioDocument& doc, const std::vector<std::string>& plans,
                         const ExperimentOptions& options);

/// "better", "worse", "not distinguishable", "reference", "-".
std::string_view to_string(Verdict v) noexcept;

}  // namespace siaga::experiment
