#pragma once
// Distances on the earth. A sphere is enough here: road lengths come from the data, and straight-line
// distances only place things (nearest node) and bound searches, where 0.5% is far below the noise.

#include "siaga/geo/road_types.hpp"

namespace siaga::geo {

/// Mean earth radius (IUGG R1), metres.
inline constexpr double kEarthRadiusM = 6'371'008.8;

/// Great-circle distance between two points by the haversine formula on a sphere of radius
/// kEarthRadiusM, metres.
double distance_m(GeoPoint a, GeoPoint b) noexcept;

}  // namespace siaga::geo
