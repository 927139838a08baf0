// Policies written here, in the test tree, registered by name and chosen in a plan: the engine
// knows nothing of them.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "day_scenarios.hpp"
#include "siaga/dynamics/dispatch_policy.hpp"
#include "siaga/dynamics/replication.hpp"
#include "siaga/dynamics/retention_policy.hpp"
#include "siaga/dynamics/validate.hpp"

namespace siaga::dynamics {
namespace {

using scenario::Json;
using testing::compiled;
using testing::one_tps_one_unit;
using testing::Recorder;

// Sends the farthest candidates first: the opposite of nearest_available.
class FarthestFirst final : public DispatchPolicy {
 public:
  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen) override {
    int committed = request.committed;
    for (std::size_t i = candidates.size(); i-- > 0 && committed < request.needed;) {
      chosen.push_back(static_cast<std::uint32_t>(i));
      committed += candidates[i].officers;
    }
  }
};

// Keeps every officer at the TPS until a clock hour, then stands them all down.
class StayUntilHour final : public RetentionPolicy {
 public:
  explicit StayUntilHour(Tick until) : until_(until) {}
  RetentionStart start(const RetentionView& g) const override { return {g.present, std::max(g.now, until_)}; }
  std::optional<Tick> next_check(const RetentionView&) const override { return std::nullopt; }

 private:
  Tick until_;
};

void register_test_policies() {
  static const bool once = [] {
    register_dispatch_policy("farthest_first", [](scenario::Record& settings, const scenario::Scenario&) {
      (void)settings.integer("spare", scenario::Need::kOptional, 0, 10);  // a setting of its own, checked
      return std::make_unique<FarthestFirst>();
    });
    register_retention_policy("stay_until_hour", [](scenario::Record& settings, const scenario::Scenario&) {
      const double hour = settings.number("hour", scenario::Need::kRequired, {0, 48}).value_or(0);
      return std::make_unique<StayUntilHour>(hours(hour));
    });
    return true;
  }();
  (void)once;
}

// one_tps_one_unit with a second Polsek reserve at a farther post (node 3, 2 km beyond node 2).
Json two_units() {
  Json doc = one_tps_one_unit();
  testing::add_far_post(doc, "far", "polsek");
  doc["forces"]["units"].push_back({{"id", "r2"},
                                    {"kind", "polsek_reserve"},
                                    {"headcount", 4},
                                    {"post", "far"},
                                    {"mobilisation_minutes", 3}});
  return doc;
}

// Which unit answered each incident reported while both units were free.
std::set<std::uint32_t> first_dispatched(const Json& doc, const char* plan) {
  Replication r(compiled(doc, plan));
  Recorder t;
  (void)r.run(1, 0, &t);
  std::set<std::uint32_t> units;
  for (const TraceEvent& e : t.events)
    if (e.kind == TraceKind::kDispatched && e.incident == 0) units.insert(e.unit);
  return units;
}

TEST(DispatchPolicy, OneRegisteredInTheTestTreeIsChosenByNameInAPlan) {
  register_test_policies();
  Json doc = two_units();
  doc["plans"]["far"] = doc["plans"]["none"];
  doc["plans"]["far"]["dispatch"] = {{"policy", "farthest_first"}, {"spare", 2}};
  EXPECT_EQ(first_dispatched(doc, "none"), std::set<std::uint32_t>{0}) << "nearest_available sends r1";
  EXPECT_EQ(first_dispatched(doc, "far"), std::set<std::uint32_t>{1}) << "farthest_first sends r2";
  EXPECT_TRUE(validate(scenario::ScenarioDocument::from_json(doc)).empty());
}

TEST(DispatchPolicy, UnknownNamesAndBadSettingsAreNamedWithTheirPaths) {
  register_test_policies();
  Json doc = two_units();
  doc["plans"]["none"]["dispatch"] = {{"policy", "closest"}};
  doc["plans"]["far"] = doc["plans"]["none"];
  doc["plans"]["far"]["dispatch"] = {{"policy", "farthest_first"}, {"spare", 99}, {"min_reserve", 1}};
  std::vector<std::string> lines;
  for (const auto& p : validate(scenario::ScenarioDocument::from_json(doc))) lines.push_back(p.line());
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "plans.none.dispatch.policy: unknown value 'closest' (allowed: nearest_available, "
                       "keep_reserve, farthest_first)",
                       "plans.far.dispatch.spare: must be at most 10, got 99",
                       "plans.far.dispatch.min_reserve: unknown field",
                   }));
  EXPECT_THROW((void)Replication(compiled(doc, "none")), scenario::ScenarioError)
      << "a plan that cannot run is refused before its first day";
}

TEST(DispatchPolicy, ANameIsRegisteredOnce) {
  register_test_policies();
  EXPECT_THROW(register_dispatch_policy("keep_reserve", {}), std::logic_error);
  EXPECT_THROW(register_retention_policy("stay_until_hour", {}), std::logic_error);
}

TEST(RetentionPolicy, OneRegisteredInTheTestTreeDecidesWhoStays) {
  register_test_policies();
  Json doc = one_tps_one_unit();
  doc["incidents"]["kinds"]["disturbance"]["per_1000_tps_day"] = 0;  // a quiet day: nothing calls guards away
  doc["plans"]["none"]["guards"]["rawan"] = {{"officers", 2}, {"tps", 1}};
  testing::add_guard_pool(doc, 2);
  doc["plans"]["none"]["escort"] = {{"rawan", 0}};
  doc["plans"]["none"]["retention"] = {{"rawan", {{"policy", "stay_until_hour"}, {"hour", 23.5}}}};
  Replication r(compiled(doc));
  Recorder t;
  const Outcome& o = r.run(3, 0, &t);
  std::vector<TraceEvent> left;
  Tick count_end = -1;
  for (const TraceEvent& e : t.events) {
    if (e.kind == TraceKind::kGuardsLeave) left.push_back(e);
    if (e.kind == TraceKind::kCountEnds) count_end = e.time;
  }
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].time, hours(23.5)) << "both officers stay until 23:30, then go together";
  EXPECT_EQ(left[0].value, 2);
  EXPECT_DOUBLE_EQ(o[Metric::kOfficerHoursRetention], 2 * to_hours(hours(23.5) - count_end));
}

TEST(RetentionPolicy, BuiltInSettingsAreCheckedWithTheirPaths) {
  register_test_policies();
  Json doc = one_tps_one_unit();
  doc["plans"]["none"]["retention"] = {
      {"rawan",
       {{"policy", "until_quiet"}, {"officers", 1}, {"quiet_minutes", 30}, {"max_hours", 2}, {"hours", 3}}},
      {"sangat_rawan", {{"policy", "fixed"}, {"officers", 1}}},
      {"khusus", {{"policy", "stay"}}}};
  std::vector<std::string> lines;
  for (const auto& p : validate(scenario::ScenarioDocument::from_json(doc))) lines.push_back(p.line());
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  EXPECT_TRUE(has("plans.none.retention.rawan.hours: has no meaning for policy 'until_quiet'"));
  EXPECT_TRUE(has("plans.none.retention.sangat_rawan.hours: is required but missing"));
  EXPECT_TRUE(
      has("plans.none.retention.khusus.policy: unknown value 'stay' (allowed: leave, fixed, until_quiet, "
          "escort, stay_until_hour)"));
  EXPECT_EQ(lines.size(), 3u);
}

}  // namespace
}  // namespace siaga::dynamics
