#pragma once
// What the parts of one election day share and nothing else: the event kinds replication.cpp
// routes between them, the purposes of their random streams, the cursor that keys those streams,
// and the trace they write to. Internal to the dynamics (not installed).

#include <cstdint>
#include <utility>

#include "siaga/core/random_stream.hpp"
#include "siaga/core/simulator.hpp"
#include "siaga/dynamics/trace.hpp"

namespace siaga::dynamics::day {

inline constexpr std::uint32_t kNone = UINT32_MAX;
/// The day ends at 48:00: a count that runs on past midnight still finishes, boxes still arrive.
inline constexpr Tick kDayEnd = 48 * kTicksPerHour;

/// Starts fetching the cache lines of `object` that a coming event will read; changes nothing
/// else. For state reached at random whose order is known ahead (the count ends).
template <class T>
void prefetch(const T& object) noexcept {
  const auto* first = reinterpret_cast<const char*>(&object);
  __builtin_prefetch(first);
  if constexpr (sizeof(T) > 1) __builtin_prefetch(first + sizeof(T) - 1);  // it may straddle two
}

/// Events of the day; subject and arg are indices (TPS, incident, team, group, unit) as noted.
enum EventKind : std::uint16_t {
  kGuardsArrive,     // all groups take their posts
  kCandidate,        // subject tps, spare phase, arg kind: a candidate incident arrival
  kCountEnd,         // subject tps
  kBoxAtPps,         // subject tps, arg escort officers
  kBoxAtPpk,         // subject tps, arg escort officers
  kEscortBack,       // subject guard group, arg officers
  kTransitIncident,  // subject tps, arg escort officers
  kGuardsOnScene,    // subject incident
  kTeamOnScene,      // subject incident, arg team
  kEscalate,         // subject incident
  kSettle,           // subject incident
  kTeamBack,         // subject team
  kGuardsBack,       // subject group, arg officers
  kRetentionCheck,   // subject group: its retention policy looks again
  kUnitOnDuty,       // subject unit: its duty begins
};

/// What a stream's draws are for; with the entity, it names the stream.
enum Purpose : std::uint32_t {
  kTimeline = 1,      // per TPS: counting time
  kArrivals = 2,      // per TPS: candidate times and kinds
  kThinning = 3,      // per TPS: keep or drop each candidate
  kTransit = 4,       // per TPS: the boxes' trip (an escort's breakdown, incidents in transit)
  kIncident = 5,      // per incident (its own entity, from the TPS's and the candidate number): handling
  kUnitDay = 6,       // per unit: absent or not
  kUnitFaults = 7,    // per team: breakdowns
  kTrueCategory = 8,  // per TPS: its true category today
  kEarlyWarning = 9,  // per TPS: whether early warning corrects its rating
  kContested = 10,    // per village: whether its result is contested
  kEscalation = 11,   // per incident: the hazard budget of each escalation
};

/// Which day of which experiment: the first two parts of every stream key.
struct DaySeed {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
};

/// Where one entity's stream of one purpose stands within a day. The stream key is written here
/// and nowhere else; each use resumes the stream after the draws already taken, so a part keeps a
/// position (4 bytes) rather than a stream.
template <Purpose P>
class StreamCursor {
 public:
  /// Runs `draw` on the stream of (day, entity, P) after the draws already taken; returns what it
  /// returns.
  template <class F>
  decltype(auto) draw(const DaySeed& day, std::uint64_t entity, F&& draw) {
    RandomStream s({day.seed, day.replication, entity, P}, drawn_);
    struct Advance {  // the position moves on however `draw` returns
      StreamCursor& c;
      RandomStream& s;
      ~Advance() { c.drawn_ = static_cast<std::uint32_t>(s.draws()); }
    } advance{*this, s};
    return std::forward<F>(draw)(s);
  }

 private:
  std::uint32_t drawn_ = 0;
};

/// The first draws of a stream used once a day.
template <Purpose P, class F>
decltype(auto) draw_once(const DaySeed& day, std::uint64_t entity, F&& draw) {
  StreamCursor<P> cursor;
  return cursor.draw(day, entity, std::forward<F>(draw));
}

/// The day's trace: every part writes what happened through it, stamped with the clock.
class DayTrace {
 public:
  explicit DayTrace(const Simulator& sim) : sim_(sim) {}
  void attach(TraceSink* sink) noexcept { sink_ = sink; }
  bool on() const noexcept { return sink_ != nullptr; }
  void operator()(TraceKind kind, std::uint32_t incident, std::uint32_t tps, std::uint32_t unit,
                  std::int64_t value = 0, std::int64_t arg = 0) const {
    if (sink_) sink_->record(TraceEvent{sim_.now(), kind, incident, tps, unit, value, arg});
  }

 private:
  const Simulator& sim_;
  TraceSink* sink_ = nullptr;
};

}  // namespace siaga::dynamics::day
