#include "siaga/scenario/model.hpp"

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace siaga::scenario {
namespace {

std::shared_ptr<const Model> compile_minimal(const char* plan = "doctrine") {
  return compile(resolve(ScenarioDocument::load(testing::data_dir() / "minimal.json"), plan));
}

TEST(Compile, PlacesUnnodedPlacesOnTheNearestRoadNode) {
  const auto m = compile_minimal();
  // Node ids equal indices in the fixture. Village Tiga (-7.01, 110.00) has no node: node 3 is
  // exactly there. TPS tiga-002 gives lat/lon (-7.02, 110.01): node 6. dua-002 names node 5.
  EXPECT_EQ(m->village_nodes()[2], 3u);
  EXPECT_EQ(m->tps()[5].node, 6u);
  EXPECT_EQ(m->tps()[3].node, 5u);
  EXPECT_EQ(m->tps()[0].node, 1u) << "a TPS with neither node nor lat/lon stands at its village's node";
  EXPECT_EQ(m->unit_nodes()[1], 1u) << "a Bhabinkamtibmas stands in its village, not at its post";
  EXPECT_EQ(m->unit_nodes()[2], 4u) << "other units stand at their post";
}

TEST(Compile, GroupsGuardsByKecamatanAndCategoryAsThePatternSays) {
  const auto m = compile_minimal();
  // pilkada2024: kurang rawan 2-7-14 (both Utara kurang rawan TPS in one group), rawan 2-2-4 (both
  // Utara rawan TPS in one group), sangat rawan and khusus 2-1-2 (one group each in Selatan).
  ASSERT_EQ(m->guard_groups().size(), 4u);
  for (const GuardGroup& g : m->guard_groups()) EXPECT_EQ(g.officers, 2);
  EXPECT_EQ(m->guard_groups()[0].tps_count, 2u);
  EXPECT_EQ(m->tps()[0].guard_group, m->tps()[1].guard_group);
  EXPECT_EQ(m->tps()[2].guard_group, m->tps()[3].guard_group);
  EXPECT_NE(m->tps()[4].guard_group, m->tps()[5].guard_group);
  EXPECT_EQ(m->guard_officers_total(), 8);
  EXPECT_EQ(m->guard_pool(), 12);
  EXPECT_EQ(m->tps()[0].linmas, 2) << "14 Linmas for 7 TPS";
  const auto& cats = m->guard_officers();
  EXPECT_EQ(cats[static_cast<std::size_t>(Category::kKhusus)], 2);
}

TEST(Compile, ALargerYPutsMoreTpsInOneGroup) {
  Json doc = testing::minimal();
  doc["plans"]["doctrine"]["guards"] = {{"rawan", {{"officers", 1}, {"tps", 1}}}};
  const auto m = compile(resolve(ScenarioDocument::from_json(doc, "t", testing::data_dir())));
  EXPECT_NE(m->tps()[2].guard_group, m->tps()[3].guard_group) << "1 officer per rawan TPS: two groups";
  EXPECT_EQ(m->guard_officers()[static_cast<std::size_t>(Category::kRawan)], 2);
  EXPECT_EQ(m->tps()[2].linmas, 2) << "linmas defaults to 2 per TPS";
}

TEST(Compile, CandidatesPerTierFollowTheRoadsAndTheVehicles) {
  const auto m = compile_minimal();
  // TPS dua-002 (node 5) lies past a 900 m trail (10 km/h by motorbike, closed to cars and trucks).
  // Village tier: the Bhabinkamtibmas rides from node 1: 1300 m + 1300 m of village road at 20 km/h
  // (234 s each) + the trail (324 s) = 792 s.
  const auto village = m->tps_stations(DispatchTier::kVillage, 3);
  ASSERT_EQ(village.size(), 1u);
  EXPECT_EQ(village[0].there, 792'000);
  EXPECT_EQ(village[0].back, 792'000) << "no one-way road: the way back is the way there";
  // Sector tier: the Utara reserve drives a car and cannot take the trail; the Selatan reserve's
  // motorbike from node 3: local 1200 m at 25 km/h (172.8 s) + collector 1300 m at 30 (156 s)
  // + village 234 s + trail 324 s = 886.8 s.
  const auto sector = m->tps_stations(DispatchTier::kSector, 3);
  ASSERT_EQ(sector.size(), 1u);
  ASSERT_EQ(m->station_units(sector[0].station).size(), 1u);
  EXPECT_EQ(m->station_units(sector[0].station)[0], 3u);
  EXPECT_EQ(sector[0].there, 886'800);
  EXPECT_TRUE(m->tps_stations(DispatchTier::kResort, 3).empty()) << "the Polres truck cannot take the trail";
  EXPECT_EQ(m->tps()[3].nearest_unit_travel, 792'000);
  // From TPS satu-001 at node 1 the village officer is on the spot; sectors sorted by time.
  const auto near = m->tps_stations(DispatchTier::kSector, 0);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_LE(near[0].there, near[1].there);
  for (std::size_t t = 0; t < kDispatchTierCount; ++t)
    EXPECT_EQ(m->reach_binding(static_cast<DispatchTier>(t)), 0u) << "the default reach binds nowhere here";
}

TEST(Compile, UnitsAtOnePostAreAllCandidates) {
  // Five Polsek units at one post: one station, and every unit a candidate (no hidden cap).
  Json doc = testing::minimal();
  for (int i = 0; i < 5; ++i)
    doc["forces"]["units"].push_back({{"id", "extra-" + std::to_string(i)},
                                      {"kind", "polsek_reserve"},
                                      {"headcount", 2},
                                      {"post", "polsek-selatan"}});
  const auto m = compile(resolve(ScenarioDocument::from_json(doc, "t", testing::data_dir())));
  const auto sector = m->tps_stations(DispatchTier::kSector, 3);
  ASSERT_EQ(sector.size(), 1u);
  EXPECT_EQ(m->station_units(sector[0].station).size(), 6u);
}

TEST(Compile, AReachCountThatCutsStationsWithinTheHorizonIsReported) {
  Json doc = testing::minimal();
  doc["forces"]["reach"] = {{"sector", {{"posts", 1}, {"minutes", 600}}}};
  const auto m = compile(resolve(ScenarioDocument::from_json(doc, "t", testing::data_dir())));
  EXPECT_EQ(m->tps_stations(DispatchTier::kSector, 0).size(), 1u);
  EXPECT_GT(m->reach_binding(DispatchTier::kSector), 0u) << "TPS that see both Polsek within 10 h keep one";
}

TEST(Compile, OneWayRoadsMakeTheWayBackDiffer) {
  Json doc = testing::minimal();
  // A one-way shortcut from the Selatan Polsek (node 3) towards node 2: the way there may take it,
  // the way back may not.
  doc["roads"]["edges"].push_back(
      {{"from", 3}, {"to", 2}, {"length_m", 100}, {"class", "local"}, {"oneway", true}});
  const auto m = compile(resolve(ScenarioDocument::from_json(doc, "t", testing::data_dir())));
  bool differs = false;
  for (std::uint32_t t = 0; t < m->tps().size(); ++t)
    for (const StationReach& r : m->tps_stations(DispatchTier::kSector, t)) {
      EXPECT_GE(r.back, 0);
      differs = differs || r.back != r.there;
    }
  EXPECT_TRUE(differs);
}

TEST(Compile, APlansReservesMoveUnitsAndTheirCandidates) {
  const auto base = compile_minimal("doctrine");
  const auto moved = compile_minimal("longer");
  const std::uint32_t qr = 4;  // minimal.json's polres_quick_response unit
  ASSERT_EQ(base->scenario().forces.units[qr].kind, UnitKind::kPolresQuickResponse);
  EXPECT_NE(base->unit_nodes()[qr], moved->unit_nodes()[qr]);
  EXPECT_EQ(moved->unit_nodes()[qr], 3u) << "the quick-response unit moved to Polsek Selatan (node 3)";
}

}  // namespace
}  // namespace siaga::scenario
