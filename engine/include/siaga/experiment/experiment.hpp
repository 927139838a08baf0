#pragma once
// Many replications of one plan, in parallel with TBB. Replication i's streams depend only on
// (seed, i), results are kept in index order and per-TPS counts are integer sums, so every figure
// is identical bit for bit whatever the number of threads.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "siaga/dynamics/outcome.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::experiment {

/// One replication's scalar metrics (dynamics::Metric order).
using MetricRow = std::array<double, dynamics::kMetricCount>;

/// When a precision-driven run may stop: every key metric's interval is narrow enough.
struct Precision {
  double relative = 0.05;  ///< means: half-width / |mean| at most this
  double absolute = 0.01;  ///< probabilities and shares: half-width at most this
};

/// How far a run has come, for progress bars.
struct Progress {
  std::size_t done = 0;
  std::size_t total = 0;  ///< the planned replications (max-n for precision-driven runs)
  double seconds = 0;     ///< wall time so far
  /// What is running, for a study of several experiments ("plan 'doctrine', 1 of 3"); empty for
  /// one experiment.
  std::string stage;
};

/// What to run.
struct ExperimentOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 1000;  ///< n; with precision: the first block count to reach, then more
  unsigned threads = 0;             ///< 0: every core
  double confidence = 0.95;         ///< of every interval
  std::optional<Precision> precision;
  std::size_t max_replications = 100'000;  ///< precision-driven runs stop here
  /// Replications are added in blocks of this size (independent of the thread count): with
  /// precision, exactly; without, at least (blocks grow to about 0.25 s of work, at most n/4, so
  /// threads wait less while progress and Ctrl-C are heard a few times a second).
  std::size_t block = 50;
  std::function<void(const Progress&)> progress;  ///< called from the calling thread between blocks
  const std::atomic<bool>* cancel = nullptr;      ///< set to stop after the current block (Ctrl-C)
};

/// Every replication of one plan.
struct ExperimentResult {
  std::string plan;
  std::uint64_t seed = 0;
  std::vector<MetricRow> replications;  ///< in index order
  /// Per TPS: in how many replications it had an incident / an escalation / a late first
  /// response / an incident after its guards left.
  std::vector<std::uint32_t> tps_incident, tps_escalation, tps_late, tps_exposed;
  /// Per village: in how many replications any of its TPS had an incident / an escalation / a
  /// late first response / an incident after its guards left.
  std::vector<std::uint32_t> village_incident, village_escalation, village_late, village_exposed;
  /// Per TPS, summed over replications: incidents, escalations, late first responses, incidents
  /// after its guards left (so that per-day means of any group of TPS add up exactly).
  std::vector<std::uint64_t> tps_incidents_sum, tps_escalations_sum, tps_late_sum, tps_exposed_sum;
  /// Every replication's incidents pooled by distance band and first-response minute
  /// (dynamics::Outcome::response_histogram summed).
  std::array<std::array<std::uint64_t, dynamics::kResponseHistogramBins>, scenario::kMaxResponseBands>
      response_histogram{};
  /// Every replication's incidents by reporting hour (0-47) and phase, summed.
  std::array<std::array<std::uint64_t, scenario::kPhaseCount>, dynamics::kDayHours> incidents_by_hour{};
  /// Per unit, summed over replications (integers: the same in any order): teams sent, and
  /// officer-ms busy, on duty and past the duty end.
  std::vector<std::uint64_t> unit_dispatches;
  std::vector<std::int64_t> unit_busy_officer_ms, unit_duty_officer_ms, unit_overtime_officer_ms;
  /// Per replication (index order) and distance band of the response targets: incidents, and those
  /// with an officer on scene within the band's target.
  struct BandCounts {
    std::array<std::uint32_t, scenario::kMaxResponseBands> incidents{}, within{};
  };
  std::vector<BandCounts> bands;
  bool partial = false;            ///< stopped early by a cancel (Ctrl-C)
  bool precision_reached = false;  ///< precision-driven: every key metric met its threshold
  double seconds = 0;              ///< wall time
  unsigned threads = 0;            ///< threads used

  std::size_t n() const noexcept { return replications.size(); }
  /// One metric across replications, in index order.
  std::vector<double> column(dynamics::Metric m) const;
};

/// The metrics a precision-driven run watches: means to a relative half-width (mean first
/// response, mean escalations), probabilities and shares to an absolute one (P(any escalation),
/// share answered within the first target).
std::vector<dynamics::Metric> key_metrics();

/// Runs replications 0, 1, ... of the model's plan. Throws InputError for unusable options.
ExperimentResult run_experiment(const std::shared_ptr<const scenario::Model>& model,
                                const ExperimentOptions& options);

}  // namespace siaga::experiment
