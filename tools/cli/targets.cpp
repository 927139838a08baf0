// `siaga targets [FILE] [-n N] [--targets PATH] [--plan NAME] [--json]`: runs replications of each
// plan the calibration targets bind and says, target by target, whether the scenario lands inside
// its range and how sure that is. Exit code 0 when every target is inside, 1 when any is not.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "experiment_cli.hpp"
#include "scenario_input.hpp"
#include "siaga/core/error.hpp"
#include "siaga/experiment/targets.hpp"
#include "siaga/io/number_format.hpp"

namespace siaga::cli {
namespace {

using experiment::IntervalPlacement;
using experiment::MeasureKind;
using experiment::TargetVerdict;
using Json = nlohmann::ordered_json;

// The default n: 500 days per plan take a second or two for Jepara's three plans; the riot share,
// on under one clash a day, then has an interval of about +-2 points, and the report says when that
// straddles a bound.
constexpr std::size_t kDefaultReplications = 500;
// Descriptions are wrapped for a terminal.
constexpr std::size_t kWrapColumns = 100;

struct TargetsOptions {
  std::string file;
  std::string targets;
  std::string plan;
  bool json = false;
  ExperimentArgs exp;
};

// A targets file's problems as one bad-input message naming the file.
InputError targets_problem(const std::string& shown, const scenario::ScenarioError& e) {
  const std::size_t n = e.problems().size();
  std::string message =
      "--targets: " + shown + " has " + std::to_string(n) + " problem" + (n == 1 ? "" : "s") + ":";
  for (const auto& p : e.problems()) message += "\n  " + p.line();
  return InputError(message);
}

// The file named by --targets, or the built-in one (also by its name, as scenarios are).
experiment::TargetSet load_targets_argument(const std::string& path) {
  if (path.empty() || (path == experiment::kBuiltinTargets && !std::filesystem::exists(path)))
    return experiment::builtin_targets();
  try {
    return experiment::load_targets(path);
  } catch (const scenario::ScenarioError& e) {
    throw targets_problem(path, e);
  }
}

std::string range_text(const experiment::Target& t) {
  const auto& r = t.range;
  std::string text = r.min && r.max ? io::format_number(*r.min, 6) + " to " + io::format_number(*r.max, 6)
                     : r.min        ? "at least " + io::format_number(*r.min, 6)
                                    : "at most " + io::format_number(*r.max, 6);
  if (t.measure.kind == MeasureKind::kMean) text += " " + std::string(experiment::per_words(t.measure.per));
  return text;
}

std::string verdict_text(const experiment::TargetCheck& c) {
  if (!c.evaluation) return "not run (interrupted)";
  const experiment::TargetEvaluation& e = *c.evaluation;
  if (e.verdict == TargetVerdict::kUndefined) return "undefined (nothing to measure on these days)";
  std::string text = e.verdict == TargetVerdict::kInside ? "inside" : "OUTSIDE";
  switch (e.interval) {
    case IntervalPlacement::kWhollyInside:
      return text + " (interval wholly inside)";
    case IntervalPlacement::kStraddles:
      if (e.replications_to_decide > 0)
        return text + " (interval straddles a bound: about " +
               io::format_fixed(static_cast<double>(e.replications_to_decide), 0) +
               " replications would decide it)";
      return text + " (interval straddles a bound: more replications may change it)";
    case IntervalPlacement::kWhollyOutside:
      return text + " (interval wholly outside)";
    case IntervalPlacement::kUndefined:
      break;
  }
  return text + " (no interval)";
}

// Words wrapped to the terminal, each line indented.
void print_wrapped(const std::string& text, const char* indent) {
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() &&
        line.size() + 1 + word.size() + std::char_traits<char>::length(indent) > kWrapColumns) {
      std::printf("%s%s\n", indent, line.c_str());
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) std::printf("%s%s\n", indent, line.c_str());
}

void print_report(const experiment::TargetsReport& r, const std::string& shown) {
  std::string plans;
  for (std::size_t k = 0; k < r.plans.size(); ++k)
    plans += (k ? ", " : "") + r.plans[k] +
             (k < r.n.size() ? " " + io::format_number(static_cast<double>(r.n[k]), 9) : " (not run)");
  std::printf("%s against %s: seed %llu; replications per plan: %s%s; %.0f%% intervals; %.1f s\n\n",
              r.scenario.c_str(), shown.c_str(), static_cast<unsigned long long>(r.seed), plans.c_str(),
              r.partial ? " (PARTIAL: interrupted)" : "", 100 * r.confidence, r.seconds);
  std::size_t bad = 0;
  std::string missed;
  for (std::size_t i = 0; i < r.checks.size(); ++i) {
    const experiment::TargetCheck& c = r.checks[i];
    if (i == 0 || r.checks[i - 1].target.id != c.target.id) {
      if (i > 0) std::printf("\n");
      std::printf("%s: %s\n", c.target.id.c_str(), range_text(c.target).c_str());
      print_wrapped(c.target.description, "  ");
    }
    const std::string value =
        c.evaluation && std::isfinite(c.evaluation->estimate)
            ? io::format_interval(c.evaluation->estimate, c.evaluation->low, c.evaluation->high)
            : "n/a";
    std::printf("  %-20s %-28s %s\n", c.plan.c_str(), value.c_str(), verdict_text(c).c_str());
    if (!c.evaluation || c.evaluation->verdict != TargetVerdict::kInside) {
      ++bad;
      missed += (missed.empty() ? "" : ", ") + c.target.id + " (" + c.plan + ")";
    }
  }
  if (bad == 0)
    std::printf("\nAll %zu checks inside their ranges.\n", r.checks.size());
  else
    std::printf("\n%zu of %zu checks not inside: %s\n", bad, r.checks.size(), missed.c_str());
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json report_json(const experiment::TargetsReport& r, const std::string& shown) {
  Json j;
  j["scenario"] = r.scenario;
  j["targets"] = shown;
  j["seed"] = r.seed;
  j["confidence"] = r.confidence;
  Json& plans = j["plans"] = Json::array();
  for (std::size_t k = 0; k < r.plans.size(); ++k)
    plans.push_back({{"name", r.plans[k]}, {"n", k < r.n.size() ? Json(r.n[k]) : Json(nullptr)}});
  j["partial"] = r.partial;
  j["seconds"] = r.seconds;
  j["all_inside"] = r.all_inside();
  Json& checks = j["checks"] = Json::array();
  for (const experiment::TargetCheck& c : r.checks) {
    const experiment::Target& t = c.target;
    Json check;
    check["id"] = t.id;
    check["plan"] = c.plan;
    check["description"] = t.description;
    check["source"] = t.source;
    Json measure;
    measure["kind"] = experiment::to_string(t.measure.kind);
    if (t.measure.kind == MeasureKind::kMean) {
      measure["metric"] = dynamics::metric_name(t.measure.metric);
      measure["per"] = experiment::to_string(t.measure.per);
    } else if (t.measure.kind == MeasureKind::kRatio) {
      measure["numerator"] = dynamics::metric_name(t.measure.metric);
      measure["denominator"] = dynamics::metric_name(t.measure.denominator);
    }
    check["measure"] = measure;
    Json range = Json::object();
    if (t.range.min) range["min"] = *t.range.min;
    if (t.range.max) range["max"] = *t.range.max;
    check["range"] = range;
    if (c.evaluation) {
      check["n"] = c.evaluation->n;
      check["estimate"] = number_or_null(c.evaluation->estimate);
      check["low"] = number_or_null(c.evaluation->low);
      check["high"] = number_or_null(c.evaluation->high);
      check["verdict"] = experiment::to_string(c.evaluation->verdict);
      check["interval"] = experiment::to_string(c.evaluation->interval);
      check["replications_to_decide"] = c.evaluation->replications_to_decide > 0
                                            ? Json(c.evaluation->replications_to_decide)
                                            : Json(nullptr);
    } else {
      check["n"] = 0;
      check["estimate"] = check["low"] = check["high"] = nullptr;
      check["verdict"] = "not_run";
      check["interval"] = "undefined";
      check["replications_to_decide"] = nullptr;
    }
    checks.push_back(std::move(check));
  }
  return j;
}

void run_targets(const TargetsOptions& o) {
  const experiment::TargetSet set = load_targets_argument(o.targets);
  const auto doc = load_scenario_argument(o.file);
  // A target naming a plan the scenario lacks is the targets file's problem: say so before running.
  try {
    (void)experiment::select_targets(set, scenario::resolve(doc, o.plan).name, doc.plan_names(), o.plan);
  } catch (const scenario::ScenarioError& e) {
    throw targets_problem(set.shown_name, e);
  }
  const auto options = experiment_options(o.exp, scenario_seed(doc), kDefaultReplications);
  const experiment::TargetsReport report = experiment::check_targets(doc, set, options, o.plan);
  end_experiment();
  if (o.json)
    std::printf("%s\n", report_json(report, set.shown_name).dump(2).c_str());
  else
    print_report(report, set.shown_name);
  std::fflush(stdout);
  exit_if_interrupted();
  if (!report.all_inside()) throw CLI::RuntimeError(1);
}

}  // namespace

CLI::App* add_targets(CLI::App& app) {
  auto o = std::make_shared<TargetsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "targets",
      "Check a scenario against the calibration targets (scenarios/targets.json) that apply to it");
  add_scenario_argument(*cmd, o->file);
  cmd->add_option("--targets", o->targets, "targets file (default: the built-in targets.json)");
  cmd->add_option("--plan", o->plan,
                  "check only the targets binding this plan (default: every plan they bind)");
  cmd->add_option("-n,--replications", o->exp.n, "replications per plan (default 500)");
  cmd->add_option("--seed", o->exp.seed, "random seed (default: the scenario's experiment.seed)");
  cmd->add_option("--threads", o->exp.threads, "threads (default: every core); results do not depend on it");
  cmd->add_option("--confidence", o->exp.confidence, "confidence level of every interval")
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "print the checks as JSON");
  cmd->add_flag("--quiet", o->exp.quiet, "no progress bar");
  cmd->footer(
      "Example:\n  siaga targets jepara-pilkada.json -n 500\n  checks the default scenario against the "
      "calibration "
      "targets.\nExit codes: 0 every applicable target is inside its range; 1 any is outside or undefined; 2 "
      "bad "
      "input (options, scenario, targets file, or no target applies); 130 stopped by Ctrl-C.\n");
  cmd->callback([o] { run_targets(*o); });
  return cmd;
}

}  // namespace siaga::cli
