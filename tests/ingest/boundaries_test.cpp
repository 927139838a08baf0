#include "siaga/ingest/boundaries.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "ingest_test_support.hpp"
#include "siaga/geo/geodesy.hpp"

namespace siaga::ingest {
namespace {

using testing::problems_of;
using testing::ScratchDir;

// Twice the signed area in degrees squared: positive when counter-clockwise (lon east, lat north).
double orientation(const Ring& r) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) s += r[i].lon * r[i + 1].lat - r[i + 1].lon * r[i].lat;
  return s;
}

// Kecamatan A: a 0.02-degree square at 112.70-112.72 E, 7.30-7.28 S, exterior written clockwise
// (as the older files are) with a counter-clockwise hole of 0.004 degrees in its middle. B: a
// MultiPolygon of two squares, written as RFC 7946 asks.
constexpr std::string_view kTwoKecamatan = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"kode": "35.78.01", "nama": "Alpha"},
   "geometry": {"type": "Polygon", "coordinates": [
     [[112.70, -7.30], [112.70, -7.28], [112.72, -7.28], [112.72, -7.30], [112.70, -7.30]],
     [[112.708, -7.292], [112.712, -7.292], [112.712, -7.288], [112.708, -7.288], [112.708, -7.292]]]}},
  {"type": "Feature", "properties": {"kode": "35.78.02", "name": "Beta"},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[112.72, -7.30], [112.73, -7.30], [112.73, -7.29], [112.72, -7.29], [112.72, -7.30]]],
     [[[112.74, -7.30], [112.75, -7.30], [112.75, -7.29], [112.74, -7.29], [112.74, -7.30]]]]}}
]})";

// Area of a small lon/lat rectangle by a local projection about its middle latitude, m^2.
double rectangle_m2(double dlon, double dlat, double mid_lat) {
  const double m = geo::kEarthRadiusM * std::numbers::pi / 180.0;
  return (m * dlon * std::cos(mid_lat * std::numbers::pi / 180.0)) * (m * dlat);
}

TEST(Boundaries, ReadsPolygonsAndMultiPolygonsKeyedByKode) {
  ScratchDir dir;
  const auto file = dir.write("kec.geojson", kTwoKecamatan);
  const auto b = read_boundaries(file, "kec.geojson");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].key, "35.78.01");
  EXPECT_EQ(b[0].name, "Alpha");
  EXPECT_EQ(b[1].name, "Beta") << "'name' when there is no 'nama'";
  ASSERT_EQ(b[0].polygons.size(), 1u);
  EXPECT_EQ(b[0].polygons[0].holes.size(), 1u);
  EXPECT_EQ(b[1].polygons.size(), 2u);
  EXPECT_EQ(b[1].where, "kec.geojson:features[1]");
  EXPECT_EQ(b[0].properties["nama"], "Alpha");
}

TEST(Boundaries, NormalisesRingsToCounterClockwiseExteriorsAndClockwiseHoles) {
  const auto b = parse_boundaries(kTwoKecamatan, "kec.geojson");
  EXPECT_GT(orientation(b[0].polygons[0].outer), 0.0) << "written clockwise, read counter-clockwise";
  EXPECT_LT(orientation(b[0].polygons[0].holes[0]), 0.0) << "written counter-clockwise, read clockwise";
  EXPECT_GT(orientation(b[1].polygons[1].outer), 0.0) << "already counter-clockwise: kept";
  EXPECT_EQ(b[0].polygons[0].outer.front().lon, b[0].polygons[0].outer.back().lon) << "rings stay closed";
}

TEST(Boundaries, AreaIsOnTheSphereWithHolesSubtracted) {
  const auto b = parse_boundaries(kTwoKecamatan, "kec.geojson");
  const double square = rectangle_m2(0.02, 0.02, -7.29);
  const double hole = rectangle_m2(0.004, 0.004, -7.29);
  EXPECT_NEAR(area_m2(b[0]), square - hole, 1e-3 * square);
  EXPECT_NEAR(area_m2(b[1]), 2 * rectangle_m2(0.01, 0.01, -7.295), 1e-3 * area_m2(b[1]));
  EXPECT_GT(area_m2(b[0]), 4.5e6) << "about 4.8 km^2";
}

TEST(Boundaries, PointInPolygonRespectsHolesAndCountsEdgesAsInside) {
  const auto b = parse_boundaries(kTwoKecamatan, "kec.geojson");
  EXPECT_TRUE(contains(b[0], {-7.285, 112.705}));
  EXPECT_FALSE(contains(b[0], {-7.290, 112.710})) << "in the hole";
  EXPECT_FALSE(contains(b[0], {-7.27, 112.705})) << "north of it";
  EXPECT_TRUE(contains(b[0], {-7.29, 112.70})) << "on the western edge";
  EXPECT_TRUE(contains(b[1], {-7.295, 112.745})) << "in the second part of the MultiPolygon";
  EXPECT_FALSE(contains(b[1], {-7.295, 112.735})) << "between its parts";
}

TEST(Boundaries, AnIndexFindsTheAreaOfAPoint) {
  const auto b = parse_boundaries(kTwoKecamatan, "kec.geojson");
  const BoundaryIndex index(b);
  EXPECT_EQ(index.find({-7.285, 112.705}), 0u);
  EXPECT_EQ(index.find({-7.295, 112.745}), 1u);
  EXPECT_EQ(index.find({-7.290, 112.710}), std::nullopt) << "the hole belongs to neither";
  EXPECT_EQ(index.find({-7.29, 112.72}), 0u) << "on the shared edge: the lower index";
  EXPECT_EQ(index.find({-7.0, 110.0}), std::nullopt);
}

TEST(Boundaries, ARepresentativePointLiesInsideEvenWhenTheCentroidDoesNot) {
  // A U-shaped village: its centroid falls in the gap between the arms.
  const auto b = parse_boundaries(R"({"type": "FeatureCollection", "features": [{"type": "Feature",
    "properties": {"kode": 1}, "geometry": {"type": "Polygon", "coordinates": [[
      [0.0, 0.0], [0.03, 0.0], [0.03, 0.03], [0.02, 0.03], [0.02, 0.01], [0.01, 0.01], [0.01, 0.03],
      [0.0, 0.03], [0.0, 0.0]]]}}]})",
                                  "u.geojson");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].key, "1") << "a numeric key is read as its digits";
  EXPECT_FALSE(contains(b[0], {0.0167, 0.015})) << "about where the centroid is";
  const geo::GeoPoint p = inside_point(b[0]);
  EXPECT_TRUE(contains(b[0], p)) << p.lat << ", " << p.lon;
  // The square's own centroid is inside: it is the answer.
  const auto square = parse_boundaries(kTwoKecamatan, "kec.geojson");
  const geo::GeoPoint q = inside_point(square[1]);
  EXPECT_NEAR(q.lat, -7.295, 1e-9);
  EXPECT_NEAR(q.lon, 112.725, 1e-9) << "the first of two equal parts";
  EXPECT_TRUE(contains(square[0], inside_point(square[0]))) << "around the hole, off the centroid";
}

TEST(Boundaries, NamesEveryProblemByItsJsonPath) {
  const std::string text = R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"kode": "a"}, "geometry": {"type": "Polygon", "coordinates": [
      [[112.70, -7.30], [112.70, -7.28], [112.72, -7.28], [112.72, -7.30]]]}},
    {"type": "Feature", "properties": {"kode": "b"}, "geometry": {"type": "Polygon", "coordinates": [
      [[-7.30, 112.70], [-7.28, 112.70], [-7.28, 112.72], [-7.30, 112.70]]]}},
    {"type": "Feature", "properties": {"nama": "no code"}, "geometry": {"type": "Point", "coordinates": [112.7, -7.3]}},
    {"type": "Feature", "properties": {"kode": "a"}, "geometry": {"type": "MultiPolygon", "coordinates": [
      [[[112.70, -7.30], [112.71, -7.30], [112.70, -7.30]]],
      [[[112.70, -7.30], [112.71, -7.30], [112.72, -7.30], [112.70, -7.30]]]]}},
    {"type": "Feature", "properties": {"kode": "c"}}
  ]})";
  const std::vector<std::string> expected{
      "b.geojson:features[0].geometry.coordinates[0]: the ring is not closed (its last position must repeat "
      "its first)",
      "b.geojson:features[1].geometry.coordinates[0][0]: longitude must be within -180..180 and latitude "
      "within "
      "-90..90, got [-7.3,112.7] (GeoJSON writes [longitude, latitude])",
      "b.geojson:features[1].geometry.coordinates[0][1]: longitude must be within -180..180 and latitude "
      "within "
      "-90..90, got [-7.28,112.7] (GeoJSON writes [longitude, latitude])",
      "b.geojson:features[1].geometry.coordinates[0][2]: longitude must be within -180..180 and latitude "
      "within "
      "-90..90, got [-7.28,112.72] (GeoJSON writes [longitude, latitude])",
      "b.geojson:features[1].geometry.coordinates[0][3]: longitude must be within -180..180 and latitude "
      "within "
      "-90..90, got [-7.3,112.7] (GeoJSON writes [longitude, latitude])",
      "b.geojson:features[2].properties.kode: is required (a string or whole number) but missing",
      "b.geojson:features[2].geometry.type: must be Polygon or MultiPolygon, got 'Point'",
      "b.geojson:features[3].properties.kode: duplicate kode 'a' (also features[0])",
      "b.geojson:features[3].geometry.coordinates[0][0]: a ring needs at least 4 positions (3 corners and "
      "the "
      "first again), got 3",
      "b.geojson:features[3].geometry.coordinates[1][0]: the ring has no area (its positions lie on a line)",
      "b.geojson:features[4].geometry: is required: a Polygon or MultiPolygon"};
  EXPECT_EQ(problems_of([&] { (void)parse_boundaries(text, "b.geojson"); }), expected);
}

TEST(Boundaries, SyntaxErrorsAndOtherDocumentsAreNamed) {
  EXPECT_EQ(problems_of([] {
              (void)parse_boundaries("{\"type\": \"FeatureCollection\",\n  \"features\": [}", "x.geojson");
            }),
            std::vector<std::string>{
                "x.geojson:2:16: not valid JSON: syntax error while parsing value - unexpected '}'; "
                "expected '[', '{', or a literal"});
  EXPECT_EQ(
      problems_of([] { (void)parse_boundaries(R"({"type": "Feature"})", "f.geojson"); }),
      std::vector<std::string>{
          "f.geojson: must be a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\")"});
  ScratchDir dir;
  EXPECT_EQ(problems_of([&] { (void)read_boundaries(dir.path() / "none.geojson", "none.geojson"); }),
            std::vector<std::string>{"none.geojson: cannot open the GeoJSON file (" +
                                     (dir.path() / "none.geojson").string() + ")"});
  EXPECT_EQ(problems_of([] { (void)parse_boundaries(kTwoKecamatan, "k.geojson", "id"); }).size(), 2u)
      << "keyed by a property the file does not have";
}

}  // namespace
}  // namespace siaga::ingest
