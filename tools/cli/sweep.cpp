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
#include "siaga/io/study_outputs.hpp"

namespace siaga::cli {
namespace {

using dynamics::Metric;

struct SweepOptions {
  std::string file;
  std::string plan;
  std::vector<std::string> sets;
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
    io::check_destination(std::filesystem::path(o.exp.out) / "sweep.csv",
                          o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse, "--out");
    io::check_output_files(o.exp.out, io::sweep_output_files(),
                           o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse);
  }
  check_report_option(o.exp);
  const auto options = experiment_options(o.exp, scenario_seed(doc), 200);
  const experiment::SweepResult r = experiment::run_sweep(doc, plan, axes, options);
  end_experiment();

  // Risk against cost, one row per grid point.
  std::vector<std::string> header;
  for (const auto& a : r.axes) header.push_back(a.spelling);
  for (const char* h : {"n", "p_any_escalation", "p_low", "p_high", "escalations_mean", "escalations_low",
                        "escalations_high", "first_response_mean_min", "post_count_exposed_mean",
                        "officer_hours_duty_mean", "officer_hours_retention_mean"})
    header.emplace_back(h);
  std::vector<std::vector<std::string>> rows;
  std::printf("sweep of plan '%s' on common random numbers: seed %llu, %zu replications per point%s\n\n",
              plan.c_str(), static_cast<unsigned long long>(options.seed), options.replications,
              r.partial ? " (PARTIAL: interrupted)" : "");
  for (const auto& h : header) std::printf("%s  ", h.c_str());
  std::printf("\n");
  for (const auto& point : r.points) {
    std::vector<std::string> row;
    for (double v : point.values) row.push_back(number(v, 4));
    const auto esc = point.result.column(Metric::kEscalations);
    const auto any = point.result.column(Metric::kAnyEscalation);
    std::size_t hits = 0;
    for (double v : any) hits += v > 0.5 ? 1 : 0;
    const auto p = experiment::wilson(hits, any.size(), options.confidence);
    const auto e = experiment::summarize(esc, options.confidence);
    row.insert(
        row.end(),
        {std::to_string(point.result.n()), number(p.estimate), number(p.low), number(p.high), number(e.mean),
         number(e.low), number(e.high),
         number(experiment::summarize(point.result.column(Metric::kFirstResponseMean), 0.95).mean),
         number(experiment::summarize(point.result.column(Metric::kPostCountExposed), 0.95).mean),
         number(experiment::summarize(point.result.column(Metric::kOfficerHoursDuty), 0.95).mean, 1),
         number(experiment::summarize(point.result.column(Metric::kOfficerHoursRetention), 0.95).mean, 1)});
    for (const auto& cell : row) std::printf("%s  ", cell.c_str());
    std::printf("\n");
    rows.push_back(std::move(row));
  }
  if (!o.exp.out.empty()) {
    std::filesystem::create_directory(o.exp.out);  // its parent must exist, as for run --out
    io::write_table_csv(std::filesystem::path(o.exp.out) / "sweep.csv", header, rows, o.exp.force);
    // The scenario's facts and risk against cost with intervals and the knee: what the report draws.
    const auto model = scenario::compile(scenario::resolve(doc, plan));
    io::write_sweep_outputs(o.exp.out, r, *model, options.seed, options.replications, options.confidence,
                            io::scenario_hash(doc.json().dump()), SIAGA_VERSION, o.exp.force);
    if (o.exp.report) write_report_into(o.exp.out, o.exp.force);
  }
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
  add_experiment_options(*cmd, o->exp, false);
  cmd->callback([o] { run_sweep_command(*o); });
  return cmd;
}

}  // namespace siaga::cli
