// `siaga run [FILE] [--plan NAME] [--seed S] [--trace PATH] [--force] [--json]`: one replication of
// an election day under one plan, summarised for a person (or as JSON), and on request the trace of
// every event.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "commands.hpp"
#include "experiment_cli.hpp"
#include "scenario_input.hpp"
#include "siaga/core/error.hpp"
#include "siaga/dynamics/replication.hpp"
#include "siaga/experiment/experiment.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/number_format.hpp"
#include "siaga/io/outcome_json.hpp"
#include "siaga/io/trace_writer.hpp"
#include "siaga/version.hpp"

namespace siaga::cli {
namespace {

using dynamics::Metric;

struct RunOptions {
  std::string file;
  std::string plan;
  std::string trace;
  bool json = false;
  ExperimentArgs exp;  // -n, --seed, --force, ...
};

// A metric that is undefined on this day (NaN: a mean over no incidents) reads "n/a".
std::string minutes_text(double m) {
  if (!std::isfinite(m)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f min", m);
  return buf;
}

std::string share_text(double s) {
  if (!std::isfinite(s)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * s);
  return buf;
}

// Hours after midnight of election day as HH:MM (past 24 after midnight).
std::string clock_text(double h) {
  if (!std::isfinite(h)) return "n/a";
  const long total = std::lround(h * 60);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", total / 60, total % 60);
  return buf;
}

// CLI11 would read "-1" as 2^64 - 1 without a word; a seed is a whole number in range or an error.
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seed);
  if (text.empty() || ec != std::errc() || ptr != end)
    throw InputError("--seed: expected a whole number from 0 to 18446744073709551615, got '" + text + "'");
  return seed;
}

long count(const dynamics::Outcome& o, Metric m) { return std::isfinite(o[m]) ? std::lround(o[m]) : 0; }

void print_summary(const scenario::Model& model, const dynamics::Outcome& o, std::uint64_t seed,
                   const io::TraceFileWriter* trace) {
  const scenario::Scenario& s = model.scenario();
  std::printf("%s, plan '%s', seed %llu: one replication\n\n", s.name.c_str(), s.plan.name.c_str(),
              static_cast<unsigned long long>(seed));

  std::printf("%-17s %ld", "Incidents", count(o, Metric::kIncidents));
  const char* sep = ": ";
  for (std::size_t k = 0; k < s.incidents.kinds.size() && k < o.incidents_by_kind.size(); ++k, sep = ", ")
    std::printf("%s%s %u", sep, s.incidents.kinds[k].name.c_str(), o.incidents_by_kind[k]);
  std::printf("\n%-17s", "  by phase");
  sep = " ";
  for (std::size_t p = 0; p < scenario::kPhaseCount; ++p, sep = ", ")
    std::printf("%s%s %u", sep, std::string(scenario::to_string(static_cast<scenario::Phase>(p))).c_str(),
                o.incidents_by_phase[p]);
  std::printf("\n%-17s %ld (severity 3 or more at some point); clashes %ld, riots %ld\n", "  serious",
              count(o, Metric::kSeriousIncidents), count(o, Metric::kClashes), count(o, Metric::kRiots));

  std::printf("%-17s %ld; unsettled at the end of the day %ld; never answered %ld\n", "Escalations",
              count(o, Metric::kEscalations), count(o, Metric::kUnsettled), count(o, Metric::kNeverAnswered));
  std::printf("%-17s mean %s, p90 %s, max %s\n", "First response",
              minutes_text(o[Metric::kFirstResponseMean]).c_str(),
              minutes_text(o[Metric::kFirstResponseP90]).c_str(),
              minutes_text(o[Metric::kFirstResponseMax]).c_str());
  std::printf("%-17s %s within target (", "Answered", share_text(o[Metric::kShareWithinTarget]).c_str());
  const auto& targets = s.incidents.response_targets;
  for (std::size_t b = 0; b < targets.size(); ++b)
    std::printf("%s%g min%s%s: %s", b ? "; " : "", targets[b].minutes, b ? " beyond " : "",
                b ? (io::format_number(targets[b].beyond_km) + " km").c_str() : "",
                share_text(o.metrics[static_cast<std::size_t>(Metric::kShareWithinTargetBand1) + b]).c_str());
  std::printf(")\n");
  const long exposed = count(o, Metric::kPostCountExposed);
  std::printf("%-17s %ld incident%s at TPS whose guards had left (first response mean %s)\n",
              "After the count", exposed, exposed == 1 ? "" : "s",
              minutes_text(o[Metric::kPostCountResponseMean]).c_str());
  const long transit = count(o, Metric::kTransitIncidents);
  std::printf("%-17s %ld incident%s on ballot boxes in transit\n", "", transit, transit == 1 ? "" : "s");
  std::printf("%-17s %.1f on duty, %.1f kept at TPS after the count, %.1f on the road\n", "Officer-hours",
              o[Metric::kOfficerHoursDuty], o[Metric::kOfficerHoursRetention],
              o[Metric::kOfficerHoursTravel]);
  std::printf("%-17s %s\n", "Last box at PPK", clock_text(o[Metric::kLastBoxAtPpkHours]).c_str());
  if (trace != nullptr)
    std::printf("%-17s %s (%llu events)\n", "Trace", trace->path().string().c_str(),
                static_cast<unsigned long long>(trace->events()));
}

// Prints an experiment's key figures: means with t intervals, probabilities with Wilson intervals.
void print_experiment(const scenario::Model& model, const experiment::ExperimentResult& r,
                      double confidence) {
  std::printf("%s, plan '%s', seed %llu: %zu replications%s on %u threads in %.1f s\n",
              model.scenario().name.c_str(), r.plan.c_str(), static_cast<unsigned long long>(r.seed), r.n(),
              r.partial ? " (PARTIAL: interrupted)" : "", r.threads, r.seconds);
  std::printf(
      "%.0f%% intervals: Wilson for chances (0/1 metrics), t for means, clipped to each metric's range "
      "(docs/statistics.md)\n\n",
      100 * confidence);
  std::printf("  %-64s %-30s %s\n", "metric (unit)", "mean or chance [interval]", "name");
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) {
    const auto metric = static_cast<Metric>(m);
    if (metric == Metric::kEvents) continue;
    const experiment::MetricSummary s = experiment::summarize_metric(metric, r.column(metric), confidence);
    std::string text = interval_text(s);
    if (s.kind == experiment::SummaryKind::kMean && s.n > 0) text += "  p95 " + io::format_number(s.p95);
    std::printf("  %-64s %-30s %s\n", std::string(dynamics::metric_label(metric)).c_str(), text.c_str(),
                std::string(dynamics::metric_name(metric)).c_str());
  }
  std::printf("  %-64s %.2f\n", "escalations on the worst 5% of days, mean per day",
              experiment::tail_mean(r.column(Metric::kEscalations)));
}

void run_experiment_command(const RunOptions& o) {
  if (!o.trace.empty()) throw InputError("--trace: traces one replication; drop -n, --precision and --out");
  check_report_option(o.exp);
  std::string hash;  // of the document, taken before it is dropped
  const auto model = compile_scenario_argument(o.file, o.plan, &hash);
  if (!o.exp.out.empty() && std::filesystem::is_directory(o.exp.out))  // refuse before running, not after
    for (const auto& f : io::kExperimentOutputFiles)
      io::check_destination(std::filesystem::path(o.exp.out) / f,
                            o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse, "--out");
  // 1000 replications unless -n says otherwise, as compare and Python's siaga.run.
  const auto options = experiment_options(o.exp, model->scenario().experiment.seed, 1000);
  const experiment::ExperimentResult r = experiment::run_experiment(model, options);
  end_experiment();
  if (o.json) {
    print_json(io::experiment_summary(*model, r, options.confidence, hash, siaga::version()));
  } else {
    print_experiment(*model, r, options.confidence);
    if (options.precision)
      std::printf("\nprecision %s after %zu replications\n", r.precision_reached ? "reached" : "NOT reached",
                  r.n());
  }
  if (!o.exp.out.empty()) {
    io::write_experiment_outputs(o.exp.out, *model, r, options.confidence, hash, siaga::version(), o.exp.force);
    std::fprintf(stderr, "siaga: results written to %s%s\n", o.exp.out.c_str(),
                 r.partial ? " (partial)" : "");
    if (o.exp.report) write_report_into(o.exp.out, o.exp.force);
  }
  exit_if_interrupted();
}

void run_replication(const RunOptions& o) {
  if ((o.exp.n && *o.exp.n > 1) || o.exp.precision || !o.exp.out.empty() || o.exp.report) {
    run_experiment_command(o);
    return;
  }
  if (o.exp.seed) parse_seed(*o.exp.seed);  // bad input is named before any work
  // The trace's name is checked before the scenario is compiled and the day run, which may take a
  // while: a refusal should come first, and nothing is created until the run succeeds.
  const io::Overwrite overwrite = o.exp.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse;
  if (!o.trace.empty()) {
    io::trace_format_for(o.trace, "--trace");
    std::error_code ec;
    if (!o.file.empty() && std::filesystem::equivalent(o.trace, o.file, ec))
      throw InputError("--trace: '" + o.trace + "' is the scenario file; choose another name");
    io::check_destination(o.trace, overwrite, "--trace");
  }

  const auto model = compile_scenario_argument(o.file, o.plan);
  const std::uint64_t seed = o.exp.seed ? parse_seed(*o.exp.seed) : model->scenario().experiment.seed;

  std::unique_ptr<io::TraceFileWriter> trace;
  if (!o.trace.empty()) trace = std::make_unique<io::TraceFileWriter>(*model, o.trace, overwrite, "--trace");
  dynamics::Replication replication(model);
  const dynamics::Outcome& outcome = replication.run(seed, 0, trace.get());
  if (trace) trace->finish();

  if (o.json) {
    nlohmann::ordered_json j;
    j["scenario"] = model->scenario().name;
    j["plan"] = model->plan().name;
    j["seed"] = seed;
    j["replication"] = 0;
    nlohmann::ordered_json measured = io::outcome_json(outcome, *model);
    for (auto& [key, value] : measured.items()) j[key] = std::move(value);
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    print_summary(*model, outcome, seed, trace.get());
  }
}

}  // namespace

CLI::App* add_run(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run one replication of election day and summarise it");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--plan", o->plan, "plan to run (default: the first)");
  cmd->add_option("--trace", o->trace,
                  "write every event of one replication to this file: .csv (CSV) or .jsonl (JSON Lines); an "
                  "existing file is kept unless --force");
  cmd->add_flag("--json", o->json, "print every metric as JSON instead of the summary");
  add_experiment_options(*cmd, o->exp, true);
  cmd->footer(
      "Examples:\n  siaga run sandbox.json --seed 3 --trace day.jsonl\n"
      "  one election day of a built-in scenario, every event written to day.jsonl;\n"
      "  siaga run jepara-pilkada.json -n 1000 --out results/\n"
      "  1,000 days of the default plan, summary.json and the tables written into results/.");
  cmd->callback([o] { run_replication(*o); });
  return cmd;
}

}  // namespace siaga::cli
