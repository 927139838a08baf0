// Mechanisms of the day that only some scenarios switch on, each run and checked against what it
// must do: contagion, and guards staying after the count until the area is quiet.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "day_scenarios.hpp"
#include "siaga/dynamics/replication.hpp"

namespace siaga::dynamics {
namespace {

using scenario::Json;
using testing::compiled;
using testing::one_tps_one_unit;
using testing::Recorder;

// Two rawan TPS, no guards: `apart` puts the second 2.2 km away (beyond the 0.5 km contagion
// radius), else both stand at one node.
Json two_tps(bool contagion, bool apart) {
  Json doc = one_tps_one_unit();
  doc["region"]["tps"].push_back({{"id", "t2"},
                                  {"village", "99.01.01.2001"},
                                  {"voters", 400},
                                  {"category", "rawan"},
                                  {"node", apart ? 2 : 0}});
  doc["incidents"]["contagion"] = {{"enabled", contagion}, {"radius_km", 0.5}, {"boost", 4}, {"minutes", 60}};
  return doc;
}

struct Mean {
  double mean = 0, se = 0;
};

Mean incidents_per_day(const Json& doc, int days) {
  Replication r(compiled(doc));
  double sum = 0, sum2 = 0;
  for (int d = 0; d < days; ++d) {
    const double x = r.run(41, static_cast<std::uint64_t>(d))[Metric::kIncidents];
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / days;
  return {mean, std::sqrt((sum2 / days - mean * mean) / (days - 1))};
}

TEST(Contagion, LeavesTheRateOfAnIsolatedTpsAsItWas) {
  // Candidates are drawn at the boosted rate and kept with probability 1/boost outside a window:
  // far from any incident the kept rate is the base rate exactly, so the means agree within the
  // sampling error of two independent estimates (4 standard errors).
  const int days = 2000;
  const Mean off = incidents_per_day(two_tps(false, true), days);
  const Mean on = incidents_per_day(two_tps(true, true), days);
  ASSERT_GT(off.mean, 10) << "3 per TPS-day x rawan 3 x 2 TPS: about 18";
  EXPECT_LT(std::abs(on.mean - off.mean), 4 * std::hypot(on.se, off.se));
}

TEST(Contagion, RaisesTheRateAtANeighbourForAWhileAfterAnIncident) {
  const int days = 2000;
  const Mean off = incidents_per_day(two_tps(false, false), days);
  const Mean on = incidents_per_day(two_tps(true, false), days);
  EXPECT_GT(on.mean - off.mean, 4 * std::hypot(on.se, off.se))
      << "an incident at one TPS makes its neighbour's next hour 4 times as busy";
}

// One rawan TPS whose 2 guards stay until it has been quiet for 30 minutes, at most 1.5 hours, and
// incidents (1 officer, 10 min) that come only after the count.
Json quiet_after_count() {
  Json doc = one_tps_one_unit();
  auto& kind = doc["incidents"]["kinds"]["disturbance"];
  kind["officers"] = 1;
  kind["per_1000_tps_day"] = 6000;
  kind["phase_weights"] = {{"setup", 0}, {"voting", 0}, {"last_hour", 0}, {"counting", 0}, {"post_count", 1}};
  auto& plan = doc["plans"]["none"];
  plan["guards"]["rawan"] = {{"officers", 2}, {"tps", 1}};
  testing::add_guard_pool(doc, 2);
  plan["escort"] = {{"rawan", 0}};
  plan["retention"] = {
      {"rawan", {{"policy", "until_quiet"}, {"officers", 2}, {"quiet_minutes", 30}, {"max_hours", 1.5}}}};
  return doc;
}

TEST(UntilQuiet, GuardsGoOnceTheTpsHasBeenQuietForTheQuietPeriodOrAtTheLongestStay) {
  // By hand from each day's trace: retention starts at the count's end; each incident before the
  // quiet period runs out (and before the longest stay) restarts it; the guards go when it runs
  // out, or at the longest stay. If both guards are away at an incident then, they go as the first
  // comes back.
  const Tick quiet = minutes(30), longest = hours(1.5);
  Replication r(compiled(quiet_after_count()));
  int days_with_incidents_in_retention = 0, days_at_longest = 0;
  for (std::uint64_t day = 0; day < 300; ++day) {
    Recorder t;
    (void)r.run(17, day, &t);
    Tick start = -1, left = -1;
    std::vector<Tick> reported;
    std::map<std::uint32_t, std::pair<Tick, int>> guards_at;  // incident -> (reported, guards sent)
    std::map<std::uint32_t, Tick> settled;
    for (const TraceEvent& e : t.events) {
      if (e.kind == TraceKind::kCountEnds) start = e.time;
      if (e.kind == TraceKind::kIncidentReported) reported.push_back(e.time);
      if (e.kind == TraceKind::kGuardsRespond) guards_at[e.incident] = {e.time, static_cast<int>(e.value)};
      if (e.kind == TraceKind::kSettled) settled[e.incident] = e.time;
      if (e.kind == TraceKind::kGuardsLeave && left < 0) left = e.time;
    }
    ASSERT_GE(start, 0);
    ASSERT_GE(left, start) << "day " << day << ": no guard leaves before the count ends";
    Tick quiet_since = start;
    int restarts = 0;
    for (const Tick at : reported)
      if (at > start && at < quiet_since + quiet && at < start + longest) {
        quiet_since = at;
        ++restarts;
      }
    const Tick release = std::min(start + longest, quiet_since + quiet);
    days_with_incidents_in_retention += restarts > 0;
    days_at_longest += release == start + longest;
    int away = 0;
    Tick first_back = kNever;
    for (const auto& [id, sent] : guards_at)
      if (sent.first <= release && settled.contains(id) && settled.at(id) > release) {
        away += sent.second;
        first_back = std::min(first_back, settled.at(id));
      }
    EXPECT_EQ(left, away >= 2 ? first_back : release) << "day " << day;
  }
  EXPECT_GT(days_with_incidents_in_retention, 30) << "the check saw incidents restart the quiet period";
  EXPECT_GT(days_at_longest, 0) << "and days that reached the longest stay";
}

}  // namespace
}  // namespace siaga::dynamics
