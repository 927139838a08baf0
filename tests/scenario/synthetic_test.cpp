#include "siaga/scenario/synthetic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "schema_check.hpp"
#include "siaga/core/error.hpp"
#include "siaga/scenario/doctrine.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/validate.hpp"

namespace siaga::scenario {
namespace {

using Json = nlohmann::ordered_json;

const std::filesystem::path kScenarios = SIAGA_SCENARIOS_DIR;

Json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in) << file;
  return Json::parse(in);
}

const testing::SchemaCheck& schema() {
  static const testing::SchemaCheck check(read_json(kScenarios / "siaga-scenario-1.schema.json"));
  return check;
}

// Every schema problem of a document, joined for a readable failure.
std::string schema_problems(const Json& doc) {
  std::string out;
  const auto list = schema().problems(doc);
  for (std::size_t i = 0; i < list.size() && i < 20; ++i) out += list[i] + "\n";
  return out;
}

GeneratorSpec small_spec(std::uint64_t seed = 7) {
  GeneratorSpec s;
  s.name = "test";
  s.kind = ElectionKind::kPilkada;
  s.seed = seed;
  return s;
}

SyntheticRegion small_region(std::size_t villages = 40, std::size_t tps = 300) {
  SyntheticRegion r;
  r.villages = villages, r.kecamatan = 4, r.kabupaten = 2, r.tps = tps;
  r.south = -7.7, r.north = -7.55, r.west = 112.5, r.east = 112.65;
  return r;
}

// A few real-looking villages (fictional codes 99.*).
std::vector<VillageRow> rows() {
  std::vector<VillageRow> r;
  auto add = [&r](std::string code, std::string name, std::string kec, double lat, double lon, int tps) {
    VillageRow v;
    v.code = code, v.name = name, v.kecamatan_code = kec, v.kecamatan_name = "Kec " + kec;
    v.kabupaten_code = "99.01", v.kabupaten_name = "Kabupaten Contoh";
    v.provinsi_code = "99", v.provinsi_name = "Contoh";
    v.at = {lat, lon}, v.tps = tps;
    r.push_back(v);
  };
  add("99.01.02.2001", "Beta Satu", "99.01.02", -7.60, 112.60, 5);
  add("99.01.01.2002", "Alfa Dua", "99.01.01", -7.58, 112.58, 4);
  add("99.01.01.1001", "Alfa Kota", "99.01.01", -7.57, 112.59, 6);
  add("99.01.02.2002", "Beta Dua", "99.01.02", -7.61, 112.62, 3);
  r[0].tps_khusus = 2;
  r[1].category = Category::kSangatRawan;
  r[2].kecamatan_at = geo::GeoPoint{-7.575, 112.585};
  r[3].kecamatan_at = geo::GeoPoint{-7.605, 112.61};
  r[0].kecamatan_at = r[3].kecamatan_at;
  r[1].kecamatan_at = r[2].kecamatan_at;
  return r;
}

// The officers a plan's guard patterns need: per kecamatan and category, ceil(TPS / Y) groups of X
// (scenarios/README.md), computed here from the document independently of the generator.
std::map<std::string, int> guard_need(const Json& doc,
                                      const std::array<GuardPattern, kCategoryCount>& guards) {
  std::map<std::string, std::string> kec_of_village, kab_of_kec;
  for (const Json& v : doc["region"]["villages"]) kec_of_village[v["code"]] = v["kecamatan"];
  for (const Json& k : doc["region"]["kecamatan"]) kab_of_kec[k["code"]] = k["kabupaten"];
  std::map<std::pair<std::string, int>, int> count;
  for (const Json& t : doc["region"]["tps"])
    ++count[{kec_of_village[t["village"]],
             static_cast<int>(*category_from_string(t["category"].get<std::string>()))}];
  std::map<std::string, int> need;
  for (const auto& [key, n] : count) {
    const GuardPattern& g = guards[static_cast<std::size_t>(key.second)];
    need[kab_of_kec[key.first]] += (n + g.tps - 1) / g.tps * g.officers;
  }
  return need;
}

TEST(Synthetic, TheShippedScenariosFollowTheSchema) {
  for (const char* name : {"sandbox.json", "pasrepan-pilkades.json", "jepara-pilkada.json"}) {
    const Json doc = read_json(kScenarios / name);
    EXPECT_EQ(schema_problems(doc), "") << name;
    // The rates and the rest of the incidents section keep their (published, targets-checked)
    // defaults; a scenario may only say how its TPS were misrated.
    for (const auto& [key, value] : doc["incidents"].items()) EXPECT_EQ(key, "misclassification") << name;
    EXPECT_GE(doc["plans"].size(), 2u) << name;
    EXPECT_FALSE(doc["notes"].empty()) << name;
    EXPECT_FALSE(doc["sources"].empty()) << name;
  }
}

TEST(Synthetic, TheSchemaRejectsUnknownMissingAndMalformedFields) {
  Json doc = generate_scenario(small_region(), small_spec());
  ASSERT_EQ(schema_problems(doc), "");
  Json bad = doc;
  bad["region"]["tps"][0]["colour"] = "red";
  EXPECT_NE(schema_problems(bad).find(
                "$.region.tps[0]: additionalProperties: Additional properties are not allowed ('colour'"),
            std::string::npos)
      << schema_problems(bad);
  bad = doc;
  bad["election"].erase("date");
  EXPECT_NE(schema_problems(bad).find("$.election: required: 'date' is a required property"),
            std::string::npos)
      << schema_problems(bad);
  bad = doc;
  bad["forces"]["units"][0]["id"] = "guards 1";
  EXPECT_NE(schema_problems(bad).find("$.forces.units[0].id: pattern: 'guards 1' does not match"),
            std::string::npos)
      << schema_problems(bad);
  bad = doc;
  bad["roads"]["nodes"][0]["id"] = 1.5;
  EXPECT_NE(schema_problems(bad).find("$.roads.nodes[0].id: type: 1.5 is not of type 'integer'"),
            std::string::npos)
      << schema_problems(bad);
}

TEST(Synthetic, GeneratedScenariosFollowTheSchema) {
  EXPECT_EQ(schema_problems(generate_scenario(small_region(), small_spec())), "");
  GeneratorSpec pemilu = small_spec();
  pemilu.kind = ElectionKind::kPemilu;
  pemilu.shares = {0.4, 0.3, 0.2, 0.1};
  EXPECT_EQ(schema_problems(generate_scenario(small_region(), pemilu)), "");
  GeneratorSpec pilkades = small_spec();
  pilkades.kind = ElectionKind::kPilkades;
  EXPECT_EQ(schema_problems(generate_scenario(rows(), pilkades)), "");
  const GeneratorPreset* small = find_generator_preset("small");
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(schema_problems(generate_scenario(small->region, small->spec)), "");
}

TEST(Synthetic, GeneratedScenariosPassTheScenarioValidator) {
  // The engine's own validator resolves and compiles every plan (overrides included).
  for (const Json& doc :
       {generate_scenario(small_region(), small_spec()), generate_scenario(rows(), small_spec())}) {
    std::string problems;
    for (const Problem& p : validate(ScenarioDocument::from_json(doc))) problems += p.line() + "\n";
    EXPECT_EQ(problems, "");
  }
}

TEST(Synthetic, TheSameSeedGivesTheSameBytes) {
  const std::string a = format_scenario(generate_scenario(small_region(), small_spec(7)));
  const std::string b = format_scenario(generate_scenario(small_region(), small_spec(7)));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, format_scenario(generate_scenario(small_region(), small_spec(8))));
  EXPECT_EQ(format_scenario(generate_scenario(rows(), small_spec(3))),
            format_scenario(generate_scenario(rows(), small_spec(3))));
}

TEST(Synthetic, TheTextReadsBackToTheDocumentWithTablesOneRowPerLine) {
  const Json doc = generate_scenario(small_region(), small_spec());
  const std::string text = format_scenario(doc);
  EXPECT_EQ(Json::parse(text), doc);
  ASSERT_EQ(text.back(), '\n');
  std::istringstream in(text);
  std::size_t tps_lines = 0, node_lines = 0;
  for (std::string line; std::getline(in, line);) {
    tps_lines +=
        line.find("{\"id\": \"") != std::string::npos && line.find("\"voters\": ") != std::string::npos;
    node_lines += line.find("{\"id\": ") != std::string::npos &&
                  line.find("\"lat\": ") != std::string::npos && line.find("\"name\"") == std::string::npos;
  }
  EXPECT_EQ(tps_lines, doc["region"]["tps"].size());
  EXPECT_EQ(node_lines, doc["roads"]["nodes"].size());
  // Coordinates carry at most 6 decimals, lengths at most 1, and no number is in exponent form.
  EXPECT_FALSE(std::regex_search(text, std::regex("\"(lat|lon)\": -?[0-9]+\\.[0-9]{7,}")));
  EXPECT_FALSE(std::regex_search(text, std::regex("\"length_m\": [0-9]+\\.[0-9]{2,}")));
  EXPECT_FALSE(std::regex_search(text, std::regex("[0-9][eE][-+]?[0-9]")));
}

TEST(Synthetic, TpsCountsAreAsAsked) {
  const Json doc = generate_scenario(small_region(40, 300), small_spec());
  EXPECT_EQ(doc["region"]["villages"].size(), 40u);
  EXPECT_EQ(doc["region"]["kecamatan"].size(), 4u);
  EXPECT_EQ(doc["region"]["kabupaten"].size(), 2u);
  EXPECT_EQ(doc["region"]["tps"].size(), 300u);
  std::map<std::string, int> per_village;
  for (const Json& t : doc["region"]["tps"]) ++per_village[t["village"]];
  EXPECT_EQ(per_village.size(), 40u);  // every village has at least one
  // Real villages: the table's counts, khusus TPS numbered from 901.
  const Json real = generate_scenario(rows(), small_spec());
  std::map<std::string, int> real_count;
  std::set<std::string> khusus;
  for (const Json& t : real["region"]["tps"]) {
    ++real_count[t["village"]];
    if (t["category"] == "khusus") khusus.insert(t["id"]);
  }
  EXPECT_EQ(real_count["99.01.02.2001"], 7);
  EXPECT_EQ(real_count["99.01.01.2002"], 4);
  EXPECT_EQ(real_count["99.01.01.1001"], 6);
  EXPECT_EQ(real_count["99.01.02.2002"], 3);
  EXPECT_EQ(khusus, (std::set<std::string>{"9901022001-901", "9901022001-902"}));
}

TEST(Synthetic, CategorySharesAreWithinTheBinomialTolerance) {
  // Each TPS's category is an independent draw with the given shares, so the count of category c
  // among n TPS is Binomial(n, p_c): mean n p_c, standard deviation sqrt(n p_c (1 - p_c)). With a
  // fixed seed the test is deterministic; a correct generator lies within 4 standard deviations
  // except with probability about 6e-5 per category, a wrong share (say 0.2 for 0.25) far outside.
  const CategoryShares shares{0.55, 0.25, 0.15, 0.05};
  GeneratorSpec spec = small_spec();
  spec.shares = shares;
  SyntheticRegion region = small_region(800, 20'000);
  region.kecamatan = 60, region.kabupaten = 4;
  region.south = -8.0, region.north = -7.4, region.west = 112.0, region.east = 112.6;
  const Json doc = generate_scenario(region, spec);
  std::array<double, kCategoryCount> count{};
  for (const Json& t : doc["region"]["tps"])
    ++count[static_cast<std::size_t>(*category_from_string(t["category"].get<std::string>()))];
  const double n = static_cast<double>(doc["region"]["tps"].size());
  ASSERT_EQ(n, 20'000);
  for (std::size_t c = 0; c < kCategoryCount; ++c) {
    const double sd = std::sqrt(n * shares[c] * (1 - shares[c]));
    EXPECT_NEAR(count[c], n * shares[c], 4 * sd) << to_string(kAllCategories[c]);
  }
}

TEST(Synthetic, FixedCategoriesAndKelurahanComeFromTheTable) {
  const Json doc = generate_scenario(rows(), small_spec());
  for (const Json& t : doc["region"]["tps"]) {
    if (t["village"] == "99.01.01.2002") {
      EXPECT_EQ(t["category"], "sangat_rawan");
    }
  }
  for (const Json& v : doc["region"]["villages"]) {
    if (v["code"] == "99.01.01.1001") {
      EXPECT_EQ(v["kind"], "kelurahan");
    } else {
      EXPECT_FALSE(v.contains("kind"));
    }
  }
  // Given kecamatan centroids are used; the kabupaten's is the mean of its villages.
  EXPECT_EQ(doc["region"]["kecamatan"][0]["lat"], -7.575);
  EXPECT_NEAR(doc["region"]["kabupaten"][0]["lat"].get<double>(), (-7.60 - 7.58 - 7.57 - 7.61) / 4, 1e-6);
}

TEST(Synthetic, VotersStayAroundTheMeanAndWithinTheCap) {
  const Json doc = generate_scenario(small_region(200, 4'000), small_spec());
  double sum = 0;
  for (const Json& t : doc["region"]["tps"]) {
    const int v = t["voters"];
    EXPECT_GE(v, 235);
    EXPECT_LE(v, 600);
    sum += v;
  }
  // Normal(470, 70.5), clipped at 235 and 600 (-3.3 and +1.84 sd): the clipping moves the mean by
  // about -0.9 (70.5 x [phi(1.84) - 1.84 (1 - Phi(1.84))]); the mean of 4,000 has a standard error of 70.5 /
  // sqrt(4000) = 1.1. Allow 4 of those.
  EXPECT_NEAR(sum / 4'000, 470 - 0.9, 4 * 1.12);
}

TEST(Synthetic, TpsStandOnRoadNodesNearTheirVillage) {
  const Json doc = generate_scenario(small_region(), small_spec());
  std::map<std::string, std::pair<double, double>> village;
  for (const Json& v : doc["region"]["villages"]) village[v["code"]] = {v["lat"], v["lon"]};
  const Json& nodes = doc["roads"]["nodes"];
  for (const Json& t : doc["region"]["tps"]) {
    const Json& n = nodes.at(t["node"].get<std::size_t>());
    ASSERT_EQ(n["id"], t["node"]);
    const auto [lat, lon] = village[t["village"]];
    const double dy = (n["lat"].get<double>() - lat) * 111'195.0,
                 dx = (n["lon"].get<double>() - lon) * 110'200.0;
    // Nodes are scattered within 3 km of their village (widened when crowded: never in these sizes).
    EXPECT_LE(std::hypot(dx, dy), 3'000.0) << t["id"];
  }
}

TEST(Synthetic, ForcesAreSizedForTheDoctrine) {
  const Json doc = generate_scenario(small_region(60, 600), small_spec());
  const DoctrinePreset& preset = *find_doctrine_preset("pilkada2024");
  const auto need = guard_need(doc, preset.guards);
  std::size_t bhabin = 0;
  int total = 0;
  for (const Json& u : doc["forces"]["units"]) {
    total += u["headcount"].get<int>();
    bhabin += u["kind"] == "bhabinkamtibmas";
    if (u["kind"] != "tps_guard") continue;
    const std::string kab =
        u["id"].get<std::string>().substr(7, 2) + "." + u["id"].get<std::string>().substr(9, 2);
    const int pool = u["headcount"];
    EXPECT_GE(pool, need.at(kab));  // enough for the doctrine
    EXPECT_LE(pool, need.at(kab) + static_cast<int>(std::ceil(0.05 * need.at(kab))));  // plus the 5% margin
  }
  EXPECT_EQ(bhabin, static_cast<std::size_t>(std::llround(60 * kJatimBhabinkamtibmasShare)));
  // mobile_reserve: fewer kurang rawan guards, the freed officers in mobile teams, the same total.
  const Json& mobile = doc["plans"]["mobile_reserve"];
  EXPECT_EQ(mobile["guards"]["kurang_rawan"]["tps"], 14);
  int mobile_total = 0, teams = 0;
  for (const Json& u : mobile["overrides"]["forces"]["units"]) {
    mobile_total += u["headcount"].get<int>();
    teams += u["id"].get<std::string>().starts_with("mobile-");
  }
  EXPECT_EQ(mobile_total, total);
  EXPECT_GT(teams, 0);
  EXPECT_EQ(doc["plans"]["doctrine"]["pattern"], "pilkada2024");
  EXPECT_TRUE(doc["plans"].contains("long_retention"));
}

TEST(Synthetic, TheProvincePresetHasTheBarSizes) {
  const GeneratorPreset* p = find_generator_preset("province");
  ASSERT_NE(p, nullptr);
  const Json doc = generate_scenario(p->region, p->spec);
  EXPECT_EQ(doc["region"]["kabupaten"].size(), 38u);
  EXPECT_EQ(doc["region"]["kecamatan"].size(), 666u);
  EXPECT_EQ(doc["region"]["villages"].size(), 8'500u);
  EXPECT_EQ(doc["region"]["tps"].size(), 120'000u);
  EXPECT_EQ(doc["roads"]["nodes"].size(), 100'000u);
  EXPECT_EQ(doc["election"]["kind"], "pemilu");
  EXPECT_EQ(doc["plans"]["doctrine"]["pattern"], "pemilu2024");
  EXPECT_EQ(doc["incidents"], Json::object());
  EXPECT_EQ(schema_problems(doc), "");
}

// A country in small: more kabupaten than one provinsi's two-digit codes hold.
SyntheticRegion country(std::size_t provinsi = 0) {
  SyntheticRegion r;
  r.villages = 2'600, r.kecamatan = 230, r.kabupaten = 120, r.tps = 5'000, r.provinsi = provinsi;
  r.south = -8.0, r.north = -6.0, r.west = 110.0, r.east = 112.0;
  return r;
}

TEST(Synthetic, MoreThan99KabupatenSpreadOverProvinsiWithKemendagriShapedCodes) {
  GeneratorSpec spec = small_spec();
  const Json doc = generate_scenario(country(), spec);
  const std::regex kab("([0-9]{2})\\.[0-9]{2}"), kec("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}"),
      vil("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}");
  std::set<std::string> provinsi, codes;
  for (const Json& k : doc["region"]["kabupaten"]) {
    const std::string code = k["code"];
    std::smatch m;
    ASSERT_TRUE(std::regex_match(code, m, kab)) << code;
    provinsi.insert(m[1]);
    EXPECT_TRUE(codes.insert(code).second) << "duplicate " << code;
  }
  // Default: 120 / 13.5 = 9 provinsi, each with codes no real provinsi has (22 to 30 first).
  EXPECT_EQ(provinsi.size(), 9u);
  for (const char* real : {"11", "21", "35", "36", "51", "61", "71", "81", "91", "96"})
    EXPECT_EQ(provinsi.count(real), 0u) << real;
  EXPECT_EQ(provinsi.count("22"), 1u);
  EXPECT_FALSE(doc["region"].contains("provinsi")) << "several provinsi: the region names none";
  for (const Json& k : doc["region"]["kecamatan"])
    EXPECT_TRUE(std::regex_match(k["code"].get<std::string>(), kec));
  for (const Json& v : doc["region"]["villages"])
    EXPECT_TRUE(std::regex_match(v["code"].get<std::string>(), vil));
  EXPECT_EQ(doc["region"]["kabupaten"].size(), 120u);
  EXPECT_EQ(doc["region"]["tps"].size(), 5'000u);
  EXPECT_EQ(schema_problems(doc), "");
  EXPECT_TRUE(validate(ScenarioDocument::from_json(doc)).empty());
}

TEST(Synthetic, OneProvinsiOfACountryIsItsPartOfTheWhole) {
  GeneratorSpec spec = small_spec();
  const Json whole = generate_scenario(country(4), spec);
  spec.only_provinsi = "23";
  const Json part = generate_scenario(country(4), spec);
  EXPECT_EQ(part["region"]["provinsi"]["code"], "23");
  std::map<std::string, Json> whole_villages;
  for (const Json& v : whole["region"]["villages"]) whole_villages[v["code"]] = v;
  ASSERT_FALSE(part["region"]["villages"].empty());
  EXPECT_LT(part["region"]["villages"].size(), whole["region"]["villages"].size());
  for (const Json& v : part["region"]["villages"]) {
    ASSERT_TRUE(v["code"].get<std::string>().starts_with("23.")) << v["code"];
    EXPECT_EQ(whole_villages.at(v["code"])["lat"], v["lat"]) << "the same places as in the whole";
  }
  std::map<std::string, int> tps_whole, tps_part;
  for (const Json& t : whole["region"]["tps"]) ++tps_whole[t["village"]];
  for (const Json& t : part["region"]["tps"]) ++tps_part[t["village"]];
  for (const auto& [village, n] : tps_part) EXPECT_EQ(tps_whole[village], n) << village;
  EXPECT_EQ(schema_problems(part), "");
  EXPECT_TRUE(validate(ScenarioDocument::from_json(part)).empty());
  spec.only_provinsi = "35";
  try {
    generate_scenario(country(4), spec);
    ADD_FAILURE() << "a provinsi not in the region must be refused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no provinsi '35'"), std::string::npos) << e.what();
  }
}

TEST(Synthetic, TheStreamedTextIsByteForByteTheFormattedDocument) {
  for (const SyntheticRegion& r : {small_region(), country()}) {
    const GeneratedScenario g = generate(r, small_spec());
    std::string streamed;
    std::size_t pieces = 0;
    g.write([&](std::string_view piece) { streamed += piece, ++pieces; });
    EXPECT_EQ(streamed, format_scenario(generate_scenario(r, small_spec())));
    EXPECT_GE(pieces, 1u);
    EXPECT_TRUE(g.head["region"]["tps"].empty()) << "the large tables are not held as JSON";
    EXPECT_EQ(g.rows("region", "tps"), r.tps);
  }
}

TEST(Synthetic, TheNationalPresetHasIndonesiasSizes) {
  const GeneratorPreset* p = find_generator_preset("national");
  ASSERT_NE(p, nullptr);
  const SyntheticRegion r = with_default_sizes(p->region, p->spec.kind);
  EXPECT_EQ(r.villages, 84'000u);
  EXPECT_EQ(r.tps, 820'000u);
  EXPECT_EQ(r.kabupaten, 514u);
  EXPECT_EQ(r.kecamatan, 7'277u);
  EXPECT_EQ(r.provinsi, 38u);
  EXPECT_EQ(p->spec.kind, ElectionKind::kPemilu);
}

TEST(Synthetic, BadSpecsAndTablesAreRejectedWithAClearMessage) {
  auto message = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  GeneratorSpec spec = small_spec();
  spec.name = "bad name";
  EXPECT_NE(message([&] { generate_scenario(small_region(), spec); }).find("name 'bad name'"),
            std::string::npos);
  spec = small_spec();
  spec.shares = {0.5, 0.5, 0.5, 0};
  EXPECT_NE(message([&] { generate_scenario(small_region(), spec); }).find("must sum to 1"),
            std::string::npos);
  EXPECT_NE(message([&] {
              generate_scenario(small_region(40, 10), small_spec());
            }).find("at least one per village"),
            std::string::npos);
  auto twice = rows();
  twice.push_back(twice[0]);
  EXPECT_NE(
      message([&] { generate_scenario(twice, small_spec()); }).find("village 99.01.02.2001: appears twice"),
      std::string::npos);
  auto outside = rows();
  outside[1].kecamatan_code = "99.01.03";
  EXPECT_NE(message([&] { generate_scenario(outside, small_spec()); }).find("kecamatan code '99.01.03'"),
            std::string::npos);
}

TEST(Synthetic, TheVillagesTableIsReadFromCsvAndItsErrorsNameLineAndColumn) {
  const std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "siaga_villages_test.csv";
  {
    std::ofstream out(file);
    out << "code,name,kecamatan_code,kecamatan_name,kabupaten_code,kabupaten_name,lat,lon,tps,tps_khusus,"
           "category\n"
           "99.01.01.2001,\"Satu, Desa\",99.01.01,Alfa,99.01,Kabupaten Contoh,-7.6,112.6,3,,\n"
           "99.01.01.2002,Dua,99.01.01,Alfa,99.01,Kabupaten Contoh,-7.61,112.61,2,1,rawan\n";
  }
  const std::vector<VillageRow> r = read_villages_csv(file);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].name, "Satu, Desa");
  EXPECT_EQ(r[1].tps, 2);
  EXPECT_EQ(r[1].tps_khusus, 1);
  EXPECT_EQ(r[1].category, Category::kRawan);
  EXPECT_EQ(r[1].at.lat, -7.61);
  {
    std::ofstream out(file);
    out << "code,name,kecamatan_code,kecamatan_name,kabupaten_code,kabupaten_name,lat,lon,tps\n"
           "99.01.01.2001,Satu,99.01.01,Alfa,99.01,Kabupaten Contoh,south,112.6,3\n";
  }
  try {
    (void)read_villages_csv(file);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string() + ":2:7: 'south' is not a number"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace siaga::scenario
