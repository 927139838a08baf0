#pragma once
// The dispatchable units: who is absent today, who is free at which post, who is on duty, the trip
// to an incident (mobilisation, driving, a breakdown on the way) and the way back, and each unit's
// busy time. Internal part of a day.

#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class Fleet {
 public:
  Fleet(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  /// Draws today's absences.
  void reset(const DaySeed& day);
  /// Traces the units absent today.
  void trace_absent() const;

  /// Whether the village's Bhabinkamtibmas is on duty today.
  bool village_officer_present(std::uint32_t village) const noexcept {
    return village_officer_[village] != 0;
  }
  /// Free, and within its duty window now.
  bool can_go(std::uint32_t unit) const noexcept;
  /// Units of the post free now.
  int available_at_post(std::uint32_t post) const noexcept { return available_at_post_[post]; }

  /// Sends the unit to `incident`, `travel` ms away by road: returns when it arrives (ms), after
  /// its mobilisation and a breakdown on the way, if one strikes.
  Tick send(std::uint32_t unit, std::uint32_t incident, Tick travel, const DaySeed& day);
  /// Its travel time back from the incident it serves (ms).
  Tick way_back(std::uint32_t unit) const noexcept { return units_[unit].travel; }
  /// The unit is back at its post and free.
  void back(std::uint32_t unit);

  /// Busy time today so far (ms), counting a unit still out to now.
  Tick busy(std::uint32_t unit, Tick now) const noexcept;
  bool absent(std::uint32_t unit) const noexcept { return units_[unit].state == State::kAbsent; }

 private:
  enum class State : std::uint8_t { kAbsent, kAvailable, kBusy };
  struct Unit {
    State state = State::kAvailable;
    std::uint32_t incident = kNone;
    Tick travel = 0;  // outbound travel of the current assignment
    Tick busy_since = 0;
    Tick busy = 0;  // total busy time today
    StreamCursor<kUnitFaults> faults;
  };
  Tick drive(std::uint32_t unit, Tick travel, const DaySeed& day);

  const scenario::Model& model_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::vector<Unit> units_;
  std::vector<int> available_at_post_;
  std::vector<std::uint8_t> village_officer_;  // per village: its Bhabinkamtibmas is on duty today
};

}  // namespace siaga::dynamics::day
