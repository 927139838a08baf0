#pragma once
// Every event of one replication that a person may want to follow by hand: incidents from report
// to settlement, units and guards as they move. A replication writes to a sink only if given one.

#include <cstdint>
#include <string_view>

#include "siaga/core/time.hpp"

namespace siaga::dynamics {

/// What happened.
enum class TraceKind : std::uint8_t {
  kGuardsArrive,      ///< a guard group takes its post (tps: the group's first TPS; value: officers; arg: its TPS)
  kIncidentReported,  ///< an incident arrives at a TPS (value: severity; arg: kind index)
  kGuardsRespond,     ///< guards of the TPS's group take it on (value: officers)
  kDispatched,        ///< a team of a unit is sent (value: its officers; arg: expected arrival, ms)
  kOnScene,           ///< a team (or guards, unit kNone) reach the scene (value: officers now on scene;
                      ///< arg: of them, those able to settle it)
  kHandlingStarts,    ///< enough officers are on scene, one able to settle it (value: officers; arg: able)
  kEscalated,         ///< the incident escalates (value: new severity)
  kSettled,           ///< handling ends
  kOpenAtEnd,         ///< still open when the day ends (value: severity)
  kUnitBreakdown,     ///< a team's vehicle fails on the road (arg: delay, ms); or, with a TPS and no
                      ///< unit, the escort's of that TPS's boxes (value: escort officers)
  kUnitReturns,       ///< a team of a unit is back at its post (value: its officers)
  kUnitAbsent,        ///< a unit is absent for the day
  kCountEnds,         ///< counting ends at a TPS
  kGuardsLeave,       ///< officers of a guard group go off duty (value: officers leaving)
  kBoxDeparts,        ///< ballot boxes leave a TPS (value: escort officers)
  kBoxArrives,        ///< ballot boxes reach the PPS (arg 0) or the PPK (arg 1)
  kTransitIncident,   ///< boxes in transit are threatened (value: escort officers)
};
inline constexpr std::size_t kTraceKindCount = 17;

/// One traced event. Ids are indices into the model (kNone when not relevant).
struct TraceEvent {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  Tick time = 0;  ///< ms since midnight at the start of election day
  TraceKind kind = TraceKind::kIncidentReported;
  std::uint32_t incident = kNone;  ///< incident number within the replication
  std::uint32_t tps = kNone;       ///< index into Region::tps
  std::uint32_t unit = kNone;      ///< index into Forces::units
  std::int64_t value = 0;          ///< meaning depends on kind (see TraceKind)
  std::int64_t arg = 0;            ///< meaning depends on kind (see TraceKind)
};

/// Receives the trace of a replication.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceEvent& e) = 0;
};

/// "guards_arrive", "incident_reported", ...
std::string_view to_string(TraceKind k) noexcept;

}  // namespace siaga::dynamics
