#include "siaga/experiment/targets.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "scenario/schema_check.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/scenario/builtin.hpp"

namespace siaga::experiment {
namespace {

using dynamics::Metric;
using scenario::Json;

const std::filesystem::path kScenarios = SIAGA_SCENARIOS_DIR;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Three targets, one of each measure kind, over two made-up scenarios.
Json good_doc() {
  return Json::parse(R"json({
    "format": "siaga-targets/1",
    "targets": [
      {"id": "serious", "description": "serious incidents", "source": "docs/domain.md#incidents (D)",
       "measure": {"kind": "mean", "metric": "serious_incidents", "per": "1000_tps_day"},
       "range": {"min": 0.5, "max": 3}, "applies_to": ["alpha", "beta"], "plans": "all"},
      {"id": "riot_share", "description": "riots per clash", "source": "docs/domain.md#incidents (E)",
       "measure": {"kind": "ratio", "numerator": "clashes_to_riots", "denominator": "clashes"},
       "range": {"max": 0.05}, "applies_to": ["alpha"], "plans": ["doctrine"]},
      {"id": "in_time", "description": "answered in time", "source": "docs/domain.md#moving-around (F)",
       "measure": {"kind": "share_within_target"},
       "range": {"min": 0.9}, "applies_to": ["beta"], "plans": ["doctrine", "reserve"]}
    ]
})json");
}

// Every problem of a document, one "where: message" line each; empty if it reads.
std::vector<std::string> problems_of(const Json& doc) {
  try {
    parse_targets(doc, "t.json");
  } catch (const scenario::ScenarioError& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.line());
    return lines;
  }
  return {};
}

// The good document with one change.
template <class Edit>
std::vector<std::string> problems_after(Edit edit) {
  Json doc = good_doc();
  edit(doc);
  return problems_of(doc);
}

using Lines = std::vector<std::string>;

TEST(TargetsFile, AGoodFileReadsEveryField) {
  const TargetSet set = parse_targets(good_doc(), "t.json");
  EXPECT_EQ(set.shown_name, "t.json");
  ASSERT_EQ(set.targets.size(), 3u);
  const Target& serious = set.targets[0];
  EXPECT_EQ(serious.id, "serious");
  EXPECT_EQ(serious.description, "serious incidents");
  EXPECT_EQ(serious.source, "docs/domain.md#incidents (D)");
  EXPECT_EQ(serious.measure.kind, MeasureKind::kMean);
  EXPECT_EQ(serious.measure.metric, Metric::kSeriousIncidents);
  EXPECT_EQ(serious.measure.per, Per::kThousandTpsDay);
  EXPECT_EQ(serious.range.min, 0.5);
  EXPECT_EQ(serious.range.max, 3.0);
  EXPECT_EQ(serious.applies_to, (Lines{"alpha", "beta"}));
  EXPECT_TRUE(serious.plans.empty());  // "all"
  const Target& ratio = set.targets[1];
  EXPECT_EQ(ratio.measure.kind, MeasureKind::kRatio);
  EXPECT_EQ(ratio.measure.metric, Metric::kClashesToRiots);
  EXPECT_EQ(ratio.measure.denominator, Metric::kClashes);
  EXPECT_FALSE(ratio.range.min.has_value());
  EXPECT_EQ(ratio.range.max, 0.05);
  EXPECT_EQ(ratio.plans, (Lines{"doctrine"}));
  EXPECT_EQ(set.targets[2].measure.kind, MeasureKind::kShareWithinTarget);
  EXPECT_EQ(set.targets[2].range.min, 0.9);
}

TEST(TargetsFile, AMeanIsPerDayUnlessItSaysOtherwise) {
  Json doc = good_doc();
  doc["targets"][0]["measure"].erase("per");
  EXPECT_EQ(parse_targets(doc, "t.json").targets[0].measure.per, Per::kDay);
  doc["targets"][0]["measure"]["per"] = "kabupaten_day";
  EXPECT_EQ(parse_targets(doc, "t.json").targets[0].measure.per, Per::kKabupatenDay);
}

TEST(TargetsFile, TheTopLevelIsCheckedWithItsPath) {
  EXPECT_EQ(problems_of(Json::array()),
            (Lines{"(targets): must be an object with format and targets, got array"}));
  EXPECT_EQ(problems_after([](Json& d) { d.erase("format"); }), (Lines{"format: is required but missing"}));
  EXPECT_EQ(problems_after([](Json& d) { d["format"] = "siaga-targets/2"; }),
            (Lines{"format: unsupported format 'siaga-targets/2' (this siaga reads siaga-targets/1)"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"] = Json::array(); }),
            (Lines{"targets: must be a list of one or more targets"}));
  EXPECT_EQ(problems_after([](Json& d) { d["target"] = 1; }),
            (Lines{"target: unknown field (did you mean 'targets'?)"}));
  // $schema and description are allowed: editors and readers use them.
  EXPECT_EQ(problems_after([](Json& d) {
              d["$schema"] = "siaga-targets-1.schema.json";
              d["description"] = "x";
            }),
            Lines{});
}

TEST(TargetsFile, ATargetsFieldsAreCheckedWithTheirPaths) {
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["id"] = "a b"; }),
            (Lines{"targets[0].id: must be letters, digits, '_' or '-', got 'a b'"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][2]["id"] = "serious"; }),
            (Lines{"targets[2].id: 'serious' is also the id of targets[0]"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["description"] = ""; }),
            (Lines{"targets[0].description: must not be empty"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1].erase("source"); }),
            (Lines{"targets[1].source: is required but missing"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1]["sorce"] = "x"; }),
            (Lines{"targets[1].sorce: unknown field (did you mean 'source'?)"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0] = 7; }),
            (Lines{"targets[0]: must be an object, got number 7"}));
}

TEST(TargetsFile, AMeasureIsCheckedWithItsPath) {
  EXPECT_EQ(
      problems_after([](Json& d) { d["targets"][0]["measure"]["kind"] = "median"; }),
      (Lines{"targets[0].measure.kind: unknown value 'median' (allowed: mean, ratio, share_within_target)"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["measure"]["metric"] = "serious_incident"; }),
            (Lines{"targets[0].measure.metric: unknown metric 'serious_incident' (did you mean "
                   "'serious_incidents'?)"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["measure"]["metric"] = "weather"; }),
            (Lines{"targets[0].measure.metric: unknown metric 'weather'"}));
  EXPECT_EQ(
      problems_after([](Json& d) { d["targets"][0]["measure"]["per"] = "week"; }),
      (Lines{"targets[0].measure.per: unknown value 'week' (allowed: day, kabupaten_day, 1000_tps_day)"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1]["measure"]["per"] = "day"; }),
            (Lines{"targets[1].measure.per: is not used by a 'ratio' measure"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][2]["measure"]["metric"] = "riots"; }),
            (Lines{"targets[2].measure.metric: is not used by a 'share_within_target' measure"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1]["measure"].erase("denominator"); }),
            (Lines{"targets[1].measure.denominator: is required but missing"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0].erase("measure"); }),
            (Lines{"targets[0].measure: is required but missing"}));
}

TEST(TargetsFile, ARangeIsCheckedWithItsPath) {
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["range"] = Json::object(); }),
            (Lines{"targets[0].range: give min, max or both"}));
  EXPECT_EQ(problems_after([](Json& d) {
              d["targets"][0]["range"] = {{"min", 3}, {"max", 1}};
            }),
            (Lines{"targets[0].range.max: must be at least min (3), got 1"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["range"]["min"] = "low"; }),
            (Lines{"targets[0].range.min: must be a number, got string \"low\""}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["range"] = 0.5; }),
            (Lines{"targets[0].range: must be an object, got number 0.5"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["range"]["mx"] = 1; }),
            (Lines{"targets[0].range.mx: unknown field (did you mean 'max'?)"}));
}

TEST(TargetsFile, ScenariosAndPlansAreCheckedWithTheirPaths) {
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["applies_to"] = Json::array(); }),
            (Lines{"targets[0].applies_to: must be a list of one or more scenario names"}));
  EXPECT_EQ(problems_after([](Json& d) {
              d["targets"][0]["applies_to"] = {"alpha", "alpha"};
            }),
            (Lines{"targets[0].applies_to[1]: 'alpha' is named twice"}));
  EXPECT_EQ(problems_after([](Json& d) {
              d["targets"][0]["applies_to"] = {"alpha", 3};
            }),
            (Lines{"targets[0].applies_to[1]: must be a scenario name, got 3"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][0]["plans"] = "every"; }),
            (Lines{"targets[0].plans: must be \"all\" or a list of one or more plan names"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1]["plans"] = Json::array(); }),
            (Lines{"targets[1].plans: must be a list of one or more plan names"}));
  EXPECT_EQ(problems_after([](Json& d) { d["targets"][1].erase("plans"); }),
            (Lines{"targets[1].plans: is required but missing"}));
}

TEST(TargetsFile, EveryProblemIsReportedTogether) {
  EXPECT_EQ(problems_after([](Json& d) {
              d["targets"][0]["range"] = Json::object();
              d["targets"][1]["measure"]["numerator"] = "riot";
              d["targets"][2].erase("applies_to");
            }),
            (Lines{"targets[0].range: give min, max or both",
                   "targets[1].measure.numerator: unknown metric 'riot' (did you mean 'riots'?)",
                   "targets[2].applies_to: is required but missing"}));
}

TEST(TargetsFile, ASyntaxErrorNamesFileLineAndColumn) {
  try {
    parse_targets_text("{\n  \"format\": \"siaga-targets/1\",\n  \"targets\": [}\n", "bad.json");
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].where, "bad.json:3:15");
    EXPECT_EQ(e.problems()[0].message.rfind("not valid JSON: ", 0), 0u) << e.problems()[0].message;
  }
}

TEST(TargetsFile, AMissingFileIsNamed) {
  try {
    load_targets("/nonexistent/targets.json");
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/targets.json: cannot open the targets file");
  }
}

TEST(TargetsSelection, TargetsApplyByScenarioNameAndBindTheirPlansInTheScenariosOrder) {
  const TargetSet set = parse_targets(good_doc(), "t.json");
  const Lines plans{"reserve", "doctrine"};
  const auto alpha = select_targets(set, "alpha", plans);
  ASSERT_EQ(alpha.size(), 3u);  // serious under both plans, riot_share under doctrine
  EXPECT_EQ(alpha[0].target, 0u);
  EXPECT_EQ(alpha[0].plan, "reserve");
  EXPECT_EQ(alpha[1].target, 0u);
  EXPECT_EQ(alpha[1].plan, "doctrine");
  EXPECT_EQ(alpha[2].target, 1u);
  EXPECT_EQ(alpha[2].plan, "doctrine");
  const auto beta = select_targets(set, "beta", plans, "doctrine");
  ASSERT_EQ(beta.size(), 2u);
  EXPECT_EQ(beta[0].target, 0u);
  EXPECT_EQ(beta[1].target, 2u);
  for (const auto& b : beta) EXPECT_EQ(b.plan, "doctrine");
  EXPECT_TRUE(select_targets(set, "gamma", plans).empty());
}

TEST(TargetsSelection, APlanTheScenarioLacksIsAProblemOfTheTarget) {
  const TargetSet set = parse_targets(good_doc(), "t.json");
  try {
    select_targets(set, "beta", Lines{"doctrine"});
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_STREQ(e.what(), "targets[2].plans[1]: no plan 'reserve' in scenario 'beta' (plans: doctrine)");
  }
  // A target that does not apply is not held to the scenario's plans.
  EXPECT_EQ(select_targets(set, "alpha", Lines{"doctrine"}).size(), 2u);
  try {
    select_targets(set, "alpha", Lines{"doctrine"}, "nosuch");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "no plan 'nosuch' in the scenario (plans: doctrine)");
  }
}

// An experiment made by hand: one metric's values, the others 0.
ExperimentResult result_with(Metric m, const std::vector<double>& values) {
  ExperimentResult r;
  r.replications.resize(values.size());
  r.bands.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) r.replications[i][static_cast<std::size_t>(m)] = values[i];
  return r;
}

Target mean_target(Metric m, Per per, std::optional<double> min, std::optional<double> max) {
  Target t;
  t.measure.kind = MeasureKind::kMean;
  t.measure.metric = m;
  t.measure.per = per;
  t.range = {min, max};
  return t;
}

// The 97.5% quantile of Student's t with 2 degrees of freedom (tables).
constexpr double kT2 = 4.302652729749464;

TEST(TargetsEvaluation, AMeanHasItsTIntervalAndIsScaledPerThousandTpsDays) {
  const ExperimentResult r = result_with(Metric::kSeriousIncidents, {1, 2, 3});
  const double half = kT2 * 1.0 / std::sqrt(3.0);  // sd 1 over 3 days
  const auto day =
      evaluate_target(mean_target(Metric::kSeriousIncidents, Per::kDay, 0.5, 3), r, {500, 2}, 0.95);
  EXPECT_EQ(day.n, 3u);
  EXPECT_DOUBLE_EQ(day.estimate, 2.0);
  EXPECT_NEAR(day.low, 2.0 - half, 1e-9);
  EXPECT_NEAR(day.high, 2.0 + half, 1e-9);
  EXPECT_EQ(day.verdict, TargetVerdict::kInside);
  EXPECT_EQ(day.interval, IntervalPlacement::kStraddles);

  // 2 a day over 500 TPS is 4 per 1,000 TPS-days; over 2 kabupaten, 1 per kabupaten-day.
  const auto tps = evaluate_target(mean_target(Metric::kSeriousIncidents, Per::kThousandTpsDay, 0.5, 3), r,
                                   {500, 2}, 0.95);
  EXPECT_DOUBLE_EQ(tps.estimate, 4.0);
  EXPECT_NEAR(tps.low, 2 * (2.0 - half), 1e-9);
  EXPECT_NEAR(tps.high, 2 * (2.0 + half), 1e-9);
  EXPECT_EQ(tps.verdict, TargetVerdict::kOutside);
  EXPECT_EQ(tps.interval, IntervalPlacement::kStraddles);
  const auto kab =
      evaluate_target(mean_target(Metric::kSeriousIncidents, Per::kKabupatenDay, {}, 0.1), r, {500, 2}, 0.95);
  EXPECT_DOUBLE_EQ(kab.estimate, 1.0);
  EXPECT_NEAR(kab.high, (2.0 + half) / 2, 1e-9);
  EXPECT_EQ(kab.verdict, TargetVerdict::kOutside);
}

TEST(TargetsEvaluation, TheIntervalSaysHowSureTheVerdictIs) {
  // Mean 10, sd 1 over 100 days: the interval is about 10 +- 0.2.
  std::vector<double> v;
  for (int i = 0; i < 100; ++i) v.push_back(i % 2 == 0 ? 9.0 : 11.0);
  const ExperimentResult r = result_with(Metric::kIncidents, v);
  auto placement = [&](std::optional<double> min, std::optional<double> max) {
    const auto e =
        evaluate_target(mean_target(Metric::kIncidents, Per::kDay, min, max), r, ScenarioScale{}, 0.95);
    return std::pair{e.verdict, e.interval};
  };
  EXPECT_EQ(placement(9, 11), std::pair(TargetVerdict::kInside, IntervalPlacement::kWhollyInside));
  EXPECT_EQ(placement({}, 10.1), std::pair(TargetVerdict::kInside, IntervalPlacement::kStraddles));
  EXPECT_EQ(placement({}, 9.9), std::pair(TargetVerdict::kOutside, IntervalPlacement::kStraddles));
  EXPECT_EQ(placement(11, {}), std::pair(TargetVerdict::kOutside, IntervalPlacement::kWhollyOutside));
  EXPECT_EQ(placement({}, 9), std::pair(TargetVerdict::kOutside, IntervalPlacement::kWhollyOutside));
  // The bounds belong to the range.
  EXPECT_EQ(placement(10, 10), std::pair(TargetVerdict::kInside, IntervalPlacement::kStraddles));
}

TEST(TargetsEvaluation, AStraddlingIntervalSaysHowManyReplicationsWouldDecideIt) {
  // Mean 10, sd 1.005 (9 and 11 alternating) over 100 days: half-width h = t(99) * sd / 10.
  std::vector<double> v;
  for (int i = 0; i < 100; ++i) v.push_back(i % 2 == 0 ? 9.0 : 11.0);
  const ExperimentResult r = result_with(Metric::kIncidents, v);
  const auto at_most = [&](double max) {
    return evaluate_target(mean_target(Metric::kIncidents, Per::kDay, {}, max), r, ScenarioScale{}, 0.95);
  };
  const auto e = at_most(10.1);
  ASSERT_EQ(e.interval, IntervalPlacement::kStraddles);
  const double half = (e.high - e.low) / 2;
  // The half-width falls as 1/sqrt(n): it equals the distance 0.1 at n = 100 (h / 0.1)^2.
  EXPECT_EQ(e.replications_to_decide, static_cast<std::size_t>(std::ceil(100 * (half / 0.1) * (half / 0.1))));
  EXPECT_GT(e.replications_to_decide, 100u);  // h is about 0.2: four times the days
  EXPECT_LT(e.replications_to_decide, 500u);
  // Settled intervals, and an estimate on the bound itself, give no figure.
  EXPECT_EQ(at_most(11).replications_to_decide, 0u);
  EXPECT_EQ(at_most(9).replications_to_decide, 0u);
  EXPECT_EQ(at_most(10).replications_to_decide, 0u);
}

TEST(TargetsEvaluation, OneDayGivesAVerdictWithoutAnInterval) {
  const auto e = evaluate_target(mean_target(Metric::kIncidents, Per::kDay, 0, 5),
                                 result_with(Metric::kIncidents, {3}), ScenarioScale{}, 0.95);
  EXPECT_EQ(e.verdict, TargetVerdict::kInside);
  EXPECT_EQ(e.interval, IntervalPlacement::kUndefined);
}

TEST(TargetsEvaluation, AScaleTheScenarioCannotGiveIsUndefined) {
  const auto e = evaluate_target(mean_target(Metric::kIncidents, Per::kThousandTpsDay, 0, 5),
                                 result_with(Metric::kIncidents, {3, 4}), {0, 0}, 0.95);
  EXPECT_EQ(e.verdict, TargetVerdict::kUndefined);
  EXPECT_EQ(e.interval, IntervalPlacement::kUndefined);
}

TEST(TargetsEvaluation, ARatioIsARatioOfTotalsWithTheDeltaMethodInterval) {
  ExperimentResult r = result_with(Metric::kClashes, {10, 10, 20, 0});
  const std::vector<double> riots{1, 0, 2, 0};
  for (std::size_t i = 0; i < riots.size(); ++i)
    r.replications[i][static_cast<std::size_t>(Metric::kClashesToRiots)] = riots[i];
  Target t;
  t.measure.kind = MeasureKind::kRatio;
  t.measure.metric = Metric::kClashesToRiots;
  t.measure.denominator = Metric::kClashes;
  t.range.max = 0.05;
  const auto e = evaluate_target(t, r, ScenarioScale{}, 0.95);
  const Ratio expected = ratio_of_totals(r.column(Metric::kClashesToRiots), r.column(Metric::kClashes), 0.95);
  EXPECT_DOUBLE_EQ(e.estimate, 3.0 / 40.0);  // not the mean of the daily ratios
  EXPECT_DOUBLE_EQ(e.low, expected.low);
  EXPECT_DOUBLE_EQ(e.high, expected.high);
  EXPECT_LT(e.low, e.estimate);
  EXPECT_EQ(e.n, 4u);
  EXPECT_EQ(e.verdict, TargetVerdict::kOutside);

  // No clash on any day: nothing to measure.
  const auto none = evaluate_target(t, result_with(Metric::kClashes, {0, 0}), ScenarioScale{}, 0.95);
  EXPECT_EQ(none.verdict, TargetVerdict::kUndefined);
  EXPECT_EQ(none.interval, IntervalPlacement::kUndefined);
}

TEST(TargetsEvaluation, TheShareWithinTargetPoolsTheBands) {
  ExperimentResult r = result_with(Metric::kIncidents, {10, 10, 10});
  r.bands[0].incidents = {8, 2, 0, 0};
  r.bands[0].within = {8, 0, 0, 0};
  r.bands[1].incidents = {10, 0, 0, 0};
  r.bands[1].within = {9, 0, 0, 0};
  r.bands[2].incidents = {5, 3, 2, 0};
  r.bands[2].within = {5, 3, 2, 0};
  Target t;
  t.measure.kind = MeasureKind::kShareWithinTarget;
  t.range.min = 0.9;
  const auto e = evaluate_target(t, r, ScenarioScale{}, 0.95);
  EXPECT_DOUBLE_EQ(e.estimate, 27.0 / 30.0);
  const Ratio expected =
      ratio_of_totals(std::vector<double>{8, 9, 10}, std::vector<double>{10, 10, 10}, 0.95, 0, 1);
  EXPECT_DOUBLE_EQ(e.low, expected.low);
  EXPECT_DOUBLE_EQ(e.high, expected.high);
  EXPECT_LE(e.high, 1.0);  // a share's interval is clipped to [0, 1]
  EXPECT_EQ(e.verdict, TargetVerdict::kInside);
  EXPECT_EQ(e.interval, IntervalPlacement::kStraddles);
}

TEST(TargetsCheck, ACancelledRunReportsThePlansItDidNotRunAsNotInside) {
  const auto* sandbox = scenario::find_builtin_scenario("sandbox.json");
  ASSERT_NE(sandbox, nullptr);
  const auto doc = scenario::ScenarioDocument::parse(sandbox->text, "sandbox.json", ".");
  Json targets = good_doc();
  targets["targets"][0]["applies_to"] = {"sandbox"};
  targets["targets"][0]["measure"]["per"] = "day";
  targets["targets"][0]["range"] = {{"min", 0}};
  const TargetSet set = parse_targets(targets, "t.json");
  std::atomic<bool> cancel{true};  // as if Ctrl-C came during the first block
  ExperimentOptions o;
  o.replications = 200;
  o.cancel = &cancel;
  const TargetsReport report = check_targets(doc, set, o);
  EXPECT_TRUE(report.partial);
  EXPECT_EQ(report.plans, (Lines{"doctrine", "forward_reserve"}));
  EXPECT_EQ(report.n, (std::vector<std::size_t>{50}));
  ASSERT_EQ(report.checks.size(), 2u);
  ASSERT_TRUE(report.checks[0].evaluation.has_value());
  EXPECT_EQ(report.checks[0].evaluation->verdict, TargetVerdict::kInside);
  EXPECT_FALSE(report.checks[1].evaluation.has_value());
  EXPECT_FALSE(report.all_inside());
}

TEST(TargetsCheck, AScenarioNoTargetAppliesToIsBadInput) {
  const auto doc = scenario::ScenarioDocument::parse(scenario::find_builtin_scenario("sandbox.json")->text,
                                                     "sandbox.json", ".");
  try {
    check_targets(doc, parse_targets(good_doc(), "t.json"), ExperimentOptions{});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "no target in t.json applies to scenario 'sandbox' (the targets apply to 'alpha', 'beta')");
  }
}

// The issue's requirement: the default scenario, with its default settings, lands inside every
// target that applies to it. 400 replications per plan, seed 1 (the scenario's): about 1,200 days,
// 1-2 s on 2 cores.
TEST(ShippedTargets, JeparaLandsInsideEveryTargetThatAppliesToIt) {
  const auto* jepara = scenario::find_builtin_scenario("jepara-pilkada.json");
  ASSERT_NE(jepara, nullptr);
  const auto doc = scenario::ScenarioDocument::parse(jepara->text, "jepara-pilkada.json", ".");
  ExperimentOptions o;
  o.seed = 1;
  o.replications = 400;
  const auto start = std::chrono::steady_clock::now();
  const TargetsReport report = check_targets(doc, builtin_targets(), o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Every target applies to Jepara: 3 bind every plan, 2 the doctrine plan.
  ASSERT_EQ(report.checks.size(), 3 * report.plans.size() + 2);
  ASSERT_GE(report.plans.size(), 3u);
  for (const TargetCheck& c : report.checks) {
    ASSERT_TRUE(c.evaluation.has_value()) << c.target.id;
    const TargetEvaluation& e = *c.evaluation;
    EXPECT_EQ(e.n, 400u) << c.target.id;
    EXPECT_EQ(e.verdict, TargetVerdict::kInside)
        << c.target.id << " under " << c.plan << ": " << e.estimate << " [" << e.low << ", " << e.high << "]";
  }
  EXPECT_TRUE(report.all_inside());
  RecordProperty("seconds", std::to_string(seconds));
}

TEST(ShippedTargets, TheShippedFileIsTheBuiltInOneAndNotAScenario) {
  ASSERT_EQ(builtin_target_files().size(), 1u);
  EXPECT_EQ(builtin_target_files()[0].name, "targets.json");
  EXPECT_EQ(builtin_target_files()[0].text, read_text(kScenarios / "targets.json"));
  EXPECT_EQ(scenario::find_builtin_scenario("targets.json"), nullptr);
  EXPECT_EQ(builtin_targets().shown_name, "targets.json (built in)");
  EXPECT_EQ(builtin_targets().targets.size(), 5u);
}

TEST(ShippedTargets, TheShippedFileFollowsItsSchema) {
  const Json doc = Json::parse(read_text(kScenarios / "targets.json"));
  EXPECT_EQ(doc["$schema"], "siaga-targets-1.schema.json");
  EXPECT_EQ(doc["format"], std::string(kTargetsFormat));
  const scenario::testing::SchemaCheck schema(
      Json::parse(read_text(kScenarios / "siaga-targets-1.schema.json")));
  EXPECT_EQ(schema.problems(doc), Lines{});
  EXPECT_EQ(schema.problems(good_doc()), Lines{});
  // The schema can fail: a kind it does not know, a range with no bound, a plan list that is a string.
  Json bad = good_doc();
  bad["targets"][0]["measure"]["kind"] = "median";
  bad["targets"][1]["range"] = Json::object();
  bad["targets"][2]["plans"] = "every";
  const auto problems = schema.problems(bad);
  auto has = [&](const std::string& s) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(s) == 0; });
  };
  EXPECT_TRUE(has("$.targets[0].measure: oneOf:")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("$.targets[1].range: minProperties:")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("$.targets[2].plans: oneOf:")) << ::testing::PrintToString(problems);
}

TEST(ShippedTargets, EverySourceCitesAStableSectionOfTheDomainPageWithAMark) {
  const std::string domain = read_text(kScenarios.parent_path() / "docs" / "domain.md");
  // The stable anchors are the ones the page's table of sections links to.
  std::set<std::string> anchors;
  const std::regex link(R"(\]\(#([a-z0-9-]+)\))");
  const std::string head = domain.substr(0, domain.find("## Marks and sources"));
  for (auto it = std::sregex_iterator(head.begin(), head.end(), link); it != std::sregex_iterator(); ++it)
    anchors.insert((*it)[1]);
  ASSERT_TRUE(anchors.count("incidents")) << "the domain page's table of sections changed";
  const std::regex cite(R"(^docs/domain\.md#([a-z0-9-]+) \((F|D|E): .+\)$)");
  for (const Target& t : builtin_targets().targets) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(t.source, m, cite)) << t.id << ": " << t.source;
    EXPECT_TRUE(anchors.count(m[1])) << t.id << " cites #" << m[1] << ", not a stable section";
  }
}

}  // namespace
}  // namespace siaga::experiment
