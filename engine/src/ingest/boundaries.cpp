// Boost 1.74's Geometry reaches Boost.Math's constants, which include a header Boost itself has
// deprecated; without this its #pragma message is noise in every build log.
#define BOOST_ALLOW_DEPRECATED_HEADERS

#include "siaga/ingest/boundaries.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "geojson.hpp"
#include "siaga/core/error.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::ingest {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using scenario::Json;
using scenario::Path;
using scenario::Problems;

// Longitude/latitude as plane coordinates (x east, y north): RFC 7946's straight edges.
using FlatPoint = bg::model::d2::point_xy<double>;
using FlatPolygon = bg::model::polygon<FlatPoint, false, true>;  // counter-clockwise, closed
using FlatBox = bg::model::box<FlatPoint>;
// The same on the sphere, for areas.
using SpherePoint = bg::model::point<double, 2, bg::cs::spherical_equatorial<bg::degree>>;
using SphereRing = bg::model::ring<SpherePoint, false, true>;

// Twice the signed area in degrees squared (shoelace): positive for a counter-clockwise ring.
double signed_area2(const Ring& ring) {
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  return sum;
}

void orient(Ring& ring, bool counter_clockwise) {
  if ((signed_area2(ring) > 0.0) != counter_clockwise) std::reverse(ring.begin(), ring.end());
}

FlatPolygon flat(const Polygon& p) {
  FlatPolygon out;
  for (const geo::GeoPoint& q : p.outer) out.outer().emplace_back(q.lon, q.lat);
  for (const Ring& hole : p.holes) {
    out.inners().emplace_back();
    for (const geo::GeoPoint& q : hole) out.inners().back().emplace_back(q.lon, q.lat);
  }
  return out;
}

double ring_area_m2(const Ring& ring) {
  SphereRing r;
  for (const geo::GeoPoint& q : ring) r.emplace_back(q.lon, q.lat);
  // Boost's spherical area is signed by orientation; the caller knows which ring is a hole.
  return std::abs(bg::area(r, bg::strategy::area::spherical<double>(geo::kEarthRadiusM)));
}

// One ring of positions; nullopt (with the problems reported) if it is not a usable ring.
std::optional<Ring> read_ring(const Json& value, const std::string& file, const Path& path,
                              Problems& problems) {
  if (!value.is_array()) {
    problems.add(detail::where(file, path), "must be a ring (a list of positions)");
    return std::nullopt;
  }
  Ring ring;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto p = detail::position(value[i], file, path[i], problems);
    if (p)
      ring.push_back(*p);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  if (ring.size() < 4) {
    problems.add(detail::where(file, path),
                 "a ring needs at least 4 positions (3 corners and the first again), got " +
                     std::to_string(ring.size()));
    return std::nullopt;
  }
  if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon) {
    problems.add(detail::where(file, path),
                 "the ring is not closed (its last position must repeat its first)");
    return std::nullopt;
  }
  if (signed_area2(ring) == 0.0) {
    problems.add(detail::where(file, path), "the ring has no area (its positions lie on a line)");
    return std::nullopt;
  }
  return ring;
}

std::optional<Polygon> read_polygon(const Json& value, const std::string& file, const Path& path,
                                    Problems& problems) {
  if (!value.is_array() || value.empty()) {
    problems.add(detail::where(file, path), "must be a polygon (a list of rings, the exterior first)");
    return std::nullopt;
  }
  Polygon polygon;
  bool ok = true;
  for (std::size_t r = 0; r < value.size(); ++r) {
    auto ring = read_ring(value[r], file, path[r], problems);
    if (!ring) {
      ok = false;
      continue;
    }
    // RFC 7946, 3.1.6: exteriors counter-clockwise, holes clockwise; readers are told to accept
    // either, so this is where files of either kind become one.
    orient(*ring, r == 0);
    if (r == 0)
      polygon.outer = std::move(*ring);
    else
      polygon.holes.push_back(std::move(*ring));
  }
  if (!ok) return std::nullopt;
  return polygon;
}

// The bounding box of a polygon (its exterior): computed here because GCC 12 reports a false
// "may be used uninitialized" inside Boost 1.74's envelope at -O3.
FlatBox box_of(const Polygon& p) {
  double x0 = p.outer.front().lon, x1 = x0, y0 = p.outer.front().lat, y1 = y0;
  for (const geo::GeoPoint& q : p.outer) {
    x0 = std::min(x0, q.lon), x1 = std::max(x1, q.lon);
    y0 = std::min(y0, q.lat), y1 = std::max(y1, q.lat);
  }
  return FlatBox(FlatPoint(x0, y0), FlatPoint(x1, y1));
}

const Polygon& largest(const Boundary& b) {
  std::size_t best = 0;
  double best_area = -1.0;
  for (std::size_t i = 0; i < b.polygons.size(); ++i) {
    const double a = std::abs(signed_area2(b.polygons[i].outer));
    if (a > best_area) best = i, best_area = a;
  }
  return b.polygons[best];
}

}  // namespace

std::vector<Boundary> read_boundaries(const std::filesystem::path& file, std::string shown_name,
                                      std::string_view key_property) {
  const std::string text = detail::read_text(file, shown_name, "GeoJSON file");
  return parse_boundaries(text, std::move(shown_name), key_property);
}

std::vector<Boundary> parse_boundaries(std::string_view text, std::string shown_name,
                                       std::string_view key_property) {
  const Json doc = detail::parse_json(text, shown_name);
  Problems problems;
  std::vector<Boundary> out;
  const Json* features = detail::features(doc, shown_name, problems);
  problems.throw_if_any();
  std::unordered_map<std::string, std::size_t> keys;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const Path at = Path{} / "features";
    const Path f = at[i];
    const Json& feature = (*features)[i];
    if (!feature.is_object()) {
      problems.add(detail::where(shown_name, f), "must be a GeoJSON Feature object");
      continue;
    }
    Boundary b;
    b.where = detail::where(shown_name, f);
    b.properties = feature.contains("properties") ? feature["properties"] : Json();
    if (const auto key = detail::text_property(b.properties, key_property)) {
      b.key = *key;
      const auto [it, fresh] = keys.emplace(b.key, i);
      if (!fresh)
        problems.add(detail::where(shown_name, f / "properties" / key_property),
                     "duplicate " + std::string(key_property) + " '" + b.key + "' (also features[" +
                         std::to_string(it->second) + "])");
    } else {
      problems.add(detail::where(shown_name, f / "properties" / key_property),
                   "is required (a string or whole number) but missing");
    }
    b.name = detail::text_property(b.properties, "nama")
                 .value_or(detail::text_property(b.properties, "name").value_or(""));

    const auto geometry = feature.find("geometry");
    if (geometry == feature.end() || !geometry->is_object()) {
      problems.add(detail::where(shown_name, f / "geometry"), "is required: a Polygon or MultiPolygon");
      continue;
    }
    const std::string type = geometry->value("type", std::string());
    const auto coordinates = geometry->find("coordinates");
    const Path c = f / "geometry" / "coordinates";
    if (type != "Polygon" && type != "MultiPolygon") {
      problems.add(detail::where(shown_name, f / "geometry" / "type"),
                   "must be Polygon or MultiPolygon, got '" + type + "'");
      continue;
    }
    if (coordinates == geometry->end() || !coordinates->is_array()) {
      problems.add(detail::where(shown_name, c), "is required: a list");
      continue;
    }
    if (type == "Polygon") {
      if (auto p = read_polygon(*coordinates, shown_name, c, problems)) b.polygons.push_back(std::move(*p));
    } else {
      if (coordinates->empty())
        problems.add(detail::where(shown_name, c), "a MultiPolygon needs at least one polygon");
      for (std::size_t k = 0; k < coordinates->size(); ++k)
        if (auto p = read_polygon((*coordinates)[k], shown_name, c[k], problems))
          b.polygons.push_back(std::move(*p));
    }
    out.push_back(std::move(b));
  }
  problems.throw_if_any();
  return out;
}

double area_m2(const Polygon& polygon) {
  double a = ring_area_m2(polygon.outer);
  for (const Ring& hole : polygon.holes) a -= ring_area_m2(hole);
  return a;
}

double area_m2(const Boundary& boundary) {
  double a = 0.0;
  for (const Polygon& p : boundary.polygons) a += area_m2(p);
  return a;
}

bool contains(const Boundary& boundary, geo::GeoPoint p) {
  const FlatPoint q(p.lon, p.lat);
  for (const Polygon& polygon : boundary.polygons)
    if (bg::covered_by(q, flat(polygon))) return true;
  return false;
}

geo::GeoPoint inside_point(const Boundary& boundary) {
  SIAGA_CHECK(!boundary.polygons.empty(), "inside_point of a boundary without polygons");
  const Polygon& polygon = largest(boundary);
  const FlatPolygon shape = flat(polygon);
  FlatPoint centre;
  bg::centroid(shape, centre);
  if (bg::within(centre, shape)) return {centre.y(), centre.x()};
  // The horizontal line through the middle of the bounding box crosses the rings an even number of
  // times; between the crossings it is alternately inside and outside. Edges are taken half-open
  // in y, so a vertex on the line is counted once and a horizontal edge not at all.
  const FlatBox box = box_of(polygon);
  const double y = 0.5 * (box.min_corner().y() + box.max_corner().y());
  std::vector<double> xs;
  auto crossings = [&](const Ring& ring) {
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const geo::GeoPoint& a = ring[i];
      const geo::GeoPoint& b = ring[i + 1];
      if ((a.lat > y) != (b.lat > y)) xs.push_back(a.lon + (y - a.lat) / (b.lat - a.lat) * (b.lon - a.lon));
    }
  };
  crossings(polygon.outer);
  for (const Ring& hole : polygon.holes) crossings(hole);
  std::sort(xs.begin(), xs.end());
  double best_x = centre.x(), best_width = -1.0;
  for (std::size_t i = 0; i + 1 < xs.size(); i += 2)
    if (xs[i + 1] - xs[i] > best_width) best_width = xs[i + 1] - xs[i], best_x = 0.5 * (xs[i] + xs[i + 1]);
  return {y, best_x};
}

struct BoundaryIndex::Impl {
  using Entry = std::pair<FlatBox, std::size_t>;  // a polygon's box and the boundary it belongs to
  std::vector<std::vector<FlatPolygon>> shapes;   // per boundary
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

BoundaryIndex::BoundaryIndex(std::span<const Boundary> boundaries) {
  auto impl = std::make_shared<Impl>();
  std::vector<Impl::Entry> entries;
  impl->shapes.resize(boundaries.size());
  for (std::size_t i = 0; i < boundaries.size(); ++i)
    for (const Polygon& p : boundaries[i].polygons) {
      impl->shapes[i].push_back(flat(p));
      entries.emplace_back(box_of(p), i);
    }
  impl->tree = bgi::rtree<Impl::Entry, bgi::rstar<16>>(entries.begin(), entries.end());
  impl_ = std::move(impl);
}

std::optional<std::size_t> BoundaryIndex::find(geo::GeoPoint p) const {
  const FlatPoint q(p.lon, p.lat);
  std::vector<Impl::Entry> candidates;
  impl_->tree.query(bgi::covers(q), std::back_inserter(candidates));
  std::optional<std::size_t> best;
  for (const auto& [box, i] : candidates) {
    if (best && *best <= i) continue;
    for (const FlatPolygon& shape : impl_->shapes[i])
      if (bg::covered_by(q, shape)) {
        best = i;
        break;
      }
  }
  return best;
}

}  // namespace siaga::ingest
