#include "siaga/scenario/load.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "scenario_test_support.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::scenario {
namespace {

using testing::data_dir;
using testing::has_problem;
using testing::minimal;
using testing::problems_of;

TEST(Load, TheMinimalFixtureIsValid) { EXPECT_TRUE(problems_of(minimal()).empty()); }

// Editors find a schema by a "$schema" key; the loader accepts it (and reads nothing from it), but
// it must be a string like the schema says.
TEST(Load, AcceptsASchemaKeyAndIgnoresIt) {
  Json doc = minimal();
  doc["$schema"] = "siaga-scenario-1.schema.json";
  EXPECT_TRUE(problems_of(doc).empty());
  doc["$schema"] = 1;
  EXPECT_TRUE(has_problem(problems_of(doc), "$schema: must be a string, got number 1"));
}

TEST(Load, ReadsEverySectionAndFillsDefaults) {
  const Scenario s = resolve(ScenarioDocument::load(data_dir() / "minimal.json"));
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.plan.name, "doctrine") << "the first plan in file order is the default";
  ASSERT_EQ(s.region.kecamatan.size(), 2u);
  ASSERT_EQ(s.region.villages.size(), 3u);
  ASSERT_EQ(s.region.tps.size(), 6u);
  EXPECT_EQ(s.region.tps[0].category, Category::kKurangRawan) << "'aman' is read as kurang_rawan";
  EXPECT_EQ(s.region.tps[2].score, 61.5);
  EXPECT_EQ(s.region.tps[4].village, 2u);
  EXPECT_EQ(s.region.villages[2].kind, VillageKind::kKelurahan);
  EXPECT_EQ(s.region.villages[2].kecamatan, 1u);
  EXPECT_EQ(s.election.setup_hour, 6.0);
  EXPECT_EQ(s.election.ballot_chain.size(), 2u);
  EXPECT_EQ(s.roads.edges[3].road_class, geo::RoadClass::kTrail);
  EXPECT_EQ(s.roads.speeds, geo::default_speeds());
  const Unit& babin = s.forces.units[1];
  EXPECT_EQ(babin.kind, UnitKind::kBhabinkamtibmas);
  EXPECT_EQ(babin.villages, std::vector<std::size_t>{0});
  EXPECT_EQ(babin.team_size, babin.headcount) << "one team unless the scenario says otherwise";
  EXPECT_EQ(babin.max_severity, default_max_severity(UnitKind::kBhabinkamtibmas));
  EXPECT_EQ(babin.vehicle, geo::Vehicle::kMotorbike);
  EXPECT_EQ(s.forces.units[3].duty_end_hour, 30.0);
  EXPECT_FALSE(s.forces.units[0].dispatchable) << "tps_guard units stand at TPS, not dispatched";
  EXPECT_EQ(s.experiment.seed, 7u);
  EXPECT_EQ(s.experiment.confidence, 0.95);
  const DoctrinePreset* p = find_doctrine_preset("pilkada2024");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(s.plan.guards[0].tps, 7)
      << "pilkada2024 kurang rawan is 2-7-14, the midpoint of 2-8-16 and 2-6-12";
  EXPECT_EQ(s.plan.retention[1].name, "fixed") << "the preset's retention for rawan TPS";
  EXPECT_EQ(s.plan.retention[1].where.str(), "plans.doctrine.pattern");
  EXPECT_EQ(s.plan.escort, p->escort);
}

TEST(Load, APlanAppliesItsOverridesReservesAndRules) {
  const Scenario s = resolve(ScenarioDocument::load(data_dir() / "minimal.json"), "longer");
  EXPECT_EQ(s.election.closing_hour, 14.0) << "overrides are a merge patch of the scenario";
  EXPECT_EQ(s.forces.posts[s.forces.units[4].post].id, "polsek-selatan") << "reserves move units";
  const PolicyChoice& rawan = s.plan.retention[static_cast<std::size_t>(Category::kRawan)];
  EXPECT_EQ(rawan.name, "until_quiet");
  EXPECT_EQ(rawan.settings["quiet_minutes"], 60) << "settings are kept as written, for the policy to read";
  EXPECT_EQ(rawan.settings["max_hours"], 4);
  EXPECT_EQ(rawan.where.str(), "plans.longer.retention.rawan");
  EXPECT_EQ(s.plan.escort[0], 0);
  EXPECT_EQ(s.plan.escort[1], 4) << "categories the plan does not name keep the preset";
  EXPECT_TRUE(s.plan.has_overrides);
}

TEST(Load, AnUnknownPlanIsAnInputError) {
  const auto doc = ScenarioDocument::load(data_dir() / "minimal.json");
  try {
    (void)resolve(doc, "nosuch");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "no plan 'nosuch' in the scenario (plans: doctrine, longer)");
  }
}

TEST(Load, APlanChoosesItsDispatchPolicy) {
  Json doc = minimal();
  doc["plans"]["longer"]["dispatch"] = {
      {"policy", "keep_reserve"}, {"min_reserve", 2}, {"local_minutes", 10}};
  const Scenario s = resolve(ScenarioDocument::from_json(doc, "t", data_dir()), "longer");
  EXPECT_EQ(s.plan.dispatch.name, "keep_reserve");
  EXPECT_EQ(s.plan.dispatch.settings["min_reserve"], 2);
  EXPECT_EQ(s.plan.dispatch.where.str(), "plans.longer.dispatch");
  EXPECT_EQ(resolve(ScenarioDocument::from_json(minimal(), "t", data_dir()), "longer").plan.dispatch.name,
            "nearest_available")
      << "a plan that names no dispatch policy gets the nearest available units";
  doc["plans"]["longer"]["dispatch"] = {{"policy", 3}};
  EXPECT_TRUE(
      has_problem(problems_of(doc),
                  "plans.longer.dispatch.policy: must be a policy name (letters, digits, '_' and '-')"));
}

TEST(Load, AWholeNumberWrittenWithAPointIsAWholeNumber) {
  Json doc = minimal();
  doc["region"]["tps"][0]["voters"] = 250.0;  // what a sweep or a script writes
  const Scenario s = resolve(ScenarioDocument::from_json(doc, "t", data_dir()));
  EXPECT_EQ(s.region.tps[0].voters, 250);
  doc["region"]["tps"][0]["voters"] = 250.5;
  EXPECT_TRUE(
      has_problem(problems_of(doc), "region.tps[0].voters: must be a whole number, got number 250.5"));
}

TEST(Validation, AnUnknownFieldIsRejectedWithTheClosestName) {
  Json doc = minimal();
  doc["region"]["tps"][2]["votrs"] = 5;
  doc["election"]["closing_hours"] = 13;
  doc["incidents"]["rate"] = 1;
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.tps[2].votrs: unknown field (did you mean 'voters'?)"));
  EXPECT_TRUE(has_problem(lines, "election.closing_hours: unknown field (did you mean 'closing_hour'?)"));
  EXPECT_TRUE(has_problem(lines, "incidents.rate: unknown field"));
}

TEST(Validation, AnUnknownReferenceIsNamed) {
  Json doc = minimal();
  doc["region"]["tps"][0]["village"] = "99.01.01.2999";
  doc["forces"]["units"][2]["post"] = "polsek-barat";
  doc["region"]["villages"][0]["node"] = 77;
  doc["plans"]["longer"]["reserves"]["nosuch"] = "polres";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.tps[0].village: unknown village '99.01.01.2999'"));
  EXPECT_TRUE(has_problem(lines, "forces.units[2].post: unknown post 'polsek-barat'"));
  EXPECT_TRUE(has_problem(lines, "region.villages[0].node: unknown road node 77"));
  EXPECT_TRUE(has_problem(lines, "plans.longer.reserves.nosuch: unknown unit 'nosuch'"));
}

TEST(Validation, ACodeOutsideItsParentIsNamed) {
  Json doc = minimal();
  doc["region"]["kecamatan"][1]["code"] = "99.02.02";
  doc["region"]["villages"][0]["code"] = "99.01.02.2001";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.kecamatan[1].code: '99.02.02' is not inside kabupaten 99.01"));
  EXPECT_TRUE(
      has_problem(lines, "region.villages[0].code: '99.01.02.2001' is not inside kecamatan 99.01.01"));
}

TEST(Load, KeepsOpenStreetMapNodeIdsAsTheyAreAndReadsSpeedLimits) {
  // An OSM node id beyond 2^32 on a road node, the edges that reach it, and a post placed on it.
  constexpr std::uint64_t kOsmId = 13'644'831'476;
  Json doc = minimal();
  doc["roads"]["nodes"][4]["id"] = kOsmId;
  for (Json& e : doc["roads"]["edges"]) {
    if (e["from"] == 4) e["from"] = kOsmId;
    if (e["to"] == 4) e["to"] = kOsmId;
  }
  doc["forces"]["posts"][1]["node"] = kOsmId;
  doc["roads"]["edges"][0]["maxspeed_kmh"] = 25;
  EXPECT_TRUE(problems_of(doc).empty());
  const Scenario s = resolve(ScenarioDocument::from_json(doc, "test", data_dir()));
  EXPECT_EQ(s.roads.nodes[4].id, kOsmId);
  EXPECT_EQ(s.forces.posts[1].node, kOsmId);
  EXPECT_EQ(s.roads.edges[0].to, 4u) << "edge ends index roads.nodes";
  EXPECT_EQ(s.roads.edges[1].from, 4u);
  EXPECT_EQ(s.roads.edges[0].maxspeed_kmh, 25.0);
  EXPECT_FALSE(s.roads.edges[1].maxspeed_kmh.has_value());
  EXPECT_EQ(compile(s)->post_nodes()[1], 4u) << "the post stands on the node of that id";
}

TEST(Validation, NodeIdsAndSpeedLimitsOutOfRangeAreNamed) {
  Json doc = minimal();
  doc["roads"]["nodes"][6]["id"] = 9'223'372'036'854'775'808ull;
  doc["roads"]["edges"][1]["to"] = 99;
  doc["roads"]["edges"][2]["maxspeed_kmh"] = 0;
  const auto lines = problems_of(doc);
  EXPECT_TRUE(
      has_problem(lines, "roads.nodes[6].id: must be at most 9223372036854775807, got 9223372036854775808"));
  EXPECT_TRUE(has_problem(lines, "roads.edges[1].to: unknown road node 99"));
  EXPECT_TRUE(has_problem(lines, "roads.edges[2].maxspeed_kmh: must be above 0, got 0"));
}

TEST(Validation, ADuplicateIdIsNamed) {
  Json doc = minimal();
  doc["region"]["tps"][1]["id"] = "satu-001";
  doc["roads"]["nodes"][3]["id"] = 2;
  doc["forces"]["units"][3]["id"] = "utara-r1";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.tps[1].id: duplicate TPS id 'satu-001'"));
  EXPECT_TRUE(has_problem(lines, "roads.nodes[3].id: duplicate road node id 2"));
  EXPECT_TRUE(has_problem(lines, "forces.units[3].id: duplicate unit id 'utara-r1'"));
}

TEST(Validation, NegativeAndOutOfRangeNumbersAreRejected) {
  Json doc = minimal();
  doc["region"]["tps"][0]["voters"] = -5;
  doc["roads"]["edges"][0]["length_m"] = 0;
  doc["roads"]["speeds_kmh"] = {{"village", {{"car", -20}}}};
  doc["region"]["villages"][1]["lat"] = 95.5;
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.tps[0].voters: must be at least 1, got -5"));
  EXPECT_TRUE(has_problem(lines, "roads.edges[0].length_m: must be above 0, got 0"));
  EXPECT_TRUE(has_problem(lines, "roads.speeds_kmh.village.car: must be at least 0, got -20"));
  EXPECT_TRUE(has_problem(lines, "region.villages[1].lat: must be at most 90, got 95.5"));
}

TEST(Validation, WrongTypesAndValuesAreNamed) {
  Json doc = minimal();
  doc["region"]["tps"][3]["voters"] = "many";
  doc["region"]["tps"][4]["category"] = "rawan2";
  doc["election"]["kind"] = "pileg";
  doc["plans"]["doctrine"]["pattern"] = "pemilu2029";
  doc["format"] = "siaga-scenario/2";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "region.tps[3].voters: must be a whole number, got string \"many\""));
  EXPECT_TRUE(has_problem(lines,
                          "region.tps[4].category: unknown value 'rawan2' (allowed: kurang_rawan, aman, "
                          "rawan, sangat_rawan, khusus)"));
  EXPECT_TRUE(
      has_problem(lines, "election.kind: unknown value 'pileg' (allowed: pemilu, pilkada, pilkades)"));
  EXPECT_TRUE(has_problem(lines,
                          "plans.doctrine.pattern: unknown doctrine preset 'pemilu2029' (allowed: "
                          "pemilu2019, pilkada2020, pemilu2024, pilkada2024)"));
  EXPECT_TRUE(has_problem(lines,
                          "format: unsupported format 'siaga-scenario/2' (this siaga reads "
                          "siaga-scenario/1)"));
}

TEST(Validation, HoursOutOfOrderAreRejected) {
  Json doc = minimal();
  doc["election"]["closing_hour"] = 6;
  doc["forces"]["units"][3]["duty"]["end_hour"] = 4;
  doc["election"]["setup_hour"] = 7.5;
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "election.closing_hour: must be after opening_hour"));
  EXPECT_TRUE(has_problem(lines, "forces.units[3].duty.end_hour: must be after start_hour"));
  EXPECT_TRUE(has_problem(lines, "election.setup_hour: must not be after opening_hour (7.000000)"));
}

TEST(Validation, ATpsNoUnitCanReachIsRejected) {
  Json doc = minimal();
  doc["roads"]["nodes"].push_back({{"id", 9}, {"lat", -7.05}, {"lon", 110.05}});
  doc["region"]["tps"][5]["node"] = 9;
  const auto lines = problems_of(doc);
  EXPECT_TRUE(
      has_problem(lines, "region.tps[5]: TPS 'tiga-002' cannot be reached by road by any dispatchable unit"));
}

TEST(Validation, OnlyATrailBikeOrFeetReachATrailTps) {
  // dua-002 sits at node 5, reached only by a trail (cars and trucks cannot use it). With the
  // motorbike Bhabinkamtibmas gone and the south reserve in a car, nothing reaches it.
  Json doc = minimal();
  doc["forces"]["units"][3]["vehicle"] = "car";
  EXPECT_TRUE(problems_of(doc).empty()) << "the Bhabinkamtibmas's motorbike takes the trail";
  doc["forces"]["units"].erase(1);
  const auto lines = problems_of(doc);
  EXPECT_TRUE(
      has_problem(lines, "region.tps[3]: TPS 'dua-002' cannot be reached by road by any dispatchable unit"));
}

TEST(Validation, MoreGuardsAssignedThanExistIsRejected) {
  Json doc = minimal();
  doc["forces"]["units"][0]["headcount"] = 3;
  // pilkada2024 stands 2 officers for the 2 kurang rawan TPS (2-7-14), 2 for the 2 rawan (2-2-4),
  // and 2 each for the sangat rawan and the khusus TPS (2-1-2): 8.
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines,
                          "plans.doctrine.guards: the plan stands 8 officers at TPS but the tps_guard units "
                          "hold only 3"));
}

TEST(Validation, ProblemsOfAPlansOverridesAreFound) {
  Json doc = minimal();
  doc["plans"]["longer"]["overrides"]["election"]["opening_hour"] = 15;
  doc["plans"]["longer"]["retention"]["rawan"] = {{"hours", 3}};
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "election.closing_hour: must be after opening_hour"));
  EXPECT_TRUE(has_problem(lines, "plans.longer.retention.rawan.policy: is required but missing"));
}

TEST(Validation, EveryProblemIsCollectedNotOnlyTheFirst) {
  Json doc = minimal();
  doc["region"]["tps"][0]["voters"] = 0;
  doc["region"]["tps"][1]["category"] = "x";
  doc["roads"]["edges"][1]["class"] = "highway";
  doc["forces"]["posts"][0]["kind"] = "kodam";
  EXPECT_EQ(problems_of(doc).size(), 4u);
}

TEST(Validation, AJsonSyntaxErrorNamesLineAndColumn) {
  try {
    (void)ScenarioDocument::parse("{\n  \"format\": \"siaga-scenario/1\",\n  \"name\": oops\n}", "bad.json",
                                  ".");
    FAIL();
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].where, "bad.json:3:11");
    EXPECT_NE(e.problems()[0].message.find("not valid JSON"), std::string::npos);
  }
}

TEST(Validation, CsvTablesAreReadAndTheirProblemsNameFileLineAndColumn) {
  Json doc = minimal();
  doc["region"]["villages"] = "villages.csv";
  EXPECT_TRUE(problems_of(doc).empty()) << "the CSV copy of the villages is valid";
  doc["region"]["villages"] = "villages_bad.csv";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(has_problem(lines, "villages_bad.csv:1:8: unknown column 'nodes' (did you mean 'node'?)"));
  EXPECT_TRUE(has_problem(lines, "villages_bad.csv:3:5 (lat): must be a finite number, got 'nan'"));
  EXPECT_TRUE(has_problem(lines, "villages_bad.csv:4:1 (code): duplicate village code '99.01.01.2001'"));
  doc["region"]["villages"] = "villages_latin1.csv";
  EXPECT_TRUE(has_problem(problems_of(doc),
                          "villages_latin1.csv:3:2: not UTF-8 (byte 0xE9); save the file as UTF-8"));
  doc["region"]["villages"] = "missing.csv";
  EXPECT_TRUE(has_problem(problems_of(doc), "missing.csv: cannot open the CSV file (" +
                                                (data_dir() / "missing.csv").string() + ")"));
}

TEST(Validation, ACsvTableOfUnitsReadsNestedFieldsFlattened) {
  Json doc = minimal();
  doc["forces"]["units"] = "units.csv";
  const auto lines = problems_of(doc);
  EXPECT_TRUE(lines.empty()) << (lines.empty() ? "" : lines.front());
  const Scenario s = resolve(ScenarioDocument::from_json(doc, "test", data_dir()));
  EXPECT_EQ(s.forces.units[3].duty_end_hour, 30.0);
  EXPECT_EQ(s.forces.units[2].vehicle, geo::Vehicle::kCar);
}

}  // namespace
}  // namespace siaga::scenario
