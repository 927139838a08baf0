#pragma once
// What a day measured: counts as incidents happen, and at the end of the day the response times,
// shares within target, officer-hours and utilisation, read from the other parts. Internal part of
// a day.

#include <cstdint>
#include <vector>

#include "ballot_boxes.hpp"
#include "day_context.hpp"
#include "fleet.hpp"
#include "guards.hpp"
#include "incidents.hpp"
#include "siaga/dynamics/outcome.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class DayMetrics {
 public:
  DayMetrics(const scenario::Model& model, const DayTrace& trace);
  /// The distance band (index into incidents.response_targets) of an incident `km` from the post
  /// that answered it: the farthest band whose beyond_km it exceeds.
  std::size_t band(double km) const noexcept;
  void reset();

  /// An incident was reported (`exposed`: after the TPS's guards had left).
  void reported(std::uint32_t tps, std::uint32_t kind, scenario::Phase phase, bool exposed);
  /// An incident escalated.
  void escalated(std::uint32_t tps);
  /// Officer-hours on the road (guards, escorts, units), summed in the order they happen.
  void add_travel(double officer_hours) noexcept { travel_hours_ += officer_hours; }

  /// The day's outcome, once its events have run; `end` is the clock then (ms). Traces the
  /// incidents still open.
  const Outcome& finish(Tick end, std::uint64_t events, const IncidentBook& incidents, const Guards& guards,
                        const Fleet& fleet, const BallotBoxes& boxes);

 private:
  const scenario::Model& model_;
  const DayTrace& trace_;
  std::vector<double> first_response_, full_response_, exposed_response_;
  double travel_hours_ = 0;
  std::uint32_t escalations_ = 0;
  Outcome out_;
};

}  // namespace siaga::dynamics::day
