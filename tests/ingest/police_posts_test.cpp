#include "siaga/ingest/police_posts.hpp"

#include <gtest/gtest.h>

#include "ingest_test_support.hpp"

namespace siaga::ingest {
namespace {

using testing::problems_of;
using testing::ScratchDir;

TEST(PoliceNames, ReadsTheManySpellingsOfAPolsek) {
  for (const char* name : {"Kepolisian Sektor Rungkut", "Polisi Sektor Rungkut",
                           "Kantor Kepolisian Sektor Rungkut", "Polsekta Rungkut", "POLSEK RUNGKUT",
                           "Polsek Rungkut", "POLOSEK RUNGKUT", "Polsek Kecamatan Rungkut"}) {
    const PoliceName n = read_police_name(name);
    EXPECT_EQ(n.verdict, NameVerdict::kStation) << name;
    EXPECT_EQ(n.kind, PoliceKind::kPolsek) << name;
    EXPECT_EQ(n.label, "Polsek Rungkut") << name;
  }
  EXPECT_EQ(read_police_name("Polisi Sektor Karang Pilang").place, "Karang Pilang");
  EXPECT_EQ(place_key(PoliceKind::kPolsek, "Tambak Sari"), place_key(PoliceKind::kPolsek, "Tambaksari"));
}

TEST(PoliceNames, ReadsPolresPoldaAndBrimob) {
  const auto label = [](const char* name) { return read_police_name(name).label; };
  EXPECT_EQ(label("Polrestabes Krembangan"), "Polrestabes Krembangan");
  EXPECT_EQ(label("Polres Pelabuhan Tanjung Perak"), "Polres Pelabuhan Tanjung Perak");
  EXPECT_EQ(label("POLRI Daerah Jawa Timur (Resor Kota Besar Surabaya)"), "Polrestabes Surabaya");
  EXPECT_EQ(label("Kepolisian Resor Kota Kediri"), "Polresta Kediri");
  EXPECT_EQ(label("Polresta Sidoarjo"), "Polresta Sidoarjo");
  EXPECT_EQ(read_police_name("Polres Jepara").kind, PoliceKind::kPolres);
  EXPECT_EQ(label("Kepolisian Daerah Jawa Timur"), "Polda Jawa Timur");
  EXPECT_EQ(read_police_name("Polda Jatim").kind, PoliceKind::kPolda);
  EXPECT_EQ(label("Polda Jatim"), "Polda Jawa Timur");
  EXPECT_EQ(label("Satuan Brimob Kapolda Jatim"), "Brimob Jawa Timur");
  EXPECT_EQ(read_police_name("Satuan Brimob Kapolda Jatim").kind, PoliceKind::kBrimob);
}

TEST(PoliceNames, TellsPostsAndSpecialUnitsFromStations) {
  for (const char* post :
       {"Pos Polisi Loak", "Pos Lantas POLSEK Pabean Cantikan", "Kantor Polsek Tegalsari Pos Keputran",
        "Pos Pantau Kebalen Timur", "Polsek Tandes Pos Lalu Lintas", "Pospol Gubeng"})
    EXPECT_EQ(read_police_name(post).verdict, NameVerdict::kPosPolisi) << post;
  for (const char* unit : {"Satlantas Polrestabes Surabaya", "Kantor Bersama SAMSAT Tandes Barat",
                           "Satpas Colombo SIM", "Subid Tekkom Polda Jatim", "Ditpolair Polda Jatim",
                           "Kantor Kepolisian Jawa Timur Direktorat Kepolisian Perairan"})
    EXPECT_EQ(read_police_name(unit).verdict, NameVerdict::kSpecialUnit) << unit;
  for (const char* other : {"Badan Kesatuan Bangsa dan Politik", "Kantor Polisi", ""})
    EXPECT_EQ(read_police_name(other).verdict, NameVerdict::kUnrecognised) << other;
}

// Three kecamatan squares (0.02 degrees): Rungkut, Gubeng and one without a Polsek.
constexpr std::string_view kKecamatan = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"kode": "35.78.13", "nama": "Rungkut"}, "geometry": {"type": "Polygon",
   "coordinates": [[[112.76, -7.34], [112.78, -7.34], [112.78, -7.32], [112.76, -7.32], [112.76, -7.34]]]}},
  {"type": "Feature", "properties": {"kode": "35.78.11", "nama": "Gubeng"}, "geometry": {"type": "Polygon",
   "coordinates": [[[112.74, -7.30], [112.76, -7.30], [112.76, -7.28], [112.74, -7.28], [112.74, -7.30]]]}},
  {"type": "Feature", "properties": {"kode": "35.78.20", "nama": "Kosong"}, "geometry": {"type": "Polygon",
   "coordinates": [[[112.70, -7.30], [112.72, -7.30], [112.72, -7.28], [112.70, -7.28], [112.70, -7.30]]]}}
]})";

std::string feature(const std::string& element, long long id, const char* name, double lat, double lon,
                    const char* facility = "police") {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on long chains of string +.
  std::string s = R"({"type": "Feature", "geometry": {"type": "Point", "coordinates": [)";
  s.append(std::to_string(lon)).append(", ").append(std::to_string(lat));
  s.append(R"(]}, "properties": {"element": ")")
      .append(element)
      .append(R"(", "id": )")
      .append(std::to_string(id));
  s.append(R"(, "name": )");
  if (name)
    s.append("\"").append(name).append("\"");
  else
    s.append("null");
  s.append(R"(, "facility_type": ")").append(facility).append(R"("}})");
  return s;
}

std::string posts_file() {
  const std::vector<std::string> f{
      feature("node", 1, "POLSEK RUNGKUT", -7.3300, 112.7700),
      feature("way", 2, "Polsek Rungkut", -7.3300, 112.77004),   // 4 m: the same station as a building
      feature("way", 3, "POLOSEK RUNGKUT", -7.33009, 112.7700),  // 10 m, misspelt
      feature("node", 4, "Kepolisian Sektor Gubeng", -7.2900, 112.7500),
      feature("way", 5, "POLSEK GUBENG", -7.2900, 112.7518),  // 199 m, same place: merged
      feature("node", 6, "Polsek Tambaksari", -7.2850, 112.7450),
      feature("way", 7, "Polsekta Tambak Sari", -7.2850, 112.7473),  // 254 m: merged
      feature("node", 8, "Polsek Sawahan", -7.2820, 112.7420),
      feature("node", 9, "Polsek Sawahan", -7.2820, 112.7460),  // 441 m: two stations
      feature("node", 10, "Polsek Wonokromo", -7.2950, 112.7550),
      feature("node", 11, "Polsek Jambangan", -7.2952, 112.7551),  // 25 m, another name: merged
      feature("way", 12, "Polrestabes Surabaya", -7.2880, 112.7480),
      feature("node", 13, "Polsek Bubutan", -7.2881, 112.7481),  // 15 m from the Polrestabes: kept apart
      feature("way", 14, "Kepolisian Daerah Jawa Timur", -7.3226, 112.7299),
      feature("way", 15, "Satuan Brimob Kapolda Jatim", -7.3014, 112.7709),
      feature("node", 16, "Polsek Benowo", -7.2359, 112.6076),
      feature("node", 17, "Pos Polisi Loak", -7.2447, 112.7144),
      feature("way", 18, "Satlantas Polrestabes Surabaya", -7.2791, 112.7632),
      feature("way", 19, "Dinas Kebakaran Kota Surabaya", -7.2450, 112.7364, "fire_station"),
      feature("node", 20, nullptr, -7.2823, 112.6580),
      feature("way", 21, "Badan Kesatuan Bangsa dan Politik", -7.2900, 112.7032),
  };
  std::string s = R"({"type": "FeatureCollection", "features": [)";
  for (std::size_t i = 0; i < f.size(); ++i) s += (i ? ",\n" : "\n") + f[i];
  return s + "]}";
}

TEST(PolicePosts, MergesDuplicatesAndDropsPostsUnitsAndFireStations) {
  ScratchDir dir;
  const auto kecamatan = parse_boundaries(kKecamatan, "kec.geojson");
  const PolicePosts p =
      read_police_posts(dir.write("police.geojson", posts_file()), "police.geojson", kecamatan);
  std::vector<std::string> names;
  for (const PolicePost& post : p.posts) names.push_back(post.name);
  const std::vector<std::string> expected{"Polsek Rungkut",       "Polsek Gubeng",  "Polsek Tambaksari",
                                          "Polsek Sawahan",       "Polsek Sawahan", "Polsek Wonokromo",
                                          "Polrestabes Surabaya", "Polsek Bubutan", "Polda Jawa Timur",
                                          "Brimob Jawa Timur",    "Polsek Benowo"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(p.merged, 5u);
  EXPECT_EQ(p.posts[0].id, "node/1");
  EXPECT_EQ(p.posts[0].merged, (std::vector<std::string>{"way/2", "way/3"}));
  EXPECT_EQ(p.posts[0].source_name, "POLSEK RUNGKUT");
  EXPECT_EQ(p.posts[0].at.lon, 112.77) << "the first feature's point";
  EXPECT_EQ(p.posts[5].merged, (std::vector<std::string>{"node/11"})) << "within 50 m, whatever the name";
  EXPECT_EQ(p.posts[6].kind, PoliceKind::kPolres);
  std::vector<std::string> dropped;
  for (const DroppedPost& d : p.dropped) dropped.push_back(d.id + " " + d.reason);
  const std::vector<std::string> expected_dropped{
      "node/17 pos polisi (its officers are counted at their Polsek)",
      "way/18 special unit (traffic, licensing, water police or staff; no election-day reserve)",
      "way/19 fire station", "node/20 no name (its kind cannot be told)",
      "way/21 name not recognised as a Polda, Polres, Polsek or Brimob station"};
  EXPECT_EQ(dropped, expected_dropped);
  EXPECT_EQ(p.dropped[0].where, "police.geojson:features[16]");
}

TEST(PolicePosts, MatchesPostsToTheirKecamatanAndReportsGaps) {
  const auto kecamatan = parse_boundaries(kKecamatan, "kec.geojson");
  const PolicePosts p = parse_police_posts(posts_file(), "police.geojson", kecamatan);
  EXPECT_EQ(p.posts[0].kecamatan, 0u);
  EXPECT_EQ(p.posts[1].kecamatan, 1u);
  EXPECT_EQ(p.outside, (std::vector<std::size_t>{8, 9, 10})) << "the Polda, Brimob and Benowo";
  EXPECT_EQ(p.kecamatan_without_polsek, (std::vector<std::size_t>{2}));
  std::vector<std::string> warnings;
  for (const auto& w : p.warnings) warnings.push_back(w.line());
  const std::vector<std::string> expected{
      "police.geojson:node/6: Polsek Tambaksari stands in kecamatan Gubeng (35.78.11)",
      "police.geojson:node/8: Polsek Sawahan stands in kecamatan Gubeng (35.78.11)",
      "police.geojson:node/9: Polsek Sawahan stands in kecamatan Gubeng (35.78.11)",
      "police.geojson:node/10: Polsek Wonokromo stands in kecamatan Gubeng (35.78.11)",
      "police.geojson:node/13: Polsek Bubutan stands in kecamatan Gubeng (35.78.11)"};
  EXPECT_EQ(warnings, expected);
}

TEST(PolicePosts, TheRadiiAreOptions) {
  PostMergeOptions tight;
  tight.same_place_radius_m = 100;
  tight.any_name_radius_m = 5;
  const PolicePosts p = parse_police_posts(posts_file(), "police.geojson", {}, tight);
  EXPECT_EQ(p.merged, 2u) << "only Rungkut's building (4 m) and its misspelt twin (10 m)";
  EXPECT_TRUE(p.outside.empty()) << "no kecamatan given: nothing to match";
}

TEST(PolicePosts, NamesEveryProblemByItsJsonPath) {
  const std::string text = R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Polsek A"}, "geometry": {"type": "Polygon", "coordinates": []}},
    {"type": "Feature", "properties": {"name": "Polsek B"}, "geometry": {"type": "Point", "coordinates": [-7.3, 112.7]}},
    {"type": "Feature", "properties": {"name": "Polsek C"}, "geometry": {"type": "Point", "coordinates": ["x"]}},
    7]})";
  const std::vector<std::string> expected{
      "p.geojson:features[0].geometry: must be a Point",
      "p.geojson:features[1].geometry.coordinates: longitude must be within -180..180 and latitude within "
      "-90..90, "
      "got [-7.3,112.7] (GeoJSON writes [longitude, latitude])",
      "p.geojson:features[2].geometry.coordinates: must be a position [longitude, latitude], got [\"x\"]",
      "p.geojson:features[3]: must be a GeoJSON Feature object"};
  EXPECT_EQ(problems_of([&] { (void)parse_police_posts(text, "p.geojson", {}); }), expected);
}

}  // namespace
}  // namespace siaga::ingest
