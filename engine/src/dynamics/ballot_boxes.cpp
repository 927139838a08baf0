#include "ballot_boxes.hpp"

#include <algorithm>

#include "breakdowns.hpp"
#include "siaga/core/distributions.hpp"

namespace siaga::dynamics::day {

BallotBoxes::BallotBoxes(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model), sim_(sim), trace_(trace), escort_(model.tps().size(), 0) {
  const auto& chain = model.scenario().election.ballot_chain;
  to_pps_ = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPps) != chain.end();
  to_ppk_ = std::find(chain.begin(), chain.end(), scenario::BallotStage::kPpk) != chain.end();
}

void BallotBoxes::reset() {
  std::fill(escort_.begin(), escort_.end(), 0);
  last_box_ = 0;
  transit_incidents_ = 0;
}

Tick BallotBoxes::depart(std::uint32_t i, int escort, const DaySeed& day) {
  const scenario::TpsSite& site = model_.tps()[i];
  const scenario::Incidents& cfg = model_.scenario().incidents;
  escort_[i] = escort;
  trace_(TraceKind::kBoxDeparts, kNone, i, kNone, escort);
  Tick first_leg = site.to_pps;
  Tick second_leg = to_ppk_ ? model_.pps_to_ppk()[site.village] : 0;
  // An escort's motorbikes may fail on the way too: the boxes wait with their escort.
  const scenario::Faults& f = model_.scenario().forces.faults;
  const Tick unhindered = first_leg + second_leg;
  if (escort > 0 && f.breakdown_per_hour > 0 && first_leg + second_leg > 0) {
    const Tick at = draw_once<kEscortFaults>(day, model_.tps_streams()[i], [&](RandomStream& s) {
      return hours(exponential(s, 1.0 / f.breakdown_per_hour));
    });
    const Tick delay = trip_with_breakdown(first_leg + second_leg, at, f, model_.roads().speeds(),
                                           geo::Vehicle::kMotorbike) -
                       (first_leg + second_leg);
    if (delay > 0) {
      trace_(TraceKind::kUnitBreakdown, kNone, i, kNone, escort, delay);
      (at < first_leg ? first_leg : second_leg) += delay;
    }
  }
  const Tick trip = first_leg + second_leg;
  if (to_pps_) sim_.schedule_in(first_leg, {kBoxAtPps, 0, i, 0});
  if (to_ppk_) sim_.schedule_in(trip, {kBoxAtPpk, 0, i, 0});
  if (!to_pps_ && !to_ppk_) last_box_ = std::max(last_box_, sim_.now());
  if (escort > 0)
    sim_.schedule_in(trip + unhindered, {kEscortBack, 0, i, static_cast<std::uint32_t>(escort)});
  // Incidents on the boxes on the road; an escort makes them rarer.
  const double per_ms = cfg.transit_per_1000_box_hours / 1000.0 / static_cast<double>(kTicksPerHour) *
                        (escort > 0 ? cfg.transit_escort_factor : 1.0);
  if (per_ms > 0 && trip > 0) {
    const double at = draw_once<kTransit>(day, model_.tps_streams()[i],
                                          [&](RandomStream& s) { return exponential(s, 1.0 / per_ms); });
    if (at < static_cast<double>(trip)) sim_.schedule_in(to_ticks(at), {kTransitIncident, 0, i, 0});
  }
  return trip;
}

void BallotBoxes::at_pps(std::uint32_t i) {
  trace_(TraceKind::kBoxArrives, kNone, i, kNone, escort_[i], 0);
  if (model_.scenario().election.ballot_chain.back() == scenario::BallotStage::kPps)
    last_box_ = std::max(last_box_, sim_.now());
}

void BallotBoxes::at_ppk(std::uint32_t i) {
  trace_(TraceKind::kBoxArrives, kNone, i, kNone, escort_[i], 1);
  last_box_ = std::max(last_box_, sim_.now());
}

void BallotBoxes::threatened(std::uint32_t i) {
  ++transit_incidents_;
  trace_(TraceKind::kTransitIncident, kNone, i, kNone, escort_[i]);
}

}  // namespace siaga::dynamics::day
