#pragma once
// Arrival times of a non-homogeneous Poisson process with a piecewise-constant rate.

#include <span>
#include <vector>

#include "siaga/core/random_stream.hpp"
#include "siaga/core/time.hpp"

namespace siaga {

/// A rate that is constant between breakpoints: rates[i] arrivals per hour on
/// [starts[i], starts[i+1]), the last rate holding for ever. Before starts[0] the rate is zero.
class PiecewiseRate {
 public:
  /// Preconditions: same non-zero length, starts strictly increasing, rates finite and >= 0.
  PiecewiseRate(std::span<const Tick> starts, std::span<const double> rates_per_hour);

  /// The rate at time t, in arrivals per hour.
  double rate_at(Tick t) const noexcept;
  /// The expected number of arrivals in [0, t).
  double cumulative(Tick t) const noexcept;
  /// The expected number of arrivals in [a, b).
  double expected(Tick a, Tick b) const noexcept { return cumulative(b) - cumulative(a); }

  /// The first arrival strictly after `now`, by inversion of the cumulative rate with one
  /// exponential draw; kNever if the rate is zero from `now` on.
  Tick next_arrival(RandomStream& s, Tick now) const noexcept;

 private:
  std::vector<Tick> starts_;
  std::vector<double> rates_per_tick_;
  std::vector<double> cumulative_at_start_;  // expected arrivals in [0, starts_[i])
};

}  // namespace siaga
