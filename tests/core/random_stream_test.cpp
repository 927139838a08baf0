#include "siaga/core/random_stream.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

namespace siaga {
namespace {

std::vector<std::uint64_t> take(RandomStream s, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(s.next_u64());
  return out;
}

TEST(RandomStream, TheSameKeyGivesTheSameSequence) {
  const StreamKey key{42, 17, 5012, 3};
  EXPECT_EQ(take(RandomStream(key), 1000), take(RandomStream(key), 1000));
}

TEST(RandomStream, EveryKeyFieldSelectsADifferentStream) {
  const StreamKey base{42, 17, 5012, 3};
  std::set<std::vector<std::uint64_t>> seen{take(RandomStream(base), 8)};
  StreamKey k = base;
  k.seed = 43;
  seen.insert(take(RandomStream(k), 8));
  k = base;
  k.replication = 18;
  seen.insert(take(RandomStream(k), 8));
  k = base;
  k.entity = 5013;
  seen.insert(take(RandomStream(k), 8));
  k = base;
  k.purpose = 4;
  seen.insert(take(RandomStream(k), 8));
  EXPECT_EQ(seen.size(), 5u);
}

TEST(RandomStream, ItsOutputIsPhiloxOfTheKeyAndCounter) {
  // Known-answer check against the library: draw n is word n % 4 of Philox4x64-10 applied to the
  // counter {n / 4, 0, entity, purpose} under the key {seed, replication}.
  RandomStream s({42, 17, 5012, 3});
  r123::Philox4x64 philox;
  for (std::uint64_t block = 0; block < 3; ++block) {
    const auto words = philox({{block, 0, 5012, 3}}, {{42, 17}});
    for (int w = 0; w < 4; ++w) EXPECT_EQ(s.next_u64(), words.v[w]);
  }
  EXPECT_EQ(s.draws(), 12u);
}

TEST(RandomStream, OneStreamsDrawsDoNotDependOnAnotherStream) {
  RandomStream a({1, 0, 10, 0});
  const auto alone = take(RandomStream({1, 0, 11, 0}), 100);
  for (int i = 0; i < 12345; ++i) (void)a.next_u64();
  EXPECT_EQ(take(RandomStream({1, 0, 11, 0}), 100), alone);
}

TEST(RandomStream, UniformsLieStrictlyInsideTheUnitInterval) {
  RandomStream s({9, 9, 9, 9});
  double lo = 1.0, hi = 0.0, sum = 0.0;
  const int n = 1'000'000;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
  }
  // The mean of n uniforms has sd 1/sqrt(12 n); allow 4 sd.
  EXPECT_NEAR(sum / n, 0.5, 4.0 / std::sqrt(12.0 * n));
  EXPECT_LT(lo, 1e-4);
  EXPECT_GT(hi, 1.0 - 1e-4);
}

}  // namespace
}  // namespace siaga
