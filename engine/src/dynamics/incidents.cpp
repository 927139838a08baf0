#include "incidents.hpp"

#include <algorithm>
#include <cmath>

#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

IncidentBook::IncidentBook(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model),
      cfg_(model.scenario().incidents),
      sim_(sim),
      trace_(trace),
      next_(model.team_count(), kNone),
      unit_(model.team_count(), 0),
      officers_(model.team_count(), 0),
      where_(model.team_count(), kOnTheWay) {}

void IncidentBook::reset() {
  incidents_.clear();
  waiting_.clear();
  is_waiting_.clear();
}

int IncidentBook::severity(std::uint32_t id) const noexcept {
  return cfg_.kinds[incidents_[id].kind].severity;
}

bool IncidentBook::unit_capable(std::uint32_t unit, std::uint32_t id) const noexcept {
  return model_.scenario().forces.units[unit].max_severity >= severity(id);
}

bool IncidentBook::guards_capable(std::uint32_t id) const noexcept {
  return model_.guard_max_severity() >= severity(id);
}

int IncidentBook::capable_short(std::uint32_t id) const noexcept {
  const Incident& inc = incidents_[id];
  return inc.settled ? 0 : inc.needed - inc.capable_committed;
}

bool IncidentBook::open_and_waiting(std::uint32_t id) const noexcept { return is_waiting_[id] != 0; }

std::uint32_t IncidentBook::open(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase,
                                 std::uint64_t stream, bool exposed, const DaySeed& day) {
  const auto id = static_cast<std::uint32_t>(incidents_.size());
  Incident& inc = incidents_.emplace_back();
  is_waiting_.push_back(0);
  inc.tps = tps;
  inc.kind = inc.reported_kind = kind;
  inc.stream = stream;
  inc.reported = sim_.now();
  inc.needed = cfg_.kinds[kind].officers;
  inc.phase = phase;
  inc.exposed = exposed;
  inc.max_severity = static_cast<std::uint8_t>(cfg_.kinds[kind].severity);
  trace_(TraceKind::kIncidentReported, id, tps, kNone, cfg_.kinds[kind].severity, kind);
  start_escalation(id, day);
  return id;
}

void IncidentBook::guards_sent(std::uint32_t id, int officers) {
  Incident& inc = incidents_[id];
  inc.guards = officers;
  inc.committed += officers;
  if (guards_capable(id)) inc.capable_committed += officers;
  trace_(TraceKind::kGuardsRespond, id, inc.tps, kNone, officers);
}

bool IncidentBook::guards_arrive(std::uint32_t id) {
  Incident& inc = incidents_[id];
  if (inc.settled || inc.guards == 0) return false;
  inc.guards_on_scene = true;
  count_on_scene(id, inc.guards, guards_capable(id), kNone, kNone);
  return true;
}

void IncidentBook::count_on_scene(std::uint32_t id, int officers, bool capable, std::uint32_t unit,
                                  std::uint32_t station) {
  Incident& inc = incidents_[id];
  inc.on_scene += officers;
  if (capable) inc.capable_on_scene += officers;
  if (inc.first_on_scene < 0) {
    inc.first_on_scene = sim_.now();
    inc.first_station = station;
  }
  trace_(TraceKind::kOnScene, id, inc.tps, unit, inc.on_scene, inc.capable_on_scene);
  update_hazard(id);
}

void IncidentBook::team_sent(std::uint32_t id, std::uint32_t team, std::uint32_t unit, int officers) {
  Incident& inc = incidents_[id];
  where_[team] = kOnTheWay;
  unit_[team] = unit;
  officers_[team] = officers;
  next_[team] = inc.first_team;
  inc.first_team = team;
  inc.committed += officers;
  if (unit_capable(unit, id)) inc.capable_committed += officers;
}

bool IncidentBook::team_arrives(std::uint32_t id, std::uint32_t team, std::uint32_t unit, int officers,
                                std::uint32_t station) {
  Incident& inc = incidents_[id];
  const bool capable = unit_capable(unit, id);
  // Not needed any more: the incident is over, or handling has begun with capable officers enough
  // and this team would only hold.
  if (inc.settled || (inc.handling_start >= 0 && (!capable || inc.capable_on_scene >= inc.needed))) {
    inc.committed -= officers;
    if (capable) inc.capable_committed -= officers;
    unlink(id, team);
    return false;
  }
  where_[team] = kThere;
  count_on_scene(id, officers, capable, unit, station);
  return true;
}

bool IncidentBook::update(std::uint32_t id, const DaySeed& day) {
  Incident& inc = incidents_[id];
  if (inc.settled) return false;
  const bool capable_there = inc.capable_on_scene > 0;
  if (inc.handling_start < 0 && inc.on_scene >= inc.needed && capable_there) {
    inc.handling_start = sim_.now();
    update_hazard(id);  // no escalation once handling has begun
    trace_(TraceKind::kHandlingStarts, id, inc.tps, kNone, inc.on_scene, inc.capable_on_scene);
    sim_.schedule_in(handling_time(inc, day), {kSettle, 0, id, 0});
  }
  requeue(id);
  return inc.capable_on_scene >= inc.needed && inc.on_scene > inc.capable_on_scene;
}

Tick IncidentBook::handling_time(Incident& inc, const DaySeed& day) {
  const scenario::Handling& h = cfg_.kinds[inc.kind].handling;
  const double m = inc.handling_draws.draw(day, inc.stream, [&](RandomStream& s) {
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

// Escalation is a hazard, per hour, of escalation_per_hour with nobody on scene, falling in
// proportion to the share of the needed officers there: h = h0 (1 - min(1, on scene / needed)).
// Each level draws one Exp(1) budget; the incident escalates when the hazard used up reaches it, so
// arrivals change the timing without new draws.
void IncidentBook::start_escalation(std::uint32_t id, const DaySeed& day) {
  Incident& inc = incidents_[id];
  inc.used = 0;
  inc.rate = 0;
  inc.rate_since = sim_.now();
  inc.budget =
      inc.escalation_draws.draw(day, inc.stream, [](RandomStream& s) { return -std::log(s.uniform01()); });
  update_hazard(id);
}

void IncidentBook::update_hazard(std::uint32_t id) {
  Incident& inc = incidents_[id];
  const Tick now = sim_.now();
  inc.used += inc.rate * static_cast<double>(now - inc.rate_since);
  inc.rate_since = now;
  const bool can = !inc.settled && inc.handling_start < 0 && inc.kind + 1 < cfg_.kinds.size() &&
                   cfg_.escalation_per_hour > 0;
  const double share = std::min(1.0, static_cast<double>(inc.on_scene) / static_cast<double>(inc.needed));
  const double rate =
      can ? cfg_.escalation_per_hour / static_cast<double>(kTicksPerHour) * (1.0 - share) : 0.0;
  if (rate == inc.rate && inc.escalation.valid()) return;
  inc.rate = rate;
  sim_.cancel(inc.escalation);
  inc.escalation = {};
  if (rate <= 0) return;
  const double left = std::max(0.0, inc.budget - inc.used);
  const double wait = left / rate;
  if (wait < static_cast<double>(kDayEnd))
    inc.escalation = sim_.schedule_cancellable_in(std::max<Tick>(1, to_ticks(wait)), {kEscalate, 0, id, 0});
}

bool IncidentBook::escalate(std::uint32_t id, const DaySeed& day) {
  Incident& inc = incidents_[id];
  inc.escalation = {};
  if (inc.settled || inc.handling_start >= 0) return false;
  if (is_waiting_[id]) {  // out of the list while its severity, the list's order, changes
    waiting_.erase(std::lower_bound(waiting_.begin(), waiting_.end(), id,
                                    [&](std::uint32_t a, std::uint32_t b) { return waiting_before(a, b); }));
    is_waiting_[id] = 0;
  }
  ++inc.kind;
  inc.needed = cfg_.kinds[inc.kind].officers;
  inc.max_severity = std::max(inc.max_severity, static_cast<std::uint8_t>(cfg_.kinds[inc.kind].severity));
  trace_(TraceKind::kEscalated, id, inc.tps, kNone, cfg_.kinds[inc.kind].severity, inc.kind);
  recount(id);
  start_escalation(id, day);
  requeue(id);
  return true;
}

void IncidentBook::recount(std::uint32_t id) {
  Incident& inc = incidents_[id];
  const bool guards = guards_capable(id);
  inc.capable_committed = guards ? inc.guards : 0;
  inc.capable_on_scene = guards && inc.guards_on_scene ? inc.guards : 0;
  for (std::uint32_t t = inc.first_team; t != kNone; t = next_[t]) {
    if (where_[t] == kGone || !unit_capable(unit_[t], id)) continue;
    inc.capable_committed += officers_[t];
    if (where_[t] == kThere) inc.capable_on_scene += officers_[t];
  }
}

void IncidentBook::unlink(std::uint32_t id, std::uint32_t team) {
  where_[team] = kGone;
  std::uint32_t* link = &incidents_[id].first_team;
  while (*link != kNone && *link != team) link = &next_[*link];
  if (*link == team) *link = next_[team];
  next_[team] = kNone;
}

bool IncidentBook::waiting_before(std::uint32_t a, std::uint32_t b) const noexcept {
  const int sa = severity(a), sb = severity(b);
  return sa != sb ? sa > sb : a < b;  // incident numbers follow report times
}

void IncidentBook::requeue(std::uint32_t id) {
  const bool short_of = capable_short(id) > 0;
  if (short_of == (is_waiting_[id] != 0)) return;
  const auto pos = std::lower_bound(waiting_.begin(), waiting_.end(), id,
                                    [&](std::uint32_t a, std::uint32_t b) { return waiting_before(a, b); });
  if (short_of) {
    waiting_.insert(pos, id);
  } else {
    waiting_.erase(pos);
  }
  is_waiting_[id] = short_of ? 1 : 0;
}

}  // namespace siaga::dynamics::day
