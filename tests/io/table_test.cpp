#include "siaga/io/table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "io_test_support.hpp"
#include "siaga/core/error.hpp"
#include "siaga/experiment/compare.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/study_outputs.hpp"
#include "siaga/scenario/builtin.hpp"

namespace siaga::io {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Table small_table() {
  Table t{{{"name", ColumnType::kText}, {"count", ColumnType::kInteger}, {"share", ColumnType::kReal}}, {}};
  t.add_row({std::string("plain"), std::int64_t{3}, 0.25});
  t.add_row({std::string("with, comma and \"quotes\""), Cell{}, kNaN});
  t.add_row({std::string("line\nbreak"), std::int64_t{-1}, 1e-7});
  return t;
}

TEST(Table, WritesOneCsvRuleWithEmptyForMissing) {
  EXPECT_EQ(csv_text(small_table()),
            "name,count,share\n"
            "plain,3,0.25\n"
            "\"with, comma and \"\"quotes\"\"\",,\n"
            "\"line\nbreak\",-1,1e-07\n");
}

TEST(Table, TheTextRowsWriterQuotesTheSameWay) {
  const Table t = small_table();
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : t.rows) {
    std::vector<std::string> text;
    for (const Cell& c : r) text.push_back(cell_text(c));
    rows.push_back(text);
  }
  EXPECT_EQ(csv_text(t.header(), rows), csv_text(t));
}

TEST(Table, AsJsonKeysRowsByColumnWithNullForMissing) {
  const auto j = table_json(small_table());
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0].dump(), R"({"name":"plain","count":3,"share":0.25})");
  EXPECT_TRUE(j[1]["count"].is_null());
  EXPECT_TRUE(j[1]["share"].is_null());
}

TEST(Table, RefusesARowThatDoesNotFitItsColumns) {
  Table t = small_table();
  EXPECT_DEATH(t.add_row({std::string("short")}), "not as long as its columns");
  EXPECT_DEATH(t.add_row({std::int64_t{1}, std::int64_t{2}, 0.5}),
               "not of its column's type");  // a number as a name
  EXPECT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.column("share"), 2u);
  EXPECT_FALSE(t.column("nosuch").has_value());
}

scenario::ScenarioDocument sandbox() {
  return scenario::ScenarioDocument::parse(scenario::find_builtin_scenario("sandbox.json")->text,
                                           "sandbox.json", ".");
}

TEST(CompareTable, HasOneRowPerMetricAndPlanWithTheComparisonsFigures) {
  experiment::ExperimentOptions o;
  o.seed = 5;
  o.replications = 60;
  const auto doc = sandbox();
  const experiment::Comparison c = experiment::compare_plans(doc, doc.plan_names(), o);
  const Table t = compare_table(c);
  EXPECT_EQ(t.header(), (std::vector<std::string>{"metric", "label", "plan", "kind", "n", "mean", "low",
                                                  "high", "diff_to_first", "diff_low", "diff_high", "p_holm",
                                                  "verdict", "paired_to_independent_width"}));
  ASSERT_EQ(t.rows.size(), dynamics::kMetricCount * c.results.size());
  const std::size_t m = static_cast<std::size_t>(dynamics::Metric::kEscalations);
  const auto& first = t.rows[m * 2];
  const auto& second = t.rows[m * 2 + 1];
  EXPECT_EQ(std::get<std::string>(first[0]), "escalations");
  EXPECT_EQ(std::get<std::string>(first[1]), "escalations, per day");
  EXPECT_EQ(std::get<std::string>(second[2]), c.results[1].plan);
  EXPECT_EQ(std::get<double>(second[5]), c.metrics[m].plans[1].mean);
  EXPECT_EQ(std::get<double>(second[8]), c.metrics[m].differences[1].mean);
  EXPECT_TRUE(is_missing(first[8])) << "the reference has no difference";
  EXPECT_EQ(std::get<std::string>(first[12]), "reference");
  // The CSV spells a missing value as an empty field, not "n/a".
  EXPECT_EQ(csv_text(t).find("n/a"), std::string::npos);
  const auto j = comparison_json(c, "0123456789abcdef", "9.9.9");
  EXPECT_EQ(j["format"], kCompareFormat);
  EXPECT_EQ(j["seed"], 5u);
  EXPECT_EQ(j["n"], 60u);
  EXPECT_EQ(j["partial"], false);
  EXPECT_EQ(j["scenario"]["hash"], "0123456789abcdef");
  EXPECT_EQ(j["rows"].size(), t.rows.size());
}

TEST(SweepTable, NamesItsColumnsAsPythonDoesAndKeepsIntervalsInRange) {
  experiment::ExperimentOptions o;
  o.seed = 2;
  o.replications = 40;
  const auto doc = sandbox();
  const experiment::SweepResult r = experiment::run_sweep(
      doc, "doctrine", {experiment::parse_sweep_axis("plans.doctrine.retention.rawan.hours=0:2:2")}, o);
  const Table t = sweep_table(r, 0.95);
  EXPECT_EQ(t.header(),
            (std::vector<std::string>{
                "plans.doctrine.retention.rawan.hours", "n", "p_any_escalation", "p_any_escalation_low",
                "p_any_escalation_high", "escalations_mean", "escalations_low", "escalations_high",
                "first_response_mean_min", "first_response_mean_min_low", "first_response_mean_min_high",
                "post_count_exposed_mean", "officer_hours_duty_mean", "officer_hours_retention_mean"}));
  ASSERT_EQ(t.rows.size(), 2u);
  for (const auto& row : t.rows) {
    EXPECT_EQ(std::get<std::int64_t>(row[1]), 40);
    const double p = std::get<double>(row[2]), lo = std::get<double>(row[3]), hi = std::get<double>(row[4]);
    EXPECT_LE(0.0, lo);
    EXPECT_LE(lo, p);
    EXPECT_LE(p, hi);
    EXPECT_LE(hi, 1.0);
    if (!is_missing(row[6])) {
      EXPECT_GE(std::get<double>(row[6]), 0.0);
    }
  }
  EXPECT_EQ(std::get<double>(t.rows[1][0]), 2.0);
}

TEST(SummaryTable, HasEveryMetricWithItsLabelKindAndInterval) {
  const auto model = testing::minimal_model();
  experiment::ExperimentOptions o;
  o.replications = 30;
  const auto r = experiment::run_experiment(model, o);
  const Table t = summary_table(r, 0.95);
  ASSERT_EQ(t.rows.size(), dynamics::kMetricCount);
  const auto any = static_cast<std::size_t>(dynamics::Metric::kAnyEscalation);
  EXPECT_EQ(std::get<std::string>(t.rows[any][2]), "probability");
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(t.rows[any][5]));
  const auto incidents = static_cast<std::size_t>(dynamics::Metric::kIncidents);
  EXPECT_EQ(std::get<std::string>(t.rows[incidents][2]), "mean");
  EXPECT_TRUE(is_missing(t.rows[incidents][5]));
  for (const auto& row : t.rows)
    if (!is_missing(row[7])) {
      EXPECT_GE(std::get<double>(row[7]), 0.0) << std::get<std::string>(row[0]);
    }
}

}  // namespace
}  // namespace siaga::io
