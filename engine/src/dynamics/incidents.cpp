#include "incidents.hpp"

#include <algorithm>

#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

IncidentBook::IncidentBook(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model),
      cfg_(model.scenario().incidents),
      sim_(sim),
      trace_(trace),
      next_(model.scenario().forces.units.size(), kNone),
      on_scene_(model.scenario().forces.units.size(), 0) {}

void IncidentBook::reset() {
  incidents_.clear();
  waiting_.clear();
}

int IncidentBook::severity(std::uint32_t id) const noexcept {
  return cfg_.kinds[incidents_[id].kind].severity;
}

bool IncidentBook::can_settle(std::uint32_t unit, std::uint32_t id) const noexcept {
  return model_.scenario().forces.units[unit].max_severity >= severity(id);
}

std::uint32_t IncidentBook::open(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase,
                                 std::uint64_t stream, bool exposed) {
  const auto id = static_cast<std::uint32_t>(incidents_.size());
  Incident& inc = incidents_.emplace_back();
  inc.tps = tps;
  inc.kind = kind;
  inc.stream = stream;
  inc.reported = sim_.now();
  inc.needed = cfg_.kinds[kind].officers;
  inc.phase = phase;
  inc.exposed = exposed;
  trace_(TraceKind::kIncidentReported, id, tps, kNone, cfg_.kinds[kind].severity, kind);
  return id;
}

void IncidentBook::guards_sent(std::uint32_t id, int officers) {
  Incident& inc = incidents_[id];
  inc.guards = officers;
  // Guards count toward the officers needed only for what they settle themselves; otherwise they
  // hold the scene until others come.
  if (severity(id) <= kGuardMaxSeverity) inc.capable_committed += officers;
  trace_(TraceKind::kGuardsRespond, id, inc.tps, kNone, officers);
}

bool IncidentBook::guards_arrive(std::uint32_t id) {
  Incident& inc = incidents_[id];
  inc.guards_on_scene = true;
  if (inc.settled) return false;
  if (inc.first_on_scene < 0) inc.first_on_scene = sim_.now();
  if (severity(id) <= kGuardMaxSeverity) inc.capable_on_scene += inc.guards;
  trace_(TraceKind::kOnScene, id, inc.tps, kNone, inc.capable_on_scene);
  return true;
}

void IncidentBook::unit_sent(std::uint32_t id, std::uint32_t unit) {
  Incident& inc = incidents_[id];
  on_scene_[unit] = 0;
  next_[unit] = inc.first_unit;
  inc.first_unit = unit;
  inc.capable_committed += model_.scenario().forces.units[unit].headcount;
}

bool IncidentBook::unit_arrives(std::uint32_t id, std::uint32_t unit) {
  Incident& inc = incidents_[id];
  if (inc.settled) return false;
  on_scene_[unit] = 1;
  if (inc.first_on_scene < 0) inc.first_on_scene = sim_.now();
  if (can_settle(unit, id)) inc.capable_on_scene += model_.scenario().forces.units[unit].headcount;
  trace_(TraceKind::kOnScene, id, inc.tps, unit, inc.capable_on_scene);
  return true;
}

void IncidentBook::start_handling_if_ready(std::uint32_t id, const DaySeed& day) {
  Incident& inc = incidents_[id];
  if (inc.handling_start >= 0 || inc.settled || inc.capable_on_scene < inc.needed) return;
  inc.handling_start = sim_.now();
  sim_.cancel(inc.escalation);
  waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), id), waiting_.end());
  trace_(TraceKind::kHandlingStarts, id, inc.tps, kNone, inc.capable_on_scene);
  sim_.schedule_in(handling_time(inc, day), {kSettle, 0, id, 0});
}

Tick IncidentBook::handling_time(Incident& inc, const DaySeed& day) {
  const scenario::Handling& h = cfg_.kinds[inc.kind].handling;
  const double m = inc.draws.draw(day, inc.stream, [&](RandomStream& s) {
    switch (h.distribution) {
      case scenario::HandlingDistribution::kExponential:
        return exponential(s, h.mean_minutes);
      case scenario::HandlingDistribution::kLognormal:
        return lognormal_mean_cv(s, h.mean_minutes, h.cv);
      case scenario::HandlingDistribution::kGamma: {
        const double shape = 1.0 / (h.cv * h.cv);
        return gamma(s, shape, h.mean_minutes / shape);
      }
      case scenario::HandlingDistribution::kFixed:
        break;
    }
    return h.mean_minutes;
  });
  return std::max<Tick>(1, minutes(m));
}

void IncidentBook::wait(std::uint32_t id, const DaySeed& day) {
  Incident& inc = incidents_[id];
  if (std::find(waiting_.begin(), waiting_.end(), id) == waiting_.end()) {
    const int sev = severity(id);
    const auto pos = std::find_if(waiting_.begin(), waiting_.end(),
                                  [&](std::uint32_t other) { return severity(other) < sev; });
    waiting_.insert(pos, id);
  }
  if (inc.kind + 1 >= cfg_.kinds.size() || cfg_.escalation_per_hour <= 0) return;
  const Tick after = inc.draws.draw(day, inc.stream, [&](RandomStream& s) {
    return hours(exponential(s, 1.0 / cfg_.escalation_per_hour));
  });
  inc.escalation = sim_.schedule_cancellable_in(std::max<Tick>(1, after), {kEscalate, 0, id, 0});
}

bool IncidentBook::escalate(std::uint32_t id) {
  Incident& inc = incidents_[id];
  if (inc.settled || inc.handling_start >= 0) return false;
  ++inc.kind;
  inc.needed = cfg_.kinds[inc.kind].officers;
  trace_(TraceKind::kEscalated, id, inc.tps, kNone, cfg_.kinds[inc.kind].severity, inc.kind);
  recount(id);
  waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), id), waiting_.end());
  return true;
}

void IncidentBook::recount(std::uint32_t id) {
  Incident& inc = incidents_[id];
  const bool guards_count = severity(id) <= kGuardMaxSeverity;
  inc.capable_committed = guards_count ? inc.guards : 0;
  inc.capable_on_scene = guards_count && inc.guards_on_scene ? inc.guards : 0;
  for (std::uint32_t u = inc.first_unit; u != kNone; u = next_[u]) {
    if (!can_settle(u, id)) continue;
    const int officers = model_.scenario().forces.units[u].headcount;
    inc.capable_committed += officers;
    if (on_scene_[u]) inc.capable_on_scene += officers;
  }
}

void IncidentBook::settle(std::uint32_t id) {
  incidents_[id].settled = true;
  trace_(TraceKind::kSettled, id, incidents_[id].tps, kNone);
}

}  // namespace siaga::dynamics::day
