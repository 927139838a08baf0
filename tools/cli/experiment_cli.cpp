#include "experiment_cli.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "siaga/core/error.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/number_format.hpp"
#include "siaga/report/report.hpp"

namespace siaga::cli {
namespace {

std::atomic<bool> g_cancel{false};
bool g_progress_line_open = false;

extern "C" void on_interrupt(int) {
  g_cancel.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
}

// A bar on a terminal; a line every few seconds otherwise (logs stay readable).
class ProgressBar {
 public:
  void operator()(const experiment::Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    const bool done = p.done >= p.total;
    if (!tty_ && !done && now - last_ < std::chrono::seconds(5)) return;
    last_ = now;
    const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0.0;
    const double eta = rate > 0 ? static_cast<double>(p.total - std::min(p.done, p.total)) / rate : 0.0;
    const double share = p.total > 0 ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0;
    if (tty_) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(share * kWidth);
      std::fprintf(stderr, "\r%s%s[%.*s%*s] %zu/%zu  %.0f rep/s  ETA %.0f s ", p.stage.c_str(),
                   p.stage.empty() ? "" : " ", filled, "##############################", kWidth - filled, "",
                   p.done, p.total, rate, eta);
      g_progress_line_open = true;
    } else {
      std::fprintf(stderr, "siaga: %s%s%zu/%zu replications, %.0f rep/s, ETA %.0f s\n", p.stage.c_str(),
                   p.stage.empty() ? "" : ": ", p.done, p.total, rate, eta);
    }
    std::fflush(stderr);
    // A new stage (the next plan) starts on a line of its own, so each plan's bar stays readable.
    if (tty_ && done) {
      std::fprintf(stderr, "\n");
      g_progress_line_open = false;
    }
  }

 private:
  bool tty_ = isatty(STDERR_FILENO) != 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

void add_experiment_options(CLI::App& cmd, ExperimentArgs& a, bool with_precision) {
  cmd.add_option("-n,--replications", a.n, "replications (per plan, per grid point)");
  cmd.add_option("--threads", a.threads, "threads (default: every core); results do not depend on it");
  cmd.add_option("--seed", a.seed, "random seed (default: the scenario's experiment.seed)");
  cmd.add_option("--confidence", a.confidence, "confidence level of every interval")->capture_default_str();
  if (with_precision) {
    cmd.add_option("--precision", a.precision,
                   "add replications until means are known to this relative half-width (e.g. 0.05)");
    cmd.add_option("--precision-abs", a.precision_absolute,
                   "with --precision: the absolute half-width for probabilities and shares")
        ->capture_default_str();
    cmd.add_option("--max-n", a.max_n, "with --precision: the most replications")->capture_default_str();
  }
  cmd.add_option("--out", a.out, "write the results into this directory");
  cmd.add_flag("--force", a.force, "replace existing files in --out");
  cmd.add_flag("--quiet", a.quiet, "no progress bar");
  cmd.add_flag("--report", a.report, "also write report.html (siaga report) into --out");
}

void check_report_option(const ExperimentArgs& a) {
  if (!a.report) return;
  if (a.out.empty()) throw InputError("--report: writes report.html into the --out folder; give --out DIR");
  if (std::filesystem::is_directory(a.out))
    io::check_destination(std::filesystem::path(a.out) / report::kReportFile,
                          a.force ? io::Overwrite::kReplace : io::Overwrite::kRefuse, "--report");
}

std::uint64_t scenario_seed(const scenario::ScenarioDocument& doc) {
  const auto& j = doc.json();
  if (j.is_object() && j.contains("experiment") && j["experiment"].is_object() &&
      j["experiment"].contains("seed") && j["experiment"]["seed"].is_number_unsigned())
    return j["experiment"]["seed"].get<std::uint64_t>();
  return 1;
}

std::string fixed(double x, int decimals, const char* undefined) {
  if (!std::isfinite(x)) return undefined;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::uint64_t parse_seed_option(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    throw InputError("--seed: '" + text + "' is not a whole number from 0 to 18446744073709551615");
  return seed;
}

experiment::ExperimentOptions experiment_options(const ExperimentArgs& a, std::uint64_t scenario_seed,
                                                 std::size_t default_n) {
  experiment::ExperimentOptions o;
  o.seed = a.seed ? parse_seed_option(*a.seed) : scenario_seed;
  o.replications = a.n ? static_cast<std::size_t>(*a.n) : default_n;
  if (a.n && *a.n == 0) throw InputError("-n: at least one replication");
  o.threads = a.threads;
  o.confidence = a.confidence;
  if (a.precision) {
    if (!(*a.precision > 0)) throw InputError("--precision: must be positive");
    o.precision = experiment::Precision{*a.precision, a.precision_absolute};
    o.max_replications = a.max_n;
    if (!a.n) o.replications = std::min<std::size_t>(100, a.max_n);
  }
  if (!a.quiet) o.progress = ProgressBar{};
  g_cancel.store(false);
  o.cancel = &g_cancel;
  std::signal(SIGINT, on_interrupt);
  return o;
}

void end_experiment() {
  std::signal(SIGINT, SIG_DFL);
  if (g_progress_line_open) std::fprintf(stderr, "\n");
  g_progress_line_open = false;
}

bool interrupted() { return g_cancel.load(); }

void exit_if_interrupted() {
  if (!interrupted()) return;
  std::fprintf(stderr, "siaga: interrupted (Ctrl-C): the results above are partial\n");
  throw CLI::RuntimeError(kInterruptedExitCode);
}

std::string interval_text(const experiment::MetricSummary& s) {
  if (s.n == 0) return "n/a";
  if (s.kind == experiment::SummaryKind::kProbability) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3f [%.3f, %.3f]", s.mean, s.low, s.high);
    return buf;
  }
  return io::format_interval(s.mean, s.low, s.high);
}

void print_json(const nlohmann::ordered_json& j) { std::printf("%s\n", j.dump(2).c_str()); }

std::string interval_text(const experiment::Summary& s) {
  if (s.n == 0) return "n/a";
  return io::format_interval(s.mean, s.low, s.high);
}

std::string interval_text(const experiment::Proportion& p) {
  if (p.n == 0) return "n/a";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.3f [%.3f, %.3f]", p.estimate, p.low, p.high);
  return buf;
}

}  // namespace siaga::cli
