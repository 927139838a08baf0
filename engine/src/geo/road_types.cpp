#include "siaga/geo/road_types.hpp"

namespace siaga::geo {
namespace {
constexpr std::array<std::string_view, kRoadClassCount> kRoadClassNames{"arterial", "collector", "local",
                                                                        "village", "trail"};
constexpr std::array<std::string_view, kVehicleCount> kVehicleNames{"foot", "motorbike", "car", "truck"};
}  // namespace

SpeedTable default_speeds() noexcept {
  // Speeds: docs/domain.md#moving-around.
  //        foot motorbike car truck
  return {{{5, 40, 50, 35},  // arterial
           {5, 30, 40, 30},  // collector: kabupaten roads (motorbike 30, car 40: docs/domain.md)
           {5, 25, 30, 20},  // local
           {4, 20, 20, 15},  // village roads (motorbike and car 20: docs/domain.md)
           {4, 10, 0, 0}}};  // trail: trail bike or on foot only
}

std::string_view to_string(RoadClass c) noexcept { return kRoadClassNames[static_cast<std::size_t>(c)]; }
std::string_view to_string(Vehicle v) noexcept { return kVehicleNames[static_cast<std::size_t>(v)]; }

std::optional<RoadClass> road_class_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < kRoadClassNames.size(); ++i)
    if (kRoadClassNames[i] == s) return static_cast<RoadClass>(i);
  return std::nullopt;
}

std::optional<Vehicle> vehicle_from_string(std::string_view s) noexcept {
  for (std::size_t i = 0; i < kVehicleNames.size(); ++i)
    if (kVehicleNames[i] == s) return static_cast<Vehicle>(i);
  return std::nullopt;
}

}  // namespace siaga::geo
