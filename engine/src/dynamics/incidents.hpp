#pragma once
// The day's incidents from report to settlement. Officers of any kind hold the scene; settling
// starts once enough officers are there and at least one of them may settle the incident's
// severity; those who may not (holders) go once capable officers alone are enough. While too few
// are there the incident may escalate, the more likely the fewer are there. It knows nothing of
// where officers come from: the day tells it who was sent and who arrived. Internal part of a day.

#include <cstdint>
#include <span>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

/// One incident of the day.
struct Incident {
  std::uint32_t tps = 0;
  std::uint32_t kind = 0;  // index into incidents.kinds: escalation moves to the next one
  std::uint32_t reported_kind = 0;
  std::uint64_t stream = 0;
  StreamCursor<kIncident> handling_draws;
  StreamCursor<kEscalation> escalation_draws;
  scenario::Phase phase = scenario::Phase::kVoting;
  Tick reported = 0;
  Tick first_on_scene = -1;
  std::uint32_t first_station = kNone;  // who reached it first: a station, or kNone for its guards
  Tick handling_start = -1;
  bool settled = false;
  bool exposed = false;  // reported after the TPS's guards had left
  int needed = 0;
  int committed = 0;          // officers sent or there (guards included)
  int on_scene = 0;           // officers there
  int capable_committed = 0;  // of those, officers who may settle it as it is now
  int capable_on_scene = 0;
  int guards = 0;  // guards sent (still with it)
  bool guards_on_scene = false;
  std::uint32_t first_team = kNone;  // teams sent and not gone, last sent first (a list through teams)
  // Escalation: the hazard's budget for the next escalation (an Exp(1) draw), the hazard used up
  // so far, its rate now (per ms) and since when.
  double budget = 0, used = 0, rate = 0;
  Tick rate_since = 0;
  EventHandle escalation;
  std::uint8_t max_severity = 0;  // the highest severity it reached
};

class IncidentBook {
 public:
  IncidentBook(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  void reset();

  /// Opens an incident of `kind` at `tps`; returns its number.
  std::uint32_t open(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, std::uint64_t stream,
                     bool exposed, const DaySeed& day);
  const Incident& operator[](std::uint32_t id) const noexcept { return incidents_[id]; }
  std::size_t size() const noexcept { return incidents_.size(); }
  /// Its severity now.
  int severity(std::uint32_t id) const noexcept;
  /// Whether a unit may settle it as it is now.
  bool unit_capable(std::uint32_t unit, std::uint32_t id) const noexcept;
  bool guards_capable(std::uint32_t id) const noexcept;
  /// Officers missing for capable officers alone to be enough: what is still to be sent.
  int capable_short(std::uint32_t id) const noexcept;
  bool open_and_waiting(std::uint32_t id) const noexcept;

  /// `officers` of its TPS's guards go to it.
  void guards_sent(std::uint32_t id, int officers);
  /// They arrive; returns false if they are not needed any more (they go back).
  bool guards_arrive(std::uint32_t id);
  /// A team (`officers` of `unit`) was sent to it.
  void team_sent(std::uint32_t id, std::uint32_t team, std::uint32_t unit, int officers);
  /// A team arrives from `station`; returns false if it is not needed any more (it goes back).
  bool team_arrives(std::uint32_t id, std::uint32_t team, std::uint32_t unit, int officers,
                    std::uint32_t station);

  /// After any change: starts handling if it can (schedules kSettle); returns true if holders may
  /// now go (capable officers alone are enough), for the day to release them with release_holders.
  bool update(std::uint32_t id, const DaySeed& day);
  /// Takes the holders off the incident: calls `team_goes(team)` for each team that may not settle
  /// it and is there, and returns the guards who go (0 if they stay).
  template <class F>
  int release_holders(std::uint32_t id, F&& team_goes);

  /// Escalates to the next kind; returns false if it no longer can (settled or being handled).
  bool escalate(std::uint32_t id, const DaySeed& day);
  /// Handling is over: calls `team_goes(team)` for each team there, which leaves.
  template <class F>
  void settle(std::uint32_t id, F&& team_goes);

  /// Incidents still short of capable officers, in the order they are served: severity
  /// descending, then report time.
  std::span<const std::uint32_t> waiting() const noexcept { return waiting_; }
  /// Puts the incident in the waiting list if it is short, takes it out if not.
  void requeue(std::uint32_t id);

 private:
  void recount(std::uint32_t id);
  /// Takes a team off the incident's list: it has gone (the team may serve another incident next).
  void unlink(std::uint32_t id, std::uint32_t team);
  void start_escalation(std::uint32_t id, const DaySeed& day);
  void update_hazard(std::uint32_t id);
  // Counts `officers` (of `unit`, from `station`; kNone for the guards) on scene, and traces it.
  void count_on_scene(std::uint32_t id, int officers, bool capable, std::uint32_t unit,
                      std::uint32_t station);
  Tick handling_time(Incident& inc, const DaySeed& day);
  bool waiting_before(std::uint32_t a, std::uint32_t b) const noexcept;

  const scenario::Model& model_;
  const scenario::Incidents& cfg_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::vector<Incident> incidents_;
  std::vector<std::uint32_t> waiting_;
  std::vector<std::uint8_t> is_waiting_;  // per incident
  std::vector<std::uint32_t> next_;       // per team: the next team sent to the same incident
  std::vector<std::uint32_t> unit_;       // per team: its unit
  std::vector<int> officers_;             // per team: officers on this incident
  enum Where : std::uint8_t { kOnTheWay, kThere, kGone };
  std::vector<Where> where_;  // per team, on its incident
};

template <class F>
int IncidentBook::release_holders(std::uint32_t id, F&& team_goes) {
  Incident& inc = incidents_[id];
  for (std::uint32_t t = inc.first_team, next; t != kNone; t = next) {
    next = next_[t];
    if (where_[t] == kThere && !unit_capable(unit_[t], id)) {
      inc.on_scene -= officers_[t];
      inc.committed -= officers_[t];
      unlink(id, t);
      team_goes(t);
    }
  }
  if (inc.guards > 0 && inc.guards_on_scene && !guards_capable(id)) {
    const int going = inc.guards;
    inc.on_scene -= going;
    inc.committed -= going;
    inc.guards = 0;
    inc.guards_on_scene = false;
    return going;
  }
  return 0;
}

template <class F>
void IncidentBook::settle(std::uint32_t id, F&& team_goes) {
  Incident& inc = incidents_[id];
  inc.settled = true;
  requeue(id);
  trace_(TraceKind::kSettled, id, inc.tps, kNone);
  // Teams still on the way stay on the list: they turn back on arrival (team_arrives).
  for (std::uint32_t t = inc.first_team, next; t != kNone; t = next) {
    next = next_[t];
    if (where_[t] == kThere) {
      unlink(id, t);
      team_goes(t);
    }
  }
}

}  // namespace siaga::dynamics::day
