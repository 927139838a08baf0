#include "siaga/io/result_tables.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "siaga/core/error.hpp"
#include "siaga/core/time.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/io/geojson_writer.hpp"

namespace siaga::io {
namespace {

using dynamics::Metric;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Column text(std::string name) { return {std::move(name), ColumnType::kText}; }
Column integer(std::string name) { return {std::move(name), ColumnType::kInteger}; }
Column real(std::string name) { return {std::move(name), ColumnType::kReal}; }

Cell count(std::size_t n) { return static_cast<std::int64_t>(n); }

// The four per-place counters in a fixed order, for the tables' columns.
constexpr std::array<std::string_view, 4> kCounterNames{"incident", "escalation", "late", "exposed"};
using Counters = std::array<const std::vector<std::uint32_t>*, 4>;

void append_probability_columns(std::vector<Column>& columns) {
  for (const std::string_view name : kCounterNames) {
    const std::string p = "p_" + std::string(name);
    columns.push_back(real(p));
    columns.push_back(real(p + "_low"));
    columns.push_back(real(p + "_high"));
  }
}

void append_probabilities(std::vector<Cell>& row, const Counters& counters, std::size_t place, std::size_t n,
                          double confidence) {
  for (const auto* counter : counters) {
    const experiment::Proportion p = experiment::wilson((*counter)[place], n, confidence);
    row.emplace_back(p.estimate);
    row.emplace_back(p.low);
    row.emplace_back(p.high);
  }
}

}  // namespace

Table summary_table(const experiment::ExperimentResult& result, double confidence) {
  Table t{{text("metric"), text("label"), text("kind"), text("better"), integer("n"), integer("successes"),
           real("mean"), real("low"), real("high"), real("sd"), real("p5"), real("p50"), real("p95"),
           real("p99")},
          {}};
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) {
    const auto metric = static_cast<Metric>(m);
    const experiment::MetricSummary s =
        experiment::summarize_metric(metric, result.column(metric), confidence);
    const bool probability = s.kind == experiment::SummaryKind::kProbability;
    t.add_row({std::string(dynamics::metric_name(metric)), std::string(dynamics::metric_label(metric)),
               std::string(experiment::to_string(s.kind)),
               std::string(dynamics::better_name(dynamics::metric_better(metric))), count(s.n),
               probability ? count(s.successes) : Cell{}, s.mean, s.low, s.high, s.sd, s.p5, s.p50, s.p95,
               s.p99});
  }
  return t;
}

Table replications_table(const experiment::ExperimentResult& result) {
  Table t;
  t.columns.push_back(integer("index"));
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m)
    t.columns.push_back(real(std::string(dynamics::metric_name(static_cast<Metric>(m)))));
  t.rows.reserve(result.n());
  for (std::size_t i = 0; i < result.n(); ++i) {
    std::vector<Cell> row{count(i)};
    for (const double v : result.replications[i]) row.emplace_back(v);
    t.add_row(std::move(row));
  }
  return t;
}

Table tps_table(const scenario::Model& model, const experiment::ExperimentResult& result, double confidence) {
  const scenario::Region& region = model.scenario().region;
  SIAGA_CHECK(result.tps_incident.size() == region.tps.size(),
              "an experiment result sized for another model");
  Table t{{text("tps_id"), text("village_code"), text("village_name"), text("kecamatan"), text("category"),
           real("lat"), real("lon")},
          {}};
  append_probability_columns(t.columns);
  const Counters counters{&result.tps_incident, &result.tps_escalation, &result.tps_late,
                          &result.tps_exposed};
  t.rows.reserve(region.tps.size());
  for (std::size_t i = 0; i < region.tps.size(); ++i) {
    const scenario::Tps& tps = region.tps[i];
    const scenario::Village& village = region.villages[tps.village];
    const geo::GeoPoint at = tps_position(model, i);
    std::vector<Cell> row{tps.id,
                          village.code,
                          village.name,
                          region.kecamatan[village.kecamatan].name,
                          std::string(scenario::to_string(tps.category)),
                          at.lat,
                          at.lon};
    append_probabilities(row, counters, i, result.n(), confidence);
    t.add_row(std::move(row));
  }
  return t;
}

Table village_table(const scenario::Model& model, const experiment::ExperimentResult& result,
                    double confidence) {
  const scenario::Region& region = model.scenario().region;
  SIAGA_CHECK(result.village_incident.size() == region.villages.size(),
              "an experiment result sized for another model");
  std::vector<std::size_t> tps_count(region.villages.size(), 0);
  for (const scenario::Tps& tps : region.tps) ++tps_count[tps.village];
  Table t{{text("village_code"), text("village_name"), text("kecamatan"), text("kind"), real("lat"),
           real("lon"), integer("tps_count")},
          {}};
  append_probability_columns(t.columns);
  const Counters counters{&result.village_incident, &result.village_escalation, &result.village_late,
                          &result.village_exposed};
  t.rows.reserve(region.villages.size());
  for (std::size_t v = 0; v < region.villages.size(); ++v) {
    const scenario::Village& village = region.villages[v];
    std::vector<Cell> row{village.code,
                          village.name,
                          region.kecamatan[village.kecamatan].name,
                          std::string(scenario::to_string(village.kind)),
                          village.at.lat,
                          village.at.lon,
                          count(tps_count[v])};
    append_probabilities(row, counters, v, result.n(), confidence);
    t.add_row(std::move(row));
  }
  return t;
}

Table unit_table(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const auto& forces = model.scenario().forces;
  Table t{{text("unit_id"), text("kind"), text("tier"), text("post"), integer("headcount"), integer("teams"),
           real("dispatches_per_day"), real("busy_officer_hours_per_day"), real("duty_officer_hours_per_day"),
           real("utilization"), real("overtime_officer_hours_per_day")},
          {}};
  const double n = static_cast<double>(std::max<std::size_t>(1, result.n()));
  for (std::size_t u = 0; u < forces.units.size(); ++u) {
    const scenario::Unit& unit = forces.units[u];
    if (!unit.dispatchable) continue;
    const double busy = to_hours(result.unit_busy_officer_ms[u]) / n;
    const double duty = to_hours(result.unit_duty_officer_ms[u]) / n;
    t.add_row({unit.id, std::string(scenario::to_string(unit.kind)),
               std::string(scenario::to_string(scenario::dispatch_tier(unit.kind))),
               forces.posts[unit.post].id, static_cast<std::int64_t>(unit.headcount),
               static_cast<std::int64_t>(unit.teams()), static_cast<double>(result.unit_dispatches[u]) / n,
               busy, duty, duty > 0 ? busy / duty : kNaN, to_hours(result.unit_overtime_officer_ms[u]) / n});
  }
  return t;
}

Table compare_table(const experiment::Comparison& c) {
  Table t{{text("metric"), text("label"), text("plan"), text("kind"), integer("n"), real("mean"), real("low"),
           real("high"), real("diff_to_first"), real("diff_low"), real("diff_high"), real("p_holm"),
           text("verdict"), real("paired_to_independent_width")},
          {}};
  for (const experiment::MetricComparison& mc : c.metrics)
    for (std::size_t k = 0; k < c.results.size() && k < mc.plans.size(); ++k) {
      const experiment::MetricSummary& s = mc.plans[k];
      const experiment::PairedDifference& d = mc.differences[k];
      const bool ref = k == 0;
      t.add_row(
          {std::string(dynamics::metric_name(mc.metric)), std::string(dynamics::metric_label(mc.metric)),
           c.results[k].plan, std::string(experiment::to_string(s.kind)), count(s.n), s.mean, s.low, s.high,
           ref ? Cell{} : Cell{d.mean}, ref ? Cell{} : Cell{d.low}, ref ? Cell{} : Cell{d.high},
           ref ? Cell{} : Cell{mc.adjusted_p[k]}, std::string(experiment::to_string(mc.verdicts[k])),
           !ref && d.independent_half_width > 0 ? Cell{d.half_width() / d.independent_half_width} : Cell{}});
    }
  return t;
}

Table sweep_table(const experiment::SweepResult& sweep, double confidence) {
  Table t;
  for (const auto& a : sweep.axes) t.columns.push_back(real(a.spelling));
  t.columns.push_back(integer("n"));
  for (const char* name :
       {"p_any_escalation", "p_any_escalation_low", "p_any_escalation_high", "escalations_mean",
        "escalations_low", "escalations_high", "first_response_mean_min", "first_response_mean_min_low",
        "first_response_mean_min_high", "post_count_exposed_mean", "officer_hours_duty_mean",
        "officer_hours_retention_mean"})
    t.columns.push_back(real(name));
  for (const experiment::SweepPoint& point : sweep.points) {
    const experiment::ExperimentResult& r = point.result;
    auto summary = [&](Metric m) { return experiment::summarize_metric(m, r.column(m), confidence); };
    std::vector<Cell> row(point.values.begin(), point.values.end());
    row.emplace_back(count(r.n()));
    const auto any = summary(Metric::kAnyEscalation);
    const auto esc = summary(Metric::kEscalations);
    const auto first = summary(Metric::kFirstResponseMean);
    for (const double v :
         {any.mean, any.low, any.high, esc.mean, esc.low, esc.high, first.mean, first.low, first.high,
          summary(Metric::kPostCountExposed).mean, summary(Metric::kOfficerHoursDuty).mean,
          summary(Metric::kOfficerHoursRetention).mean})
      row.emplace_back(v);
    t.add_row(std::move(row));
  }
  return t;
}

}  // namespace siaga::io
