#include "siaga/experiment/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

#include "siaga/core/distributions.hpp"
#include "siaga/core/random_stream.hpp"

// Reference values are R's (R 4.x, default settings) and were derived by hand here; each test
// states the R call and the arithmetic. Statistical tests use fixed seeds, never changed to make a
// test pass, and tolerances from theory.

namespace siaga::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Significance of every statistical test here: a correct implementation fails one with
// probability 0.001 for a given seed, and the seeds are fixed, so a failure means a defect.
constexpr double kSignificance = 0.001;

// The two-sided exact binomial test of `x` successes in `n` trials against probability `p`, as R's
// binom.test: the p-value sums the probabilities of every outcome no more likely than x (with R's
// relative tolerance of 1e-7 for ties).
double binomial_test(std::uint64_t x, std::uint64_t n, double p) {
  const boost::math::binomial_distribution<> bin(static_cast<double>(n), p);
  const double d = boost::math::pdf(bin, static_cast<double>(x));
  const double m = static_cast<double>(n) * p;
  const double rel = 1.0 + 1e-7;
  const double xd = static_cast<double>(x);
  if (xd == m) return 1.0;
  if (xd < m) {
    // y: outcomes above the mean no more likely than x; they form the upper tail n-y+1 .. n.
    std::uint64_t y = 0;
    for (auto i = static_cast<std::uint64_t>(std::ceil(m)); i <= n; ++i) {
      if (boost::math::pdf(bin, static_cast<double>(i)) <= d * rel) ++y;
    }
    const double upper =
        y == 0 ? 0.0 : boost::math::cdf(boost::math::complement(bin, static_cast<double>(n - y)));
    return std::min(1.0, boost::math::cdf(bin, xd) + upper);
  }
  std::uint64_t y = 0;
  for (std::uint64_t i = 0; i <= static_cast<std::uint64_t>(std::floor(m)); ++i) {
    if (boost::math::pdf(bin, static_cast<double>(i)) <= d * rel) ++y;
  }
  const double lower = y == 0 ? 0.0 : boost::math::cdf(bin, static_cast<double>(y - 1));
  return std::min(1.0, lower + boost::math::cdf(boost::math::complement(bin, xd - 1.0)));
}

std::vector<double> one_to(int n) {
  std::vector<double> xs;
  for (int i = 1; i <= n; ++i) xs.push_back(i);
  return xs;
}

double t_quantile(double df, double p) { return boost::math::quantile(boost::math::students_t(df), p); }

// ---------------------------------------------------------------------------------------------
// The binomial test helper itself, so that the coverage tests rest on a checked p-value.

TEST(BinomialTest, MatchesR) {
  // binom.test(7, 10): symmetric, P(X <= 3) + P(X >= 7) = 2 * 176 / 1024 = 0.34375 exactly.
  EXPECT_NEAR(binomial_test(7, 10, 0.5), 0.34375, 1e-12);
  EXPECT_NEAR(binomial_test(3, 10, 0.5), 0.34375, 1e-12);
  // R's own example, binom.test(c(682, 243), p = 3/4): p-value = 0.3825 (0.38249156 by exact sums).
  EXPECT_NEAR(binomial_test(682, 925, 0.75), 0.38249156, 1e-7);
  // binom.test(2, 20, 0.3): asymmetric tails, 0.05262795 by exact sums in rational arithmetic.
  EXPECT_NEAR(binomial_test(2, 20, 0.3), 0.05262795, 1e-7);
  EXPECT_EQ(binomial_test(5, 10, 0.5), 1.0);
}

// ---------------------------------------------------------------------------------------------
// Quantiles (type 7)

TEST(Quantile, Type7MatchesR) {
  const auto xs = one_to(10);
  // quantile(1:10, 0.9): h = 9 * 0.9 = 8.1, so x[8] + 0.1 * (x[9] - x[8]) = 9 + 0.1 = 9.1 (0-based).
  EXPECT_DOUBLE_EQ(quantile_type7(xs, 0.9), 9.1);
  // quantile(1:10, c(0.05, 0.5, 0.95, 0.99)) = 1.45, 5.5, 9.55, 9.91.
  EXPECT_DOUBLE_EQ(quantile_type7(xs, 0.05), 1.45);
  EXPECT_DOUBLE_EQ(quantile_type7(xs, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(quantile_type7(xs, 0.95), 9.55);
  EXPECT_DOUBLE_EQ(quantile_type7(xs, 0.99), 9.91);
  EXPECT_EQ(quantile_type7(xs, 0.0), 1.0);
  EXPECT_EQ(quantile_type7(xs, 1.0), 10.0);
}

TEST(Quantile, DegenerateInputs) {
  EXPECT_TRUE(std::isnan(quantile_type7({}, 0.5)));
  const std::vector<double> one{7.0};
  EXPECT_EQ(quantile_type7(one, 0.0), 7.0);
  EXPECT_EQ(quantile_type7(one, 0.37), 7.0);
  EXPECT_EQ(quantile_type7(one, 1.0), 7.0);
  // An infinite order statistic hit exactly stays infinite (not inf * 0 = NaN).
  const std::vector<double> with_inf{1.0, 2.0, kInf};
  EXPECT_EQ(quantile_type7(with_inf, 1.0), kInf);
  EXPECT_EQ(quantile_type7(with_inf, 0.5), 2.0);
  EXPECT_THROW(quantile_type7(one, -0.1), std::invalid_argument);
  EXPECT_THROW(quantile_type7(one, 1.1), std::invalid_argument);
  EXPECT_THROW(quantile_type7(one, kNaN), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Summaries with t intervals

TEST(Summarize, TIntervalMatchesR) {
  // t_{0.975, 9} = 2.262157 (qt(0.975, 9)): Boost.Math's quantile is what the interval uses.
  EXPECT_NEAR(t_quantile(9, 0.975), 2.262157, 5e-7);
  // t.test(1:10): mean 5.5, sd = sqrt(sum (i - 5.5)^2 / 9) = sqrt(82.5 / 9) = 3.0276504,
  // half-width 2.262157 * 3.0276504 / sqrt(10) = 2.1658506, interval 3.334149 .. 7.665851.
  const auto s = summarize(one_to(10), 0.95);
  EXPECT_EQ(s.n, 10u);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(82.5 / 9.0));
  EXPECT_NEAR(s.low, 3.334149410, 1e-8);
  EXPECT_NEAR(s.high, 7.665850590, 1e-8);
  EXPECT_NEAR(s.half_width(), 2.165850590, 1e-8);
  EXPECT_DOUBLE_EQ(s.p5, 1.45);
  EXPECT_DOUBLE_EQ(s.p50, 5.5);
  EXPECT_DOUBLE_EQ(s.p95, 9.55);
  EXPECT_DOUBLE_EQ(s.p99, 9.91);
}

TEST(Summarize, OtherConfidenceLevels) {
  // t.test(1:10, conf.level = 0.9): qt(0.95, 9) = 1.833113, half-width 1.833113 * 0.9574271 = 1.755072.
  EXPECT_NEAR(summarize(one_to(10), 0.90).half_width(), 1.755072, 1e-6);
  // conf.level = 0.99: qt(0.995, 9) = 3.249836, half-width 3.249836 * 0.9574271 = 3.111481.
  EXPECT_NEAR(summarize(one_to(10), 0.99).half_width(), 3.111481, 1e-6);
}

TEST(Summarize, OrderDoesNotMatter) {
  const std::vector<double> shuffled{7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
  const auto a = summarize(shuffled, 0.95);
  const auto b = summarize(one_to(10), 0.95);
  EXPECT_DOUBLE_EQ(a.mean, b.mean);
  EXPECT_DOUBLE_EQ(a.sd, b.sd);
  EXPECT_EQ(a.p5, b.p5);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p95, b.p95);
  EXPECT_EQ(a.p99, b.p99);
}

TEST(Summarize, LeavesNaNOut) {
  // Same as summarize({1, 2, 3}): mean 2, sd 1, half-width qt(0.975, 2) / sqrt(3) =
  // 4.302653 / 1.732051 = 2.484138; quantiles h = 2q: p5 = 1.1, p95 = 2.9, p99 = 2.98.
  const std::vector<double> xs{kNaN, 1.0, 2.0, kNaN, 3.0};
  const auto s = summarize(xs, 0.95);
  EXPECT_EQ(s.n, 3u);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.sd, 1.0);
  EXPECT_NEAR(s.low, 2.0 - 2.4841377, 1e-6);
  EXPECT_NEAR(s.high, 2.0 + 2.4841377, 1e-6);
  EXPECT_DOUBLE_EQ(s.p5, 1.1);
  EXPECT_DOUBLE_EQ(s.p50, 2.0);
  EXPECT_DOUBLE_EQ(s.p95, 2.9);
  EXPECT_DOUBLE_EQ(s.p99, 2.98);
}

TEST(Summarize, EmptyIsAllNaN) {
  for (const std::vector<double>& xs : {std::vector<double>{}, std::vector<double>{kNaN, kNaN}}) {
    const auto s = summarize(xs, 0.95);
    EXPECT_EQ(s.n, 0u);
    for (double v : {s.mean, s.sd, s.low, s.high, s.p5, s.p50, s.p95, s.p99}) EXPECT_TRUE(std::isnan(v));
  }
}

TEST(Summarize, OneValueHasNoInterval) {
  const std::vector<double> xs{kNaN, 7.0};
  const auto s = summarize(xs, 0.95);
  EXPECT_EQ(s.n, 1u);
  EXPECT_EQ(s.mean, 7.0);
  EXPECT_TRUE(std::isnan(s.sd));
  EXPECT_TRUE(std::isnan(s.low));
  EXPECT_TRUE(std::isnan(s.high));
  EXPECT_EQ(s.p5, 7.0);
  EXPECT_EQ(s.p99, 7.0);
}

TEST(Summarize, ConstantValuesHaveAZeroWidthInterval) {
  const std::vector<double> xs{4.0, 4.0, 4.0, 4.0};
  const auto s = summarize(xs, 0.95);
  EXPECT_EQ(s.mean, 4.0);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.low, 4.0);
  EXPECT_EQ(s.high, 4.0);
}

TEST(Summarize, VarianceSurvivesALargeOffset) {
  // 1e12 + {4, 7, 13, 16}: variance 30 (deviations -6, -3, 3, 6: 90 / 3). The one-pass formula
  // (sum x^2 - n mean^2) / (n - 1) works with squares near 4e24, whose spacing is 5e8, and loses
  // every digit; the two-pass algorithm keeps it exact.
  const std::vector<double> xs{1e12 + 4, 1e12 + 7, 1e12 + 13, 1e12 + 16};
  const auto s = summarize(xs, 0.95);
  EXPECT_EQ(s.mean, 1e12 + 10);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(30.0));
}

TEST(Summarize, AnInfinityIsNotHidden) {
  const std::vector<double> xs{1.0, kInf, 2.0};
  const auto s = summarize(xs, 0.95);
  EXPECT_EQ(s.n, 3u);
  EXPECT_EQ(s.mean, kInf);
  EXPECT_TRUE(std::isnan(s.sd));  // undefined, not a spurious 0
  EXPECT_EQ(s.p99, kInf);
}

TEST(Summarize, RejectsABadConfidence) {
  const auto xs = one_to(5);
  EXPECT_THROW(summarize(xs, 0.0), std::invalid_argument);
  EXPECT_THROW(summarize(xs, 1.0), std::invalid_argument);
  EXPECT_THROW(summarize(xs, 95.0), std::invalid_argument);
  EXPECT_THROW(summarize(xs, kNaN), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Wilson intervals

TEST(Wilson, MatchesR) {
  // prop.test(3, 10, correct = FALSE): z = qnorm(0.975) = 1.959964, z^2 = 3.841459;
  // centre (0.3 + 0.1920729) / 1.3841459 = 0.3555025;
  // half-width 1.959964 / 1.3841459 * sqrt(0.021 + 0.0096036) = 1.4159990 * 0.1749390 = 0.2477113;
  // interval 0.1077913 .. 0.6032219.
  const auto w = wilson(3, 10, 0.95);
  EXPECT_EQ(w.successes, 3u);
  EXPECT_EQ(w.n, 10u);
  EXPECT_DOUBLE_EQ(w.estimate, 0.3);
  EXPECT_NEAR(w.low, 0.1077913, 5e-8);
  EXPECT_NEAR(w.high, 0.6032219, 5e-8);
}

TEST(Wilson, NoSuccessesOrAllSuccesses) {
  // prop.test(0, 10, correct = FALSE): [0, z^2 / (n + z^2)] = [0, 3.841459 / 13.841459] = [0, 0.2775328].
  const auto none = wilson(0, 10, 0.95);
  EXPECT_EQ(none.estimate, 0.0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 0.2775328, 5e-8);
  const auto all = wilson(10, 10, 0.95);
  EXPECT_EQ(all.estimate, 1.0);
  EXPECT_NEAR(all.low, 1.0 - 0.2775328, 5e-8);
  EXPECT_EQ(all.high, 1.0);
}

TEST(Wilson, IsSymmetric) {
  // Swapping successes and failures mirrors the interval about 1/2.
  for (std::size_t k = 0; k <= 20; ++k) {
    const auto w = wilson(k, 20, 0.9);
    const auto mirror = wilson(20 - k, 20, 0.9);
    EXPECT_NEAR(w.low, 1.0 - mirror.high, 1e-15);
    EXPECT_NEAR(w.high, 1.0 - mirror.low, 1e-15);
    EXPECT_LE(w.low, w.estimate);
    EXPECT_GE(w.high, w.estimate);
  }
}

TEST(Wilson, NoTrials) {
  const auto w = wilson(0, 0, 0.95);
  EXPECT_TRUE(std::isnan(w.estimate));
  EXPECT_EQ(w.low, 0.0);
  EXPECT_EQ(w.high, 1.0);
  EXPECT_THROW(wilson(11, 10, 0.95), std::invalid_argument);
  EXPECT_THROW(wilson(1, 10, 1.0), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Tail means

TEST(TailMean, MeanOfTheLargestShare) {
  const auto xs = one_to(100);
  EXPECT_DOUBLE_EQ(tail_mean(xs), 98.0);  // ceil(0.05 * 100) = 5: 96..100
  // 0.07 * 100 is 7.000000000000001 in doubles; the share means 7 values (94..100), not 8.
  EXPECT_DOUBLE_EQ(tail_mean(xs, 0.07), 97.0);
  EXPECT_DOUBLE_EQ(tail_mean(xs, 1.0), 50.5);
  EXPECT_EQ(tail_mean(xs, 0.0), 100.0);  // at least one value
  // 1..10 at 0.05: ceil(0.5) = 1 value; at 0.25: ceil(2.5) = 3 values, (8 + 9 + 10) / 3 = 9.
  const std::vector<double> shuffled{7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
  EXPECT_EQ(tail_mean(shuffled), 10.0);
  EXPECT_DOUBLE_EQ(tail_mean(shuffled, 0.25), 9.0);
}

TEST(TailMean, LeavesNaNOut) {
  const std::vector<double> xs{kNaN, 1.0, 5.0, kNaN, 3.0, 2.0};
  EXPECT_EQ(tail_mean(xs, 0.5), 4.0);  // 4 values, the largest 2: (5 + 3) / 2
  EXPECT_TRUE(std::isnan(tail_mean({})));
  const std::vector<double> all_nan{kNaN, kNaN};
  EXPECT_TRUE(std::isnan(tail_mean(all_nan)));
  EXPECT_THROW(tail_mean(xs, 1.5), std::invalid_argument);
  EXPECT_THROW(tail_mean(xs, -0.1), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Paired differences

TEST(PairedDifference, MatchesR) {
  // a = 1..5, b = (2, 4, 3, 7, 6): d = (1, 2, 0, 3, 1), mean 1.4, var 5.2 / 4 = 1.3,
  // se = sqrt(1.3 / 5) = 0.5099020, t = 2.745626 on 4 df.
  // t.test(b, a, paired = TRUE): qt(0.975, 4) = 2.776445, interval -0.01571478 .. 2.81571478.
  // p-value 0.05160596, here from the closed form of the t cdf with 4 df,
  // F(t) = 1/2 + (3/8) (t / sqrt(1 + x)) (1 - x / (3 (1 + x))) with x = t^2 / 4.
  const std::vector<double> a{1, 2, 3, 4, 5}, b{2, 4, 3, 7, 6};
  const auto d = paired_difference(a, b, 0.95);
  EXPECT_EQ(d.n, 5u);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.low, -0.01571478, 1e-8);
  EXPECT_NEAR(d.high, 2.81571478, 1e-8);
  const double t = 1.4 / std::sqrt(1.3 / 5.0), x = t * t / 4.0;
  const double cdf = 0.5 + 0.375 * (t / std::sqrt(1.0 + x)) * (1.0 - x / (3.0 * (1.0 + x)));
  EXPECT_NEAR(d.p_value, 2.0 * (1.0 - cdf), 1e-12);
  EXPECT_NEAR(d.p_value, 0.05160596, 1e-8);
  // t.test(b, a) (Welch): var a = 2.5, var b = 17.2 / 4 = 4.3, se = sqrt(6.8 / 5) = 1.1661904,
  // df = 4 * 6.8^2 / (2.5^2 + 4.3^2) = 184.96 / 24.74 = 7.476152, half-width qt(0.975, df) * se.
  EXPECT_NEAR(d.independent_half_width, t_quantile(184.96 / 24.74, 0.975) * std::sqrt(6.8 / 5.0), 1e-12);
  EXPECT_NEAR(d.independent_half_width, 2.7223949, 1e-6);
}

TEST(PairedDifference, LeavesPairsWithANaNOut) {
  // The example above with three broken pairs added: same answer.
  const std::vector<double> a{1, kNaN, 2, 3, 9, 4, 5, kInf}, b{2, 8, 4, 3, kNaN, 7, 6, 1};
  const auto d = paired_difference(a, b, 0.95);
  EXPECT_EQ(d.n, 5u);
  EXPECT_DOUBLE_EQ(d.mean, 1.4);
  EXPECT_NEAR(d.low, -0.01571478, 1e-8);
  EXPECT_NEAR(d.p_value, 0.05160596, 1e-8);
  EXPECT_THROW(paired_difference(a, std::vector<double>{1.0}, 0.95), std::invalid_argument);
}

TEST(PairedDifference, ConstantDifferences) {
  const auto a = one_to(5);
  std::vector<double> b = a;
  const auto same = paired_difference(a, b, 0.95);
  EXPECT_EQ(same.mean, 0.0);
  EXPECT_EQ(same.low, 0.0);
  EXPECT_EQ(same.high, 0.0);
  EXPECT_EQ(same.p_value, 1.0);
  for (double& v : b) v += 2.0;
  const auto shifted = paired_difference(a, b, 0.95);
  EXPECT_EQ(shifted.mean, 2.0);
  EXPECT_EQ(shifted.low, 2.0);
  EXPECT_EQ(shifted.high, 2.0);
  EXPECT_EQ(shifted.p_value, 0.0);
  // Equal variances 2.5: Welch df = 4 * (2 * 2.5)^2 / (2 * 2.5^2) = 8 and se = sqrt(5 / 5) = 1,
  // so the independent half-width is qt(0.975, 8) = 2.306004.
  EXPECT_NEAR(shifted.independent_half_width, 2.306004, 5e-7);
}

TEST(PairedDifference, TooFewPairs) {
  const auto none = paired_difference({}, {}, 0.95);
  EXPECT_EQ(none.n, 0u);
  EXPECT_TRUE(std::isnan(none.mean));
  EXPECT_TRUE(std::isnan(none.p_value));
  const std::vector<double> a{1.0, kNaN}, b{3.0, 4.0};
  const auto one = paired_difference(a, b, 0.95);
  EXPECT_EQ(one.n, 1u);
  EXPECT_EQ(one.mean, 2.0);
  EXPECT_TRUE(std::isnan(one.low));
  EXPECT_TRUE(std::isnan(one.high));
  EXPECT_TRUE(std::isnan(one.p_value));
  EXPECT_TRUE(std::isnan(one.independent_half_width));
}

TEST(PairedDifference, PairingNarrowsTheIntervalOnCorrelatedData) {
  // Common random numbers: each replication's day has a shared part (sd 10) that both plans see,
  // and a plan-specific part (sd 1). b is better by 0.5. The paired interval sees only the
  // specific parts, sd(d) = sqrt(2); the independent one both, sd = sqrt(101) per plan, so the
  // ratio of half-widths is about sqrt(202 / 2) = 10. With n = 100 the sample sds are within a few
  // percent of theirs, so a ratio above 5 fails with negligible probability.
  constexpr int kN = 100;
  std::vector<double> a(kN), b(kN);
  for (int i = 0; i < kN; ++i) {
    RandomStream day({2024, static_cast<std::uint64_t>(i), 0, 1});  // fixed seed
    RandomStream plan_a({2024, static_cast<std::uint64_t>(i), 1, 2});
    RandomStream plan_b({2024, static_cast<std::uint64_t>(i), 2, 2});
    const double shared = normal(day, 100.0, 10.0);
    a[static_cast<std::size_t>(i)] = shared + normal(plan_a, 0.0, 1.0);
    b[static_cast<std::size_t>(i)] = shared + 0.5 + normal(plan_b, 0.0, 1.0);
  }
  const auto d = paired_difference(a, b, 0.95);
  EXPECT_EQ(d.n, static_cast<std::size_t>(kN));
  EXPECT_LT(d.half_width() * 5.0, d.independent_half_width);
  // The mean difference lies within 4 of its standard errors sqrt(2 / 100) of the truth 0.5
  // (fails with probability 6e-5); the paired test sees it (t near 3.5), the independent
  // interval, about +-2.8 wide, could not.
  EXPECT_NEAR(d.mean, 0.5, 4.0 * std::sqrt(2.0 / kN));
  EXPECT_GT(d.independent_half_width, 1.5);
}

// ---------------------------------------------------------------------------------------------
// Holm's adjustment

TEST(Holm, WorkedExample) {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm"): sorted 0.005, 0.01, 0.03, 0.04, multiplied by
  // 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04; the running maximum lifts the last to 0.06.
  // Back in the input order: 0.03, 0.06, 0.06, 0.02.
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
  const auto adjusted = holm_adjust(p);
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_DOUBLE_EQ(adjusted[0], 0.03);
  EXPECT_DOUBLE_EQ(adjusted[1], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[2], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[3], 0.02);
}

TEST(Holm, CapsAtOneAndKeepsNaN) {
  // p.adjust(c(0.3, 0.5, 0.6), "holm"): 0.9, min(1, 1.0) = 1, max(1, 0.6) = 1.
  const std::vector<double> capped{0.3, 0.5, 0.6};
  const auto a = holm_adjust(capped);
  EXPECT_DOUBLE_EQ(a[0], 0.9);
  EXPECT_EQ(a[1], 1.0);
  EXPECT_EQ(a[2], 1.0);
  // p.adjust(c(0.01, NA, 0.04), "holm") = 0.02, NA, 0.04: a NaN is not one of the m tests.
  const std::vector<double> with_nan{0.01, kNaN, 0.04};
  const auto b = holm_adjust(with_nan);
  EXPECT_DOUBLE_EQ(b[0], 0.02);
  EXPECT_TRUE(std::isnan(b[1]));
  EXPECT_DOUBLE_EQ(b[2], 0.04);
  // Ties: both multiplied by 2 then by 1 and lifted: 0.04, 0.04.
  const std::vector<double> ties{0.02, 0.02};
  const auto c = holm_adjust(ties);
  EXPECT_DOUBLE_EQ(c[0], 0.04);
  EXPECT_DOUBLE_EQ(c[1], 0.04);
  EXPECT_TRUE(holm_adjust({}).empty());
  const std::vector<double> single{0.2};
  EXPECT_EQ(holm_adjust(single)[0], 0.2);
  const std::vector<double> bad{0.2, 1.5};
  EXPECT_THROW(holm_adjust(bad), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Coverage: on a model with a known answer the 95% interval covers the truth in about 95% of many
// repeated experiments. The number of covering experiments out of K is Binomial(K, coverage), so
// it is checked with the exact two-sided binomial test at significance 0.001. With K = 2000 the
// test rejects a count more than about 3.3 sd = 3.3 * sqrt(0.95 * 0.05 / 2000) = 1.6 percentage
// points from the expected coverage, so the expectation must be honest to well within that.

constexpr std::uint64_t kExperiments = 2000;

// How many of kExperiments t intervals of n draws cover `truth`. Experiment k draws from its own
// stream (seed, k), so the experiments are independent and the count is reproducible.
std::uint64_t t_interval_covers(std::uint64_t seed, int n, double truth,
                                const std::function<double(RandomStream&)>& draw) {
  std::uint64_t covered = 0;
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (std::uint64_t k = 0; k < kExperiments; ++k) {
    RandomStream s({seed, k, 0, 1});
    for (double& x : xs) x = draw(s);
    const auto summary = summarize(xs, 0.95);
    if (summary.low <= truth && truth <= summary.high) ++covered;
  }
  return covered;
}

TEST(Coverage, TIntervalOfANormalMeanIsExact) {
  // For normal data (mean - mu) / (sd / sqrt(n)) is exactly t with n - 1 df, so the coverage is
  // exactly 0.95 at any n; n = 30 as in a small experiment.
  const auto covered =
      t_interval_covers(20240214, 30, 50.0, [](RandomStream& s) { return normal(s, 50.0, 8.0); });
  EXPECT_GT(binomial_test(covered, kExperiments, 0.95), kSignificance) << covered << " of " << kExperiments;
}

TEST(Coverage, TIntervalOfASkewedMeanIsCloseToNominal) {
  // Exponential with mean 10 (skewness 2, excess kurtosis 6). The t interval is only
  // asymptotically right: by the Edgeworth expansion of the Studentized mean (Hall 1992, sec. 2.6)
  // its two-sided coverage is 1 - alpha + 2 z phi(z) [kappa (z^2 - 3) / 12 - gamma^2 (z^4 + 2z^2 - 3)
  // / 18] / n + O(n^-2) once the t quantile has absorbed the normal-theory term; with z = 1.96,
  // gamma = 2, kappa = 6 that is 0.95 - 0.893 / n. At n = 30 it predicts 0.920 (a simulation of
  // 400,000 experiments, not part of this test, gives 0.928): 1,840-1,855 expected coverings
  // against 1,900, which the test would likely flag, rightly, as under-coverage, while the
  // Edgeworth value itself is 0.8 points off at that n. So n = 200: predicted 0.9455 (simulated
  // 0.9461 +- 0.0004), within 0.5 points of nominal. The test checks against that prediction; its
  // remaining O(n^-2) error is far below the test's 1.6-point resolution (against 0.95 itself
  // the count would fail only with probability about 0.01).
  const double expected = 0.95 - 0.893 / 200.0;
  const auto covered =
      t_interval_covers(20240215, 200, 10.0, [](RandomStream& s) { return exponential(s, 10.0); });
  EXPECT_GT(binomial_test(covered, kExperiments, expected), kSignificance)
      << covered << " of " << kExperiments;
}

TEST(Coverage, WilsonIntervalOfARareEvent) {
  // Bernoulli(0.03) in n = 500 trials (an escalation seen in 3% of replications). The exact
  // coverage of the Wilson interval is the binomial probability of the counts whose interval holds
  // p: computed here, 0.9526, close to nominal as Brown, Cai and DasGupta (2001) show for Wilson
  // at n p = 15 (its coverage oscillates with n and p around 0.95 within about a point).
  constexpr std::size_t kTrials = 500;
  constexpr double kP = 0.03;
  const boost::math::binomial_distribution<> bin(static_cast<double>(kTrials), kP);
  double exact = 0.0;
  for (std::size_t x = 0; x <= kTrials; ++x) {
    const auto w = wilson(x, kTrials, 0.95);
    if (w.low <= kP && kP <= w.high) exact += boost::math::pdf(bin, static_cast<double>(x));
  }
  EXPECT_NEAR(exact, 0.95, 0.01);
  EXPECT_NEAR(exact, 0.9526, 5e-4);

  std::uint64_t covered = 0;
  for (std::uint64_t k = 0; k < kExperiments; ++k) {
    RandomStream s({20240216, k, 0, 1});  // fixed seed
    std::size_t successes = 0;
    for (std::size_t i = 0; i < kTrials; ++i) successes += bernoulli(s, kP) ? 1 : 0;
    const auto w = wilson(successes, kTrials, 0.95);
    if (w.low <= kP && kP <= w.high) ++covered;
  }
  EXPECT_GT(binomial_test(covered, kExperiments, exact), kSignificance) << covered << " of " << kExperiments;
  // The coverage is also consistent with the nominal 95% itself.
  EXPECT_GT(binomial_test(covered, kExperiments, 0.95), kSignificance) << covered << " of " << kExperiments;
}

}  // namespace
}  // namespace siaga::experiment
