#include "day_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "siaga/geo/geodesy.hpp"

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
  const std::size_t n = model.tps().size(), units = model.scenario().forces.units.size();
  out_.incidents_by_kind.resize(model.scenario().incidents.kinds.size());
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    v->resize(n);
  out_.unit_dispatches.resize(units);
  for (auto* v : {&out_.unit_busy_officer_ms, &out_.unit_duty_officer_ms, &out_.unit_overtime_officer_ms})
    v->resize(units);
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
  out_.band_incidents.fill(0);
  out_.band_within.fill(0);
  for (auto& band : out_.response_histogram) band.fill(0);
  for (auto& hour : out_.incidents_by_hour) hour.fill(0);
  for (auto* v : {&out_.tps_incidents, &out_.tps_escalations, &out_.tps_late, &out_.tps_exposed})
    std::fill(v->begin(), v->end(), 0);
}

std::size_t DayMetrics::band(double km) const noexcept {
  const auto& targets = model_.scenario().incidents.response_targets;
  std::size_t b = 0;
  while (b + 1 < targets.size() && km > targets[b + 1].beyond_km) ++b;
  return b;
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
  const auto& graph = model_.roads();
  std::uint32_t unsettled = 0, never = 0, serious = 0, clashes = 0, riots = 0, clash_riots = 0, within = 0,
                exposed = 0;
  bool long_wait = false;
  for (std::uint32_t id = 0; id < incidents.size(); ++id) {
    const Incident& inc = incidents[id];
    const int reported = cfg.kinds[inc.reported_kind].severity;
    if (!inc.settled) {
      ++unsettled;
      trace_(TraceKind::kOpenAtEnd, id, inc.tps, kNone, cfg.kinds[inc.kind].severity);
    }
    serious += inc.max_severity >= 3 ? 1 : 0;
    clashes += reported <= 4 && inc.max_severity >= 4 ? 1 : 0;
    riots += inc.max_severity >= 5 ? 1 : 0;
    clash_riots += reported <= 4 && inc.max_severity >= 5 ? 1 : 0;
    if (inc.exposed) ++exposed;
    // Never answered: the wait runs to the end of the day, a lower bound.
    const Tick reached = inc.first_on_scene >= 0 ? inc.first_on_scene : kDayEnd;
    const double first = to_minutes(reached - inc.reported);
    const double km = inc.first_on_scene < 0 ? model_.tps()[inc.tps].nearest_post_km
                      : inc.first_station == kNone
                          ? 0.0
                          : geo::distance_m(graph.node(model_.stations()[inc.first_station].node),
                                            graph.node(model_.tps()[inc.tps].node)) /
                                1000.0;
    const std::size_t b = band(km);
    const bool in_time = inc.first_on_scene >= 0 && first <= cfg.response_targets[b].minutes;
    ++out_.band_incidents[b];
    // Whole minutes, so that the bin of a time is the same on every machine (no rounding drift).
    const std::size_t bin = inc.first_on_scene < 0
                                ? kResponseHistogramBins - 1
                                : static_cast<std::size_t>(std::min<Tick>(
                                      (reached - inc.reported) / kTicksPerMinute, kResponseHistogramMinutes));
    ++out_.response_histogram[b][bin];
    const auto hour = static_cast<std::size_t>(
        std::clamp<Tick>(inc.reported / kTicksPerHour, 0, static_cast<Tick>(kDayHours) - 1));
    ++out_.incidents_by_hour[hour][static_cast<std::size_t>(inc.phase)];
    out_.band_within[b] += in_time ? 1 : 0;
    within += in_time ? 1 : 0;
    if (!in_time) ++out_.tps_late[inc.tps];
    if (inc.first_on_scene < 0) ++never;
    long_wait = long_wait || first > cfg.long_wait_minutes;
    first_response_.push_back(first);
    if (inc.exposed) exposed_response_.push_back(first);
    full_response_.push_back(
        to_minutes((inc.handling_start >= 0 ? inc.handling_start : kDayEnd) - inc.reported));
  }
  std::sort(first_response_.begin(), first_response_.end());
  std::sort(full_response_.begin(), full_response_.end());
  const double n = static_cast<double>(incidents.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Outcome& o = out_;
  o[Metric::kIncidents] = n;
  o[Metric::kSeriousIncidents] = serious;
  o[Metric::kClashes] = clashes;
  o[Metric::kRiots] = riots;
  o[Metric::kClashesToRiots] = clash_riots;
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
  o[Metric::kShareWithinTarget] = n > 0 ? within / n : nan;
  for (std::size_t b = 0; b < scenario::kMaxResponseBands; ++b)
    o.metrics[static_cast<std::size_t>(Metric::kShareWithinTargetBand1) + b] =
        o.band_incidents[b] > 0 ? static_cast<double>(o.band_within[b]) / o.band_incidents[b] : nan;
  o[Metric::kAnyLongWait] = long_wait ? 1 : 0;
  o[Metric::kPostCountExposed] = exposed;
  o[Metric::kPostCountResponseMean] = mean_of(exposed_response_);
  o[Metric::kTransitIncidents] = boxes.transit_incidents();

  // Officer time, one definition for guards and units: on-duty hours. Guards from set-up until they
  // leave (those still on duty at the end count to the end); units over their duty window and the
  // overtime their teams worked past it, with the busy part beside it.
  double guard_hours = guards.duty_hours_done();
  for (std::uint32_t g = 0; g < guards.group_count(); ++g)
    guard_hours += guards.on_duty(g) * to_hours(end - model_.phase_starts()[0]);
  std::array<std::int64_t, scenario::kUnitKindCount> busy{}, duty{};
  std::int64_t unit_duty = 0, unit_busy = 0, overtime = 0;
  for (std::uint32_t u = 0; u < s.forces.units.size(); ++u) {
    const scenario::Unit& unit = s.forces.units[u];
    std::int64_t b = 0, d = 0, ot = 0;
    if (unit.dispatchable && !fleet.absent(u)) {
      d = unit.headcount * (hours(unit.duty_end_hour) - hours(unit.duty_start_hour));
      for (std::uint32_t t = model_.first_team(u); t < model_.first_team(u + 1); ++t) {
        b += fleet.officers(t) * fleet.busy(t, end);
        ot += fleet.officers(t) * fleet.overtime(t, end);
      }
      d += ot;
    }
    o.unit_dispatches[u] = fleet.dispatches(u);
    o.unit_busy_officer_ms[u] = b;
    o.unit_duty_officer_ms[u] = d;
    o.unit_overtime_officer_ms[u] = ot;
    busy[static_cast<std::size_t>(unit.kind)] += b;
    duty[static_cast<std::size_t>(unit.kind)] += d;
    unit_duty += d;
    unit_busy += b;
    overtime += ot;
  }
  o[Metric::kOfficerHoursDuty] = guard_hours + to_hours(unit_duty);
  o[Metric::kOfficerHoursBusy] = to_hours(unit_busy);
  o[Metric::kOfficerHoursRetention] = guards.retention_hours(end);
  o[Metric::kOfficerHoursTravel] = travel_hours_;
  o[Metric::kOfficerHoursOvertime] = to_hours(overtime);
  auto utilization = [&](UnitKind k) {
    const auto i = static_cast<std::size_t>(k);
    return duty[i] > 0 ? static_cast<double>(busy[i]) / static_cast<double>(duty[i]) : nan;
  };
  o[Metric::kUtilizationBhabinkamtibmas] = utilization(UnitKind::kBhabinkamtibmas);
  o[Metric::kUtilizationPolsek] = utilization(UnitKind::kPolsekReserve);
  o[Metric::kUtilizationPolres] = utilization(UnitKind::kPolresQuickResponse);
  o[Metric::kUtilizationBrimob] = utilization(UnitKind::kBrimob);
  o[Metric::kUtilizationTni] = utilization(UnitKind::kTniSupport);
  o[Metric::kUtilizationPolda] = utilization(UnitKind::kPoldaReserve);
  o[Metric::kLastBoxAtPpkHours] = to_hours(boxes.last_box());
  o[Metric::kEvents] = static_cast<double>(events + boxes.untraced_arrivals());
  return out_;
}

}  // namespace siaga::dynamics::day
