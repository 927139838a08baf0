#pragma once
// What the experiment commands (run -n, compare, sweep) share: their options, the progress bar on
// standard error, Ctrl-C, and printing a summary line of a metric.

#include <CLI/CLI.hpp>
#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "siaga/experiment/experiment.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/scenario/load.hpp"

namespace siaga::cli {

/// Options of every experiment command, as typed.
struct ExperimentArgs {
  std::optional<std::uint64_t> n;
  unsigned threads = 0;
  std::optional<std::string> seed;
  double confidence = 0.95;
  std::optional<double> precision;
  double precision_absolute = 0.01;
  std::size_t max_n = 100'000;
  std::string out;
  bool force = false;
  bool quiet = false;
  bool report = false;  ///< --report: report.html into --out
};

/// Adds -n, --threads, --seed, --confidence, --precision, --precision-abs, --max-n, --out,
/// --force, --quiet, --report.
void add_experiment_options(CLI::App& cmd, ExperimentArgs& args, bool with_precision);

/// Checks --report before a run: it needs --out, and an existing report.html there is refused
/// unless --force.
void check_report_option(const ExperimentArgs& args);

/// The experiment options for `default_n` replications unless -n says otherwise, with a progress
/// bar (unless --quiet) and Ctrl-C wired to stop after the current block.
experiment::ExperimentOptions experiment_options(const ExperimentArgs& args, std::uint64_t scenario_seed,
                                                 std::size_t default_n);

/// Restores Ctrl-C's default and ends the progress line; call when the experiment is over.
void end_experiment();

/// True if Ctrl-C stopped the experiment.
bool interrupted();

/// The exit code after Ctrl-C (128 + SIGINT, as shells report a program killed by it).
inline constexpr int kInterruptedExitCode = 130;

/// After Ctrl-C, once the partial results are printed and written: says so on standard error and
/// ends the program with kInterruptedExitCode (throws CLI::RuntimeError, which main returns).
void exit_if_interrupted();

/// A metric's summary as "12.3 [11.9, 12.8]" (a mean) or "0.412 [0.380, 0.445]" (a probability).
std::string interval_text(const experiment::MetricSummary& s);

/// Prints a JSON document on standard output, indented by 2 (what every --json prints).
void print_json(const nlohmann::ordered_json& j);

/// "12.3 [11.9, 12.8]" for a mean (decimals from the interval's width, thousands separated),
/// "0.412 [0.380, 0.445]" for a probability; "n/a" when undefined.
std::string interval_text(const experiment::Summary& s);
std::string interval_text(const experiment::Proportion& p);

/// The scenario's experiment.seed as written (1 if it says none; the parser checks it later).
std::uint64_t scenario_seed(const scenario::ScenarioDocument& doc);

/// A number with fixed decimals; `undefined` for NaN (a metric undefined on every day).
std::string fixed(double x, int decimals, const char* undefined);

/// Parses a seed as typed; InputError naming --seed if it is not a whole number >= 0.
std::uint64_t parse_seed_option(const std::string& text);

}  // namespace siaga::cli
