#include "siaga/ingest/highway.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace siaga::ingest {
namespace {

using geo::RoadClass;

// OSM's Indonesian tagging follows the road law's hierarchy (UU 38/2004): arteri -> trunk/primary,
// kolektor -> secondary/tertiary, lokal -> unclassified, lingkungan -> residential. siaga's speed
// table has one more rung below (village roads) and one for tracks and paths.
constexpr std::array<std::pair<std::string_view, RoadClass>, 17> kHighwayClasses{{
    {"motorway", RoadClass::kArterial},
    {"motorway_link", RoadClass::kArterial},
    {"trunk", RoadClass::kArterial},
    {"trunk_link", RoadClass::kArterial},
    {"primary", RoadClass::kArterial},
    {"primary_link", RoadClass::kArterial},
    {"secondary", RoadClass::kCollector},
    {"secondary_link", RoadClass::kCollector},
    {"tertiary", RoadClass::kCollector},
    {"tertiary_link", RoadClass::kCollector},
    {"unclassified", RoadClass::kLocal},
    {"road", RoadClass::kLocal},
    {"residential", RoadClass::kVillage},
    {"living_street", RoadClass::kVillage},
    {"service", RoadClass::kVillage},
    {"track", RoadClass::kTrail},
    {"path", RoadClass::kTrail},
}};

constexpr double kKmhPerMph = 1.609344;

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> one_speed(std::string_view s) noexcept {
  s = trim(s);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || end == s.data()) return std::nullopt;
  const std::string_view unit =
      trim(std::string_view(end, static_cast<std::size_t>(s.data() + s.size() - end)));
  if (unit == "mph") {
    x *= kKmhPerMph;
  } else if (!unit.empty() && unit != "km/h" && unit != "kmh" && unit != "kph") {
    return std::nullopt;  // knots (waterways) or something else that is no road speed
  }
  if (!(x > 0.0 && x <= 200.0) || !std::isfinite(x)) return std::nullopt;
  return x;
}

}  // namespace

std::optional<RoadClass> road_class_of_highway(std::string_view highway) noexcept {
  if (highway.empty()) return std::nullopt;
  for (const auto& [name, road_class] : kHighwayClasses)
    if (name == highway) return road_class;
  return std::nullopt;
}

std::optional<double> parse_maxspeed_kmh(std::string_view maxspeed) noexcept {
  std::optional<double> lowest;
  while (true) {
    const auto semicolon = maxspeed.find(';');
    if (const auto x = one_speed(maxspeed.substr(0, semicolon)); x && (!lowest || *x < *lowest)) lowest = x;
    if (semicolon == std::string_view::npos) break;
    maxspeed.remove_prefix(semicolon + 1);
  }
  return lowest;
}

WayDirection way_direction(std::string_view highway, std::string_view oneway,
                           std::string_view junction) noexcept {
  if (oneway == "yes" || oneway == "true" || oneway == "1") return WayDirection::kForward;
  if (oneway == "-1" || oneway == "reverse") return WayDirection::kBackward;
  if (oneway == "no" || oneway == "false" || oneway == "0") return WayDirection::kBoth;
  if (junction == "roundabout" || junction == "circular") return WayDirection::kForward;
  if (highway == "motorway" || highway == "motorway_link") return WayDirection::kForward;
  return WayDirection::kBoth;
}

}  // namespace siaga::ingest
