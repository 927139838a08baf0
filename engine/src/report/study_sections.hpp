#pragma once
// The report's sections that are not one plan's: the scenario paragraph (scenario.json), the plans
// side by side (compare.csv) and risk against cost (sweep_curve.csv). Internal part of the report.

#include <filesystem>
#include <string>
#include <vector>

#include "html_text.hpp"
#include "results_folder.hpp"

namespace siaga::report {

/// The scenario and its plan(s) in one paragraph (region, TPS by category, officers by kind,
/// retention, replications, seed), then the data's credits; from scenario.json.
std::string scenario_html(const Json& facts, const std::string& shown);

/// The plans side by side, a column each: per metric each plan's mean with its interval and, under
/// it, the paired difference to the first plan with its interval and the verdict (Holm's
/// correction); from compare.csv. `plans` are the plans' names in the order compared.
std::string comparison_html(const ResultsTable& compare, const std::vector<std::string>& plans);

/// A sweep's points: the table (HTML) and what the script draws (risk against officer-hours with
/// intervals, the knee marked); from sweep_curve.csv.
struct SweepReport {
  std::string table_html;
  std::string knee_html;  ///< a sentence on the knee
  Json data;
};
SweepReport sweep_report(const ResultsTable& curve);

}  // namespace siaga::report
