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
  const auto village = m->tps_candidates(DispatchTier::kVillage).of(3);
  ASSERT_EQ(village.size(), 1u);
  EXPECT_EQ(village[0].time, 792'000);
  // Sector tier: the Utara reserve drives a car and cannot take the trail; the Selatan reserve's
  // motorbike from node 3: local 1200 m at 25 km/h (172.8 s) + collector 1300 m at 30 (156 s)
  // + village 234 s + trail 324 s = 886.8 s.
  const auto sector = m->tps_candidates(DispatchTier::kSector).of(3);
  ASSERT_EQ(sector.size(), 1u);
  EXPECT_EQ(m->tier_units(DispatchTier::kSector)[sector[0].source], 3u);
  EXPECT_EQ(sector[0].time, 886'800);
  EXPECT_TRUE(m->tps_candidates(DispatchTier::kResort).of(3).empty())
      << "the Polres truck cannot take the trail";
  EXPECT_EQ(m->tps()[3].nearest_unit_travel, 792'000);
  // From TPS satu-001 at node 1 the village officer is on the spot; sectors sorted by time.
  const auto near = m->tps_candidates(DispatchTier::kSector).of(0);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_LE(near[0].time, near[1].time);
}

TEST(Compile, APlansReservesMoveUnitsAndTheirCandidates) {
  const auto base = compile_minimal("doctrine");
  const auto moved = compile_minimal("longer");
  const auto& resort = base->tier_units(DispatchTier::kResort);
  ASSERT_EQ(resort.size(), 1u);
  EXPECT_NE(base->unit_nodes()[resort[0]], moved->unit_nodes()[resort[0]]);
  EXPECT_EQ(moved->unit_nodes()[resort[0]], 3u) << "the quick-response unit moved to Polsek Selatan (node 3)";
}

}  // namespace
}  // namespace siaga::scenario
