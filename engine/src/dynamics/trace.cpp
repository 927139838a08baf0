#include "siaga/dynamics/trace.hpp"

#include <array>

namespace siaga::dynamics {

static_assert(static_cast<std::size_t>(TraceKind::kTransitIncident) + 1 == kTraceKindCount,
              "a TraceKind without a name");

std::string_view to_string(TraceKind k) noexcept {
  // In the order of TraceKind; the size check keeps the two in step when a kind is added.
  static constexpr std::array<std::string_view, kTraceKindCount> kNames{
      "guards_arrive",   "incident_reported", "guards_respond", "dispatched",   "on_scene",
      "handling_starts", "escalated",         "settled",        "open_at_end",  "unit_breakdown",
      "unit_returns",    "unit_absent",       "count_ends",     "guards_leave", "box_departs",
      "box_arrives",     "transit_incident",
  };
  const auto i = static_cast<std::size_t>(k);
  return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

}  // namespace siaga::dynamics
