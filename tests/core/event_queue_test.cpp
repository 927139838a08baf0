#include "siaga/core/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace siaga {
namespace {

Event make(Tick t, Priority p, std::uint64_t seq) {
  return Event{t, (std::uint64_t{p} << Event::kSequenceBits) | seq, {}, Event::kNoSlot};
}

TEST(EventQueue, PopsInTimeThenPriorityThenSequenceOrder) {
  std::mt19937_64 rng(7);  // test input only; order must hold for any input
  std::vector<Event> events;
  for (std::uint64_t i = 0; i < 20'000; ++i)
    events.push_back(make(static_cast<Tick>(rng() % 500), static_cast<Priority>(rng() % 3), i));
  EventQueue q;
  for (const Event& e : events) q.push(e);
  std::sort(events.begin(), events.end(), runs_before);
  for (const Event& expected : events) {
    ASSERT_FALSE(q.empty());
    const Event got = q.pop();
    ASSERT_EQ(got.time, expected.time);
    ASSERT_EQ(got.order, expected.order);
  }
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, InterleavedPushAndPopKeepOrder) {
  std::mt19937_64 rng(11);
  EventQueue q;
  std::uint64_t seq = 0;
  Tick now = 0;
  for (int i = 0; i < 1000; ++i) q.push(make(static_cast<Tick>(rng() % 1000), 0, seq++));
  for (int step = 0; step < 100'000; ++step) {
    const Event e = q.pop();
    ASSERT_GE(e.time, now);
    now = e.time;
    q.push(make(now + static_cast<Tick>(rng() % 1000), 0, seq++));
  }
  EXPECT_EQ(q.size(), 1000u);
}

TEST(EventQueue, ClearKeepsNothingPending) {
  EventQueue q;
  q.push(make(5, 0, 0));
  q.clear();
  EXPECT_TRUE(q.empty());
  q.push(make(3, 0, 1));
  EXPECT_EQ(q.top().time, 3);
}

}  // namespace
}  // namespace siaga
