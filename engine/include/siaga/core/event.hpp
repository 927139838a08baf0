#pragma once
// The event record: a small, trivially copyable value, so that scheduling never allocates.

#include <cstdint>

#include "siaga/core/time.hpp"

namespace siaga {

/// What a model asks the kernel to deliver later: a kind and two integers the model interprets
/// (typically an entity index and an argument). 12 bytes, copied by value.
struct EventData {
  std::uint16_t kind = 0;     ///< model-defined event kind (the model's switch label)
  std::uint16_t spare = 0;    ///< model-defined small field (e.g. a phase or a flag)
  std::uint32_t subject = 0;  ///< model-defined entity index (a TPS, a unit, an incident)
  std::uint32_t arg = 0;      ///< model-defined argument
};

/// Among events due at the same tick, lower priority values run first.
using Priority = std::uint8_t;
inline constexpr Priority kDefaultPriority = 128;

/// An event as the queue holds it. Order is (time, priority, sequence): the sequence number is
/// unique per simulator, so no two events ever compare equal and every run has one defined order.
struct Event {
  Tick time = 0;            ///< when it is due, in ticks
  std::uint64_t order = 0;  ///< priority in the top 8 bits, insertion sequence in the low 56
  EventData data;           ///< the model's payload
  std::uint32_t slot = 0;   ///< cancellation slot, or kNoSlot when the event cannot be cancelled

  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  static constexpr int kSequenceBits = 56;

  constexpr Priority priority() const noexcept { return static_cast<Priority>(order >> kSequenceBits); }
  constexpr std::uint64_t sequence() const noexcept {
    return order & ((std::uint64_t{1} << kSequenceBits) - 1);
  }
};
static_assert(sizeof(Event) == 32, "events are kept to half a cache line");

/// Strict order of events: earlier time first, then lower priority, then earlier insertion.
constexpr bool runs_before(const Event& a, const Event& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

/// Names a cancellable scheduled event; stale handles are harmless (cancel returns false).
struct EventHandle {
  std::uint32_t slot = Event::kNoSlot;
  std::uint64_t sequence = 0;
  constexpr bool valid() const noexcept { return slot != Event::kNoSlot; }
};

}  // namespace siaga
