#pragma once
// The day's incidents from report to settlement: who is committed and who is on scene, the wait
// for enough officers (queued by severity, then report time), escalation while short, handling,
// settling. Knows nothing of where officers come from; the day tells it who was sent. Internal
// part of a day.

#include <cstdint>
#include <span>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

/// What TPS guards settle themselves (the tps_guard default).
inline constexpr int kGuardMaxSeverity = 2;

/// One incident of the day.
struct Incident {
  std::uint32_t tps = 0;
  std::uint32_t kind = 0;  // index into incidents.kinds: escalation moves to the next one
  std::uint64_t stream = 0;
  StreamCursor<kIncident> draws;
  Tick reported = 0;
  Tick first_on_scene = -1;
  Tick handling_start = -1;
  int needed = 0;
  int capable_on_scene = 0;
  int capable_committed = 0;
  int guards = 0;  // guards sent
  bool guards_on_scene = false;
  std::uint32_t first_unit = kNone;  // the units sent, last sent first (see IncidentBook::next_unit)
  EventHandle escalation;
  bool settled = false;
  bool exposed = false;  // reported after the TPS's guards had left
  scenario::Phase phase = scenario::Phase::kVoting;
};

class IncidentBook {
 public:
  IncidentBook(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  void reset();

  /// Opens an incident of `kind` at `tps`; returns its number.
  std::uint32_t open(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, std::uint64_t stream,
                     bool exposed);
  const Incident& operator[](std::uint32_t id) const noexcept { return incidents_[id]; }
  std::size_t size() const noexcept { return incidents_.size(); }
  /// Its severity now.
  int severity(std::uint32_t id) const noexcept;
  /// Officers it still needs beyond those committed.
  int short_of(std::uint32_t id) const noexcept {
    return incidents_[id].needed - incidents_[id].capable_committed;
  }
  /// Whether a unit of this kind may settle it as it is now.
  bool can_settle(std::uint32_t unit, std::uint32_t id) const noexcept;

  /// `officers` of its TPS's guards go to it.
  void guards_sent(std::uint32_t id, int officers);
  /// They arrive; returns false if it was settled before they did (they go back).
  bool guards_arrive(std::uint32_t id);
  /// A unit was sent to it.
  void unit_sent(std::uint32_t id, std::uint32_t unit);
  /// A unit arrives; returns false if it was settled before it did (it goes back).
  bool unit_arrives(std::uint32_t id, std::uint32_t unit);
  /// Starts handling if enough capable officers are on scene (schedules kSettle).
  void start_handling_if_ready(std::uint32_t id, const DaySeed& day);
  /// Still short after a dispatch: it waits, and may escalate (schedules kEscalate).
  void wait(std::uint32_t id, const DaySeed& day);
  /// Escalates to the next kind; returns false if it no longer can (settled or being handled).
  bool escalate(std::uint32_t id);
  /// Handling is over.
  void settle(std::uint32_t id);

  /// The units sent to it, last sent first: iterate with next_unit until kNone.
  std::uint32_t next_unit(std::uint32_t unit) const noexcept { return next_[unit]; }
  bool unit_on_scene(std::uint32_t unit) const noexcept { return on_scene_[unit] != 0; }
  /// Incidents short of officers, in the order they are served: severity descending, then report.
  std::span<const std::uint32_t> waiting() const noexcept { return waiting_; }

 private:
  void recount(std::uint32_t id);
  Tick handling_time(Incident& inc, const DaySeed& day);

  const scenario::Model& model_;
  const scenario::Incidents& cfg_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::vector<Incident> incidents_;
  std::vector<std::uint32_t> waiting_;
  std::vector<std::uint32_t> next_;     // per unit: the next unit sent to the same incident
  std::vector<std::uint8_t> on_scene_;  // per unit: at its incident now
};

}  // namespace siaga::dynamics::day
