#pragma once
// Statistics over replications: means with t intervals, quantiles (type 7), probabilities with
// Wilson intervals, tails, paired comparisons and Holm's correction. Quantiles of the t and normal
// distributions come from Boost.Math. NaN values (a metric undefined in a replication) are left out.

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace siaga::experiment {

/// A metric across replications.
struct Summary {
  std::size_t n = 0;  ///< replications where the metric is defined (not NaN)
  double mean = 0, sd = 0;
  double low = 0, high = 0;                  ///< t interval of the mean at the requested confidence
  double p5 = 0, p50 = 0, p95 = 0, p99 = 0;  ///< type 7 quantiles across replications
  /// Half the interval's width.
  double half_width() const noexcept { return (high - low) / 2; }
};

/// Summarises values (NaN left out). With n < 2 the interval is NaN; with n == 0 everything is NaN.
Summary summarize(std::span<const double> values, double confidence);

/// A probability estimated from successes in n trials, with its Wilson score interval.
struct Proportion {
  std::size_t successes = 0, n = 0;
  double estimate = 0, low = 0, high = 0;
};

/// The Wilson score interval (with n == 0: estimate NaN, interval [0, 1]).
Proportion wilson(std::size_t successes, std::size_t n, double confidence);

/// Type 7 quantile (R's default, linear between order statistics) of sorted values, q in [0, 1].
double quantile_type7(std::span<const double> sorted, double q);

/// The mean of the largest `share` of the values (at least one value): the tail of bad days.
double tail_mean(std::span<const double> values, double share = 0.05);

/// The difference b - a of two plans measured on the same replications (common random numbers).
struct PairedDifference {
  std::size_t n = 0;         ///< pairs where both are defined
  double mean = 0;           ///< mean of b - a
  double low = 0, high = 0;  ///< t interval of the mean difference
  double p_value = 1;        ///< two-sided paired t test of no difference
  /// Half-width the interval would have if the plans had been run on independent streams
  /// (Welch's t interval from the two samples' variances), for comparison with the paired one.
  double independent_half_width = 0;
  double half_width() const noexcept { return (high - low) / 2; }
};

/// Paired comparison of b against a (same length; pairs with a NaN are left out).
PairedDifference paired_difference(std::span<const double> a, std::span<const double> b, double confidence);

/// A ratio of totals over replications, sum(y) / sum(x) (riots per clash, incidents answered in
/// time per incident), with its delta-method interval: the replications are the independent units,
/// so what happens on one day is counted together (incidents of one day are not independent).
struct Ratio {
  std::size_t n = 0;  ///< replications
  double estimate = 0, low = 0, high = 0;
  double denominator = 0;  ///< sum(x)
};

/// The ratio of the totals of `numerator` and `denominator` (same length, one value per
/// replication; NaN pairs left out). NaN estimate when the denominator sums to 0; the interval is
/// clipped to [lower, upper] (a share lies in [0, 1]).
Ratio ratio_of_totals(std::span<const double> numerator, std::span<const double> denominator,
                      double confidence, double lower = 0.0,
                      double upper = std::numeric_limits<double>::infinity());

/// Holm's step-down adjustment of p-values (same order as given; each at most 1).
std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace siaga::experiment
