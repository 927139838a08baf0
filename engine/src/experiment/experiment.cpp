#include "siaga/experiment/experiment.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "siaga/core/error.hpp"
#include "siaga/dynamics/replication.hpp"
#include "siaga/dynamics/validate.hpp"
#include "siaga/experiment/statistics.hpp"

namespace siaga::experiment {

using dynamics::Metric;

std::vector<double> ExperimentResult::column(Metric m) const {
  std::vector<double> out;
  out.reserve(replications.size());
  for (const MetricRow& row : replications) out.push_back(row[static_cast<std::size_t>(m)]);
  return out;
}

std::vector<Metric> key_metrics() {
  return {Metric::kFirstResponseMean, Metric::kEscalations, Metric::kAnyEscalation,
          Metric::kShareWithinTarget};
}

namespace {

// Per-thread counts of replications in which a place saw something; integer sums, so merging the
// threads' counts in any order gives the same totals.
struct PlaceCounts {
  std::array<std::vector<std::uint32_t>, 4> tps;  // incident, escalation, late, exposed
  std::array<std::vector<std::uint32_t>, 4> village;
  std::array<std::vector<std::uint64_t>, 4> tps_sum;  // the same four, summed over replications
  std::array<std::array<std::uint64_t, dynamics::kResponseHistogramBins>, scenario::kMaxResponseBands>
      response_histogram{};
  std::array<std::array<std::uint64_t, scenario::kPhaseCount>, dynamics::kDayHours> by_hour{};
  std::vector<std::uint64_t> unit_dispatches;
  std::array<std::vector<std::int64_t>, 3> unit_ms;  // busy, duty, overtime (officer-ms)
  std::vector<std::uint32_t> seen_in_village;        // scratch: last replication marked, per village and flag
};

bool precise_enough(const ExperimentResult& r, const Precision& p, double confidence) {
  for (const Metric m : key_metrics()) {
    const std::vector<double> values = r.column(m);
    if (dynamics::metric_is_indicator(m)) {
      std::size_t hits = 0;
      for (double v : values) hits += v > 0.5 ? 1 : 0;
      const Proportion q = wilson(hits, values.size(), confidence);
      if ((q.high - q.low) / 2 > p.absolute) return false;
    } else if (m == Metric::kShareWithinTarget) {
      const Summary s = summarize(values, confidence);
      if (s.n < 2 || !(s.half_width() <= p.absolute)) return false;
    } else {
      const Summary s = summarize(values, confidence);
      if (s.n < 2 || !(s.half_width() <= p.relative * std::fabs(s.mean))) return false;
    }
  }
  return true;
}

}  // namespace

ExperimentResult run_experiment(const std::shared_ptr<const scenario::Model>& model,
                                const ExperimentOptions& o) {
  if (o.replications < 1) throw InputError("-n: at least one replication");
  if (o.block < 1) throw InputError("the block size must be at least 1");
  if (!(o.confidence > 0 && o.confidence < 1)) throw InputError("--confidence: must be between 0 and 1");
  if (o.precision && !(o.precision->relative > 0 && o.precision->absolute > 0))
    throw InputError("--precision: must be positive");
  if (o.precision && o.max_replications < o.replications)
    throw InputError("--max-n: must be at least -n (" + std::to_string(o.replications) + ")");
  {  // a bad policy is named here, not from inside a worker thread
    scenario::Problems problems;
    dynamics::check_policies(model->scenario(), problems);
    problems.throw_if_any();
  }
  const auto start = std::chrono::steady_clock::now();
  const unsigned threads =
      o.threads > 0 ? o.threads : static_cast<unsigned>(tbb::info::default_concurrency());
  tbb::task_arena arena(static_cast<int>(threads));

  const std::size_t tps_count = model->tps().size();
  const std::size_t village_count = model->scenario().region.villages.size();
  const std::size_t unit_count = model->scenario().forces.units.size();
  tbb::enumerable_thread_specific<dynamics::Replication> days([&] { return dynamics::Replication(model); });
  tbb::enumerable_thread_specific<PlaceCounts> counts([&] {
    PlaceCounts c;
    for (auto& v : c.tps) v.assign(tps_count, 0);
    for (auto& v : c.village) v.assign(village_count, 0);
    for (auto& v : c.tps_sum) v.assign(tps_count, 0);
    c.seen_in_village.assign(village_count * 4, UINT32_MAX);
    c.unit_dispatches.assign(unit_count, 0);
    for (auto& v : c.unit_ms) v.assign(unit_count, 0);
    return c;
  });

  ExperimentResult r;
  r.plan = model->plan().name;
  r.seed = o.seed;
  r.threads = threads;
  // Threads wait for each other at the end of a block. Where the size of a block decides nothing
  // (no precision to reach: n is fixed), blocks grow to about a quarter of a second each, and at
  // most a quarter of n, so the waits cost less while progress and Ctrl-C are still heard a few
  // times a second. Results do not depend on the blocks: each replication has its own index and
  // the per-place sums are of whole numbers.
  constexpr double kBlockSeconds = 0.25;
  const std::size_t largest_block = o.precision ? o.block : std::max(o.block, (o.replications + 3) / 4);
  std::size_t block = o.block;
  std::size_t target = o.replications;
  const std::size_t limit = o.precision ? o.max_replications : o.replications;
  while (r.n() < target) {
    const std::size_t from = r.n();
    const std::size_t to = std::min(target, from + block);
    const auto block_start = std::chrono::steady_clock::now();
    r.replications.resize(to);
    r.bands.resize(to);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(from, to, 1),
                        [&](const tbb::blocked_range<std::size_t>& range) {
                          dynamics::Replication& day = days.local();
                          PlaceCounts& c = counts.local();
                          for (std::size_t i = range.begin(); i != range.end(); ++i) {
                            const dynamics::Outcome& out = day.run(o.seed, i);
                            r.replications[i] = out.metrics;  // each index written by exactly one task
                            for (std::size_t u = 0; u < unit_count; ++u) {
                              c.unit_dispatches[u] += out.unit_dispatches[u];
                              c.unit_ms[0][u] += out.unit_busy_officer_ms[u];
                              c.unit_ms[1][u] += out.unit_duty_officer_ms[u];
                              c.unit_ms[2][u] += out.unit_overtime_officer_ms[u];
                            }
                            r.bands[i] = {out.band_incidents, out.band_within};
                            for (std::size_t b = 0; b < scenario::kMaxResponseBands; ++b)
                              for (std::size_t k = 0; k < dynamics::kResponseHistogramBins; ++k)
                                c.response_histogram[b][k] += out.response_histogram[b][k];
                            for (std::size_t h = 0; h < dynamics::kDayHours; ++h)
                              for (std::size_t p = 0; p < scenario::kPhaseCount; ++p)
                                c.by_hour[h][p] += out.incidents_by_hour[h][p];
                            const std::array<const std::vector<std::uint32_t>*, 4> per_tps{
                                &out.tps_incidents, &out.tps_escalations, &out.tps_late, &out.tps_exposed};
                            for (std::size_t f = 0; f < 4; ++f) {
                              const auto& v = *per_tps[f];
                              for (std::size_t t = 0; t < tps_count; ++t) {
                                if (v[t] == 0) continue;
                                ++c.tps[f][t];
                                c.tps_sum[f][t] += v[t];
                                const std::size_t village = model->tps()[t].village;
                                std::uint32_t& seen = c.seen_in_village[village * 4 + f];
                                if (seen != i) {  // count a village once per replication
                                  seen = static_cast<std::uint32_t>(i);
                                  ++c.village[f][village];
                                }
                              }
                            }
                          }
                        });
    });
    const double block_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - block_start).count();
    if (!o.precision && block_seconds > 0) {
      const double per_replication = block_seconds / static_cast<double>(to - from);
      block = std::clamp(static_cast<std::size_t>(kBlockSeconds / per_replication), o.block, largest_block);
    }
    if (o.progress) {
      o.progress(Progress{r.n(),
                          o.precision ? limit : target,
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                          {}});
    }
    if (o.cancel && o.cancel->load()) {
      r.partial = r.n() < limit;
      break;
    }
    if (o.precision && r.n() >= target) {
      r.precision_reached = precise_enough(r, *o.precision, o.confidence);
      if (!r.precision_reached && target < limit) target = std::min(limit, target + o.block);
    }
  }

  for (auto* v : {&r.tps_incident, &r.tps_escalation, &r.tps_late, &r.tps_exposed}) v->assign(tps_count, 0);
  for (auto* v : {&r.village_incident, &r.village_escalation, &r.village_late, &r.village_exposed})
    v->assign(village_count, 0);
  const std::array<std::vector<std::uint32_t>*, 4> tps_out{&r.tps_incident, &r.tps_escalation, &r.tps_late,
                                                           &r.tps_exposed};
  const std::array<std::vector<std::uint32_t>*, 4> village_out{&r.village_incident, &r.village_escalation,
                                                               &r.village_late, &r.village_exposed};
  r.unit_dispatches.assign(unit_count, 0);
  for (auto* v : {&r.unit_busy_officer_ms, &r.unit_duty_officer_ms, &r.unit_overtime_officer_ms})
    v->assign(unit_count, 0);
  for (const PlaceCounts& c : counts) {
    for (std::size_t u = 0; u < unit_count; ++u) {
      r.unit_dispatches[u] += c.unit_dispatches[u];
      r.unit_busy_officer_ms[u] += c.unit_ms[0][u];
      r.unit_duty_officer_ms[u] += c.unit_ms[1][u];
      r.unit_overtime_officer_ms[u] += c.unit_ms[2][u];
    }
  }
  const std::array<std::vector<std::uint64_t>*, 4> tps_sum_out{&r.tps_incidents_sum, &r.tps_escalations_sum,
                                                               &r.tps_late_sum, &r.tps_exposed_sum};
  for (auto* v : tps_sum_out) v->assign(tps_count, 0);
  for (const PlaceCounts& c : counts) {
    for (std::size_t b = 0; b < scenario::kMaxResponseBands; ++b)
      for (std::size_t k = 0; k < dynamics::kResponseHistogramBins; ++k)
        r.response_histogram[b][k] += c.response_histogram[b][k];
    for (std::size_t h = 0; h < dynamics::kDayHours; ++h)
      for (std::size_t p = 0; p < scenario::kPhaseCount; ++p) r.incidents_by_hour[h][p] += c.by_hour[h][p];
  }
  for (const PlaceCounts& c : counts)
    for (std::size_t f = 0; f < 4; ++f) {
      for (std::size_t t = 0; t < tps_count; ++t) {
        (*tps_out[f])[t] += c.tps[f][t];
        (*tps_sum_out[f])[t] += c.tps_sum[f][t];
      }
      for (std::size_t v = 0; v < village_count; ++v) (*village_out[f])[v] += c.village[f][v];
    }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace siaga::experiment
