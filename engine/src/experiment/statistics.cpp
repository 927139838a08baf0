#include "siaga/experiment/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/complement.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

// Every sum here runs sequentially in index order (no parallel reduction, no reordering by the
// compiler: -ffp-contract=off and no -ffast-math), so a summary is the same bit for bit on any
// machine and thread count. Bad arguments (a confidence outside (0, 1), mismatched lengths) are
// programming errors of the caller: run_experiment validates user options before they get here,
// so they throw std::invalid_argument rather than InputError.

namespace siaga::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_confidence(double confidence) {
  // Written so that a NaN fails too.
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence must be in (0, 1), got " + std::to_string(confidence));
  }
}

// The upper (1 + c) / 2 quantile: the multiplier of a two-sided interval at confidence c.
double t_multiplier(double degrees_of_freedom, double confidence) {
  return boost::math::quantile(boost::math::students_t(degrees_of_freedom), (1.0 + confidence) / 2.0);
}

// The mean, refined by a second pass: the correction sum(x - m) / n recovers most of the
// rounding error of the first sum when the values share a large offset.
double mean_of(std::span<const double> xs) {
  const double n = static_cast<double>(xs.size());
  double sum = 0.0;
  for (double x : xs) sum += x;
  const double first = sum / n;
  if (!std::isfinite(first)) return first;  // inf - inf in the refinement would turn it into NaN
  double residual = 0.0;
  for (double x : xs) residual += x - first;
  return first + residual / n;
}

// The unbiased variance about `mean` by the corrected two-pass algorithm (Chan, Golub and LeVeque
// 1983): sum (x - m)^2 - (sum (x - m))^2 / n. The sums of squares of the values themselves are
// never formed, so values like 1e12 + {4, 7, 13, 16} keep their variance of 30 exactly.
double variance_of(std::span<const double> xs, double mean) {
  const double n = static_cast<double>(xs.size());
  double squares = 0.0, residual = 0.0;
  for (double x : xs) {
    const double d = x - mean;
    squares += d * d;
    residual += d;
  }
  const double variance = (squares - residual * residual / n) / (n - 1.0);
  // Rounding can take a zero variance a hair below 0; a NaN (from an infinite value) must stay
  // NaN, which std::max(0.0, NaN) would turn into a false 0.
  return variance < 0.0 ? 0.0 : variance;
}

std::vector<double> without_nan(std::span<const double> values) {
  std::vector<double> kept;
  kept.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) kept.push_back(v);
  }
  return kept;
}

}  // namespace

Summary summarize(std::span<const double> values, double confidence) {
  check_confidence(confidence);
  // NaN only is left out (a metric undefined in that replication); an infinity is a value and
  // shows in the mean rather than being hidden.
  std::vector<double> xs = without_nan(values);
  Summary s;
  s.n = xs.size();
  if (xs.empty()) {
    s.mean = s.sd = s.low = s.high = s.p5 = s.p50 = s.p95 = s.p99 = kNaN;
    return s;
  }
  s.mean = mean_of(xs);
  if (xs.size() >= 2) {
    s.sd = std::sqrt(variance_of(xs, s.mean));
    const double n = static_cast<double>(xs.size());
    const double half = t_multiplier(n - 1.0, confidence) * s.sd / std::sqrt(n);
    s.low = s.mean - half;
    s.high = s.mean + half;
  } else {
    // One value says nothing about the spread: an interval would be a false claim of precision.
    s.sd = s.low = s.high = kNaN;
  }
  std::sort(xs.begin(), xs.end());
  s.p5 = quantile_type7(xs, 0.05);
  s.p50 = quantile_type7(xs, 0.50);
  s.p95 = quantile_type7(xs, 0.95);
  s.p99 = quantile_type7(xs, 0.99);
  return s;
}

Ratio ratio_of_totals(std::span<const double> numerator, std::span<const double> denominator,
                      double confidence, double lower, double upper) {
  check_confidence(confidence);
  if (numerator.size() != denominator.size())
    throw std::invalid_argument("ratio_of_totals: numerator and denominator differ in length");
  std::vector<double> x, y;
  for (std::size_t i = 0; i < numerator.size(); ++i)
    if (!std::isnan(numerator[i]) && !std::isnan(denominator[i])) {
      y.push_back(numerator[i]);
      x.push_back(denominator[i]);
    }
  Ratio r;
  r.n = x.size();
  double sx = 0, sy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
  }
  r.denominator = sx;
  if (!(sx > 0)) {
    r.estimate = r.low = r.high = kNaN;
    return r;
  }
  r.estimate = sy / sx;
  if (r.n < 2) {
    r.low = r.high = kNaN;
    return r;
  }
  // Delta method: Var(R) ~ sum((y - R x)^2) / ((n - 1) n xbar^2).
  const double n = static_cast<double>(r.n);
  double ss = 0;
  for (std::size_t i = 0; i < x.size(); ++i) ss += (y[i] - r.estimate * x[i]) * (y[i] - r.estimate * x[i]);
  const double xbar = sx / n;
  const double se = std::sqrt(ss / (n - 1.0) / n) / xbar;
  const double half = t_multiplier(n - 1.0, confidence) * se;
  r.low = std::max(lower, r.estimate - half);
  r.high = std::min(upper, r.estimate + half);
  return r;
}

Proportion wilson(std::size_t successes, std::size_t n, double confidence) {
  check_confidence(confidence);
  if (successes > n) {
    throw std::invalid_argument("wilson: " + std::to_string(successes) + " successes in " +
                                std::to_string(n) + " trials");
  }
  Proportion r;
  r.successes = successes;
  r.n = n;
  if (n == 0) {
    r.estimate = kNaN;
    r.low = 0.0;
    r.high = 1.0;
    return r;
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z = boost::math::quantile(boost::math::normal(), (1.0 + confidence) / 2.0);
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  r.estimate = p;
  // At 0 (or n) successes the exact Wilson bound is 0 (or 1); centre - half cancels to it only up
  // to rounding, and a lower bound of 1e-18 would look like information that is not there.
  r.low = successes == 0 ? 0.0 : std::clamp(centre - half, 0.0, 1.0);
  r.high = successes == n ? 1.0 : std::clamp(centre + half, 0.0, 1.0);
  return r;
}

double quantile_type7(std::span<const double> sorted, double q) {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument("quantile_type7: q must be in [0, 1], got " + std::to_string(q));
  }
  if (sorted.empty()) return kNaN;
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const auto below = static_cast<std::size_t>(std::floor(h));
  const double fraction = h - static_cast<double>(below);
  // On an order statistic exactly (or between equal ones) return it as is: the interpolation
  // x + 0 * (y - x) would turn an infinite x into NaN.
  if (fraction == 0.0 || below + 1 >= sorted.size()) return sorted[below];
  const double lo = sorted[below], hi = sorted[below + 1];
  if (lo == hi) return lo;
  return lo + fraction * (hi - lo);
}

double tail_mean(std::span<const double> values, double share) {
  if (!(share >= 0.0 && share <= 1.0)) {
    throw std::invalid_argument("tail_mean: share must be in [0, 1], got " + std::to_string(share));
  }
  std::vector<double> xs = without_nan(values);
  if (xs.empty()) return kNaN;
  const double n = static_cast<double>(xs.size());
  // ceil(share * n), except that a product which is a whole number up to rounding (0.07 * 100 is
  // 7.000000000000001 in doubles) counts as that whole number, not the next one.
  const double target = share * n;
  const double nearest = std::round(target);
  const double wanted =
      std::abs(target - nearest) <= 1e-9 * std::max(1.0, target) ? nearest : std::ceil(target);
  const auto k = std::clamp(static_cast<std::size_t>(wanted), std::size_t{1}, xs.size());
  // The k largest, sorted, so that the sum runs in one defined order whatever the input order.
  std::partial_sort(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(k), xs.end(), std::greater<>());
  return mean_of(std::span<const double>(xs.data(), k));
}

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b, double confidence) {
  check_confidence(confidence);
  if (a.size() != b.size()) {
    throw std::invalid_argument("paired_difference: " + std::to_string(a.size()) + " values against " +
                                std::to_string(b.size()));
  }
  // Only pairs where both plans are defined: dropping one side alone would break the pairing that
  // common random numbers provide.
  std::vector<double> xa, xb, d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isfinite(a[i]) && std::isfinite(b[i])) {
      xa.push_back(a[i]);
      xb.push_back(b[i]);
      d.push_back(b[i] - a[i]);
    }
  }
  PairedDifference r;
  r.n = d.size();
  if (d.empty()) {
    r.mean = r.low = r.high = r.p_value = r.independent_half_width = kNaN;
    return r;
  }
  r.mean = mean_of(d);
  if (d.size() < 2) {
    // No spread to test against: neither an interval nor a p-value can be claimed.
    r.low = r.high = r.p_value = r.independent_half_width = kNaN;
    return r;
  }
  const double n = static_cast<double>(d.size());
  const double sd = std::sqrt(variance_of(d, r.mean));
  const double se = sd / std::sqrt(n);
  const double half = t_multiplier(n - 1.0, confidence) * se;
  r.low = r.mean - half;
  r.high = r.mean + half;
  if (se == 0.0) {
    // Every difference equal: no difference at all is certain, any other one certainly not zero.
    r.p_value = r.mean == 0.0 ? 1.0 : 0.0;
  } else {
    const double t = std::abs(r.mean) / se;
    r.p_value =
        std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(boost::math::students_t(n - 1.0), t)));
  }
  // Welch's interval from the same replications treated as two independent samples of size n:
  // var_a / n + var_b / n with the Welch-Satterthwaite degrees of freedom
  // (va/n + vb/n)^2 / ((va/n)^2 / (n-1) + (vb/n)^2 / (n-1)) = (n-1) (va + vb)^2 / (va^2 + vb^2).
  const double va = variance_of(xa, mean_of(xa));
  const double vb = variance_of(xb, mean_of(xb));
  if (va + vb == 0.0) {
    r.independent_half_width = 0.0;
  } else {
    const double df = (n - 1.0) * (va + vb) * (va + vb) / (va * va + vb * vb);
    r.independent_half_width = t_multiplier(df, confidence) * std::sqrt((va + vb) / n);
  }
  return r;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  // As R's p.adjust: a NaN p-value stays NaN and does not count among the m tests.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    const double p = p_values[i];
    if (std::isnan(p)) continue;
    if (p < 0.0 || p > 1.0) {
      throw std::invalid_argument("holm_adjust: p-value " + std::to_string(p) + " outside [0, 1]");
    }
    order.push_back(i);
  }
  // Stable, so that tied p-values keep their input order and the result is fully defined.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  std::vector<double> adjusted(p_values.begin(), p_values.end());
  const std::size_t m = order.size();
  double running = 0.0;
  for (std::size_t j = 0; j < m; ++j) {
    const double scaled = std::min(1.0, static_cast<double>(m - j) * p_values[order[j]]);
    // Step-down: an adjusted p-value never falls below that of a smaller raw one.
    running = std::max(running, scaled);
    adjusted[order[j]] = running;
  }
  return adjusted;
}

}  // namespace siaga::experiment
