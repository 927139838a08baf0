#pragma once
// Goodness-of-fit helpers for statistical tests: Kolmogorov-Smirnov and chi-square p-values.
// Every statistical test uses a fixed seed and compares a p-value with a stated significance level.

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <functional>
#include <vector>

namespace siaga::testing {

/// Significance level of every goodness-of-fit test: a correct distribution fails one such test
/// with probability 0.001 for a given seed, and the seeds are fixed, so a failure means a defect.
inline constexpr double kSignificance = 0.001;

/// P(D_n > d) for the one-sample Kolmogorov-Smirnov statistic, by the asymptotic Kolmogorov series
/// with Stephens' (1970) small-sample correction; accurate to a few percent for n >= 35.
inline double kolmogorov_smirnov_p_value(double d, std::size_t n) {
  const double sn = std::sqrt(static_cast<double>(n));
  const double x = d * (sn + 0.12 + 0.11 / sn);
  double sum = 0.0;
  for (int k = 1; k <= 100; ++k) {
    const double term = std::exp(-2.0 * k * k * x * x);
    sum += (k % 2 == 1 ? term : -term);
    if (term < 1e-16) break;
  }
  return std::clamp(2.0 * sum, 0.0, 1.0);
}

/// The Kolmogorov-Smirnov p-value of a sample against a continuous cdf.
inline double ks_test(std::vector<double> sample, const std::function<double(double)>& cdf) {
  std::sort(sample.begin(), sample.end());
  const double n = static_cast<double>(sample.size());
  double d = 0.0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double f = cdf(sample[i]);
    d = std::max({d, (static_cast<double>(i) + 1.0) / n - f, f - static_cast<double>(i) / n});
  }
  return kolmogorov_smirnov_p_value(d, sample.size());
}

/// Pearson's chi-square p-value of observed counts against expected counts. Cells whose expected
/// count is below 5 should be pooled by the caller.
inline double chi_square_test(const std::vector<double>& observed, const std::vector<double>& expected,
                              int estimated_parameters = 0) {
  double stat = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double diff = observed[i] - expected[i];
    stat += diff * diff / expected[i];
  }
  const double dof = static_cast<double>(observed.size()) - 1.0 - estimated_parameters;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(dof), stat));
}

/// The mean of a sample.
inline double mean_of(const std::vector<double>& xs) {
  double s = 0.0;
  for (double x : xs) s += x;
  return s / static_cast<double>(xs.size());
}

/// The unbiased sample variance.
inline double variance_of(const std::vector<double>& xs) {
  const double m = mean_of(xs);
  double s = 0.0;
  for (double x : xs) s += (x - m) * (x - m);
  return s / static_cast<double>(xs.size() - 1);
}

}  // namespace siaga::testing
