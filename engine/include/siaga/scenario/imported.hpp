#pragma once
// What a scenario built from real data carries beyond the day itself: the village and kecamatan
// boundaries (polygons, which reports draw), and where each part of it came from (`provenance`:
// the files, what was kept, dropped or guessed, the longest snaps to the road graph), which
// `siaga describe` shows. Both are optional; `siaga import` writes them (docs/import.md).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"

namespace siaga::scenario {

/// One polygon of an area: its exterior ring, then its holes; each ring closed (first point last).
using AreaPolygon = std::vector<std::vector<geo::GeoPoint>>;

/// The shape of one village or kecamatan.
struct AreaBoundary {
  std::size_t area = 0;               ///< index into Region::villages or Region::kecamatan
  std::vector<AreaPolygon> polygons;  ///< one for a Polygon, several for a MultiPolygon
};

/// One part of an imported scenario and where it came from.
struct DataPart {
  std::string part;    ///< what it is: "villages", "roads", "posts", "tps", ...
  std::string source;  ///< the file it was read from (as the recipe names it), or how it was made
  /// Named counts, in the order written: "read", "kept", "dropped", "guessed", "nodes_kept", ...
  std::vector<std::pair<std::string, std::int64_t>> counts;
  std::vector<std::string> notes;  ///< what was dropped or guessed, and why
};

/// A place moved onto the road graph: how far it moved.
struct Snap {
  std::string kind;  ///< "village", "tps", "post", "ppk"
  std::string id;    ///< its code or id
  double metres = 0;
};

/// Where an imported scenario's parts came from.
struct Provenance {
  std::string recipe;               ///< the recipe it was built from (as given to siaga import)
  std::vector<DataPart> parts;      ///< in the order the import read them
  double snap_threshold_m = 500.0;  ///< snaps longer than this are listed
  std::size_t snaps_over = 0;       ///< how many places snapped farther than the threshold
  std::vector<Snap> longest_snaps;  ///< the longest, longest first
};

/// Reads `region.boundaries.villages` or `.kecamatan`: a GeoJSON FeatureCollection inline, or the
/// path of a GeoJSON file relative to `base_dir`. Each feature names its area by the property
/// `code` (or `kode`, as the Kemendagri tables write it), which must be one of `codes` (code ->
/// index); geometry Polygon or MultiPolygon with [lon, lat] positions and closed rings of at least
/// 4 positions. Every problem goes to `problems` at its dotted path.
std::vector<AreaBoundary> read_area_boundaries(const Json& value, const Path& path,
                                               const std::filesystem::path& base_dir,
                                               const std::vector<std::string>& codes, Problems& problems);

/// Reads the `provenance` section.
Provenance read_provenance(Record r, Problems& problems);

/// An area's polygons as a GeoJSON geometry (Polygon or MultiPolygon), coordinates as given.
Json boundary_geometry(const std::vector<AreaPolygon>& polygons);

}  // namespace siaga::scenario
