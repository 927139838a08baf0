#include "siaga/dynamics/replication.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "day_scenarios.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/load.hpp"

namespace siaga::dynamics {
namespace {

using scenario::Json;
using testing::one_tps_one_unit;
using testing::Recorder;

std::shared_ptr<const scenario::Model> builtin(const char* name, const char* plan = "") {
  const auto* f = scenario::find_builtin_scenario(name);
  return scenario::compile(scenario::resolve(scenario::ScenarioDocument::parse(f->text, name, "."), plan));
}

bool same(const TraceEvent& a, const TraceEvent& b) {
  return a.time == b.time && a.kind == b.kind && a.incident == b.incident && a.tps == b.tps &&
         a.unit == b.unit && a.value == b.value && a.arg == b.arg;
}

bool same_metrics(const Outcome& a, const Outcome& b) {
  for (std::size_t m = 0; m < kMetricCount; ++m)
    if (!(a.metrics[m] == b.metrics[m] || (std::isnan(a.metrics[m]) && std::isnan(b.metrics[m]))))
      return false;
  return a.tps_incidents == b.tps_incidents;
}

TEST(Replication, TheSameSeedGivesTheSameDayEventForEvent) {
  const auto model = builtin("jepara-pilkada.json");
  Replication a(model), b(model);
  Recorder ta, tb;
  const Outcome first = a.run(11, 4, &ta);
  (void)a.run(11, 5);  // a replication reused for another day must not remember it
  const Outcome again = a.run(11, 4);
  b.run(11, 4, &tb);
  ASSERT_EQ(ta.events.size(), tb.events.size());
  for (std::size_t i = 0; i < ta.events.size(); ++i)
    ASSERT_TRUE(same(ta.events[i], tb.events[i])) << "event " << i;
  EXPECT_TRUE(same_metrics(first, again));
  EXPECT_GT(first[Metric::kIncidents], 0) << "Jepara's default rates give incidents on most days";
  const Outcome other = a.run(12, 4);
  EXPECT_FALSE(same_metrics(first, other)) << "another seed gives another day";
}

// Checks, on every traced event of many days, what must always hold.
class InvariantChecker : public TraceSink {
 public:
  explicit InvariantChecker(const scenario::Model& m) : m_(m) {}
  void record(const TraceEvent& e) override {
    ASSERT_GE(e.time, last_time_) << "time never runs backwards";
    last_time_ = e.time;
    switch (e.kind) {
      case TraceKind::kIncidentReported:
        ASSERT_TRUE(open_.insert(e.incident).second);
        break;
      case TraceKind::kDispatched: {
        const scenario::Unit& unit = m_.scenario().forces.units[e.unit];
        ASSERT_LT(busy_[e.unit], unit.teams()) << "a unit sends no more teams than it has";
        ASSERT_FALSE(absent_.contains(e.unit)) << "an absent unit was sent";
        ASSERT_TRUE(open_.contains(e.incident)) << "teams are sent only to open incidents";
        ASSERT_GE(e.time, hours(unit.duty_start_hour)) << "a unit is sent only on duty";
        ASSERT_LT(e.time, hours(unit.duty_end_hour)) << "a unit is sent only on duty";
        ++busy_[e.unit];
        out_at_[e.unit].push_back(e.incident);
        break;
      }
      case TraceKind::kUnitReturns:
        ASSERT_GT(busy_[e.unit], 0) << "only a busy team returns";
        --busy_[e.unit];
        break;
      case TraceKind::kUnitAbsent:
        absent_.insert(e.unit);
        break;
      case TraceKind::kSettled:
        ASSERT_EQ(open_.erase(e.incident), 1u) << "an incident is settled once";
        ++settled_;
        break;
      case TraceKind::kOpenAtEnd:
        ASSERT_EQ(open_.erase(e.incident), 1u);
        open_at_end_.insert(e.incident);
        break;
      case TraceKind::kCountEnds:
        count_end_[e.tps] = e.time;
        break;
      case TraceKind::kGuardsLeave: {
        const auto& site = m_.tps()[e.tps];
        const auto& g = m_.guard_groups()[site.guard_group];
        // No guard leaves before every TPS of its group has counted, plus what the policy keeps.
        Tick last = 0;
        for (std::uint32_t k = 0; k < g.tps_count; ++k) {
          const auto it = count_end_.find(m_.group_tps()[g.first_tps + k]);
          ASSERT_NE(it, count_end_.end()) << "guards left before a TPS of their group had counted";
          last = std::max(last, it->second);
        }
        const auto& rule = m_.plan().retention[static_cast<std::size_t>(g.category)];
        if (rule.name == "fixed" && left_[site.guard_group]++ > 0 &&
            rule.settings["officers"].get<int>() > 0) {
          EXPECT_GE(e.time, last + hours(rule.settings["hours"].get<double>()))
              << "retained guards left before their time";
        }
        break;
      }
      default:
        break;
    }
  }
  void end_of_day(const Outcome& o) {
    EXPECT_TRUE(open_.empty()) << "every incident ends settled or open at the end of the day";
    // Utilisation is busy time over on-duty time; officer-hours add up.
    for (std::size_t m = static_cast<std::size_t>(Metric::kUtilizationBhabinkamtibmas);
         m <= static_cast<std::size_t>(Metric::kUtilizationPolda); ++m)
      if (!std::isnan(o.metrics[m])) {
        EXPECT_LE(o.metrics[m], 1.0) << dynamics::metric_name(static_cast<Metric>(m));
      }
    std::int64_t busy = 0, duty = 0;
    for (std::size_t u = 0; u < o.unit_busy_officer_ms.size(); ++u) {
      EXPECT_LE(o.unit_busy_officer_ms[u], o.unit_duty_officer_ms[u]) << "unit " << u;
      EXPECT_LE(o.unit_overtime_officer_ms[u], o.unit_duty_officer_ms[u]) << "unit " << u;
      busy += o.unit_busy_officer_ms[u];
      duty += o.unit_duty_officer_ms[u];
    }
    EXPECT_NEAR(o[Metric::kOfficerHoursBusy], to_hours(busy), 1e-6);
    EXPECT_GE(o[Metric::kOfficerHoursDuty] + 1e-6, to_hours(duty))
        << "guards' duty comes on top of the units'";
    busy_.clear();
    out_at_.clear();
    open_.clear();
    open_at_end_.clear();
    busy_.clear();
    absent_.clear();
    count_end_.clear();
    left_.clear();
    last_time_ = 0;
  }
  int settled() const { return settled_; }

 private:
  const scenario::Model& m_;
  std::set<std::uint32_t> open_, open_at_end_, absent_;
  std::map<std::uint32_t, int> busy_;                           // unit -> teams out
  std::map<std::uint32_t, std::vector<std::uint32_t>> out_at_;  // unit -> incidents its teams went to
  std::map<std::uint32_t, Tick> count_end_;
  std::map<std::uint32_t, int> left_;
  Tick last_time_ = 0;
  int settled_ = 0;
};

TEST(Replication, InvariantsHoldOnEveryEventOfManyDays) {
  for (const char* name : {"sandbox.json", "jepara-pilkada.json"}) {
    const auto model = builtin(name);
    Replication r(model);
    InvariantChecker check(*model);
    double escalations = 0;
    for (std::uint64_t day = 0; day < 40; ++day) {
      const Outcome& o = r.run(2024, day, &check);
      check.end_of_day(o);
      escalations += o[Metric::kEscalations];
      ASSERT_FALSE(::testing::Test::HasFatalFailure()) << name << " day " << day;
    }
    if (std::string(name) == "jepara-pilkada.json") {
      EXPECT_GT(check.settled(), 100) << "the checks saw real traffic";
      EXPECT_GT(escalations, 0) << "and escalations";
    }
  }
}

TEST(Replication, AHandCheckedDayHasExactResponseTimes) {
  // Motorbike: 2000 m of collector at 30 km/h = 240 s; 1500 m of village road at 20 km/h = 270 s.
  // Response = 3 min mobilisation + 510 s = 690 s. Handling is fixed at 10 min; the unit returns
  // 510 s after settling.
  const auto model =
      scenario::compile(scenario::resolve(scenario::ScenarioDocument::from_json(one_tps_one_unit())));
  Replication r(model);
  Recorder t;
  const Outcome& o = r.run(1, 0, &t);
  ASSERT_GT(o[Metric::kIncidents], 5) << "3 incidents per TPS-day x rawan 3 gives about 9";
  std::map<std::uint32_t, Tick> reported, dispatched;
  int exact = 0;
  for (const TraceEvent& e : t.events) {
    if (e.kind == TraceKind::kIncidentReported) reported[e.incident] = e.time;
    if (e.kind == TraceKind::kDispatched) {
      dispatched[e.incident] = e.time;
      EXPECT_EQ(e.arg, e.time + 690'000) << "expected arrival = dispatch + mobilisation + travel";
    }
    if (e.kind == TraceKind::kOnScene) {
      EXPECT_EQ(e.time, dispatched.at(e.incident) + 690'000);
      if (dispatched.at(e.incident) == reported.at(e.incident)) ++exact;
    }
    if (e.kind == TraceKind::kSettled) {
      EXPECT_EQ(e.time, dispatched.at(e.incident) + 690'000 + 600'000);
    }
  }
  EXPECT_GT(exact, 0) << "incidents reported while the unit was free are answered in exactly 11.5 min";
  EXPECT_EQ(o[Metric::kFirstResponseMax] >= 11.5, true);
  EXPECT_EQ(o[Metric::kUnsettled], 0);
}

TEST(Replication, PerTpsCountsDoNotWrapAt16Bits) {
  // A stress day with about 100,000 incidents at one TPS: its count must be the day's count.
  Json doc = one_tps_one_unit();
  doc["incidents"]["kinds"]["disturbance"]["per_1000_tps_day"] = 4.5e7;
  doc["incidents"]["kinds"]["disturbance"]["handling"]["mean_minutes"] = 0.00002;  // about a millisecond
  doc["plans"]["none"]["guards"]["rawan"] = {{"officers", 2}, {"tps", 1}};  // guards settle them at once
  testing::add_guard_pool(doc, 2);
  doc["incidents"]["post_count_hours"] = 0;  // none after the guards leave, when they would queue
  Replication day(testing::compiled(doc));
  const Outcome& o = day.run(1, 0);
  ASSERT_GT(o[Metric::kIncidents], 70'000);
  EXPECT_EQ(o.tps_incidents[0], static_cast<std::uint32_t>(o[Metric::kIncidents]));
}

TEST(Replication, AKeepReservePolicyHoldsAPostsLastUnitForNearbyIncidents) {
  // The only unit is 8.5 min of driving away (3 min mobilisation aside). Keeping 1 unit in reserve
  // for incidents within 5 min, the post never sends it; within 10 min, it always does.
  Json doc = one_tps_one_unit();
  doc["plans"]["none"]["dispatch"] = {{"policy", "keep_reserve"}, {"min_reserve", 1}, {"local_minutes", 5}};
  auto model = scenario::compile(scenario::resolve(scenario::ScenarioDocument::from_json(doc)));
  const Outcome held = Replication(model).run(1, 0);
  ASSERT_GT(held[Metric::kIncidents], 0);
  EXPECT_EQ(held[Metric::kNeverAnswered], held[Metric::kIncidents]);
  doc["plans"]["none"]["dispatch"]["local_minutes"] = 10;
  model = scenario::compile(scenario::resolve(scenario::ScenarioDocument::from_json(doc)));
  const Outcome sent = Replication(model).run(1, 0);
  EXPECT_EQ(sent[Metric::kIncidents], held[Metric::kIncidents]) << "the same incidents arrive under both";
  EXPECT_EQ(sent[Metric::kNeverAnswered], 0);
}

}  // namespace
}  // namespace siaga::dynamics
