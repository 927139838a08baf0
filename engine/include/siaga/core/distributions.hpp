#pragma once
// Random variates drawn from a RandomStream.
//
// Written here rather than taken from <random>, whose distributions differ between standard library
// versions: a scenario and seed must give the same day everywhere. Wherever it is cheap the draw is
// by inversion (one uniform per variate), which keeps streams aligned across plans and makes a
// variate monotone in its uniform, both of which help common random numbers.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "siaga/core/random_stream.hpp"

namespace siaga {

/// Uniform on (a, b).
double uniform(RandomStream& s, double a, double b) noexcept;

/// Exponential with the given mean (> 0), by inversion.
double exponential(RandomStream& s, double mean) noexcept;

/// True with probability p (clamped to [0, 1]).
bool bernoulli(RandomStream& s, double p) noexcept;

/// Poisson with the given mean (>= 0): inversion below a mean of 10, Hörmann's PTRS above.
std::uint64_t poisson(RandomStream& s, double mean) noexcept;

/// Normal with mean and standard deviation (>= 0), by inversion (Boost.Math's erfc_inv).
double normal(RandomStream& s, double mean, double sd);

/// Lognormal given by its own mean (> 0) and coefficient of variation (>= 0).
double lognormal_mean_cv(RandomStream& s, double mean, double cv);

/// Gamma with shape k (> 0) and scale theta (> 0): mean k * theta. Marsaglia and Tsang (2000).
double gamma(RandomStream& s, double shape, double scale);

/// Erlang: the sum of k exponentials, with the given total mean.
double erlang(RandomStream& s, unsigned k, double mean);

/// A discrete distribution over 0..n-1 with given non-negative weights; drawn by inversion over the
/// cumulative weights (binary search), so a draw allocates nothing.
class DiscreteDistribution {
 public:
  /// Precondition: at least one weight, all finite and >= 0, and a positive sum.
  explicit DiscreteDistribution(std::span<const double> weights);
  std::size_t operator()(RandomStream& s) const noexcept;
  std::size_t size() const noexcept { return cumulative_.size(); }
  /// The probability of outcome i.
  double probability(std::size_t i) const noexcept;

 private:
  std::vector<double> cumulative_;  // normalised, last element exactly 1
};

}  // namespace siaga
