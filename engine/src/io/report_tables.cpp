#include "siaga/io/report_tables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "siaga/core/error.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/io/experiment_outputs.hpp"

namespace siaga::io {
namespace {

using dynamics::Metric;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// A total over replications as a per-day mean; NaN for an experiment of no replication.
double per_day(double total, std::size_t n) { return n > 0 ? total / static_cast<double>(n) : kNan; }

std::string count_text(std::uint64_t v) { return std::to_string(v); }

}  // namespace

TextTable response_times_table(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const auto& targets = model.scenario().incidents.response_targets;
  TextTable t;
  t.header = {"band",       "beyond_km", "target_minutes", "from_minutes",
              "to_minutes", "answered",  "incidents",      "incidents_per_day"};
  const std::size_t bands = std::min(targets.size(), scenario::kMaxResponseBands);
  for (std::size_t b = 0; b < bands; ++b)
    for (std::size_t k = 0; k < dynamics::kResponseHistogramBins; ++k) {
      const bool never = k + 1 == dynamics::kResponseHistogramBins;
      const bool open_ended = k == dynamics::kResponseHistogramMinutes;
      const std::uint64_t count = result.response_histogram[b][k];
      t.rows.push_back({std::to_string(b + 1), csv_number(targets[b].beyond_km),
                        csv_number(targets[b].minutes), never ? "" : std::to_string(k),
                        never || open_ended ? "" : std::to_string(k + 1), never ? "0" : "1",
                        count_text(count), csv_number(per_day(static_cast<double>(count), result.n()))});
    }
  return t;
}

TextTable incidents_by_hour_table(const experiment::ExperimentResult& result) {
  TextTable t;
  t.header = {"hour", "phase", "incidents", "incidents_per_day"};
  for (std::size_t h = 0; h < dynamics::kDayHours; ++h)
    for (std::size_t p = 0; p < scenario::kPhaseCount; ++p) {
      const std::uint64_t count = result.incidents_by_hour[h][p];
      t.rows.push_back({std::to_string(h), std::string(scenario::to_string(static_cast<scenario::Phase>(p))),
                        count_text(count), csv_number(per_day(static_cast<double>(count), result.n()))});
    }
  return t;
}

std::vector<std::size_t> post_kecamatan(const scenario::Scenario& scenario) {
  const auto& villages = scenario.region.villages;
  std::vector<std::size_t> out;
  out.reserve(scenario.forces.posts.size());
  for (const scenario::Post& post : scenario.forces.posts) {
    std::size_t best = 0;
    double best_m = std::numeric_limits<double>::infinity();
    for (std::size_t v = 0; v < villages.size(); ++v) {
      const double m = geo::distance_m(post.at, villages[v].at);
      if (m < best_m) {  // strict: the first of equally near villages, in scenario order
        best_m = m;
        best = v;
      }
    }
    out.push_back(villages.empty() ? 0 : villages[best].kecamatan);
  }
  return out;
}

std::vector<std::size_t> unit_kecamatan(const scenario::Scenario& scenario) {
  const std::vector<std::size_t> by_post = post_kecamatan(scenario);
  std::vector<std::size_t> out;
  out.reserve(scenario.forces.units.size());
  for (const scenario::Unit& unit : scenario.forces.units)
    out.push_back(!unit.villages.empty() ? scenario.region.villages[unit.villages.front()].kecamatan
                                         : by_post[unit.post]);
  return out;
}

TextTable kecamatan_table(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const scenario::Scenario& s = model.scenario();
  const scenario::Region& region = s.region;
  const std::size_t k_count = region.kecamatan.size();
  SIAGA_CHECK(result.tps_incidents_sum.size() == region.tps.size(),
              "an experiment result sized for another model (TPS sums)");

  std::vector<std::size_t> villages(k_count, 0), tps(k_count, 0);
  std::vector<double> incidents(k_count, 0), late(k_count, 0), escalations(k_count, 0), exposed(k_count, 0);
  for (const scenario::Village& v : region.villages) ++villages[v.kecamatan];
  for (std::size_t t = 0; t < region.tps.size(); ++t) {
    const std::size_t k = region.villages[region.tps[t].village].kecamatan;
    ++tps[k];
    incidents[k] += static_cast<double>(result.tps_incidents_sum[t]);
    late[k] += static_cast<double>(result.tps_late_sum[t]);
    escalations[k] += static_cast<double>(result.tps_escalations_sum[t]);
    exposed[k] += static_cast<double>(result.tps_exposed_sum[t]);
  }
  std::vector<long long> guards(k_count, 0);
  for (const scenario::GuardGroup& g : model.guard_groups()) guards[g.kecamatan] += g.officers;

  // Local units: the village and sector tiers (Bhabinkamtibmas, Polsek reserves). Kabupaten-level
  // units answer anywhere, so charging them to the kecamatan their post stands in would mislead.
  const std::vector<std::size_t> unit_k = unit_kecamatan(s);
  std::vector<long long> local_officers(k_count, 0);
  std::vector<std::int64_t> busy_ms(k_count, 0), duty_ms(k_count, 0);
  for (std::size_t u = 0; u < s.forces.units.size(); ++u) {
    const scenario::Unit& unit = s.forces.units[u];
    if (!unit.dispatchable) continue;
    const scenario::DispatchTier tier = scenario::dispatch_tier(unit.kind);
    if (tier != scenario::DispatchTier::kVillage && tier != scenario::DispatchTier::kSector) continue;
    local_officers[unit_k[u]] += unit.headcount;
    if (u < result.unit_busy_officer_ms.size()) {
      busy_ms[unit_k[u]] += result.unit_busy_officer_ms[u];
      duty_ms[unit_k[u]] += result.unit_duty_officer_ms[u];
    }
  }
  const std::vector<std::size_t> post_k = post_kecamatan(s);
  std::vector<std::string> polsek(k_count);
  for (std::size_t p = 0; p < s.forces.posts.size(); ++p) {
    if (s.forces.posts[p].kind != scenario::PostKind::kPolsek) continue;
    std::string& names = polsek[post_k[p]];
    if (!names.empty()) names += "; ";
    names += s.forces.posts[p].name.empty() ? s.forces.posts[p].id : s.forces.posts[p].name;
  }

  TextTable t;
  t.header = {"kecamatan_code",
              "kecamatan_name",
              "kabupaten_code",
              "polsek",
              "villages",
              "tps",
              "guards",
              "local_officers",
              "incidents_per_day",
              "late_per_day",
              "late_share",
              "escalations_per_day",
              "exposed_per_day",
              "local_busy_officer_hours_per_day",
              "local_utilization"};
  const std::size_t n = result.n();
  for (std::size_t k = 0; k < k_count; ++k) {
    const scenario::Kecamatan& kec = region.kecamatan[k];
    t.rows.push_back(
        {kec.code, kec.name, region.kabupaten[kec.kabupaten].code, polsek[k], std::to_string(villages[k]),
         std::to_string(tps[k]), std::to_string(guards[k]), std::to_string(local_officers[k]),
         csv_number(per_day(incidents[k], n)), csv_number(per_day(late[k], n)),
         csv_number(incidents[k] > 0 ? late[k] / incidents[k] : kNan), csv_number(per_day(escalations[k], n)),
         csv_number(per_day(exposed[k], n)), csv_number(per_day(to_hours(busy_ms[k]), n)),
         csv_number(duty_ms[k] > 0 ? static_cast<double>(busy_ms[k]) / static_cast<double>(duty_ms[k])
                                   : kNan)});
  }
  return t;
}

std::optional<std::size_t> replications_to_separate(double estimate_a, double low_a, double high_a,
                                                    double estimate_b, double low_b, double high_b,
                                                    std::size_t n) {
  const double gap = std::fabs(estimate_a - estimate_b);
  const double widths = (high_a - low_a) / 2 + (high_b - low_b) / 2;
  if (n == 0 || !(gap > 0) || !std::isfinite(widths)) return std::nullopt;
  const double needed = static_cast<double>(n) * (widths / gap) * (widths / gap);
  constexpr double kBlock = 50;  // experiments add replications in blocks of 50
  const double rounded = std::max(kBlock, std::ceil(needed / kBlock) * kBlock);
  if (!(rounded < 1e15)) return std::nullopt;  // beyond any run; say nothing rather than overflow
  return static_cast<std::size_t>(rounded);
}

TextTable riskiest_tps_table(const scenario::Model& model, const experiment::ExperimentResult& result,
                             double confidence) {
  const scenario::Region& region = model.scenario().region;
  // The order of summary.json's riskiest_tps: every TPS shares n, so sorting counts sorts estimates
  // exactly, ties in scenario order.
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < result.tps_escalation.size(); ++t)
    if (result.tps_escalation[t] > 0) order.push_back(t);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return result.tps_escalation[a] > result.tps_escalation[b];
  });
  if (order.size() > kRiskiestTpsListed) order.resize(kRiskiestTpsListed);
  std::vector<experiment::Proportion> p;
  for (const std::size_t t : order)
    p.push_back(experiment::wilson(result.tps_escalation[t], result.n(), confidence));

  TextTable table;
  table.header = {"rank",
                  "tps_id",
                  "village_code",
                  "village_name",
                  "kecamatan",
                  "category",
                  "p_escalation",
                  "p_low",
                  "p_high",
                  "overlaps_next",
                  "replications_to_separate"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const scenario::Tps& tps = region.tps[order[i]];
    const scenario::Village& village = region.villages[tps.village];
    std::string overlaps, needed;
    if (i + 1 < order.size()) {
      const bool overlap = p[i + 1].high >= p[i].low;
      overlaps.push_back(overlap ? '1' : '0');  // a char: GCC 12 warns falsely (-Wrestrict) on a literal
      if (overlap)
        if (const auto r = replications_to_separate(p[i].estimate, p[i].low, p[i].high, p[i + 1].estimate,
                                                    p[i + 1].low, p[i + 1].high, result.n()))
          needed = std::to_string(*r);
    }
    table.rows.push_back({std::to_string(i + 1), tps.id, village.code, village.name,
                          region.kecamatan[village.kecamatan].name,
                          std::string(scenario::to_string(tps.category)), csv_number(p[i].estimate),
                          csv_number(p[i].low), csv_number(p[i].high), overlaps, needed});
  }
  return table;
}

std::optional<std::size_t> knee_index(std::span<const double> x, std::span<const double> y) {
  SIAGA_CHECK(x.size() == y.size(), "knee_index: x and y of different lengths");
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) order.push_back(i);
  if (order.size() < 3) return std::nullopt;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  double lo_x = std::numeric_limits<double>::infinity(), hi_x = -lo_x, lo_y = lo_x, hi_y = -lo_x;
  for (const std::size_t i : order) {
    lo_x = std::min(lo_x, x[i]);
    hi_x = std::max(hi_x, x[i]);
    lo_y = std::min(lo_y, y[i]);
    hi_y = std::max(hi_y, y[i]);
  }
  // Each axis to [0, 1]; a flat axis stays 0, so the other alone decides.
  auto sx = [&](std::size_t i) { return hi_x > lo_x ? (x[i] - lo_x) / (hi_x - lo_x) : 0.0; };
  auto sy = [&](std::size_t i) { return hi_y > lo_y ? (y[i] - lo_y) / (hi_y - lo_y) : 0.0; };
  const std::size_t first = order.front(), last = order.back();
  const double dx = sx(last) - sx(first), dy = sy(last) - sy(first);
  const double chord = std::hypot(dx, dy);
  std::optional<std::size_t> best;
  double best_distance = 1e-12;  // a point on the chord (within rounding) is no knee
  for (std::size_t k = 1; k + 1 < order.size(); ++k) {
    const std::size_t i = order[k];
    const double px = sx(i) - sx(first), py = sy(i) - sy(first);
    const double d = chord > 0 ? std::fabs(dx * py - dy * px) / chord : std::hypot(px, py);
    if (d > best_distance) {
      best_distance = d;
      best = i;
    }
  }
  return best;
}

TextTable sweep_curve_table(const experiment::SweepResult& sweep, double confidence) {
  TextTable t;
  for (const auto& a : sweep.axes) t.header.push_back(a.spelling);
  for (const char* h : {"n", "officer_hours", "officer_hours_low", "officer_hours_high", "risk", "risk_low",
                        "risk_high", "knee"})
    t.header.emplace_back(h);
  std::vector<double> cost, risk;
  std::vector<std::vector<std::string>> rows;
  for (const experiment::SweepPoint& point : sweep.points) {
    std::vector<std::string> row;
    for (const double v : point.values) row.push_back(csv_number(v));
    // The one rule of every table (experiment::summarize_metric()): t for the mean officer-hours,
    // Wilson for the chance of a day with an escalation.
    const experiment::MetricSummary hours = experiment::summarize_metric(
        Metric::kOfficerHoursDuty, point.result.column(Metric::kOfficerHoursDuty), confidence);
    const experiment::MetricSummary p = experiment::summarize_metric(
        Metric::kAnyEscalation, point.result.column(Metric::kAnyEscalation), confidence);
    cost.push_back(hours.n > 0 ? hours.mean : kNan);
    risk.push_back(p.n > 0 ? p.mean : kNan);
    row.insert(row.end(),
               {std::to_string(point.result.n()), csv_number(cost.back()), csv_number(hours.low),
                csv_number(hours.high), csv_number(risk.back()), csv_number(p.low), csv_number(p.high)});
    rows.push_back(std::move(row));
  }
  const std::optional<std::size_t> knee = knee_index(cost, risk);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].push_back(knee && *knee == i ? "1" : "0");
    t.rows.push_back(std::move(rows[i]));
  }
  return t;
}

}  // namespace siaga::io
