#include "fleet.hpp"

#include <algorithm>

#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"

namespace siaga::dynamics::day {

using scenario::UnitKind;

Fleet::Fleet(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model),
      sim_(sim),
      trace_(trace),
      units_(model.scenario().forces.units.size()),
      available_at_post_(model.scenario().forces.posts.size()),
      village_officer_(model.scenario().region.villages.size()) {}

void Fleet::reset(const DaySeed& day) {
  // Absences first: they decide which villages have their Bhabinkamtibmas today.
  std::fill(available_at_post_.begin(), available_at_post_.end(), 0);
  std::fill(village_officer_.begin(), village_officer_.end(), 0);
  const double p_absent = model_.scenario().forces.faults.unavailable_probability;
  for (std::uint32_t u = 0; u < units_.size(); ++u) {
    const scenario::Unit& unit = model_.scenario().forces.units[u];
    const bool absent = draw_once<kUnitDay>(day, model_.unit_streams()[u],
                                            [&](RandomStream& s) { return bernoulli(s, p_absent); });
    units_[u] = Unit{};
    units_[u].state = absent ? State::kAbsent : State::kAvailable;
    if (absent) continue;
    if (unit.dispatchable) ++available_at_post_[unit.post];
    if (unit.kind == UnitKind::kBhabinkamtibmas && unit.village) village_officer_[*unit.village] = 1;
  }
}

void Fleet::trace_absent() const {
  if (!trace_.on()) return;
  for (std::uint32_t u = 0; u < units_.size(); ++u)
    if (units_[u].state == State::kAbsent) trace_(TraceKind::kUnitAbsent, kNone, kNone, u);
}

bool Fleet::can_go(std::uint32_t u) const noexcept {
  const scenario::Unit& cfg = model_.scenario().forces.units[u];
  const Tick now = sim_.now();
  return units_[u].state == State::kAvailable && now >= hours(cfg.duty_start_hour) &&
         now < hours(cfg.duty_end_hour);
}

Tick Fleet::send(std::uint32_t u, std::uint32_t incident, Tick travel, const DaySeed& day) {
  Unit& unit = units_[u];
  const scenario::Unit& cfg = model_.scenario().forces.units[u];
  unit.state = State::kBusy;
  unit.incident = incident;
  unit.travel = travel;
  unit.busy_since = sim_.now();
  --available_at_post_[cfg.post];
  SIAGA_CHECK(available_at_post_[cfg.post] >= 0, "a post sent more units than it had");
  return sim_.now() + minutes(cfg.mobilisation_minutes) + drive(u, travel, day);
}

Tick Fleet::drive(std::uint32_t u, Tick travel, const DaySeed& day) {
  const scenario::Faults& f = model_.scenario().forces.faults;
  const scenario::Unit& cfg = model_.scenario().forces.units[u];
  if (f.breakdown_per_hour <= 0 || travel <= 0 || cfg.vehicle == geo::Vehicle::kFoot) return travel;
  const Tick breakdown = units_[u].faults.draw(day, model_.unit_streams()[u], [&](RandomStream& s) {
    return hours(exponential(s, 1.0 / f.breakdown_per_hour));
  });
  if (breakdown >= travel) return travel;
  // Until repaired the unit walks: foot covers `repair / slowdown` of the remaining driving time.
  const auto& speeds = model_.roads().speeds()[static_cast<std::size_t>(geo::RoadClass::kVillage)];
  const double vehicle = speeds[static_cast<std::size_t>(cfg.vehicle)];
  const double foot = speeds[static_cast<std::size_t>(geo::Vehicle::kFoot)];
  const double slowdown = foot > 0 && vehicle > foot ? vehicle / foot : 1.0;
  const Tick remaining = travel - breakdown;
  const Tick repair = minutes(f.repair_minutes);
  const Tick arrive = static_cast<double>(repair) / slowdown >= static_cast<double>(remaining)
                          ? breakdown + to_ticks(static_cast<double>(remaining) * slowdown)
                          : breakdown + repair + remaining - to_ticks(static_cast<double>(repair) / slowdown);
  trace_(TraceKind::kUnitBreakdown, units_[u].incident, kNone, u, 0, arrive - travel);
  return arrive;
}

void Fleet::back(std::uint32_t u) {
  Unit& unit = units_[u];
  unit.busy += sim_.now() - unit.busy_since;
  unit.state = State::kAvailable;
  unit.incident = kNone;
  ++available_at_post_[model_.scenario().forces.units[u].post];
  trace_(TraceKind::kUnitReturns, kNone, kNone, u);
}

Tick Fleet::busy(std::uint32_t u, Tick now) const noexcept {
  return units_[u].busy + (units_[u].state == State::kBusy ? now - units_[u].busy_since : 0);
}

}  // namespace siaga::dynamics::day
