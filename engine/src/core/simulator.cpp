#include "siaga/core/simulator.hpp"

#include <string>

namespace siaga {
namespace {
constexpr std::uint64_t kFree = UINT64_MAX;
}  // namespace

EventHandle Simulator::schedule_cancellable_at(Tick at, EventData data, Priority priority) {
  SIAGA_CHECK(at >= now_, "events cannot be scheduled in the past");
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slot_owner_.size());
    slot_owner_.push_back(kFree);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  const std::uint64_t order = make_order(priority);
  const std::uint64_t sequence = order & ((std::uint64_t{1} << Event::kSequenceBits) - 1);
  slot_owner_[slot] = sequence;
  queue_.push(Event{at, order, data, slot});
  return EventHandle{slot, sequence};
}

bool Simulator::cancel(EventHandle handle) noexcept {
  if (!handle.valid() || handle.slot >= slot_owner_.size()) return false;
  if (slot_owner_[handle.slot] != handle.sequence) return false;
  // The slot is released now; the event left in the heap no longer owns it and is discarded when
  // popped, even if the slot has been given to a newer event meanwhile.
  slot_owner_[handle.slot] = kFree;
  free_slots_.push_back(handle.slot);
  return true;
}

bool Simulator::discard_if_cancelled(const Event& e) noexcept {
  if (slot_owner_[e.slot] != e.sequence()) return true;
  slot_owner_[e.slot] = kFree;
  free_slots_.push_back(e.slot);
  return false;
}

void Simulator::reset(Tick start) noexcept {
  queue_.clear();
  now_ = start;
  next_sequence_ = 0;
  processed_ = 0;
  stop_requested_ = false;
  free_slots_.clear();
  for (std::uint32_t s = 0; s < slot_owner_.size(); ++s) {
    slot_owner_[s] = kFree;
    free_slots_.push_back(s);
  }
}

void Simulator::rethrow_with_context(const Event& e) {
  try {
    throw;
  } catch (const SimulationError&) {
    throw;  // already carries the innermost context
  } catch (const std::exception& ex) {
    throw SimulationError(e.time, e.data.kind, ex.what());
  } catch (...) {
    throw SimulationError(e.time, e.data.kind, "unknown exception");
  }
}

}  // namespace siaga
