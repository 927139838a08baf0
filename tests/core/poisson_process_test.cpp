#include "siaga/core/poisson_process.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/poisson.hpp>
#include <vector>

#include "support/goodness_of_fit.hpp"

namespace siaga {
namespace {

// An election-day-like profile: quiet before 07:00, busier in the last hour of voting, a spike as
// the count ends, nothing after midnight. Rates per hour.
PiecewiseRate day_profile() {
  const std::vector<Tick> starts{hours(0), hours(7), hours(12), hours(13), hours(20), hours(21), hours(24)};
  const std::vector<double> rates{0.0, 2.0, 5.0, 1.0, 8.0, 0.5, 0.0};
  return PiecewiseRate(starts, rates);
}

TEST(PiecewiseRate, CumulativeRateIntegratesTheSegments) {
  const PiecewiseRate p = day_profile();
  EXPECT_DOUBLE_EQ(p.cumulative(hours(7)), 0.0);
  EXPECT_NEAR(p.cumulative(hours(12)), 10.0, 1e-9);
  EXPECT_NEAR(p.cumulative(hours(24)), 10 + 5 + 7 + 8 + 1.5, 1e-9);
  EXPECT_NEAR(p.expected(hours(12) + hours(0.5), hours(13)), 2.5, 1e-9);
  EXPECT_DOUBLE_EQ(p.rate_at(hours(20) + 1), 8.0);
  EXPECT_DOUBLE_EQ(p.rate_at(-5), 0.0);
}

// A rate reassigned in place is the rate per_tick builds: what the longer rate it replaced left
// past its segments is never read.
TEST(PiecewiseRate, AssignedInPlaceIsTheRateBuiltAfresh) {
  const std::vector<Tick> starts{hours(1), hours(2), hours(3)};
  const std::vector<double> rates{1e-6, 3e-6, 2e-6};
  const std::vector<double> decays{0.0, 0.0, 1e-7};
  PiecewiseRate reused = day_profile();  // seven segments, busy after 20:00
  reused.assign_per_tick(starts, rates, decays);
  const PiecewiseRate fresh = PiecewiseRate::per_tick(starts, rates, decays);
  ASSERT_EQ(reused.segment_count(), 3u);
  EXPECT_EQ(reused.cumulative(hours(30)), fresh.cumulative(hours(30)));
  EXPECT_EQ(reused.rate_at(hours(21)), fresh.rate_at(hours(21)));
  RandomStream a({4, 0, 0, 0}), b({4, 0, 0, 0});
  for (int i = 0; i < 200; ++i) {
    const Tick now = hours(0.2 * i);
    const PiecewiseRate::Arrival x = reused.next(a, now), y = fresh.next(b, now);
    EXPECT_EQ(x.at, y.at);
    EXPECT_EQ(x.segment, y.segment);
  }
}

TEST(PiecewiseRate, ArrivalsFollowTheProfile) {
  // Over many days, the arrivals per segment must be Poisson with the segment's expected count:
  // a chi-square test over the segments (their totals), and none before 07:00 or after 24:00.
  const PiecewiseRate p = day_profile();
  const std::vector<Tick> edges{hours(7), hours(12), hours(13), hours(20), hours(21), hours(24)};
  std::vector<double> observed(edges.size() - 1, 0.0);
  const int days = 20'000;
  for (int day = 0; day < days; ++day) {
    RandomStream s({77, static_cast<std::uint64_t>(day), 0, 0});
    for (Tick t = p.next_arrival(s, 0); t != kNever; t = p.next_arrival(s, t)) {
      ASSERT_GE(t, hours(7));
      ASSERT_LT(t, hours(24));
      for (std::size_t i = 0; i + 1 < edges.size(); ++i)
        if (t >= edges[i] && t < edges[i + 1]) observed[i] += 1.0;
    }
  }
  std::vector<double> expected;
  for (std::size_t i = 0; i + 1 < edges.size(); ++i)
    expected.push_back(days * p.expected(edges[i], edges[i + 1]));
  EXPECT_GT(testing::chi_square_test(observed, expected, -1), testing::kSignificance)
      << "with totals free, the segments are independent Poisson counts: dof = number of segments";
}

TEST(PiecewiseRate, TheCountInAWindowIsPoissonDistributed) {
  // The number of arrivals in the voting hours, day by day, against Poisson(mean).
  const PiecewiseRate p = day_profile();
  const double mean = p.expected(hours(7), hours(13));
  const boost::math::poisson_distribution<> dist(mean);
  const int days = 20'000;
  std::vector<double> observed(31, 0.0);
  for (int day = 0; day < days; ++day) {
    RandomStream s({78, static_cast<std::uint64_t>(day), 0, 0});
    int n = 0;
    for (Tick t = p.next_arrival(s, 0); t < hours(13); t = p.next_arrival(s, t)) ++n;
    observed[std::clamp(n, 6, 24) - 6] += 1.0;
  }
  observed.resize(19);
  std::vector<double> expected;
  for (int k = 6; k <= 24; ++k) {
    double prob = boost::math::pdf(dist, k);
    if (k == 6) prob = boost::math::cdf(dist, 6);
    if (k == 24) prob = boost::math::cdf(boost::math::complement(dist, 23));
    expected.push_back(prob * days);
  }
  EXPECT_GT(testing::chi_square_test(observed, expected), testing::kSignificance);
}

TEST(PiecewiseRate, AZeroTailMeansNoFurtherArrival) {
  const PiecewiseRate p = day_profile();
  RandomStream s({79, 0, 0, 0});
  EXPECT_EQ(p.next_arrival(s, hours(24)), kNever);
  const std::vector<Tick> starts{0};
  const std::vector<double> none{0.0};
  EXPECT_EQ(PiecewiseRate(starts, none).next_arrival(s, 0), kNever);
}

}  // namespace
}  // namespace siaga
