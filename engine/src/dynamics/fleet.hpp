#pragma once
// The dispatchable units and their teams: who is absent today, which teams are free, who is on
// duty, the trips to an incident and back (mobilisation, driving, a breakdown on the way), each
// team's busy time and each unit's overtime. Internal part of a day.

#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class Fleet {
 public:
  Fleet(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  /// Draws today's absences and schedules the start of each unit's duty that begins after set-up.
  void reset(const DaySeed& day);
  /// Traces the units absent today.
  void trace_absent() const;

  /// Whether the village's Bhabinkamtibmas is on duty today (one may serve several villages).
  bool village_officer_present(std::uint32_t village) const noexcept {
    return village_officer_[village] != 0;
  }
  /// Whether the unit is here today and within its duty window now.
  bool on_duty(std::uint32_t unit) const noexcept;
  /// Whether the team is free to go (its unit on duty).
  bool free(std::uint32_t team) const noexcept { return teams_[team].state == State::kFree; }
  /// Free teams of the post now (for reserve rules).
  int free_at_post(std::uint32_t post) const noexcept { return free_at_post_[post]; }
  /// The unit a team belongs to, and its officers.
  std::uint32_t unit_of(std::uint32_t team) const noexcept { return teams_[team].unit; }
  int officers(std::uint32_t team) const noexcept { return teams_[team].officers; }

  /// Sends the team to `incident`, `travel` ms away by road, `back` ms on the way back: returns
  /// when it arrives (ms), after its mobilisation and a breakdown on the way if one strikes.
  Tick send(std::uint32_t team, std::uint32_t incident, Tick travel, Tick back, const DaySeed& day);
  /// The team leaves the scene for its post: how long the way back takes (ms, a breakdown included).
  Tick way_back(std::uint32_t team, const DaySeed& day);
  /// The team is back at its post: free, or off duty if its duty has ended (overtime).
  void back(std::uint32_t team);

  /// Busy time of a team today so far (ms), counting one still out to `now`.
  Tick busy(std::uint32_t team, Tick now) const noexcept;
  /// Time a team worked past its unit's duty end (ms), counting one still out to `now`.
  Tick overtime(std::uint32_t team, Tick now) const noexcept;
  /// Dispatches of a unit's teams today.
  std::uint32_t dispatches(std::uint32_t unit) const noexcept { return dispatches_[unit]; }
  bool absent(std::uint32_t unit) const noexcept { return absent_[unit] != 0; }

 private:
  enum class State : std::uint8_t { kAbsent, kFree, kBusy, kOffDuty };
  struct Team {
    State state = State::kFree;
    std::uint32_t unit = 0;
    int officers = 0;
    std::uint32_t incident = kNone;
    Tick back = 0;  // the way back from the current incident, travel only
    Tick busy_since = 0;
    Tick busy = 0;      // total busy time today
    Tick overtime = 0;  // past the duty end, once back
    StreamCursor<kUnitFaults> faults;
  };
  Tick drive(std::uint32_t team, Tick travel, const DaySeed& day);
  std::uint64_t team_stream(std::uint32_t team) const noexcept;

  const scenario::Model& model_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::vector<Team> teams_;
  std::vector<std::uint8_t> absent_;
  std::vector<std::uint32_t> dispatches_;
  std::vector<int> free_at_post_;
  std::vector<std::uint8_t> village_officer_;  // per village: its Bhabinkamtibmas is here today
};

}  // namespace siaga::dynamics::day
