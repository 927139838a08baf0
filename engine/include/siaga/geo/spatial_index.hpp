#pragma once
// Which road node is nearest to a place (a village centroid, a TPS, a post given by lat/lon).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "siaga/geo/road_types.hpp"

namespace siaga::geo {

/// Nearest point among a fixed set, by an R-tree (Boost.Geometry). Distances are measured in an
/// equirectangular projection about the points' mean latitude phi0, in metres:
/// x = (R pi / 180) cos(phi0) lon, y = (R pi / 180) lat (degrees in, R = kEarthRadiusM). Over a
/// province (a few degrees) this ranks neighbours as the sphere does except for near-ties;
/// longitudes must not cross 180 degrees (they do not in Indonesia). Ties (equal projected
/// distance, e.g. duplicate nodes) go to the lowest index. Immutable and safe to query from many
/// threads; copies share the tree.
class NearestNodeIndex {
 public:
  /// Indexes the points; index i of the span is the answer for point i.
  explicit NearestNodeIndex(std::span<const GeoPoint> points);

  /// Number of points indexed.
  std::size_t size() const noexcept;
  /// Index of the point nearest to `p`, the lowest such index on a tie. Precondition: size() > 0.
  std::uint32_t nearest(GeoPoint p) const;

 private:
  struct Impl;  // the Boost.Geometry tree; keeps its headers out of every includer
  std::shared_ptr<const Impl> impl_;
};

}  // namespace siaga::geo
