#include "day_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace siaga::dynamics::day {

using scenario::UnitKind;

namespace {
// Type 7 quantile of sorted values (NaN for none). The experiment layer has the general one; a day
// sits below it.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}
double mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
}  // namespace

DayMetrics::DayMetrics(const scenario::Model& model, const DayTrace& trace) : model_(model), trace_(trace) {
  const std::size_t n = model.tps().size();
  out_.incidents_by_kind.resize(model.scenario().incidents.kinds.size());
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    v->resize(n);
}

void DayMetrics::reset() {
  first_response_.clear();
  full_response_.clear();
  exposed_response_.clear();
  travel_hours_ = 0;
  escalations_ = 0;
  out_.metrics.fill(0.0);
  std::fill(out_.incidents_by_kind.begin(), out_.incidents_by_kind.end(), 0);
  out_.incidents_by_phase.fill(0);
  out_.incidents_by_category.fill(0);
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    std::fill(v->begin(), v->end(), 0);
}

void DayMetrics::reported(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, bool exposed) {
  ++out_.incidents_by_kind[kind];
  ++out_.incidents_by_phase[static_cast<std::size_t>(phase)];
  ++out_.incidents_by_category[static_cast<std::size_t>(model_.scenario().region.tps[tps].category)];
  ++out_.tps_incidents[tps];
  if (exposed) ++out_.tps_exposed[tps];
}

void DayMetrics::escalated(std::uint32_t tps) {
  ++escalations_;
  ++out_.tps_escalations[tps];
}

const Outcome& DayMetrics::finish(Tick end, std::uint64_t events, const IncidentBook& incidents,
                                  const Guards& guards, const Fleet& fleet, const BallotBoxes& boxes) {
  const scenario::Scenario& s = model_.scenario();
  const scenario::Incidents& cfg = s.incidents;
  const double target1 = cfg.response_targets_minutes[0];
  const double target2 = cfg.response_targets_minutes[1];
  std::uint32_t unsettled = 0, never = 0, serious = 0, within1 = 0, within2 = 0, exposed = 0;
  bool long_wait = false;
  for (std::uint32_t id = 0; id < incidents.size(); ++id) {
    const Incident& inc = incidents[id];
    if (!inc.settled) {
      ++unsettled;
      trace_(TraceKind::kOpenAtEnd, id, inc.tps, kNone, cfg.kinds[inc.kind].severity);
    }
    if (inc.exposed) ++exposed;
    if (inc.first_on_scene < 0) {
      ++never;
      long_wait = true;
      ++out_.tps_late[inc.tps];
    } else {
      const double first = to_minutes(inc.first_on_scene - inc.reported);
      first_response_.push_back(first);
      if (inc.exposed) exposed_response_.push_back(first);
      within1 += first <= target1 ? 1 : 0;
      within2 += first <= target2 ? 1 : 0;
      long_wait = long_wait || first > target2;
      if (first > target1) ++out_.tps_late[inc.tps];
    }
    if (inc.handling_start >= 0) full_response_.push_back(to_minutes(inc.handling_start - inc.reported));
  }
  // The reported kind is where escalation started: count serious by the first kind's severity.
  for (std::size_t k = 0; k < out_.incidents_by_kind.size(); ++k)
    if (cfg.kinds[k].severity >= 3) serious += out_.incidents_by_kind[k];
  std::sort(first_response_.begin(), first_response_.end());
  std::sort(full_response_.begin(), full_response_.end());
  const double n = static_cast<double>(incidents.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Outcome& o = out_;
  o[Metric::kIncidents] = n;
  o[Metric::kSeriousIncidents] = serious;
  o[Metric::kEscalations] = escalations_;
  o[Metric::kAnyEscalation] = escalations_ > 0 ? 1 : 0;
  o[Metric::kUnsettled] = unsettled;
  o[Metric::kNeverAnswered] = never;
  o[Metric::kFirstResponseMean] = mean_of(first_response_);
  o[Metric::kFirstResponseP50] = quantile(first_response_, 0.50);
  o[Metric::kFirstResponseP90] = quantile(first_response_, 0.90);
  o[Metric::kFirstResponseP95] = quantile(first_response_, 0.95);
  o[Metric::kFirstResponseP99] = quantile(first_response_, 0.99);
  o[Metric::kFirstResponseMax] = first_response_.empty() ? nan : first_response_.back();
  o[Metric::kFullResponseMean] = mean_of(full_response_);
  o[Metric::kFullResponseP90] = quantile(full_response_, 0.90);
  o[Metric::kFullResponseMax] = full_response_.empty() ? nan : full_response_.back();
  o[Metric::kShareWithinTarget1] = n > 0 ? within1 / n : nan;
  o[Metric::kShareWithinTarget2] = n > 0 ? within2 / n : nan;
  o[Metric::kAnyWaitOverTarget2] = long_wait ? 1 : 0;
  o[Metric::kPostCountExposed] = exposed;
  o[Metric::kPostCountResponseMean] = mean_of(exposed_response_);
  o[Metric::kTransitIncidents] = boxes.transit_incidents();

  // Officer time: guards until they left; units over their duty window; anything still out at the
  // end of the day counts to the end.
  double guard_hours = guards.duty_hours_done();
  for (std::uint32_t g = 0; g < guards.group_count(); ++g)
    guard_hours += guards.on_duty(g) * to_hours(end - model_.phase_starts()[0]);
  double unit_hours = 0;
  std::array<double, scenario::kUnitKindCount> busy{}, duty{};
  for (std::uint32_t u = 0; u < s.forces.units.size(); ++u) {
    const scenario::Unit& cfg_unit = s.forces.units[u];
    if (fleet.absent(u) || !cfg_unit.dispatchable) continue;
    const double window = cfg_unit.duty_end_hour - cfg_unit.duty_start_hour;
    unit_hours += cfg_unit.headcount * window;
    busy[static_cast<std::size_t>(cfg_unit.kind)] += cfg_unit.headcount * to_hours(fleet.busy(u, end));
    duty[static_cast<std::size_t>(cfg_unit.kind)] += cfg_unit.headcount * window;
  }
  o[Metric::kOfficerHoursDuty] = guard_hours + unit_hours;
  o[Metric::kOfficerHoursRetention] = guards.retention_hours();
  o[Metric::kOfficerHoursTravel] = travel_hours_;
  auto utilization = [&](UnitKind k) {
    const auto i = static_cast<std::size_t>(k);
    return duty[i] > 0 ? busy[i] / duty[i] : nan;
  };
  o[Metric::kUtilizationBhabinkamtibmas] = utilization(UnitKind::kBhabinkamtibmas);
  o[Metric::kUtilizationPolsek] = utilization(UnitKind::kPolsekReserve);
  o[Metric::kUtilizationPolres] = utilization(UnitKind::kPolresQuickResponse);
  o[Metric::kUtilizationBrimob] = utilization(UnitKind::kBrimob);
  o[Metric::kLastBoxAtPpkHours] = to_hours(boxes.last_box());
  o[Metric::kEvents] = static_cast<double>(events);
  return out_;
}

}  // namespace siaga::dynamics::day
