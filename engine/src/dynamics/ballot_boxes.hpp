#pragma once
// The ballot boxes' trip after the count: TPS -> PPS -> PPK along the election's ballot chain, with
// the escort the guards give, and the threats to boxes on the road. Internal part of a day.

#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class BallotBoxes {
 public:
  BallotBoxes(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  void reset();

  /// The boxes of `tps` leave with `escort` officers of guard group `escort_group`: schedules
  /// their arrival at the PPS and the PPK, the escort's return to its group and any incident on the
  /// way. Returns the one-way trip (ms).
  Tick depart(std::uint32_t tps, int escort, std::uint32_t escort_group, const DaySeed& day);
  /// The boxes reach the PPS / the PPK with `escort` officers (traced days only).
  void at_pps(std::uint32_t tps, int escort);
  void at_ppk(std::uint32_t tps, int escort);
  /// Boxes in transit with `escort` officers are threatened.
  void threatened(std::uint32_t tps, int escort);

  /// When the last boxes reached the end of the chain, ms.
  Tick last_box() const noexcept { return last_box_; }
  std::uint32_t transit_incidents() const noexcept { return transit_incidents_; }
  /// Box arrivals the day handled without an event (all of them, on a day not traced).
  std::uint64_t untraced_arrivals() const noexcept { return untraced_arrivals_; }

 private:
  const scenario::Model& model_;
  Simulator& sim_;
  const DayTrace& trace_;
  bool to_pps_ = false, to_ppk_ = false;
  Tick last_box_ = 0;
  std::uint32_t transit_incidents_ = 0;
  std::uint64_t untraced_arrivals_ = 0;
};

}  // namespace siaga::dynamics::day
