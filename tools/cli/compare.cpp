// `siaga compare [FILE] --plans A,B[,C...] [-n N]`: plans on common random numbers, paired
// differences to the first plan, verdicts with Holm's correction.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "experiment_cli.hpp"
#include "scenario_input.hpp"
#include "siaga/core/error.hpp"
#include "siaga/experiment/compare.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/study_outputs.hpp"
#include "siaga/version.hpp"

namespace siaga::cli {
namespace {

using dynamics::Metric;

struct CompareOptions {
  std::string file;
  std::vector<std::string> plans;
  bool json = false;
  ExperimentArgs exp;
};

std::string number(double x, int decimals = 3) { return fixed(x, decimals, "n/a"); }

// The metrics a planner reads first, in this order; `--out` has them all.
const Metric kShown[] = {Metric::kIncidents,         Metric::kEscalations,          Metric::kAnyEscalation,
                         Metric::kUnsettled,         Metric::kFirstResponseMean,    Metric::kFirstResponseP90,
                         Metric::kShareWithinTarget, Metric::kAnyLongWait,          Metric::kPostCountExposed,
                         Metric::kOfficerHoursDuty,  Metric::kOfficerHoursRetention};

std::string_view better_text(dynamics::Better b) {
  return b == dynamics::Better::kLower    ? "lower is better"
         : b == dynamics::Better::kHigher ? "higher is better"
                                          : "";
}

void print(const experiment::Comparison& c) {
  const auto& first = c.results.front();
  std::printf(
      "%zu plans on common random numbers: seed %llu, %zu replications each%s; %.0f%% intervals (Wilson for "
      "chances, t for means, within each metric's range), Holm's correction over %zu comparison(s)\n",
      c.results.size(), static_cast<unsigned long long>(first.seed), first.n(),
      first.partial ? " (PARTIAL: interrupted)" : "", 100 * c.confidence, c.results.size() - 1);
  std::printf(
      "Each metric's figures are over the days it is defined in every plan; diff is the paired\n"
      "difference to the first plan.\n\n");
  for (const Metric m : kShown) {
    const auto& mc = c.metrics[static_cast<std::size_t>(m)];
    const std::string_view better = better_text(dynamics::metric_better(m));
    std::printf("%s [%s%s%s]\n", std::string(dynamics::metric_label(m)).c_str(),
                std::string(dynamics::metric_name(m)).c_str(), better.empty() ? "" : "; ",
                std::string(better).c_str());
    for (std::size_t k = 0; k < c.results.size(); ++k) {
      std::printf("  %-22s %-28s", c.results[k].plan.c_str(), interval_text(mc.plans[k]).c_str());
      if (k > 0) {
        const auto& d = mc.differences[k];
        std::printf(" diff %s [%s, %s]  p=%s  %s", number(d.mean).c_str(), number(d.low).c_str(),
                    number(d.high).c_str(), number(mc.adjusted_p[k], 4).c_str(),
                    std::string(experiment::to_string(mc.verdicts[k])).c_str());
      }
      std::printf("\n");
    }
  }
  std::printf(
      "\nCommon random numbers: paired intervals are %.0f%% of the width independent runs would give.\n",
      100 * c.width_ratio);
}

void run_compare(const CompareOptions& o) {
  const auto doc = load_scenario_argument(o.file);
  std::vector<std::string> plans = o.plans;
  if (plans.empty()) plans = doc.plan_names();  // all of them, in file order
  if (!o.exp.out.empty() && std::filesystem::is_directory(o.exp.out))
    io::check_output_files(o.exp.out, io::comparison_output_files(plans),
                           o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse);
  check_report_option(o.exp);
  const auto options = experiment_options(o.exp, scenario_seed(doc), 1000);
  const experiment::Comparison c = experiment::compare_plans(doc, plans, options);
  end_experiment();
  const std::string hash = io::scenario_hash(doc.json().dump());
  if (o.json)
    print_json(io::comparison_json(c, hash, siaga::version()));
  else
    print(c);
  if (!o.exp.out.empty()) {
    std::filesystem::create_directory(o.exp.out);  // its parent must exist, as for run --out
    // compare.csv, compare.json, each plan's results and the scenario's facts: what the report draws.
    io::write_comparison_outputs(o.exp.out, c, hash, siaga::version(), o.exp.force);
    std::fprintf(stderr, "siaga: results written to %s%s\n", o.exp.out.c_str(),
                 interrupted() ? " (partial)" : "");
    if (o.exp.report) write_report_into(o.exp.out, o.exp.force);
  }
  exit_if_interrupted();
}

}  // namespace

CLI::App* add_compare(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Compare plans on common random numbers (default: every plan)");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--plans", o->plans, "plans to compare, the first is the reference (default: all)")
      ->delimiter(',');
  cmd->add_flag("--json", o->json,
                "print compare.json (provenance and every metric's row) instead of the summary");
  add_experiment_options(*cmd, o->exp, true);
  cmd->footer(
      "Example:\n  siaga compare sandbox.json --plans doctrine,forward_reserve -n 500 --out results/\n"
      "  compares two plans of a built-in scenario over 500 election days each and writes compare.csv,\n"
      "  compare.json and each plan's tables into results/.");
  cmd->callback([o] { run_compare(*o); });
  return cmd;
}

}  // namespace siaga::cli
