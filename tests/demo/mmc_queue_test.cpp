#include "siaga/demo/mmc_queue.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <vector>

namespace siaga::demo {
namespace {

// Three settings; the last is heavily loaded (rho = 0.9) as the kernel's acceptance asks.
const std::vector<MmcParams> kSettings{
    {0.5, 1.0, 1, 100'000, 0.1},   // M/M/1, rho = 0.5
    {4.0, 1.0, 5, 100'000, 0.1},   // M/M/5, rho = 0.8
    {9.0, 1.0, 10, 100'000, 0.1},  // M/M/10, rho = 0.9
};
constexpr int kReplications = 10;
constexpr std::uint64_t kSeed = 20240214;  // fixed once; never changed to make a test pass

// Two metrics per setting are compared, so Bonferroni splits the 1% error over 2 x 3 intervals.
constexpr double kFamilyError = 0.01;
constexpr int kComparisons = 2 * 3;

struct Interval {
  double mean, half_width;
};

Interval t_interval(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  double m = 0;
  for (double x : xs) m += x / n;
  double ss = 0;
  for (double x : xs) ss += (x - m) * (x - m);
  const boost::math::students_t t(n - 1);
  const double q = boost::math::quantile(t, 1.0 - kFamilyError / kComparisons / 2.0);
  return {m, q * std::sqrt(ss / (n - 1) / n)};
}

TEST(ErlangC, MatchesTheMM1ClosedForm) {
  const ErlangC e = erlang_c({0.5, 1.0, 1, 0, 0});
  EXPECT_DOUBLE_EQ(e.probability_of_wait, 0.5);      // rho
  EXPECT_DOUBLE_EQ(e.mean_wait_minutes, 0.5 / 0.5);  // rho / (mu - lambda)
}

TEST(MmcQueue, WaitingAgreesWithErlangCInEverySetting) {
  MmcQueue queue;  // reused across replications, as an experiment does
  for (const MmcParams& p : kSettings) {
    std::vector<double> waits, probabilities;
    for (int r = 0; r < kReplications; ++r) {
      const MmcResult res = queue.run(p, kSeed, static_cast<std::uint64_t>(r));
      ASSERT_EQ(res.customers_measured, 90'000u) << "10% warm-up discarded";
      EXPECT_EQ(res.events, 2 * p.customers) << "one arrival and one departure per customer";
      waits.push_back(res.mean_wait_minutes);
      probabilities.push_back(res.probability_of_wait);
    }
    const ErlangC exact = erlang_c(p);
    const Interval w = t_interval(waits), pw = t_interval(probabilities);
    SCOPED_TRACE("c=" + std::to_string(p.servers) + " rho=" + std::to_string(p.arrival_rate / p.servers));
    EXPECT_NEAR(w.mean, exact.mean_wait_minutes, w.half_width);
    EXPECT_NEAR(pw.mean, exact.probability_of_wait, pw.half_width);
  }
}

TEST(MmcQueue, ARunIsAPureFunctionOfSeedAndReplication) {
  MmcQueue a, b;
  const MmcParams p{9.0, 1.0, 10, 20'000, 0.1};
  const MmcResult first = a.run(p, 5, 3);
  (void)a.run(p, 5, 4);
  const MmcResult again = a.run(p, 5, 3);
  const MmcResult other = b.run(p, 5, 3);
  EXPECT_EQ(first.mean_wait_minutes, again.mean_wait_minutes);
  EXPECT_EQ(first.mean_wait_minutes, other.mean_wait_minutes);
  EXPECT_NE(first.mean_wait_minutes, a.run(p, 5, 4).mean_wait_minutes);
}

}  // namespace
}  // namespace siaga::demo
