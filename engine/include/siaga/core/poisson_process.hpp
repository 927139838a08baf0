#pragma once
// Arrival times of a non-homogeneous Poisson process whose rate is constant, or decays
// exponentially, between breakpoints.

#include <array>
#include <cstddef>
#include <span>

#include "siaga/core/random_stream.hpp"
#include "siaga/core/time.hpp"

namespace siaga {

/// A rate that is constant between breakpoints: rates[i] on [starts[i], starts[i+1]), the last rate
/// holding for ever; before starts[0] the rate is zero. A segment may instead decay: rates[i] at
/// starts[i], times exp(-decays[i] (t - starts[i])) after (a rate that fades after an event, such
/// as the end of a count). Holds at most kMaxSegments segments inline, so a replication can build
/// one per TPS and draw from it without allocating.
class PiecewiseRate {
 public:
  static constexpr std::size_t kMaxSegments = 16;

  /// Rates in arrivals per hour. Preconditions: same length, 1 to kMaxSegments segments, starts
  /// non-decreasing (a repeated start is an empty segment), rates finite and >= 0.
  PiecewiseRate(std::span<const Tick> starts, std::span<const double> rates_per_hour);

  /// The same from rates in arrivals per tick (ms), as a model that computes them per tick holds
  /// them: no conversion, so no rounding, between its figures and the draws.
  static PiecewiseRate per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick);
  /// As per_tick, with each segment's decay rate (per tick, >= 0; 0 keeps it constant).
  static PiecewiseRate per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick,
                                std::span<const double> decays_per_tick);
  /// Makes this rate the one per_tick(starts, rates_per_tick, decays_per_tick) builds, in place: a
  /// day that redraws a rate per candidate incident reuses one instead of building 400 bytes.
  void assign_per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick,
                       std::span<const double> decays_per_tick);

  /// The rate at time t, in arrivals per hour.
  double rate_at(Tick t) const noexcept;
  /// The expected number of arrivals in [0, t).
  double cumulative(Tick t) const noexcept;
  /// The expected number of arrivals in [a, b).
  double expected(Tick a, Tick b) const noexcept { return cumulative(b) - cumulative(a); }

  /// An arrival and the segment it falls in (segment == segment_count() when there is none).
  struct Arrival {
    Tick at = kNever;  ///< ticks; kNever if the rate is zero from `now` on
    std::size_t segment = 0;
  };

  /// The first arrival strictly after `now`, by inversion with one exponential draw: the draw is an
  /// amount of expected arrivals, spent segment by segment from `now` until a segment holds the
  /// rest. The arrival lies inside its segment (before the next start), so a caller that labels
  /// arrivals by segment (a phase of the day) never gets one at the next segment's first tick.
  Arrival next(RandomStream& s, Tick now) const noexcept;
  /// next(s, now).at.
  Tick next_arrival(RandomStream& s, Tick now) const noexcept { return next(s, now).at; }

  std::size_t segment_count() const noexcept { return count_; }

 private:
  PiecewiseRate() = default;
  void check() const;

  std::array<Tick, kMaxSegments> starts_{};
  std::array<double, kMaxSegments> rates_per_tick_{};
  std::array<double, kMaxSegments> decays_per_tick_{};
  std::size_t count_ = 0;
  /// Expected arrivals of segment i in [a, b) (starts_[i] <= a <= b).
  double integral(std::size_t i, Tick a, Tick b) const noexcept;
};

}  // namespace siaga
