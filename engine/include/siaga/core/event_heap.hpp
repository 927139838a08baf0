#pragma once
// A 4-ary min-heap of events: the event queue's structure while few events are pending.
//
// Why 4-ary: with 32-byte events four children share two cache lines, the tree is half as deep as
// a binary heap, and sift-down compares children that are already in cache. Sifting moves a hole
// instead of swapping, so each level costs one copy. Capacity is kept across clear(), so a
// simulator reused across replications stops allocating after its first one.

#include <cstddef>
#include <vector>

#include "siaga/core/event.hpp"

namespace siaga {

/// A 4-ary min-heap of events ordered by runs_before(); the earliest is at top().
class EventHeap {
 public:
  bool empty() const noexcept { return heap_.empty(); }
  std::size_t size() const noexcept { return heap_.size(); }
  /// Drops every pending event; keeps the memory.
  void clear() noexcept { heap_.clear(); }

  /// The earliest pending event. Precondition: !empty().
  const Event& top() const noexcept { return heap_.front(); }
  /// Every pending event, in heap order (not sorted).
  const std::vector<Event>& events() const noexcept { return heap_; }

  void push(const Event& e) {
    heap_.push_back(e);
    sift_up(heap_.size() - 1, e);
  }

  /// Removes and returns the earliest pending event. Precondition: !empty().
  Event pop() noexcept {
    Event result = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;

  void sift_up(std::size_t hole, const Event& e) noexcept {
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!runs_before(e, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = e;
  }

  void sift_down(std::size_t hole, const Event& e) noexcept {
    const std::size_t n = heap_.size();
    for (;;) {
      const std::size_t first = hole * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < last; ++c)
        if (runs_before(heap_[c], heap_[best])) best = c;
      if (!runs_before(heap_[best], e)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = e;
  }

  std::vector<Event> heap_;
};

}  // namespace siaga
