#pragma once
// The discrete-event kernel: a clock, the pending events, cancellation and the run loops.
//
// A model owns its state and passes a handler to a run loop; the handler is called with each event
// in order (time, priority, sequence) and schedules further events through the simulator. The
// handler is a template parameter, so dispatch inlines into the loop: no virtual call and no
// allocation per event. One Simulator per replication, reused across replications via reset().

#include <concepts>
#include <cstdint>
#include <exception>
#include <vector>

#include "siaga/core/error.hpp"
#include "siaga/core/event.hpp"
#include "siaga/core/event_queue.hpp"
#include "siaga/core/time.hpp"

namespace siaga {

class Simulator;

/// What a run loop calls for each event it delivers.
template <class H>
concept EventHandler = std::invocable<H&, Simulator&, const Event&>;

/// Why a run loop returned.
enum class RunResult : std::uint8_t {
  kQueueEmpty,     ///< no event is pending
  kTimeReached,    ///< the next pending event is due after the end time; the clock is at the end
  kStopRequested,  ///< a handler called request_stop()
};

/// Clock, event queue and run loops of one replication.
class Simulator {
 public:
  /// The current simulated time, in ticks since the start of the run.
  Tick now() const noexcept { return now_; }
  /// How many events have been delivered since the last reset.
  std::uint64_t events_processed() const noexcept { return processed_; }
  /// How many events are pending, cancelled ones not yet discarded included.
  std::size_t pending() const noexcept { return queue_.size(); }

  /// Schedules an event at absolute time `at` (ticks). Precondition: at >= now().
  void schedule_at(Tick at, EventData data, Priority priority = kDefaultPriority) {
    SIAGA_CHECK(at >= now_, "events cannot be scheduled in the past");
    queue_.push(Event{at, make_order(priority), data, Event::kNoSlot});
  }

  /// Schedules an event `delay` ticks from now. Precondition: delay >= 0.
  void schedule_in(Tick delay, EventData data, Priority priority = kDefaultPriority) {
    schedule_at(now_ + delay, data, priority);
  }

  /// Takes the next place in the order of events now, for an event scheduled later with
  /// schedule_reserved(): it then runs exactly where it would have run had it been scheduled now.
  /// Lets a model keep a long sorted run of events (the day's count ends) out of the queue and feed
  /// it one at a time without changing the order of anything.
  std::uint64_t reserve_order(Priority priority = kDefaultPriority) noexcept { return make_order(priority); }

  /// Schedules an event at absolute time `at` (ticks) in a place taken by reserve_order().
  /// Preconditions: at >= now(); each reserved order is used at most once.
  void schedule_reserved(Tick at, std::uint64_t order, EventData data) {
    SIAGA_CHECK(at >= now_, "events cannot be scheduled in the past");
    queue_.push(Event{at, order, data, Event::kNoSlot});
  }

  /// Schedules an event that may later be cancelled; the handle names it.
  EventHandle schedule_cancellable_at(Tick at, EventData data, Priority priority = kDefaultPriority);

  /// As schedule_cancellable_at, `delay` ticks from now.
  EventHandle schedule_cancellable_in(Tick delay, EventData data, Priority priority = kDefaultPriority) {
    return schedule_cancellable_at(now_ + delay, data, priority);
  }

  /// Cancels a pending event. Returns false if it already ran or was already cancelled. The event
  /// stays in the queue and is discarded when it reaches the top (lazy deletion), which keeps
  /// cancellation O(1) and the heap free of position bookkeeping.
  bool cancel(EventHandle handle) noexcept;

  /// Asks the running loop to return after the current event.
  void request_stop() noexcept { stop_requested_ = true; }

  /// Forgets all pending events and sets the clock to `start`; keeps allocated memory.
  void reset(Tick start = 0) noexcept;

  /// Delivers events until none is pending or a stop is requested.
  template <EventHandler H>
  RunResult run(H&& handler) {
    return run_until(kNever, handler);
  }

  /// Delivers every event due at or before `end`, then sets the clock to `end` (unless a stop was
  /// requested or the queue emptied first and `end` is kNever).
  template <EventHandler H>
  RunResult run_until(Tick end, H&& handler);

 private:
  std::uint64_t make_order(Priority priority) noexcept {
    return (std::uint64_t{priority} << Event::kSequenceBits) | next_sequence_++;
  }
  /// True if `e` was cancelled; frees its slot when it was not.
  bool discard_if_cancelled(const Event& e) noexcept;
  [[noreturn]] static void rethrow_with_context(const Event& e);

  EventQueue queue_;
  Tick now_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t processed_ = 0;
  bool stop_requested_ = false;
  // Cancellation slots: owner_[slot] is the sequence of the event that holds the slot, or kFree.
  std::vector<std::uint64_t> slot_owner_;
  std::vector<std::uint32_t> free_slots_;
};

template <EventHandler H>
RunResult Simulator::run_until(Tick end, H&& handler) {
  stop_requested_ = false;
  while (!queue_.empty()) {
    if (queue_.top().time > end) {
      now_ = end;
      return RunResult::kTimeReached;
    }
    const Event e = queue_.pop();
    if (e.slot != Event::kNoSlot && discard_if_cancelled(e)) continue;
    now_ = e.time;
    ++processed_;
    try {
      handler(*this, e);
    } catch (...) {
      rethrow_with_context(e);
    }
    if (stop_requested_) return RunResult::kStopRequested;
  }
  if (end != kNever && end > now_) now_ = end;
  return RunResult::kQueueEmpty;
}

}  // namespace siaga
