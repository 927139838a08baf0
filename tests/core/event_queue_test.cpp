#include "siaga/core/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
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

// A reference queue with the textbook structure; the radix heap must pop exactly what it pops.
using Reference = std::priority_queue<Event, std::vector<Event>, decltype([](const Event& a, const Event& b) {
                                        return runs_before(b, a);
                                      })>;

void expect_same_top(EventQueue& q, Reference& ref) {
  ASSERT_EQ(q.size(), ref.size());
  ASSERT_EQ(q.top().time, ref.top().time);
  ASSERT_EQ(q.top().order, ref.top().order);
}

// Drives both queues the way a simulator does, through both structures (the queue grows past
// kRadixAbove and shrinks below kHeapBelow twice), including the case the radix heap treats apart:
// after a peek has moved its base to the next event, the clock stops short of it (run_until's end)
// and the model schedules events between the clock and that next event.
TEST(EventQueue, MatchesReferenceWhileGrowingAndShrinking) {
  std::mt19937_64 rng(23);
  EventQueue q;
  Reference ref;
  std::uint64_t seq = 0;
  Tick now = 0;
  auto push_both = [&](Tick t) {
    const Event e = make(t, static_cast<Priority>(rng() % 3), seq++);
    q.push(e);
    ref.push(e);
  };
  for (int i = 0; i < 500; ++i) push_both(static_cast<Tick>(rng() % 100'000));
  std::size_t largest = 0, smallest_after_largest = SIZE_MAX;
  // Growing: 1 or 2 new events per pop; shrinking: none (the peeks still add a few).
  for (const bool grow : {true, false, true, false}) {
    for (int step = 0; step < (grow ? 4'000 : 8'000); ++step) {
      expect_same_top(q, ref);
      if (rng() % 8 == 0 && q.top().time > now + 1) {
        // The clock stops somewhere before the peeked event; schedule in the gap, ties included.
        const Tick stop = now + static_cast<Tick>(rng() % static_cast<std::uint64_t>(q.top().time - now));
        push_both(stop);
        push_both(stop);
        push_both(stop + 1);
        continue;
      }
      const Event got = q.pop();
      ASSERT_EQ(got.order, ref.top().order);
      ref.pop();
      now = got.time;
      const int children = grow ? 1 + static_cast<int>(rng() % 2) : 0;
      for (int c = 0; c < children; ++c) push_both(now + static_cast<Tick>(rng() % 5'000));
      if (q.empty()) push_both(now);
      largest = std::max(largest, q.size());
      if (largest > EventQueue::kRadixAbove) smallest_after_largest = std::min(smallest_after_largest, q.size());
    }
  }
  // The walk really went through both structures.
  EXPECT_GT(largest, 2 * EventQueue::kRadixAbove);
  EXPECT_LT(smallest_after_largest, EventQueue::kHeapBelow);
}

TEST(EventQueue, OrdersNegativeAndFarApartTimes) {
  const std::vector<Tick> times = {0, -1, INT64_MIN, INT64_MAX, 1, -(Tick{1} << 40), Tick{1} << 62, 7, 7, -1};
  EventQueue q;
  std::vector<Event> events;
  // Enough copies that the radix heap holds them, ties at every time.
  for (std::uint64_t i = 0; i < 3 * EventQueue::kRadixAbove; ++i)
    events.push_back(make(times[i % times.size()], static_cast<Priority>(i % 2), i));
  for (const Event& e : events) q.push(e);
  std::sort(events.begin(), events.end(), runs_before);
  for (const Event& expected : events) {
    const Event got = q.pop();
    ASSERT_EQ(got.time, expected.time);
    ASSERT_EQ(got.order, expected.order);
  }
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, ClearKeepsNothingPending) {
  EventQueue q;
  q.push(make(5, 0, 0));
  q.clear();
  EXPECT_TRUE(q.empty());
  q.push(make(3, 0, 1));
  EXPECT_EQ(q.top().time, 3);
  q.clear();
  q.push(make(1, 0, 2));  // earlier than anything before the clear: nothing of the old base remains
  q.push(make(2, 0, 3));
  EXPECT_EQ(q.pop().time, 1);
  EXPECT_EQ(q.pop().time, 2);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace siaga
