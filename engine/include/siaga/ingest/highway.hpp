#pragma once
// How OpenStreetMap tags become siaga roads: which `highway` values are kept and as which road
// class (the class decides each vehicle's speed through the scenario's speed table), how `maxspeed`
// is read, and which ways are one-way. The table, and why, is in docs/import.md.

#include <cstdint>
#include <optional>
#include <string_view>

#include "siaga/geo/road_types.hpp"

namespace siaga::ingest {

/// The road class of a `highway` value, or nullopt for values not kept (footways, steps, cycleways,
/// construction, platforms, ...). Kept: motorway, trunk, primary (and their _link) as arterial;
/// secondary, tertiary (and _link) as collector; unclassified and road as local; residential,
/// living_street and service as village roads; track and path as trails.
std::optional<geo::RoadClass> road_class_of_highway(std::string_view highway) noexcept;

/// A `maxspeed` value in km/h: "40", "40 mph" (converted), "40;30" (the lowest, the strictest part
/// of the way). nullopt for values that name no number ("none", "signals", "walk", "ID:urban") or a
/// number outside (0, 200] km/h.
std::optional<double> parse_maxspeed_kmh(std::string_view maxspeed) noexcept;

/// Which ways an OSM way may be travelled.
enum class WayDirection : std::uint8_t { kBoth, kForward, kBackward };

/// The direction of a way from its tags (empty when absent): oneway=yes|true|1 forward, -1|reverse
/// backward, no|false|0 both; without such a value, junction=roundabout|circular and
/// highway=motorway|motorway_link imply forward; anything else (including reversible and
/// alternating, which change with the hour) is both ways.
WayDirection way_direction(std::string_view highway, std::string_view oneway,
                           std::string_view junction) noexcept;

}  // namespace siaga::ingest
