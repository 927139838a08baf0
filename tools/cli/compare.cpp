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
#include "siaga/io/study_outputs.hpp"

namespace siaga::cli {
namespace {

using dynamics::Metric;

struct CompareOptions {
  std::string file;
  std::vector<std::string> plans;
  ExperimentArgs exp;
};

std::string number(double x, int decimals = 3) { return fixed(x, decimals, "n/a"); }

// The metrics a planner reads first, in this order; `--out` has them all.
const Metric kShown[] = {Metric::kIncidents,         Metric::kEscalations,          Metric::kAnyEscalation,
                         Metric::kUnsettled,         Metric::kFirstResponseMean,    Metric::kFirstResponseP90,
                         Metric::kShareWithinTarget, Metric::kAnyLongWait,          Metric::kPostCountExposed,
                         Metric::kOfficerHoursDuty,  Metric::kOfficerHoursRetention};

void print(const experiment::Comparison& c) {
  const auto& first = c.results.front();
  std::printf(
      "%zu plans on common random numbers: seed %llu, %zu replications each%s; %.0f%% intervals, Holm's "
      "correction over %zu comparison(s)\n\n",
      c.results.size(), static_cast<unsigned long long>(first.seed), first.n(),
      first.partial ? " (PARTIAL: interrupted)" : "", 100 * c.confidence, c.results.size() - 1);
  for (const Metric m : kShown) {
    const auto& mc = c.metrics[static_cast<std::size_t>(m)];
    std::printf("%s (%s is better)\n", std::string(dynamics::metric_name(m)).c_str(),
                dynamics::metric_better(m) == dynamics::Better::kLower    ? "lower"
                : dynamics::metric_better(m) == dynamics::Better::kHigher ? "higher"
                                                                          : "neither");
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

void write_outputs(const CompareOptions& o, const experiment::Comparison& c) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& mc : c.metrics)
    for (std::size_t k = 0; k < c.results.size(); ++k) {
      const auto& s = mc.plans[k];
      const auto& d = mc.differences[k];
      rows.push_back(
          {std::string(dynamics::metric_name(mc.metric)), c.results[k].plan, std::to_string(s.n),
           number(s.mean, 6), number(s.low, 6), number(s.high, 6), k ? number(d.mean, 6) : "",
           k ? number(d.low, 6) : "", k ? number(d.high, 6) : "", k ? number(mc.adjusted_p[k], 6) : "",
           std::string(experiment::to_string(mc.verdicts[k])),
           k && d.independent_half_width > 0 ? number(d.half_width() / d.independent_half_width, 4) : ""});
    }
  std::filesystem::create_directory(o.exp.out);  // its parent must exist, as for run --out
  io::write_table_csv(std::filesystem::path(o.exp.out) / "compare.csv",
                      {"metric", "plan", "n", "mean", "low", "high", "diff_to_first", "diff_low", "diff_high",
                       "p_holm", "verdict", "paired_to_independent_width"},
                      rows, o.exp.force);
}

void run_compare(const CompareOptions& o) {
  const auto doc = load_scenario_argument(o.file);
  std::vector<std::string> plans = o.plans;
  if (plans.empty()) plans = doc.plan_names();  // all of them, in file order
  if (!o.exp.out.empty() && std::filesystem::is_directory(o.exp.out)) {
    io::check_destination(std::filesystem::path(o.exp.out) / "compare.csv",
                          o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse, "--out");
    io::check_output_files(o.exp.out, io::comparison_output_files(plans),
                           o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse);
  }
  check_report_option(o.exp);
  const auto options = experiment_options(o.exp, scenario_seed(doc), 1000);
  const experiment::Comparison c = experiment::compare_plans(doc, plans, options);
  end_experiment();
  print(c);
  if (!o.exp.out.empty()) {
    write_outputs(o, c);
    // Each plan's results and the scenario's facts beside compare.csv: what the report draws.
    io::write_comparison_outputs(o.exp.out, c, io::scenario_hash(doc.json().dump()), SIAGA_VERSION,
                                 o.exp.force);
    if (o.exp.report) write_report_into(o.exp.out, o.exp.force);
  }
}

}  // namespace

CLI::App* add_compare(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Compare plans on common random numbers (default: every plan)");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--plans", o->plans, "plans to compare, the first is the reference (default: all)")
      ->delimiter(',');
  add_experiment_options(*cmd, o->exp, true);
  cmd->callback([o] { run_compare(*o); });
  return cmd;
}

}  // namespace siaga::cli
