#include "fleet.hpp"

#include <algorithm>

#include "breakdowns.hpp"
#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"

namespace siaga::dynamics::day {

using scenario::UnitKind;

Fleet::Fleet(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model),
      sim_(sim),
      trace_(trace),
      teams_(model.team_count()),
      absent_(model.scenario().forces.units.size(), 0),
      dispatches_(model.scenario().forces.units.size(), 0),
      free_at_post_(model.scenario().forces.posts.size(), 0),
      village_officer_(model.scenario().region.villages.size(), 0) {
  const auto& units = model.scenario().forces.units;
  for (std::uint32_t u = 0; u < units.size(); ++u)
    for (std::uint32_t k = 0; k < model.first_team(u + 1) - model.first_team(u); ++k) {
      teams_[model.first_team(u) + k].unit = u;
      teams_[model.first_team(u) + k].officers = units[u].team_officers(static_cast<int>(k));
    }
}

void Fleet::reset(const DaySeed& day) {
  // Absences first: they decide which villages have their Bhabinkamtibmas today.
  std::fill(free_at_post_.begin(), free_at_post_.end(), 0);
  std::fill(village_officer_.begin(), village_officer_.end(), 0);
  std::fill(dispatches_.begin(), dispatches_.end(), 0);
  const auto& units = model_.scenario().forces.units;
  const double p_absent = model_.scenario().forces.faults.unavailable_probability;
  const Tick setup = model_.phase_starts()[0];
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    const scenario::Unit& unit = units[u];
    absent_[u] = draw_once<kUnitDay>(day, model_.unit_streams()[u],
                                     [&](RandomStream& s) { return bernoulli(s, p_absent); });
    for (std::uint32_t t = model_.first_team(u); t < model_.first_team(u + 1); ++t) {
      const std::uint32_t unit_index = teams_[t].unit;
      const int officers = teams_[t].officers;
      teams_[t] = Team{};
      teams_[t].unit = unit_index;
      teams_[t].officers = officers;
      teams_[t].state = absent_[u] ? State::kAbsent : State::kFree;
      if (!absent_[u]) ++free_at_post_[unit.post];
    }
    if (absent_[u]) continue;
    if (unit.kind == UnitKind::kBhabinkamtibmas)
      for (const std::size_t v : unit.villages) village_officer_[v] = 1;
    // A unit whose duty starts after set-up takes the incidents waiting then.
    if (unit.dispatchable && hours(unit.duty_start_hour) > setup && hours(unit.duty_start_hour) < kDayEnd)
      sim_.schedule_at(hours(unit.duty_start_hour), {kUnitOnDuty, 0, u, 0});
  }
}

void Fleet::trace_absent() const {
  if (!trace_.on()) return;
  for (std::uint32_t u = 0; u < absent_.size(); ++u)
    if (absent_[u]) trace_(TraceKind::kUnitAbsent, kNone, kNone, u);
}

bool Fleet::on_duty(std::uint32_t u) const noexcept {
  const scenario::Unit& cfg = model_.scenario().forces.units[u];
  const Tick now = sim_.now();
  return !absent_[u] && now >= hours(cfg.duty_start_hour) && now < hours(cfg.duty_end_hour);
}

std::uint64_t Fleet::team_stream(std::uint32_t t) const noexcept {
  // A unit's teams draw their breakdowns from streams of their own: the unit's entity mixed with
  // the team's number within the unit.
  const std::uint32_t u = teams_[t].unit;
  return model_.unit_streams()[u] ^
         ((static_cast<std::uint64_t>(t - model_.first_team(u)) + 1) * 0xD1B54A32D192ED03ull);
}

Tick Fleet::send(std::uint32_t t, std::uint32_t incident, Tick travel, Tick back, const DaySeed& day) {
  Team& team = teams_[t];
  const scenario::Unit& cfg = model_.scenario().forces.units[team.unit];
  SIAGA_CHECK(team.state == State::kFree, "a team was sent while not free");
  team.state = State::kBusy;
  team.incident = incident;
  team.back = back;
  team.busy_since = sim_.now();
  ++dispatches_[team.unit];
  --free_at_post_[cfg.post];
  SIAGA_CHECK(free_at_post_[cfg.post] >= 0, "a post sent more teams than it had");
  return sim_.now() + minutes(cfg.mobilisation_minutes) + drive(t, travel, day);
}

Tick Fleet::way_back(std::uint32_t t, const DaySeed& day) { return drive(t, teams_[t].back, day); }

Tick Fleet::drive(std::uint32_t t, Tick travel, const DaySeed& day) {
  const scenario::Faults& f = model_.scenario().forces.faults;
  const scenario::Unit& cfg = model_.scenario().forces.units[teams_[t].unit];
  if (f.breakdown_per_hour <= 0 || travel <= 0 || cfg.vehicle == geo::Vehicle::kFoot) return travel;
  const Tick breakdown = teams_[t].faults.draw(day, team_stream(t), [&](RandomStream& s) {
    return hours(exponential(s, 1.0 / f.breakdown_per_hour));
  });
  if (breakdown >= travel) return travel;
  const Tick arrive = trip_with_breakdown(travel, breakdown, f, model_.roads().speeds(), cfg.vehicle);
  trace_(TraceKind::kUnitBreakdown, teams_[t].incident, kNone, teams_[t].unit, 0, arrive - travel);
  return arrive;
}

void Fleet::back(std::uint32_t t) {
  Team& team = teams_[t];
  const scenario::Unit& cfg = model_.scenario().forces.units[team.unit];
  const Tick now = sim_.now();
  team.busy += now - team.busy_since;
  team.incident = kNone;
  const Tick end = hours(cfg.duty_end_hour);
  if (now >= end) {  // it finished its task after its duty: overtime, and off duty
    team.overtime = std::max(team.overtime, now - end);
    team.state = State::kOffDuty;
  } else {
    team.state = State::kFree;
    ++free_at_post_[cfg.post];
  }
  trace_(TraceKind::kUnitReturns, kNone, kNone, team.unit, team.officers);
}

Tick Fleet::busy(std::uint32_t t, Tick now) const noexcept {
  return teams_[t].busy + (teams_[t].state == State::kBusy ? now - teams_[t].busy_since : 0);
}

Tick Fleet::overtime(std::uint32_t t, Tick now) const noexcept {
  const Tick end = hours(model_.scenario().forces.units[teams_[t].unit].duty_end_hour);
  return teams_[t].state == State::kBusy ? std::max<Tick>(0, now - end) : teams_[t].overtime;
}

}  // namespace siaga::dynamics::day
