#include "siaga/core/distributions.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "support/goodness_of_fit.hpp"

namespace siaga {
namespace {

using testing::chi_square_test;
using testing::ks_test;
using testing::kSignificance;
using testing::mean_of;
using testing::variance_of;

constexpr int kSamples = 200'000;

std::vector<double> sample(std::uint32_t purpose, const std::function<double(RandomStream&)>& draw) {
  RandomStream s({2024, 0, 1, purpose});  // fixed seed: never changed to make a test pass
  std::vector<double> xs(kSamples);
  for (double& x : xs) x = draw(s);
  return xs;
}

// The sample mean lies within 4 standard errors of the true mean (fails with probability 6e-5).
void expect_mean(const std::vector<double>& xs, double mean, double sd) {
  EXPECT_NEAR(mean_of(xs), mean, 4.0 * sd / std::sqrt(static_cast<double>(xs.size())));
}

// The sample variance lies within 4 standard errors of the true one; the variance of s^2 is
// (mu4 - sigma^4 (n-3)/(n-1)) / n, given here through the excess kurtosis.
void expect_variance(const std::vector<double>& xs, double variance, double excess_kurtosis) {
  const double n = static_cast<double>(xs.size());
  const double se = variance * std::sqrt((excess_kurtosis + 2.0 + 2.0 / (n - 1.0)) / n);
  EXPECT_NEAR(variance_of(xs), variance, 4.0 * se);
}

TEST(Distributions, UniformMatchesItsTheory) {
  const auto xs = sample(1, [](RandomStream& s) { return uniform(s, 2.0, 5.0); });
  expect_mean(xs, 3.5, 3.0 / std::sqrt(12.0));
  expect_variance(xs, 9.0 / 12.0, -1.2);
  EXPECT_GT(ks_test(xs, [](double x) { return (x - 2.0) / 3.0; }), kSignificance);
}

TEST(Distributions, ExponentialMatchesItsTheory) {
  const auto xs = sample(2, [](RandomStream& s) { return exponential(s, 60'000.0); });
  expect_mean(xs, 60'000.0, 60'000.0);
  expect_variance(xs, 3.6e9, 6.0);
  EXPECT_GT(ks_test(xs, [](double x) { return 1.0 - std::exp(-x / 60'000.0); }), kSignificance);
}

TEST(Distributions, NormalMatchesItsTheory) {
  const auto xs = sample(3, [](RandomStream& s) { return normal(s, 10.0, 2.0); });
  expect_mean(xs, 10.0, 2.0);
  expect_variance(xs, 4.0, 0.0);
  const boost::math::normal dist(10.0, 2.0);
  EXPECT_GT(ks_test(xs, [&](double x) { return boost::math::cdf(dist, x); }), kSignificance);
}

TEST(Distributions, LognormalHasTheRequestedMeanAndCoefficientOfVariation) {
  const double mean = 45.0, cv = 0.5;
  const auto xs = sample(4, [&](RandomStream& s) { return lognormal_mean_cv(s, mean, cv); });
  expect_mean(xs, mean, cv * mean);
  const double sigma2 = std::log1p(cv * cv);
  const boost::math::lognormal dist(std::log(mean) - sigma2 / 2, std::sqrt(sigma2));
  EXPECT_GT(ks_test(xs, [&](double x) { return boost::math::cdf(dist, x); }), kSignificance);
}

class GammaShapes : public ::testing::TestWithParam<double> {};

TEST_P(GammaShapes, GammaMatchesItsTheory) {
  const double shape = GetParam(), scale = 3.0;
  const auto xs = sample(5, [&](RandomStream& s) { return gamma(s, shape, scale); });
  expect_mean(xs, shape * scale, std::sqrt(shape) * scale);
  expect_variance(xs, shape * scale * scale, 6.0 / shape);
  const boost::math::gamma_distribution<> dist(shape, scale);
  EXPECT_GT(ks_test(xs, [&](double x) { return boost::math::cdf(dist, x); }), kSignificance);
}
INSTANTIATE_TEST_SUITE_P(SmallAndLargeShapes, GammaShapes, ::testing::Values(0.5, 1.0, 2.5, 30.0));

TEST(Distributions, ErlangIsAGammaWithIntegerShapeAndTheGivenMean) {
  const auto xs = sample(6, [](RandomStream& s) { return erlang(s, 3, 90.0); });
  expect_mean(xs, 90.0, 90.0 / std::sqrt(3.0));
  const boost::math::gamma_distribution<> dist(3.0, 30.0);
  EXPECT_GT(ks_test(xs, [&](double x) { return boost::math::cdf(dist, x); }), kSignificance);
}

TEST(Distributions, BernoulliHitsWithItsProbability) {
  RandomStream s({2024, 0, 1, 7});
  int hits = 0;
  for (int i = 0; i < kSamples; ++i) hits += bernoulli(s, 0.03) ? 1 : 0;
  const std::vector<double> observed{double(hits), double(kSamples - hits)};
  const std::vector<double> expected{0.03 * kSamples, 0.97 * kSamples};
  EXPECT_GT(chi_square_test(observed, expected), kSignificance);
  RandomStream t({2024, 0, 1, 8});
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(bernoulli(t, 0.0));
    ASSERT_TRUE(bernoulli(t, 1.0));
  }
}

// Chi-square of Poisson counts, pooling the tails so every cell expects at least 5.
double poisson_chi_square(double mean, std::uint32_t purpose) {
  RandomStream s({2024, 0, 1, purpose});
  const boost::math::poisson_distribution<> dist(mean);
  const auto lo = static_cast<std::uint64_t>(boost::math::quantile(dist, 1e-4));
  const auto hi = static_cast<std::uint64_t>(boost::math::quantile(dist, 1.0 - 1e-4));
  std::vector<double> observed(hi - lo + 1, 0.0);
  for (int i = 0; i < kSamples; ++i) {
    const std::uint64_t k = std::clamp(poisson(s, mean), lo, hi);
    observed[k - lo] += 1.0;
  }
  std::vector<double> expected(observed.size());
  for (std::uint64_t k = lo; k <= hi; ++k) {
    double p = boost::math::pdf(dist, static_cast<double>(k));
    if (k == lo) p = boost::math::cdf(dist, static_cast<double>(k));
    if (k == hi) p = boost::math::cdf(boost::math::complement(dist, static_cast<double>(k) - 1));
    expected[k - lo] = p * kSamples;
  }
  return chi_square_test(observed, expected);
}

TEST(Distributions, PoissonMatchesItsTheoryByInversionAndByRejection) {
  EXPECT_GT(poisson_chi_square(0.7, 9), kSignificance) << "inversion branch";
  EXPECT_GT(poisson_chi_square(6.0, 10), kSignificance) << "inversion branch";
  EXPECT_GT(poisson_chi_square(25.0, 11), kSignificance) << "PTRS branch";
  EXPECT_GT(poisson_chi_square(1000.0, 12), kSignificance) << "PTRS branch";
  RandomStream s({2024, 0, 1, 13});
  EXPECT_EQ(poisson(s, 0.0), 0u);
}

TEST(Distributions, DiscreteDrawsEachOutcomeWithItsWeight) {
  const std::vector<double> weights{96.5, 2.5, 0.0, 1.0};
  const DiscreteDistribution dist(weights);
  EXPECT_NEAR(dist.probability(1), 0.025, 1e-12);
  RandomStream s({2024, 0, 1, 14});
  std::vector<double> counts(weights.size(), 0.0);
  for (int i = 0; i < kSamples; ++i) counts[dist(s)] += 1.0;
  EXPECT_EQ(counts[2], 0.0) << "an outcome of weight zero is never drawn";
  const std::vector<double> observed{counts[0], counts[1], counts[3]};
  const std::vector<double> expected{0.965 * kSamples, 0.025 * kSamples, 0.01 * kSamples};
  EXPECT_GT(chi_square_test(observed, expected), kSignificance);
}

}  // namespace
}  // namespace siaga
