// `siaga sweep [FILE] --plan P --set 'path=a:b:s' [--set ...] [-n N]`: risk against cost over a
// grid of parameter values, on common random numbers.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "experiment_cli.hpp"
#include "scenario_input.hpp"
#include "siaga/core/error.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/study_outputs.hpp"
#include "siaga/version.hpp"

namespace siaga::cli {
namespace {

using dynamics::Metric;

struct SweepOptions {
  std::string file;
  std::string plan;
  std::vector<std::string> sets;
  bool json = false;
  ExperimentArgs exp;
};

std::string number(double x, int decimals = 3) { return fixed(x, decimals, ""); }

void run_sweep_command(const SweepOptions& o) {
  if (o.sets.empty())
    throw InputError("--set: give at least one parameter to sweep, e.g. --set 'path=0:6:1'");
  std::vector<experiment::SweepAxis> axes;
  for (const std::string& s : o.sets) axes.push_back(experiment::parse_sweep_axis(s));
  const auto doc = load_scenario_argument(o.file);
  const std::string plan = o.plan.empty() && !doc.plan_names().empty() ? doc.plan_names().front() : o.plan;
  if (!o.exp.out.empty() && std::filesystem::is_directory(o.exp.out)) {
    io::check_output_files(o.exp.out, io::sweep_output_files(),
                           o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse);
  }
  check_report_option(o.exp);
  const auto options = experiment_options(o.exp, scenario_seed(doc), 200);
  const experiment::SweepResult r = experiment::run_sweep(doc, plan, axes, options);
  end_experiment();

  const auto model = scenario::compile(scenario::resolve(doc, plan));
  const std::string hash = io::scenario_hash(doc.json().dump());
  if (o.json) {
    print_json(io::sweep_json(r, *model, options.seed, options.replications, options.confidence, hash,
                              siaga::version()));
  } else {
    std::printf("sweep of plan '%s' on common random numbers: seed %llu, %zu replications per point%s\n",
                plan.c_str(), static_cast<unsigned long long>(options.seed), options.replications,
                r.partial ? " (PARTIAL: interrupted)" : "");
    std::printf(
        "p_any_escalation: %s (Wilson interval); escalations: %s; first_response_mean_min: %s; "
        "officer_hours_*: %s\n\n",
        std::string(dynamics::metric_label(Metric::kAnyEscalation)).c_str(),
        std::string(dynamics::metric_label(Metric::kEscalations)).c_str(),
        std::string(dynamics::metric_label(Metric::kFirstResponseMean)).c_str(), "officer-hours per day");
    const io::Table t = io::sweep_table(r, options.confidence);
    for (const auto& c : t.columns) std::printf("%s  ", c.name.c_str());
    std::printf("\n");
    for (const auto& row : t.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        const double* v = std::get_if<double>(&row[i]);
        std::printf("%s  ",
                    v != nullptr && i >= r.axes.size() ? number(*v).c_str() : io::cell_text(row[i]).c_str());
      }
      std::printf("\n");
    }
  }
  if (!o.exp.out.empty()) {
    std::filesystem::create_directory(o.exp.out);  // its parent must exist, as for run --out
    // sweep.csv, sweep.json, the scenario's facts and risk against cost with the knee: what the
    // report draws.
    io::write_sweep_outputs(o.exp.out, r, *model, options.seed, options.replications, options.confidence,
                            hash, siaga::version(), o.exp.force);
    std::fprintf(stderr, "siaga: results written to %s%s\n", o.exp.out.c_str(),
                 r.partial ? " (partial)" : "");
    if (o.exp.report) write_report_into(o.exp.out, o.exp.force);
  }
  exit_if_interrupted();
}

}  // namespace

CLI::App* add_sweep(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* cmd =
      app.add_subcommand("sweep", "Run a plan over a grid of parameter values: risk against cost");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--plan", o->plan, "plan to sweep (default: the first)");
  cmd->add_option("--set", o->sets, "PATH=a:b:s (b included) or PATH=v1,v2,...; repeat for a grid")
      ->allow_extra_args(false);
  cmd->add_flag("--json", o->json,
                "print sweep.json (provenance and one row per point) instead of the table");
  add_experiment_options(*cmd, o->exp, false);
  cmd->footer(
      "Example:\n  siaga sweep sandbox.json --plan doctrine --set "
      "'plans.doctrine.retention.rawan.hours=0:6:2' "
      "-n 200\n  runs the plan with 0, 2, 4 and 6 hours of retention at rawan TPS, 200 election days each.");
  cmd->callback([o] { run_sweep_command(*o); });
  return cmd;
}

}  // namespace siaga::cli
