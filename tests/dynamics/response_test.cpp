// Hand-computed days, one per mechanism of the response: a scene held until a capable unit comes,
// a unit split into teams, a unit coming on duty, overtime, the post-count decay, a contested
// village, and rating by early warning.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "day_scenarios.hpp"
#include "siaga/dynamics/replication.hpp"
#include "support/goodness_of_fit.hpp"

namespace siaga::dynamics {
namespace {

using scenario::Json;
using testing::compiled;
using testing::one_tps_one_unit;
using testing::Recorder;

// The events of the first incident of a day, by kind (in order).
std::multimap<TraceKind, TraceEvent> first_incident(const std::vector<TraceEvent>& events) {
  std::multimap<TraceKind, TraceEvent> out;
  for (const TraceEvent& e : events)
    if (e.incident == 0) out.emplace(e.kind, e);
  return out;
}

// one_tps_one_unit's road (0 -2000 m collector- 1 -1500 m village- 2), plus 2000 m of village road
// on to node 3, where a Polres stands with a quick-response unit by car.
Json with_polres() {
  Json doc = one_tps_one_unit();
  testing::add_far_post(doc, "polres", "polres");
  doc["forces"]["units"].push_back({{"id", "qr"},
                                    {"kind", "polres_quick_response"},
                                    {"headcount", 4},
                                    {"post", "polres"},
                                    {"vehicle", "car"},
                                    {"mobilisation_minutes", 5}});
  // One kind: a clash (severity 4: the Polsek reserve, up to 3, may not settle it; the quick
  // response, up to 4, may), 4 officers, 30 minutes of handling.
  doc["incidents"]["kinds"] = {{"clash",
                                {{"severity", 4},
                                 {"officers", 4},
                                 {"handling", {{"distribution", "fixed"}, {"mean_minutes", 30}}},
                                 {"per_1000_tps_day", 3000}}}};
  return doc;
}

TEST(Response, TheNearestHoldTheSceneUntilACapableUnitComesThenGo) {
  // At the report both go: the Polsek reserve (nearest, 3 min + 510 s by motorbike = 690 s) to hold
  // the scene, the quick response (the nearest capable tier: 5 min + 180 s + 270 s + 360 s by car
  // = 1110 s) to settle it. Handling starts when the quick response is there; the Polsek, a holder,
  // leaves then (back after 510 s); the clash is settled 30 min later and the car is back 810 s on.
  Replication day(compiled(with_polres()));
  Recorder t;
  (void)day.run(1, 0, &t);
  const auto first = first_incident(t.events);
  ASSERT_EQ(first.count(TraceKind::kIncidentReported), 1u);
  const Tick r = first.find(TraceKind::kIncidentReported)->second.time;
  ASSERT_EQ(first.count(TraceKind::kDispatched), 2u);
  auto dispatched = first.equal_range(TraceKind::kDispatched);
  EXPECT_EQ(dispatched.first->second.unit, 0u) << "the Polsek reserve goes first, to hold";
  EXPECT_EQ(dispatched.first->second.arg, r + 690'000);
  EXPECT_EQ(std::next(dispatched.first)->second.unit, 1u) << "and the quick response, to settle";
  EXPECT_EQ(std::next(dispatched.first)->second.arg, r + 1'110'000);
  auto on_scene = first.equal_range(TraceKind::kOnScene);
  ASSERT_EQ(std::distance(on_scene.first, on_scene.second), 2);
  EXPECT_EQ(on_scene.first->second.time, r + 690'000);
  EXPECT_EQ(on_scene.first->second.value, 4) << "4 officers hold the scene";
  EXPECT_EQ(on_scene.first->second.arg, 0) << "none of whom may settle a clash";
  EXPECT_EQ(first.find(TraceKind::kHandlingStarts)->second.time, r + 1'110'000);
  EXPECT_EQ(first.find(TraceKind::kSettled)->second.time, r + 1'110'000 + 1'800'000);
  std::vector<Tick> returns;  // after the first report: the Polsek's, then the car's
  for (const TraceEvent& e : t.events)
    if (e.kind == TraceKind::kUnitReturns && e.time > r && returns.size() < 2) returns.push_back(e.time);
  ASSERT_EQ(returns.size(), 2u);
  EXPECT_EQ(returns[0], r + 1'110'000 + 510'000) << "the holder goes once the capable unit is there";
  EXPECT_EQ(returns[1], r + 1'110'000 + 1'800'000 + 810'000);
}

TEST(Response, AUnitSendsTheTeamsAnIncidentNeedsAndKeepsTheRest) {
  // A quick response of 64 in teams of 8 and clashes needing 8: one team goes to each, and while
  // one is out the others answer the next clash, so two of its teams are out at once on some day.
  Json doc = with_polres();
  doc["forces"]["units"] = Json::array({{{"id", "qr"},
                                         {"kind", "polres_quick_response"},
                                         {"headcount", 64},
                                         {"team_size", 8},
                                         {"post", "polres"},
                                         {"vehicle", "car"}}});
  doc["incidents"]["kinds"]["clash"]["officers"] = 8;
  doc["incidents"]["kinds"]["clash"]["handling"]["mean_minutes"] = 240;
  Replication day(compiled(doc));
  int most_out = 0, dispatches = 0;
  for (std::uint64_t d = 0; d < 20; ++d) {
    Recorder t;
    const Outcome& o = day.run(1, d, &t);
    int out = 0;
    for (const TraceEvent& e : t.events) {
      if (e.kind == TraceKind::kDispatched) {
        EXPECT_EQ(e.value, 8) << "a team of 8, not the whole unit";
        ++out;
        ++dispatches;
      }
      if (e.kind == TraceKind::kUnitReturns) --out;
      most_out = std::max(most_out, out);
    }
    EXPECT_EQ(o.unit_dispatches[0], static_cast<std::uint32_t>(std::count_if(
                                        t.events.begin(), t.events.end(), [](const TraceEvent& e) {
                                          return e.kind == TraceKind::kDispatched;
                                        })));
  }
  EXPECT_GT(dispatches, 20);
  EXPECT_GE(most_out, 2);
  EXPECT_LE(most_out, 8) << "never more teams than the unit has";
}

TEST(Response, AUnitComingOnDutyTakesTheWaitingIncidentAtOnce) {
  // The only unit's duty starts at 10:00; an incident reported before waits, and the unit leaves
  // for it at 10:00 exactly.
  Json doc = one_tps_one_unit();
  doc["forces"]["units"][0]["duty"] = {{"start_hour", 10}, {"end_hour", 36}};
  doc["incidents"]["kinds"]["disturbance"]["phase_weights"] = {
      {"setup", 1}, {"voting", 1}, {"last_hour", 0}, {"counting", 0}, {"post_count", 0}};
  Replication day(compiled(doc));
  int checked = 0;
  for (std::uint64_t d = 0; d < 10; ++d) {
    Recorder t;
    (void)day.run(3, d, &t);
    const auto first = first_incident(t.events);
    if (first.empty() || first.find(TraceKind::kIncidentReported)->second.time >= hours(10)) continue;
    ASSERT_TRUE(first.count(TraceKind::kDispatched)) << "day " << d;
    EXPECT_EQ(first.find(TraceKind::kDispatched)->second.time, hours(10)) << "day " << d;
    ++checked;
  }
  EXPECT_GT(checked, 3);
}

TEST(Response, AUnitBusyWhenItsDutyEndsFinishesAndItsOvertimeIsCounted) {
  // Duty ends at 12:00 and handling takes 3 hours: a unit sent before 12:00 comes back after it,
  // goes off duty (it is not sent again), and its overtime is the time past 12:00 by its officers.
  Json doc = one_tps_one_unit();
  doc["forces"]["units"][0]["duty"] = {{"start_hour", 5}, {"end_hour", 12}};
  doc["incidents"]["kinds"]["disturbance"]["handling"]["mean_minutes"] = 180;
  Replication day(compiled(doc));
  int checked = 0;
  for (std::uint64_t d = 0; d < 10; ++d) {
    Recorder t;
    const Outcome& o = day.run(5, d, &t);
    Tick last_dispatch = -1, back_after_end = -1;
    for (const TraceEvent& e : t.events) {
      if (e.kind == TraceKind::kDispatched) last_dispatch = e.time;
      if (e.kind == TraceKind::kUnitReturns && e.time >= hours(12)) back_after_end = e.time;
    }
    EXPECT_LT(last_dispatch, hours(12)) << "no dispatch off duty";
    if (back_after_end < 0) continue;
    EXPECT_EQ(o.unit_overtime_officer_ms[0], 4 * (back_after_end - hours(12)));
    EXPECT_EQ(o.unit_duty_officer_ms[0], 4 * (hours(12) - hours(5)) + o.unit_overtime_officer_ms[0]);
    EXPECT_LE(o[Metric::kUtilizationPolsek], 1.0);
    EXPECT_NEAR(o[Metric::kOfficerHoursOvertime], 4 * to_hours(back_after_end - hours(12)), 1e-9);
    ++checked;
  }
  EXPECT_GT(checked, 3);
}

// Only post-count incidents, at a TPS whose count ends at 15:00 sharp; no guards, no Bhabinkamtibmas.
Json post_count_only(double contested_share) {
  Json doc = one_tps_one_unit();
  doc["election"]["counting"] = {{"base_minutes", 120}, {"minutes_per_ballot", 0}, {"cv", 0}};
  doc["incidents"]["kinds"]["disturbance"]["phase_weights"] = {
      {"setup", 0}, {"voting", 0}, {"last_hour", 0}, {"counting", 0}, {"post_count", 1}};
  doc["incidents"]["kinds"]["disturbance"]["per_1000_tps_day"] = 2000;
  doc["incidents"]["post_count_half_life_hours"] = 1.5;
  doc["incidents"]["contested"] = {{"share", contested_share}, {"multiplier", 3}};
  return doc;
}

TEST(PostCount, TheRateDecaysWithTheHalfLifeAfterTheCountEnds) {
  // The day's kind has all its weight after the count: rate r(t) = r0 exp(-ln 2 t / h), t from
  // 15:00, whose integral r0 h / ln 2 is the kind's 2 per TPS-day x 3 (rawan) = 6. So the times
  // since the count's end are exponential with mean h / ln 2 = 2.164 h (KS), and the count per day
  // is Poisson with mean 6 (its mean within 4 standard errors).
  Replication day(compiled(post_count_only(0)));
  std::vector<double> since;
  double total = 0;
  const int days = 400;
  for (std::uint64_t d = 0; d < days; ++d) {
    Recorder t;
    const Outcome& o = day.run(7, d, &t);
    total += o[Metric::kIncidents];
    for (const TraceEvent& e : t.events)
      if (e.kind == TraceKind::kIncidentReported) since.push_back(to_hours(e.time - hours(15)));
  }
  const double mean = 1.5 / std::log(2.0);
  EXPECT_NEAR(total / days, 6.0, 4 * std::sqrt(6.0 / days));
  for (const double s : since) ASSERT_GE(s, 0.0) << "none before the count ends";
  EXPECT_GT(siaga::testing::ks_test(since, [&](double x) { return 1 - std::exp(-x / mean); }),
            siaga::testing::kSignificance);
}

TEST(PostCount, AContestedVillageHasTheMultipliedRateOnTheSameDays) {
  // Contested (share 1) against not (share 0), the same days: the post-count count is Poisson with
  // mean 18 against 6; the difference of the means within 4 standard errors of 12.
  Replication calm(compiled(post_count_only(0))), contested(compiled(post_count_only(1)));
  const int days = 400;
  double a = 0, b = 0;
  for (std::uint64_t d = 0; d < days; ++d) {
    a += calm.run(9, d)[Metric::kIncidents];
    b += contested.run(9, d)[Metric::kIncidents];
  }
  EXPECT_NEAR(b / days - a / days, 12.0, 4 * std::sqrt((6.0 + 18.0) / days));
}

// Four TPS: two rated rawan, two rated kurang rawan that are truly rawan (by the misclassification
// matrix, P(true rawan | rated kurang rawan) = 1). Rawan TPS get 1 officer each; kurang rawan none.
Json misrated(const char* basis, double corrected_share) {
  Json doc = one_tps_one_unit();
  doc["region"]["tps"] = Json::array();
  for (const char* id : {"t0", "t1", "t2", "t3"})
    doc["region"]["tps"].push_back({{"id", id},
                                    {"village", "99.01.01.2001"},
                                    {"voters", 400},
                                    {"category", doc["region"]["tps"].size() < 2 ? "rawan" : "kurang_rawan"},
                                    {"node", 0}});
  doc["incidents"]["misclassification"] = {{"rawan", {{"kurang_rawan", 0.5}, {"rawan", 0.5}}}};
  testing::add_guard_pool(doc, 4);
  doc["plans"]["none"] = {
      {"guards", {{"rawan", {{"officers", 1}, {"tps", 1}}}, {"kurang_rawan", {{"officers", 0}, {"tps", 2}}}}},
      {"rating", {{"basis", basis}}}};
  if (std::string(basis) == "early_warning")
    doc["plans"]["none"]["rating"]["corrected_share"] = corrected_share;
  return doc;
}

// TPS with guards on each day (from the guards_arrive events: the group's first TPS, officers).
std::vector<std::set<std::uint32_t>> guarded(const Json& doc, int days) {
  Replication day(compiled(doc));
  std::vector<std::set<std::uint32_t>> out;
  for (std::uint64_t d = 0; d < static_cast<std::uint64_t>(days); ++d) {
    Recorder t;
    (void)day.run(11, d, &t);
    std::set<std::uint32_t> g;
    for (const TraceEvent& e : t.events)
      if (e.kind == TraceKind::kGuardsArrive && e.value > 0) g.insert(e.tps);
    out.push_back(g);
  }
  return out;
}

TEST(Rating, GuardsStandWhereThePlansRatingSays) {
  const int days = 2000;
  for (const auto& g : guarded(misrated("rated", 0), days))
    EXPECT_EQ(g, (std::set<std::uint32_t>{0, 1})) << "as rated: the two rawan TPS";
  for (const auto& g : guarded(misrated("true", 0), days))
    EXPECT_EQ(g, (std::set<std::uint32_t>{0, 1, 2, 3})) << "as they are: all four are rawan";
  // Early warning corrects each misrated TPS with probability 0.5: 2 + Binomial(2, 0.5) guarded,
  // mean 3, standard deviation 1/sqrt(2) per day; and a TPS it catches at 0.5 it also catches at 0.8
  // (the same draw), so the plans differ only where they must.
  const auto half = guarded(misrated("early_warning", 0.5), days);
  const auto more = guarded(misrated("early_warning", 0.8), days);
  double n = 0;
  for (int d = 0; d < days; ++d) {
    n += static_cast<double>(half[d].size());
    EXPECT_TRUE(std::includes(more[d].begin(), more[d].end(), half[d].begin(), half[d].end())) << "day " << d;
    EXPECT_TRUE(half[d].contains(0) && half[d].contains(1));
  }
  EXPECT_NEAR(n / days, 3.0, 4 * std::sqrt(0.5 / days));
}

TEST(Rating, APlanCannotChangeTheWorld) {
  Json doc = misrated("rated", 0);
  doc["plans"]["other"] = {
      {"overrides", {{"incidents", {{"misclassification", {{"rawan", {{"rawan", 1}}}}}}}}}};
  try {
    (void)scenario::resolve(scenario::ScenarioDocument::from_json(doc), "other");
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(
        e.problems().front().line(),
        "plans.other.overrides.incidents.misclassification: a plan cannot change how TPS were misrated (the "
        "same world under every plan)");
  }
}

}  // namespace
}  // namespace siaga::dynamics
