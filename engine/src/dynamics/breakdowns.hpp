#pragma once
// A vehicle that fails on the road: until repaired its crew walks on, so the trip takes longer.
// Used for every trip a day makes by vehicle (to an incident, back, with the ballot boxes).
// Internal part of a day.

#include <algorithm>

#include "siaga/core/time.hpp"
#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/incidents.hpp"

namespace siaga::dynamics::day {

/// The time (ms) a trip of `travel` ms takes when the vehicle fails `breakdown` ms into it: until
/// repaired the crew moves at foot speed, covering `repair / slowdown` of the remaining driving.
inline Tick trip_with_breakdown(Tick travel, Tick breakdown, const scenario::Faults& f,
                                const geo::SpeedTable& speeds, geo::Vehicle vehicle) {
  if (breakdown >= travel) return travel;
  const auto& village = speeds[static_cast<std::size_t>(geo::RoadClass::kVillage)];
  const double by_vehicle = village[static_cast<std::size_t>(vehicle)];
  const double foot = village[static_cast<std::size_t>(geo::Vehicle::kFoot)];
  const double slowdown = foot > 0 && by_vehicle > foot ? by_vehicle / foot : 1.0;
  const Tick remaining = travel - breakdown;
  const Tick repair = minutes(f.repair_minutes);
  return static_cast<double>(repair) / slowdown >= static_cast<double>(remaining)
             ? breakdown + to_ticks(static_cast<double>(remaining) * slowdown)
             : breakdown + repair + remaining - to_ticks(static_cast<double>(repair) / slowdown);
}

}  // namespace siaga::dynamics::day
