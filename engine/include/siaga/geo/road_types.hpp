#pragma once
// The vocabulary of roads: places on the earth, road classes, vehicles and their speeds.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace siaga::geo {

/// A point on the earth, WGS 84 degrees.
struct GeoPoint {
  double lat = 0.0;  ///< degrees north
  double lon = 0.0;  ///< degrees east
};

/// Road classes, from national roads down to footpaths.
enum class RoadClass : std::uint8_t { kArterial, kCollector, kLocal, kVillage, kTrail };
inline constexpr std::size_t kRoadClassCount = 5;

/// How a unit moves.
enum class Vehicle : std::uint8_t { kFoot, kMotorbike, kCar, kTruck };
inline constexpr std::size_t kVehicleCount = 4;

/// One road segment between two nodes (indices into the node list).
struct RoadEdge {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  double length_m = 0.0;  ///< length along the road, metres
  RoadClass road_class = RoadClass::kVillage;
  bool oneway = false;  ///< true: only from -> to
  /// Posted speed limit, km/h (> 0): caps every vehicle's speed, not walking. Initialised so that
  /// aggregate initialisations that stop before it stay warning-free.
  std::optional<double> maxspeed_kmh = std::nullopt;
};

/// Travel speed in km/h per road class (row) and vehicle (column); 0 means impassable.
using SpeedTable = std::array<std::array<double, kVehicleCount>, kRoadClassCount>;

/// The default speeds (docs/domain.md#moving-around, E): see scenarios/README.md.
SpeedTable default_speeds() noexcept;

/// Scenario spellings: "arterial", ..., "trail"; "foot", "motorbike", "car", "truck".
std::string_view to_string(RoadClass c) noexcept;
std::string_view to_string(Vehicle v) noexcept;
std::optional<RoadClass> road_class_from_string(std::string_view s) noexcept;
std::optional<Vehicle> vehicle_from_string(std::string_view s) noexcept;

}  // namespace siaga::geo
