#include "ballot_boxes.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "breakdowns.hpp"
#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

BallotBoxes::BallotBoxes(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model), sim_(sim), trace_(trace) {
  const auto& chain = model.scenario().election.ballot_chain;
  to_pps_ = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPps) != chain.end();
  to_ppk_ = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPpk) != chain.end();
}

void BallotBoxes::reset() {
  last_box_ = 0;
  transit_incidents_ = 0;
  untraced_arrivals_ = 0;
}

Tick BallotBoxes::depart(std::uint32_t i, int escort, std::uint32_t escort_group, const DaySeed& day) {
  const scenario::TpsSite& site = model_.tps()[i];
  const scenario::Incidents& cfg = model_.scenario().incidents;
  const scenario::Faults& f = model_.scenario().forces.faults;
  // The escort travels in the events (their argument), so the day keeps no per-TPS state here.
  const auto officers = static_cast<std::uint32_t>(escort);
  trace_(TraceKind::kBoxDeparts, kNone, i, kNone, escort);
  // The trip's two draws from one stream, both always taken so that whether one is used (an escort
  // or none, under one plan or another) never shifts the other: when an escort's vehicle would
  // fail, and when the boxes would meet trouble.
  const auto [fault_u, trouble_u] = draw_once<kTransit>(day, model_.tps()[i].stream, [](RandomStream& s) {
    return std::pair{s.uniform01(), s.uniform01()};
  });
  Tick first_leg = site.to_pps;
  Tick second_leg = to_ppk_ ? model_.pps_to_ppk()[site.village] : 0;
  const Tick unhindered = first_leg + second_leg;
  // An escort's motorbikes may fail on the way too: the boxes wait with their escort.
  // -log(u) >= 1 - u: where 1 - u already exceeds the trip's expected failures the vehicle holds,
  // and the logarithm (rarely needed) is not taken.
  if (escort > 0 && f.breakdown_per_hour > 0 && unhindered > 0 &&
      1.0 - fault_u < f.breakdown_per_hour * to_hours(unhindered)) {
    const Tick at = hours(-std::log(fault_u) / f.breakdown_per_hour);
    const Tick delay =
        trip_with_breakdown(unhindered, at, f, model_.roads().speeds(), geo::Vehicle::kMotorbike) -
        unhindered;
    if (delay > 0) {
      trace_(TraceKind::kUnitBreakdown, kNone, i, kNone, escort, delay);
      (at < first_leg ? first_leg : second_leg) += delay;
    }
  }
  const Tick trip = first_leg + second_leg;
  // The boxes' arrivals change nothing but the last box's time, which is known now: they are
  // events only when traced, to show in order (the day's `events` counts them either way).
  const Tick now = sim_.now();
  if (to_pps_) {
    if (trace_.on()) sim_.schedule_in(first_leg, {kBoxAtPps, 0, i, officers});
    if (!to_ppk_) last_box_ = std::max(last_box_, now + first_leg);
  }
  if (to_ppk_) {
    if (trace_.on()) sim_.schedule_in(trip, {kBoxAtPpk, 0, i, officers});
    last_box_ = std::max(last_box_, now + trip);
  }
  if (!trace_.on()) untraced_arrivals_ += (to_pps_ ? 1 : 0) + (to_ppk_ ? 1 : 0);
  if (!to_pps_ && !to_ppk_) last_box_ = std::max(last_box_, now);
  if (escort > 0) sim_.schedule_in(trip + unhindered, {kEscortBack, 0, escort_group, officers});
  // Incidents on the boxes on the road; an escort makes them rarer.
  const double per_ms = cfg.transit_per_1000_box_hours / 1000.0 / static_cast<double>(kTicksPerHour) *
                        (escort > 0 ? cfg.transit_escort_factor : 1.0);
  if (per_ms > 0 && trip > 0 && 1.0 - trouble_u < per_ms * static_cast<double>(trip)) {
    const double at = -std::log(trouble_u) / per_ms;
    if (at < static_cast<double>(trip)) sim_.schedule_in(to_ticks(at), {kTransitIncident, 0, i, officers});
  }
  return trip;
}

void BallotBoxes::at_pps(std::uint32_t i, int escort) {
  trace_(TraceKind::kBoxArrives, kNone, i, kNone, escort, 0);
}

void BallotBoxes::at_ppk(std::uint32_t i, int escort) {
  trace_(TraceKind::kBoxArrives, kNone, i, kNone, escort, 1);
}

void BallotBoxes::threatened(std::uint32_t i, int escort) {
  ++transit_incidents_;
  trace_(TraceKind::kTransitIncident, kNone, i, kNone, escort);
}

}  // namespace siaga::dynamics::day
