#pragma once
// The simulator's pending events: a 4-ary heap while few are pending, a radix heap on time (Ahuja,
// Mehlhorn, Orlin and Tarjan 1990) once many are.
//
// Why two structures: a heap's sift walks one cache miss per level once the queue outgrows the
// caches (at 10^6 pending it was 4.3x slower per event than at 10^4), while a radix heap touches
// memory only sequentially and stays nearly flat. But for a few dozen events, the heap sits in L1
// and beats the radix heap's redistributions (BM_MmcQueue, about 10 pending, ran 35% slower on the
// radix heap alone). In the hold model the radix heap was ahead from about 1,000 pending events
// and even or ahead at a few hundred, behind at tens (bench/kernel_bench.cpp, noisy machine);
// the queue switches up above kRadixAbove and back below kHeapBelow, apart enough that a switch
// costs O(1) amortized per event.
//
// The radix heap relies on monotone keys: a simulation never schedules before its clock. Events are
// bucketed by the highest bit in which their time differs from `base_`, the last minimum; bucket 0
// holds the events due at `base_`, as a small heap on (priority, sequence). When bucket 0 runs dry,
// the lowest occupied bucket is spread over the buckets below it in one streaming pass. An event
// due before `base_` (possible after run_until() stopped short of the next event, which had moved
// the base) goes to the 4-ary heap, which is always drained first.
//
// Either way the pop order is exactly runs_before(), so results never depend on the structure.
// Capacity is kept across clear(): a simulator reused across replications stops allocating.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "siaga/core/event.hpp"
#include "siaga/core/event_heap.hpp"

namespace siaga {

/// A priority queue of events ordered by runs_before(); the earliest is at top().
class EventQueue {
 public:
  /// Above this many pending events the radix heap takes over.
  static constexpr std::size_t kRadixAbove = 256;
  /// Below this many events left in the radix heap, the 4-ary heap takes over again.
  static constexpr std::size_t kHeapBelow = 64;

  bool empty() const noexcept { return size() == 0; }
  std::size_t size() const noexcept { return heap_.size() + in_buckets_; }

  /// Drops every pending event; keeps the memory.
  void clear() noexcept {
    heap_.clear();
    for (auto& bucket : buckets_) bucket.clear();
    occupied_ = 0;
    in_buckets_ = 0;
    base_ = 0;
  }

  /// The earliest pending event. Precondition: !empty().
  const Event& top() {
    if (!heap_.empty()) return heap_.top();
    if (buckets_[0].empty()) refill();
    return buckets_[0].front();
  }

  void push(const Event& e) {
    if (in_buckets_ == 0 || key_of(e.time) < base_) {
      heap_.push(e);
      if (in_buckets_ == 0 && heap_.size() > kRadixAbove) move_heap_to_buckets();
    } else {
      put(e);
    }
  }

  /// Removes and returns the earliest pending event. Precondition: !empty().
  Event pop() {
    if (!heap_.empty()) return heap_.pop();
    if (buckets_[0].empty()) refill();
    std::vector<Event>& due = buckets_[0];
    std::pop_heap(due.begin(), due.end(), LaterEvent{});
    const Event result = due.back();
    due.pop_back();
    if (--in_buckets_ < kHeapBelow) move_buckets_to_heap();
    return result;
  }

 private:
  // Bucket 0 plus one bucket per bit of a 64-bit key.
  static constexpr std::size_t kBuckets = 65;

  // std heap comparator for bucket 0: the greatest is on top, so "greater" means "runs later".
  struct LaterEvent {
    bool operator()(const Event& a, const Event& b) const noexcept { return runs_before(b, a); }
  };

  // Maps signed ticks onto unsigned keys in the same order, so that bit arithmetic applies.
  static constexpr std::uint64_t key_of(Tick t) noexcept {
    return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63);
  }

  // Precondition: key_of(e.time) >= base_.
  void put(const Event& e) {
    // Bucket 0 if the key equals the base, else one past the highest bit in which they differ.
    const auto b = static_cast<std::size_t>(std::bit_width(key_of(e.time) ^ base_));
    std::vector<Event>& bucket = buckets_[b];
    bucket.push_back(e);
    ++in_buckets_;
    if (b == 0) {
      std::push_heap(bucket.begin(), bucket.end(), LaterEvent{});
    } else {
      occupied_ |= std::uint64_t{1} << (b - 1);
    }
  }

  // Moves the base up to the earliest time in the lowest occupied bucket and spreads that bucket
  // over the buckets below it (its keys agree with the new base above its own bit); the events due
  // at the new base land in bucket 0. Precondition: bucket 0 is empty and another one is not.
  void refill() {
    const std::size_t b = static_cast<std::size_t>(std::countr_zero(occupied_)) + 1;
    std::vector<Event>& source = buckets_[b];
    std::uint64_t least = key_of(source.front().time);
    for (const Event& e : source) least = std::min(least, key_of(e.time));
    base_ = least;
    in_buckets_ -= source.size();
    for (const Event& e : source) put(e);
    source.clear();
    occupied_ &= ~(std::uint64_t{1} << (b - 1));
  }

  // Precondition: no event is in the buckets.
  void move_heap_to_buckets() {
    base_ = key_of(heap_.top().time);
    for (const Event& e : heap_.events()) put(e);
    heap_.clear();
  }

  void move_buckets_to_heap() {
    for (auto& bucket : buckets_) {
      for (const Event& e : bucket) heap_.push(e);
      bucket.clear();
    }
    occupied_ = 0;
    in_buckets_ = 0;
  }

  EventHeap heap_;  // every event while few are pending; otherwise those due before base_
  std::array<std::vector<Event>, kBuckets> buckets_;
  std::uint64_t occupied_ = 0;  // bit b-1 set when bucket b (1..64) holds events
  std::uint64_t base_ = 0;      // key of the last minimum; every bucketed event has a key >= base_
  std::size_t in_buckets_ = 0;
};

}  // namespace siaga
