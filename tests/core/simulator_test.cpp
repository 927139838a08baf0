#include "siaga/core/simulator.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace siaga {
namespace {

struct Delivered {
  Tick time;
  std::uint32_t subject;
};

// A handler that records what it is given.
struct Recorder {
  std::vector<Delivered> log;
  void operator()(Simulator& sim, const Event& e) { log.push_back({sim.now(), e.data.subject}); }
};

EventData tag(std::uint32_t subject) { return EventData{0, 0, subject, 0}; }

TEST(Simulator, EventsRunInTimeOrderAndTheClockFollows) {
  Simulator sim;
  sim.schedule_at(30, tag(3));
  sim.schedule_at(10, tag(1));
  sim.schedule_in(20, tag(2));
  Recorder r;
  EXPECT_EQ(sim.run(r), RunResult::kQueueEmpty);
  ASSERT_EQ(r.log.size(), 3u);
  EXPECT_EQ(r.log[0].time, 10);
  EXPECT_EQ(r.log[1].time, 20);
  EXPECT_EQ(r.log[2].time, 30);
  EXPECT_EQ(sim.now(), 30);
  EXPECT_EQ(sim.events_processed(), 3u);
}

TEST(Simulator, EqualTimesRunInInsertionOrder) {
  Simulator sim;
  for (std::uint32_t i = 0; i < 100; ++i) sim.schedule_at(5, tag(i));
  Recorder r;
  sim.run(r);
  for (std::uint32_t i = 0; i < 100; ++i) EXPECT_EQ(r.log[i].subject, i);
}

// An event scheduled later in a reserved place runs where it would have run had it been scheduled
// when the place was taken: before events scheduled after the reservation at the same time, after
// those scheduled before it.
TEST(Simulator, AReservedPlaceKeepsTheOrderOfItsReservation) {
  Simulator sim;
  sim.schedule_at(5, tag(1));
  const std::uint64_t place = sim.reserve_order();
  sim.schedule_at(5, tag(3));
  sim.schedule_at(2, tag(0));
  Recorder r;
  // The reserved event is scheduled only once the clock has moved, by the event at t = 2.
  auto handler = [&](Simulator& s, const Event& e) {
    r(s, e);
    if (e.data.subject == 0) s.schedule_reserved(5, place, tag(2));
  };
  sim.run(handler);
  ASSERT_EQ(r.log.size(), 4u);
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(r.log[i].subject, i);
}

TEST(Simulator, EqualTimesRunByPriorityBeforeInsertion) {
  Simulator sim;
  sim.schedule_at(5, tag(1), 200);
  sim.schedule_at(5, tag(2), 10);
  sim.schedule_at(5, tag(3), 200);
  sim.schedule_at(5, tag(4), 10);
  Recorder r;
  sim.run(r);
  ASSERT_EQ(r.log.size(), 4u);
  EXPECT_EQ(r.log[0].subject, 2u);
  EXPECT_EQ(r.log[1].subject, 4u);
  EXPECT_EQ(r.log[2].subject, 1u);
  EXPECT_EQ(r.log[3].subject, 3u);
}

TEST(Simulator, EventsScheduledForNowRunAfterTheCurrentOne) {
  Simulator sim;
  sim.schedule_at(7, tag(0));
  std::vector<std::uint32_t> order;
  sim.run([&](Simulator& s, const Event& e) {
    order.push_back(e.data.subject);
    if (e.data.subject < 3) s.schedule_in(0, tag(e.data.subject + 1));
  });
  EXPECT_EQ(order, (std::vector<std::uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(sim.now(), 7);
}

TEST(Simulator, CancelledEventsAreNotDelivered) {
  Simulator sim;
  const EventHandle a = sim.schedule_cancellable_at(10, tag(1));
  const EventHandle b = sim.schedule_cancellable_at(20, tag(2));
  sim.schedule_at(15, tag(3));
  EXPECT_TRUE(sim.cancel(a));
  EXPECT_FALSE(sim.cancel(a)) << "a second cancel of the same event reports that nothing was pending";
  Recorder r;
  sim.run(r);
  ASSERT_EQ(r.log.size(), 2u);
  EXPECT_EQ(r.log[0].subject, 3u);
  EXPECT_EQ(r.log[1].subject, 2u);
  EXPECT_FALSE(sim.cancel(b)) << "an event that already ran cannot be cancelled";
}

TEST(Simulator, AReusedSlotDoesNotResurrectACancelledEvent) {
  Simulator sim;
  const EventHandle old_handle = sim.schedule_cancellable_at(10, tag(1));
  ASSERT_TRUE(sim.cancel(old_handle));
  const EventHandle fresh = sim.schedule_cancellable_at(30, tag(2));
  EXPECT_EQ(fresh.slot, old_handle.slot) << "the freed slot is reused";
  EXPECT_FALSE(sim.cancel(old_handle)) << "the stale handle must not cancel the new event";
  Recorder r;
  sim.run(r);
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].subject, 2u);
  EXPECT_EQ(r.log[0].time, 30);
}

TEST(Simulator, RunUntilStopsAtTheEndTimeAndLeavesLaterEventsPending) {
  Simulator sim;
  sim.schedule_at(10, tag(1));
  sim.schedule_at(100, tag(2));
  sim.schedule_at(101, tag(3));
  Recorder r;
  EXPECT_EQ(sim.run_until(100, r), RunResult::kTimeReached);
  EXPECT_EQ(r.log.size(), 2u) << "events due exactly at the end time run";
  EXPECT_EQ(sim.now(), 100);
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(sim.run_until(1000, r), RunResult::kQueueEmpty);
  EXPECT_EQ(sim.now(), 1000) << "the clock advances to the end time even when the queue empties";
}

TEST(Simulator, AStopRequestReturnsAfterTheCurrentEvent) {
  Simulator sim;
  for (Tick t = 1; t <= 10; ++t) sim.schedule_at(t, tag(static_cast<std::uint32_t>(t)));
  int delivered = 0;
  const RunResult result = sim.run([&](Simulator& s, const Event& e) {
    ++delivered;
    if (e.data.subject == 4) s.request_stop();
  });
  EXPECT_EQ(result, RunResult::kStopRequested);
  EXPECT_EQ(delivered, 4);
  EXPECT_EQ(sim.now(), 4);
  EXPECT_EQ(sim.pending(), 6u);
}

TEST(Simulator, AHandlerExceptionIsRethrownWithTimeAndKind) {
  Simulator sim;
  sim.schedule_at(1234, EventData{7, 0, 0, 0});
  try {
    sim.run([](Simulator&, const Event&) { throw std::runtime_error("boom"); });
    FAIL() << "the exception must propagate";
  } catch (const SimulationError& e) {
    EXPECT_EQ(e.time(), 1234);
    EXPECT_EQ(e.kind(), 7);
    EXPECT_STREQ(e.what(), "at t=1234 ms (event kind 7): boom");
  }
}

TEST(Simulator, ResetForgetsPendingEventsAndRestartsTheSequence) {
  Simulator sim;
  sim.schedule_at(50, tag(1));
  (void)sim.schedule_cancellable_at(60, tag(2));
  sim.reset(5);
  EXPECT_EQ(sim.now(), 5);
  EXPECT_EQ(sim.pending(), 0u);
  EXPECT_EQ(sim.events_processed(), 0u);
  sim.schedule_at(9, tag(3));
  Recorder r;
  sim.run(r);
  ASSERT_EQ(r.log.size(), 1u);
  EXPECT_EQ(r.log[0].subject, 3u);
}

TEST(SimulatorDeathTest, SchedulingInThePastAborts) {
  Simulator sim;
  sim.schedule_at(10, tag(0));
  sim.run([](Simulator&, const Event&) {});
  EXPECT_DEATH(sim.schedule_at(5, tag(1)), "events cannot be scheduled in the past");
  EXPECT_DEATH(sim.schedule_reserved(5, sim.reserve_order(), tag(1)),
               "events cannot be scheduled in the past");
}

TEST(Simulator, AMillionPendingEventsComeOutInOrder) {
  Simulator sim;
  // A multiplicative hash spreads times over [0, 2^20) with many repeats.
  for (std::uint32_t i = 0; i < 1'000'000; ++i)
    sim.schedule_at(static_cast<Tick>((i * 2654435761u) >> 12), tag(i));
  Tick last_time = -1;
  std::uint32_t last_subject = 0;
  bool ordered = true;
  sim.run([&](Simulator& s, const Event& e) {
    if (s.now() < last_time || (s.now() == last_time && e.data.subject < last_subject)) ordered = false;
    last_time = s.now();
    last_subject = e.data.subject;
  });
  EXPECT_TRUE(ordered);
  EXPECT_EQ(sim.events_processed(), 1'000'000u);
}

}  // namespace
}  // namespace siaga
