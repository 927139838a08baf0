// Plans compiled through one CompileCache (what validate, compare, targets and sweep do) give the
// same model as each plan compiled alone: the same arrays, and the same days bit for bit.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <string>
#include <vector>

#include "siaga/dynamics/replication.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace siaga::scenario {
namespace {

// A small generated Pilkada (three standard plans) with two plans more: one that changes a road
// speed (the graph and everything on it must be recomputed) and one that changes a tier's reach.
ScenarioDocument several_plans() {
  SyntheticRegion r;
  r.villages = 60, r.kecamatan = 6, r.kabupaten = 2, r.tps = 420;
  r.south = -7.75, r.north = -7.55, r.west = 112.5, r.east = 112.7;
  GeneratorSpec s;
  s.name = "shared";
  s.kind = ElectionKind::kPilkada;
  s.seed = 11;
  Json doc = generate_scenario(r, s);
  Json& plans = doc["plans"];
  EXPECT_GE(plans.size(), 3u);
  Json slow = plans.front();
  slow["overrides"]["roads"] = {{"speeds_kmh", {{"village", {{"motorbike", 18}}}}}};
  plans["slow_village_roads"] = slow;
  Json near = plans.front();
  near["overrides"]["forces"]["reach"] = {{"sector", {{"posts", 3}, {"minutes", 40}}}};
  plans["short_sector_reach"] = near;
  // The standard plans again after the ones that changed the roads: the cache must not keep a
  // stale part.
  plans["doctrine_again"] = plans.front();
  return ScenarioDocument::from_json(std::move(doc), "shared (generated)");
}

void expect_same_model(const Model& a, const Model& b, const std::string& plan) {
  SCOPED_TRACE(plan);
  ASSERT_EQ(a.tps().size(), b.tps().size());
  for (std::size_t i = 0; i < a.tps().size(); ++i) {
    const TpsSite &x = a.tps()[i], &y = b.tps()[i];
    ASSERT_EQ(x.node, y.node) << i;
    ASSERT_EQ(x.guard_group, y.guard_group) << i;
    ASSERT_EQ(x.guard_travel, y.guard_travel) << i;
    ASSERT_EQ(x.to_pps, y.to_pps) << i;
    ASSERT_EQ(x.nearest_unit_travel, y.nearest_unit_travel) << i;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(x.nearest_post_km),
              std::bit_cast<std::uint64_t>(y.nearest_post_km))
        << i;
  }
  EXPECT_TRUE(
      std::equal(a.pps_to_ppk().begin(), a.pps_to_ppk().end(), b.pps_to_ppk().begin(), b.pps_to_ppk().end()));
  EXPECT_TRUE(std::equal(a.village_nodes().begin(), a.village_nodes().end(), b.village_nodes().begin(),
                         b.village_nodes().end()));
  EXPECT_TRUE(
      std::equal(a.unit_nodes().begin(), a.unit_nodes().end(), b.unit_nodes().begin(), b.unit_nodes().end()));
  ASSERT_EQ(a.stations().size(), b.stations().size());
  for (std::size_t tier = 0; tier < kDispatchTierCount; ++tier) {
    const auto t = static_cast<DispatchTier>(tier);
    EXPECT_EQ(a.reach_binding(t), b.reach_binding(t));
    for (std::uint32_t i = 0; i < a.tps().size(); ++i) {
      const auto ra = a.tps_stations(t, i), rb = b.tps_stations(t, i);
      ASSERT_EQ(ra.size(), rb.size()) << "tier " << tier << " tps " << i;
      for (std::size_t k = 0; k < ra.size(); ++k) {
        ASSERT_EQ(ra[k].station, rb[k].station);
        ASSERT_EQ(ra[k].there, rb[k].there);
        ASSERT_EQ(ra[k].back, rb[k].back);
      }
    }
  }
}

void expect_same_days(const std::shared_ptr<const Model>& a, const std::shared_ptr<const Model>& b,
                      const std::string& plan) {
  SCOPED_TRACE(plan);
  dynamics::Replication ra(a), rb(b);
  for (std::uint64_t index = 0; index < 3; ++index) {
    const dynamics::Outcome x = ra.run(5, index);
    const dynamics::Outcome& y = rb.run(5, index);
    for (std::size_t m = 0; m < dynamics::kMetricCount; ++m)
      ASSERT_EQ(std::bit_cast<std::uint64_t>(x.metrics[m]), std::bit_cast<std::uint64_t>(y.metrics[m]))
          << "metric " << m << ", day " << index;
    EXPECT_EQ(x.tps_incidents, y.tps_incidents);
    EXPECT_EQ(x.unit_dispatches, y.unit_dispatches);
    EXPECT_EQ(x.unit_busy_officer_ms, y.unit_busy_officer_ms);
  }
}

TEST(SharedCompile, EveryPlanThroughOneCacheEqualsItsLoneCompile) {
  const ScenarioDocument doc = several_plans();
  CompileCache cache;
  std::size_t incidents = 0;
  for (const std::string& plan : doc.plan_names()) {
    const auto lone = compile(resolve(doc, plan));
    const auto shared = compile(resolve(doc, plan), cache);
    expect_same_model(*lone, *shared, plan);
    expect_same_days(lone, shared, plan);
    dynamics::Replication r(shared);
    incidents += static_cast<std::size_t>(r.run(5, 0)[dynamics::Metric::kIncidents]);
  }
  EXPECT_GT(incidents, 0u) << "the days compared must have something happen in them";
}

TEST(SharedCompile, TheCacheSharesTheRoadGraphOnlyWhileTheRoadsStayTheSame) {
  const ScenarioDocument doc = several_plans();
  CompileCache cache;
  const auto first = compile(resolve(doc, doc.plan_names()[0]), cache);
  const auto second = compile(resolve(doc, doc.plan_names()[1]), cache);
  EXPECT_EQ(&first->roads(), &second->roads()) << "plans on the same roads share one graph";
  const auto slow = compile(resolve(doc, "slow_village_roads"), cache);
  EXPECT_NE(&first->roads(), &slow->roads()) << "a plan that changes the roads gets its own graph";
  // ... and slower trips: a cache that kept the first plan's would make the test above fail.
  Tick before = 0, after = 0;
  for (std::size_t v = 0; v < first->pps_to_ppk().size(); ++v)
    before += first->pps_to_ppk()[v], after += slow->pps_to_ppk()[v];
  EXPECT_GT(after, before);
}

}  // namespace
}  // namespace siaga::scenario
