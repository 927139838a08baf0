#pragma once
// Village and kecamatan polygons from a GeoJSON FeatureCollection of Polygon and MultiPolygon
// features, keyed by a property (the Kemendagri code). Rings are normalised to RFC 7946: exterior
// counter-clockwise, holes clockwise (older files have clockwise exteriors). Edges are straight in
// longitude/latitude, as RFC 7946 defines them, so containment is decided in those coordinates.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/path.hpp"

namespace siaga::ingest {

/// A closed ring: the first point is repeated last.
using Ring = std::vector<geo::GeoPoint>;

/// One polygon: an exterior ring (counter-clockwise) and its holes (clockwise).
struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

/// One area of the file.
struct Boundary {
  std::string key;                ///< the key property's value (e.g. kode "35.78.09")
  std::string name;               ///< the nama (or name) property, if any
  std::vector<Polygon> polygons;  ///< one for a Polygon, several for a MultiPolygon
  scenario::Json properties;      ///< every property as written
  std::string where;              ///< file:features[i]
};

/// Reads every feature of a FeatureCollection. Throws ScenarioError with every problem, each at
/// file:json.path (e.g. "kec.geojson:features[12].geometry.coordinates[0]"): not a
/// FeatureCollection, a geometry that is not a Polygon or MultiPolygon, a position that is not
/// [lon, lat] within range, a ring of fewer than 4 positions, not closed or without area, a missing
/// or duplicate key. `shown_name` names the file in messages.
std::vector<Boundary> read_boundaries(const std::filesystem::path& file, std::string shown_name,
                                      std::string_view key_property = "kode");

/// As read_boundaries, from GeoJSON text.
std::vector<Boundary> parse_boundaries(std::string_view text, std::string shown_name,
                                       std::string_view key_property = "kode");

/// Area of a polygon on the sphere of radius geo::kEarthRadiusM (holes subtracted), square metres.
double area_m2(const Polygon& polygon);
/// Area of all of a boundary's polygons, square metres.
double area_m2(const Boundary& boundary);

/// Whether a point lies in the boundary: inside an exterior ring and outside its holes. A point on
/// an edge counts as inside.
bool contains(const Boundary& boundary, geo::GeoPoint p);

/// A point that lies strictly inside the boundary (its largest polygon): the centroid when that is
/// inside, otherwise the middle of the widest inside stretch of the horizontal line through the
/// middle of the polygon (for a crescent or a ring-shaped area, whose centroid falls outside).
geo::GeoPoint inside_point(const Boundary& boundary);

/// Which boundary holds a point, for many queries: an R-tree over the polygons' bounding boxes.
/// Immutable; copies share the tree.
class BoundaryIndex {
 public:
  /// Indexes the boundaries; the answers are indices into the span, which must outlive the index.
  explicit BoundaryIndex(std::span<const Boundary> boundaries);
  /// The lowest index of a boundary containing `p` (neighbours of simplified shapes overlap a
  /// little), or nullopt if none does.
  std::optional<std::size_t> find(geo::GeoPoint p) const;

 private:
  struct Impl;  // Boost.Geometry polygons and their tree; keeps those headers out of includers
  std::shared_ptr<const Impl> impl_;
};

}  // namespace siaga::ingest
