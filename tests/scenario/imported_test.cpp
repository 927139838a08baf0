// What imported scenarios carry beyond the day: area polygons and where their parts came from.

#include "siaga/scenario/imported.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenario_test_support.hpp"
#include "schema_check.hpp"

namespace siaga::scenario {
namespace {

using testing::has_problem;
using testing::minimal;
using testing::problems_of;

Json square(double lat, double lon, double d) {
  return Json::array(
      {Json::array({Json::array({lon, lat}), Json::array({lon + d, lat}), Json::array({lon + d, lat + d}),
                    Json::array({lon, lat + d}), Json::array({lon, lat})})});
}

Json feature(const std::string& key, const std::string& code, Json coordinates,
             const char* type = "Polygon") {
  return {{"type", "Feature"},
          {"properties", {{key, code}}},
          {"geometry", {{"type", type}, {"coordinates", std::move(coordinates)}}}};
}

Json collection(Json features) { return {{"type", "FeatureCollection"}, {"features", std::move(features)}}; }

Json with_boundaries() {
  Json doc = minimal();
  doc["region"]["boundaries"] = {
      {"villages", collection(Json::array(
                       {feature("code", "99.01.01.2001", square(-6.995, 109.985, 0.01)),
                        feature("kode", "99.01.01.2002",
                                Json::array({square(-6.995, 110.005, 0.01), square(-6.98, 110.005, 0.005)}),
                                "MultiPolygon")}))},
      {"kecamatan", collection(Json::array({feature("code", "99.01.02", square(-7.02, 109.99, 0.02))}))}};
  doc["provenance"] = {
      {"recipe", "recipes/contoh.json"},
      {"parts", Json::array({{{"part", "roads"},
                              {"source", "data/roads/contoh.osm"},
                              {"counts", {{"nodes_kept", 7}, {"nodes_dropped", 2}}},
                              {"notes", Json::array({"2 nodes in parts cut off at the border"})}}})},
      {"snaps",
       {{"threshold_m", 500},
        {"over_threshold", 1},
        {"longest", Json::array({{{"kind", "post"}, {"id", "polres"}, {"metres", 812.5}}})}}}};
  return doc;
}

TEST(Imported, PolygonsAndProvenanceAreReadWithTheirAreas) {
  const Scenario s = resolve(ScenarioDocument::from_json(with_boundaries(), "test", testing::data_dir()));
  ASSERT_EQ(s.region.village_boundaries.size(), 2u);
  EXPECT_EQ(s.region.village_boundaries[0].area, 0u);
  EXPECT_EQ(s.region.village_boundaries[1].area, 1u) << "keyed by kode, as the Kemendagri tables write it";
  EXPECT_EQ(s.region.village_boundaries[1].polygons.size(), 2u);
  ASSERT_EQ(s.region.kecamatan_boundaries.size(), 1u);
  EXPECT_EQ(s.region.kecamatan_boundaries[0].area, 1u);
  const geo::GeoPoint first = s.region.kecamatan_boundaries[0].polygons[0][0][0];
  EXPECT_DOUBLE_EQ(first.lat, -7.02);
  EXPECT_DOUBLE_EQ(first.lon, 109.99);
  ASSERT_TRUE(s.provenance.has_value());
  EXPECT_EQ(s.provenance->recipe, "recipes/contoh.json");
  ASSERT_EQ(s.provenance->parts.size(), 1u);
  EXPECT_EQ(s.provenance->parts[0].counts[1], (std::pair<std::string, std::int64_t>{"nodes_dropped", 2}));
  EXPECT_EQ(s.provenance->snaps_over, 1u);
  EXPECT_DOUBLE_EQ(s.provenance->longest_snaps[0].metres, 812.5);
}

TEST(Imported, PolygonsMayBeAGeoJsonFileBesideTheScenario) {
  const auto dir = std::filesystem::temp_directory_path() / "siaga-imported-test";
  std::filesystem::create_directories(dir);
  Json doc = with_boundaries();
  std::ofstream(dir / "villages.geojson") << doc["region"]["boundaries"]["villages"].dump();
  doc["region"]["boundaries"]["villages"] = "villages.geojson";
  const Scenario s = resolve(ScenarioDocument::from_json(doc, "test", dir));
  EXPECT_EQ(s.region.village_boundaries.size(), 2u);
  doc["region"]["boundaries"]["villages"] = "missing.geojson";
  EXPECT_TRUE(has_problem(problems_of(doc),
                          "region.boundaries.villages: cannot open the GeoJSON file 'missing.geojson'"));
  std::filesystem::remove_all(dir);
}

TEST(Imported, EveryBadShapeIsNamedByItsPath) {
  Json doc = with_boundaries();
  Json& features = doc["region"]["boundaries"]["villages"]["features"];
  features[0]["properties"]["code"] = "99.01.09.2001";
  features[1]["geometry"]["coordinates"][0][0].erase(4);  // no longer closed
  features.push_back(feature("code", "99.01.02.2001", square(7.0, -110.0, 0.01)));
  features.back()["geometry"]["coordinates"][0][1] = Json::array({-6.99, 110.0});  // lat, lon swapped
  features.push_back(feature("code", "99.01.02.2001", square(-7.0, 110.0, 0.01)));
  doc["region"]["boundaries"]["kecamatan"]["features"][0]["geometry"]["type"] = "Point";
  const auto lines = problems_of(doc);
  const std::string at = "region.boundaries.villages.features";
  EXPECT_TRUE(has_problem(lines, at + "[0].properties: '99.01.09.2001' is not an area of the region"));
  EXPECT_TRUE(has_problem(lines, at + "[1].geometry.coordinates[0][0]: the ring is not closed (its last "
                                      "position must repeat its first)"));
  EXPECT_TRUE(
      has_problem(lines, at + "[2].geometry.coordinates[0][1]: [-6.99, 110.0] is not [lon, lat] within "
                              "range (latitude and longitude swapped?)"));
  EXPECT_TRUE(has_problem(lines, at + "[3].properties: '99.01.02.2001' already has a shape (features[2])"));
  EXPECT_TRUE(has_problem(lines,
                          "region.boundaries.kecamatan.features[0].geometry: must be a Polygon or a "
                          "MultiPolygon"));
  doc = with_boundaries();
  doc["provenance"]["parts"][0]["counts"]["nodes_kept"] = 7.5;
  doc["provenance"]["snaps"]["colour"] = 1;
  EXPECT_TRUE(has_problem(problems_of(doc), "provenance.parts[0].counts.nodes_kept: must be a whole number"));
  EXPECT_TRUE(has_problem(problems_of(doc), "provenance.snaps.colour: unknown field"));
}

TEST(Imported, TheSchemaDescribesBoundariesAndProvenance) {
  std::ifstream in(std::filesystem::path(SIAGA_SCENARIOS_DIR) / "siaga-scenario-1.schema.json");
  const testing::SchemaCheck check(Json::parse(in));
  EXPECT_TRUE(check.problems(with_boundaries()).empty());
  Json bad = with_boundaries();
  bad["provenance"]["snaps"]["longest"][0]["kind"] = "house";
  EXPECT_FALSE(check.problems(bad).empty());
}

}  // namespace
}  // namespace siaga::scenario
