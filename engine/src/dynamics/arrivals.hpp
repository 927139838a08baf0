#pragma once
// Candidate incidents at every TPS, drawn lazily (the next one only) as a non-homogeneous Poisson
// process over the phases of the TPS's day, then thinned: a guarded TPS deters part of them, and
// contagion near a recent incident keeps more. Candidates are the same under every plan; only
// the thinning, from its own stream, differs. Internal part of a day.

#include <array>
#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/core/poisson_process.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

/// What the rest of the day says about a TPS when its next candidate is drawn.
struct ArrivalConditions {
  std::uint8_t true_category = 0;
  Tick count_end = 0;                    ///< ms; the post count's rate decays from then on
  bool village_officer_present = false;  ///< its village's Bhabinkamtibmas is on duty today
  bool contested = false;                ///< its village's result is contested: a higher post count
};

/// Whether a candidate becomes an incident, and the incident's own stream entity.
struct Kept {
  bool incident = false;
  std::uint64_t stream = 0;
};

class Arrivals {
 public:
  Arrivals(const scenario::Model& model, Simulator& sim);
  void reset();
  /// Draws the TPS's next candidate after now, if any, and schedules it (kCandidate).
  void schedule_next(std::uint32_t tps, const DaySeed& day, const ArrivalConditions& c);
  /// Decides the candidate that just arrived at `tps`: `guard_coverage` (0-1) is the share of the
  /// TPS its guards cover now.
  Kept thin(std::uint32_t tps, const DaySeed& day, double guard_coverage);
  /// An incident at `tps`: with contagion on, its neighbours keep more candidates for a while.
  void on_incident(std::uint32_t tps);

 private:
  struct Tps {
    StreamCursor<kArrivals> arrivals;
    StreamCursor<kThinning> thinning;
    std::uint32_t candidates = 0;
    Tick boost_until = -1;
  };
  const scenario::Model& model_;
  const scenario::Incidents& cfg_;
  Simulator& sim_;
  double boost_ = 1.0;             // contagion's rate multiplier; candidates are drawn at the boosted rate
  double post_count_decay_ = 0.0;  // per ms
  // Scratch of schedule_next(), reassigned per draw.
  PiecewiseRate rate_ = PiecewiseRate::per_tick(std::array<Tick, 1>{0}, std::array<double, 1>{0.0});
  std::vector<Tps> tps_;
};

}  // namespace siaga::dynamics::day
