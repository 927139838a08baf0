#pragma once
// Calibration targets: figures a scenario's experiment must land in (scenarios/targets.json,
// format siaga-targets/1), read, chosen for a scenario and plan, and checked on an experiment with
// the interval of each estimate, so a planner sees both the verdict and how sure it is.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/dynamics/outcome.hpp"
#include "siaga/experiment/experiment.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::experiment {

/// The format tag this version reads.
inline constexpr std::string_view kTargetsFormat = "siaga-targets/1";
/// The file name of the targets built into siaga (scenarios/targets.json).
inline constexpr std::string_view kBuiltinTargets = "targets.json";

/// How a target's figure is computed from an experiment.
enum class MeasureKind : std::uint8_t {
  kMean,               ///< the mean over replications of one metric, optionally scaled (`per`)
  kRatio,              ///< the ratio of the totals of two metrics over replications
  kShareWithinTarget,  ///< incidents with an officer on scene within their band's target, over incidents
};

/// What a mean is counted per: the scenario's size turns a per-day figure into a rate.
enum class Per : std::uint8_t {
  kDay,             ///< per simulated day of the whole scenario (the metric as it is)
  kKabupatenDay,    ///< per kabupaten-day: the daily mean over the scenario's kabupaten count
  kThousandTpsDay,  ///< per 1,000 TPS-days: the daily mean x 1,000 over the scenario's TPS count
};

/// Spelling of a measure kind in the file ("mean", "ratio", "share_within_target").
std::string_view to_string(MeasureKind k) noexcept;
/// Spelling of a `per` in the file ("day", "kabupaten_day", "1000_tps_day").
std::string_view to_string(Per p) noexcept;
/// Words for a `per` in reports ("per day", "per kabupaten-day", "per 1,000 TPS-days").
std::string_view per_words(Per p) noexcept;

/// How a target's figure is computed.
struct Measure {
  MeasureKind kind = MeasureKind::kMean;
  dynamics::Metric metric = dynamics::Metric::kIncidents;       ///< kMean: the metric; kRatio: the numerator
  dynamics::Metric denominator = dynamics::Metric::kIncidents;  ///< kRatio only
  Per per = Per::kDay;                                          ///< kMean only
};

/// Where a figure must lie: [min, max], either bound open when absent.
struct Range {
  std::optional<double> min, max;
  /// True if x lies in the range (bounds included); false for NaN.
  bool contains(double x) const noexcept;
};

/// One target as the file states it.
struct Target {
  std::string id;
  std::string description;  ///< in words, with why it applies where it does
  std::string source;       ///< where its range comes from ("docs/domain.md#incidents (D): ...")
  Measure measure;
  Range range;
  std::vector<std::string> applies_to;  ///< scenario names (the scenario's `name`)
  std::vector<std::string> plans;       ///< plan names it binds; empty: every plan of the scenario
  /// True if the target applies to the scenario of this name.
  bool applies_to_scenario(std::string_view scenario) const noexcept;
  /// True if the target binds the plan of this name.
  bool binds(std::string_view plan) const noexcept;
};

/// A targets file, read.
struct TargetSet {
  std::string shown_name;  ///< the file as the user named it, for messages
  std::vector<Target> targets;
};

/// Reads a targets document; throws scenario::ScenarioError listing every problem, each with its
/// dotted path (`targets[2].range.max`).
TargetSet parse_targets(const scenario::Json& doc, std::string shown_name);
/// Parses targets text; a JSON syntax error is a ScenarioError naming shown_name:line:column.
TargetSet parse_targets_text(std::string_view text, std::string shown_name);
/// Reads a targets file; a file that cannot be opened is a ScenarioError naming it.
TargetSet load_targets(const std::filesystem::path& file);

/// The embedded targets files (scenarios/targets.json), generated at build time.
std::span<const scenario::BuiltinFile> builtin_target_files() noexcept;
/// The built-in targets, read once. SIAGA_CHECKs that they are well formed (a test holds them so).
const TargetSet& builtin_targets();

/// One target that binds one plan of a scenario.
struct TargetBinding {
  std::size_t target = 0;  ///< index into TargetSet::targets
  std::string plan;
};

/// The targets that apply to the scenario `scenario_name` whose plans are `plans` (file order), in
/// file order of the targets, each target's plans in the scenario's order; with `only_plan` just
/// those binding it. Throws ScenarioError if an applicable target names a plan the scenario lacks,
/// and InputError if `only_plan` is not one of `plans`.
std::vector<TargetBinding> select_targets(const TargetSet& set, std::string_view scenario_name,
                                          std::span<const std::string> plans,
                                          std::string_view only_plan = {});

/// The size a per-day figure is scaled by.
struct ScenarioScale {
  std::size_t tps = 0;        ///< TPS in the scenario
  std::size_t kabupaten = 0;  ///< kabupaten/kota in the scenario
};
/// The scale of a compiled model.
ScenarioScale scale_of(const scenario::Model& model) noexcept;

/// Whether the estimate lies in the range.
enum class TargetVerdict : std::uint8_t {
  kInside,
  kOutside,
  kUndefined,  ///< no estimate: a ratio whose denominator summed to 0, or no replication
};
/// Where the estimate's interval lies against the range: how sure the verdict is.
enum class IntervalPlacement : std::uint8_t {
  kWhollyInside,
  kStraddles,  ///< part inside, part outside: more replications could change the verdict
  kWhollyOutside,
  kUndefined,  ///< no interval (fewer than 2 replications, or no estimate)
};
/// "inside", "outside", "undefined".
std::string_view to_string(TargetVerdict v) noexcept;
/// "wholly_inside", "straddles", "wholly_outside", "undefined".
std::string_view to_string(IntervalPlacement p) noexcept;

/// A target's figure on one experiment.
struct TargetEvaluation {
  std::size_t n = 0;                       ///< replications used
  double estimate = 0, low = 0, high = 0;  ///< in the target's units; interval at the confidence asked
  TargetVerdict verdict = TargetVerdict::kUndefined;
  IntervalPlacement interval = IntervalPlacement::kUndefined;
  /// When the interval straddles a bound: about how many replications would shrink it to the
  /// distance between the estimate and that bound (the half-width falls as 1/sqrt(n)), so the
  /// verdict would be settled; 0 otherwise, or when the estimate sits on the bound itself.
  std::size_t replications_to_decide = 0;
};

/// Evaluates a target on an experiment: means with their t interval (scaled), ratios and the share
/// within target with the delta-method interval of a ratio of totals (ratio_of_totals).
TargetEvaluation evaluate_target(const Target& target, const ExperimentResult& result, ScenarioScale scale,
                                 double confidence);
/// The same with the scale of the model the experiment ran.
TargetEvaluation evaluate_target(const Target& target, const ExperimentResult& result,
                                 const scenario::Model& model, double confidence);

/// One target under one plan, checked.
struct TargetCheck {
  Target target;
  std::string plan;
  std::optional<TargetEvaluation> evaluation;  ///< empty: its plan was not run (Ctrl-C came first)
};

/// Every applicable target of a scenario, checked.
struct TargetsReport {
  std::string scenario;  ///< the scenario's name
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::vector<std::string> plans;  ///< the plans run, in order
  std::vector<std::size_t> n;      ///< replications run per plan (same order)
  bool partial = false;            ///< stopped early by a cancel (Ctrl-C)
  double seconds = 0;              ///< wall time of the replications
  std::vector<TargetCheck> checks;
  /// True if every check was evaluated and is inside.
  bool all_inside() const noexcept;
};

/// Selects the targets of `set` that apply to `doc` (and `only_plan`), runs `options` replications
/// of each plan they bind (in the scenario's order, every plan compiled before any runs), and
/// evaluates each. Throws InputError when no target applies.
TargetsReport check_targets(const scenario::ScenarioDocument& doc, const TargetSet& set,
                            const ExperimentOptions& options, std::string_view only_plan = {});

}  // namespace siaga::experiment
