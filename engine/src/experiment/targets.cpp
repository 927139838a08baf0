#include "siaga/experiment/targets.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <regex>
#include <sstream>

#include "siaga/core/error.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/scenario/record.hpp"

namespace siaga::experiment {

using dynamics::Metric;
using scenario::Json;
using scenario::Need;
using scenario::Path;
using scenario::Problems;
using scenario::Record;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::string_view kMeasureKinds = "mean, ratio, share_within_target";
constexpr std::string_view kPers = "day, kabupaten_day, 1000_tps_day";

std::string format_number(double x) {
  std::ostringstream s;
  s << std::setprecision(15) << x;
  return s.str();
}

std::optional<MeasureKind> measure_kind_from_string(std::string_view s) noexcept {
  for (const auto k : {MeasureKind::kMean, MeasureKind::kRatio, MeasureKind::kShareWithinTarget})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Per> per_from_string(std::string_view s) noexcept {
  for (const auto p : {Per::kDay, Per::kKabupatenDay, Per::kThousandTpsDay})
    if (to_string(p) == s) return p;
  return std::nullopt;
}

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (std::size_t m = 0; m < dynamics::kMetricCount; ++m)
      v.emplace_back(dynamics::metric_name(static_cast<Metric>(m)));
    return v;
  }();
  return names;
}

// A metric named by its snake_case name; an unknown one is reported with the closest name.
std::optional<Metric> metric_field(Record& r, std::string_view key) {
  const auto name = r.text(key, Need::kRequired);
  if (!name) return std::nullopt;
  const auto& names = metric_names();
  for (std::size_t m = 0; m < names.size(); ++m)
    if (names[m] == *name) return static_cast<Metric>(m);
  std::string message = "unknown metric '" + *name + "'";
  if (const auto close = scenario::closest_name(*name, names))
    message += " (did you mean '" + std::string(*close) + "'?)";
  r.problem(key, std::move(message));
  return std::nullopt;
}

// A list of one or more distinct non-empty names, e.g. applies_to.
std::vector<std::string> name_list(const Json& v, const Path& path, std::string_view what,
                                   Problems& problems) {
  std::vector<std::string> out;
  if (!v.is_array() || v.empty()) {
    problems.add(path.str(), "must be a list of one or more " + std::string(what) + " names");
    return out;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const Json& x = v[i];
    if (!x.is_string() || x.get<std::string>().empty()) {
      problems.add(path[i].str(), "must be a " + std::string(what) + " name, got " + x.dump());
      continue;
    }
    const std::string name = x.get<std::string>();
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      problems.add(path[i].str(), "'" + name + "' is named twice");
      continue;
    }
    out.push_back(name);
  }
  return out;
}

// Reads one measure; the fields a kind does not use are named as such rather than as unknown.
Measure read_measure(Record r) {
  Measure m;
  const auto kind = r.choice<MeasureKind>("kind", Need::kRequired, measure_kind_from_string, kMeasureKinds);
  if (!kind) {
    for (const char* key : {"metric", "numerator", "denominator", "per"}) (void)r.raw(key, Need::kOptional);
    r.finish();
    return m;
  }
  m.kind = *kind;
  std::vector<std::string_view> unused;
  switch (m.kind) {
    case MeasureKind::kMean:
      if (const auto metric = metric_field(r, "metric")) m.metric = *metric;
      if (const auto per = r.choice<Per>("per", Need::kOptional, per_from_string, kPers)) m.per = *per;
      unused = {"numerator", "denominator"};
      break;
    case MeasureKind::kRatio:
      if (const auto metric = metric_field(r, "numerator")) m.metric = *metric;
      if (const auto metric = metric_field(r, "denominator")) m.denominator = *metric;
      unused = {"metric", "per"};
      break;
    case MeasureKind::kShareWithinTarget:
      unused = {"metric", "numerator", "denominator", "per"};
      break;
  }
  for (const std::string_view key : unused)
    if (r.raw(key, Need::kOptional))
      r.problem(key, "is not used by a '" + std::string(to_string(m.kind)) + "' measure");
  r.finish();
  return m;
}

// `is_object`: the range is an object (a value of another type is reported once, by Record).
Range read_range(Record r, bool is_object, Problems& problems) {
  Range range;
  const bool any = r.has("min") || r.has("max");
  range.min = r.number("min", Need::kOptional);
  range.max = r.number("max", Need::kOptional);
  r.finish();
  if (is_object && !any) problems.add(r.where(), "give min, max or both");
  if (range.min && range.max && !(*range.max >= *range.min))
    r.problem("max",
              "must be at least min (" + format_number(*range.min) + "), got " + format_number(*range.max));
  return range;
}

Target read_target(Record r, Problems& problems) {
  Target t;
  static const std::regex id_pattern("[A-Za-z0-9_-]+");
  if (const auto id = r.text("id", Need::kRequired)) {
    if (!std::regex_match(*id, id_pattern))
      r.problem("id", "must be letters, digits, '_' or '-', got '" + *id + "'");
    t.id = *id;
  }
  for (const auto& [key, field] : {std::pair{"description", &t.description}, std::pair{"source", &t.source}})
    if (const auto text = r.text(key, Need::kRequired)) {
      if (text->empty()) r.problem(key, "must not be empty");
      *field = *text;
    }
  t.measure = read_measure(r.nested("measure", Need::kRequired));
  if (const Json* range = r.raw("range", Need::kRequired))
    t.range = read_range(Record::of_json(*range, r.path("range"), problems), range->is_object(), problems);
  if (const Json* v = r.raw("applies_to", Need::kRequired))
    t.applies_to = name_list(*v, r.path("applies_to"), "scenario", problems);
  if (const Json* v = r.raw("plans", Need::kRequired)) {
    if (!(v->is_string() && v->get<std::string>() == "all")) {
      if (!v->is_array())
        problems.add(r.where("plans"), "must be \"all\" or a list of one or more plan names");
      else
        t.plans = name_list(*v, r.path("plans"), "plan", problems);
    }
  }
  r.finish();
  return t;
}

}  // namespace

std::string_view to_string(MeasureKind k) noexcept {
  switch (k) {
    case MeasureKind::kMean:
      return "mean";
    case MeasureKind::kRatio:
      return "ratio";
    case MeasureKind::kShareWithinTarget:
      return "share_within_target";
  }
  return "mean";
}

std::string_view to_string(Per p) noexcept {
  switch (p) {
    case Per::kDay:
      return "day";
    case Per::kKabupatenDay:
      return "kabupaten_day";
    case Per::kThousandTpsDay:
      return "1000_tps_day";
  }
  return "day";
}

std::string_view per_words(Per p) noexcept {
  switch (p) {
    case Per::kDay:
      return "per day";
    case Per::kKabupatenDay:
      return "per kabupaten-day";
    case Per::kThousandTpsDay:
      return "per 1,000 TPS-days";
  }
  return "per day";
}

std::string_view to_string(TargetVerdict v) noexcept {
  switch (v) {
    case TargetVerdict::kInside:
      return "inside";
    case TargetVerdict::kOutside:
      return "outside";
    case TargetVerdict::kUndefined:
      break;
  }
  return "undefined";
}

std::string_view to_string(IntervalPlacement p) noexcept {
  switch (p) {
    case IntervalPlacement::kWhollyInside:
      return "wholly_inside";
    case IntervalPlacement::kStraddles:
      return "straddles";
    case IntervalPlacement::kWhollyOutside:
      return "wholly_outside";
    case IntervalPlacement::kUndefined:
      break;
  }
  return "undefined";
}

bool Range::contains(double x) const noexcept {
  if (std::isnan(x)) return false;
  return (!min || x >= *min) && (!max || x <= *max);
}

bool Target::applies_to_scenario(std::string_view scenario) const noexcept {
  return std::find(applies_to.begin(), applies_to.end(), scenario) != applies_to.end();
}

bool Target::binds(std::string_view plan) const noexcept {
  return plans.empty() || std::find(plans.begin(), plans.end(), plan) != plans.end();
}

TargetSet parse_targets(const Json& doc, std::string shown_name) {
  TargetSet set;
  set.shown_name = std::move(shown_name);
  if (!doc.is_object())
    throw scenario::ScenarioError(
        "(targets)", "must be an object with format and targets, got " + std::string(doc.type_name()));
  Problems problems;
  Record r = Record::of_json(doc, Path{}, problems);
  (void)r.text("$schema", Need::kOptional);  // names the schema for editors; not read
  (void)r.text("description", Need::kOptional);
  if (const auto format = r.text("format", Need::kRequired); format && *format != kTargetsFormat)
    r.problem("format",
              "unsupported format '" + *format + "' (this siaga reads " + std::string(kTargetsFormat) + ")");
  if (const Json* list = r.raw("targets", Need::kRequired)) {
    const Path path = r.path("targets");
    if (!list->is_array() || list->empty()) {
      problems.add(path.str(), "must be a list of one or more targets");
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        Target t = read_target(Record::of_json((*list)[i], path[i], problems), problems);
        for (std::size_t j = 0; j < set.targets.size(); ++j)
          if (!t.id.empty() && set.targets[j].id == t.id)
            problems.add((path[i] / "id").str(),
                         "'" + t.id + "' is also the id of targets[" + std::to_string(j) + "]");
        set.targets.push_back(std::move(t));
      }
    }
  }
  r.finish();
  problems.throw_if_any();
  return set;
}

TargetSet parse_targets_text(std::string_view text, std::string shown_name) {
  // The scenario reader's JSON parsing names a syntax error by file, line and column.
  const scenario::ScenarioDocument doc = scenario::ScenarioDocument::parse(text, shown_name, ".");
  return parse_targets(doc.json(), std::move(shown_name));
}

TargetSet load_targets(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw scenario::ScenarioError(file.string(), "cannot open the targets file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_targets_text(text.str(), file.string());
}

const TargetSet& builtin_targets() {
  static const TargetSet set = [] {
    for (const scenario::BuiltinFile& f : builtin_target_files())
      if (f.name == kBuiltinTargets) {
        try {
          return parse_targets_text(f.text, std::string(kBuiltinTargets) + " (built in)");
        } catch (const scenario::ScenarioError& e) {
          SIAGA_CHECK(false, (std::string("the built-in targets are malformed: ") + e.what()).c_str());
        }
      }
    SIAGA_CHECK(false, "targets.json is missing from this build");
    return TargetSet{};
  }();
  return set;
}

std::vector<TargetBinding> select_targets(const TargetSet& set, std::string_view scenario_name,
                                          std::span<const std::string> plans, std::string_view only_plan) {
  std::string plan_list;
  for (const std::string& p : plans) plan_list += (plan_list.empty() ? "" : ", ") + p;
  if (!only_plan.empty() && std::find(plans.begin(), plans.end(), only_plan) == plans.end())
    throw InputError("no plan '" + std::string(only_plan) + "' in the scenario (plans: " + plan_list + ")");
  Problems problems;
  std::vector<TargetBinding> out;
  for (std::size_t i = 0; i < set.targets.size(); ++i) {
    const Target& t = set.targets[i];
    if (!t.applies_to_scenario(scenario_name)) continue;
    for (std::size_t k = 0; k < t.plans.size(); ++k)
      if (std::find(plans.begin(), plans.end(), t.plans[k]) == plans.end())
        problems.add("targets[" + std::to_string(i) + "].plans[" + std::to_string(k) + "]",
                     "no plan '" + t.plans[k] + "' in scenario '" + std::string(scenario_name) +
                         "' (plans: " + plan_list + ")");
    for (const std::string& p : plans)
      if (t.binds(p) && (only_plan.empty() || p == only_plan)) out.push_back({i, p});
  }
  problems.throw_if_any();
  return out;
}

ScenarioScale scale_of(const scenario::Model& model) noexcept {
  const scenario::Region& region = model.scenario().region;
  return {region.tps.size(), region.kabupaten.size()};
}

TargetEvaluation evaluate_target(const Target& target, const ExperimentResult& result, ScenarioScale scale,
                                 double confidence) {
  TargetEvaluation e;
  const Measure& m = target.measure;
  switch (m.kind) {
    case MeasureKind::kMean: {
      const Summary s = summarize(result.column(m.metric), confidence);
      double factor = 1.0;
      if (m.per == Per::kKabupatenDay)
        factor = scale.kabupaten > 0 ? 1.0 / static_cast<double>(scale.kabupaten) : kNaN;
      else if (m.per == Per::kThousandTpsDay)
        factor = scale.tps > 0 ? 1000.0 / static_cast<double>(scale.tps) : kNaN;
      e.n = s.n;
      e.estimate = s.mean * factor;
      e.low = s.low * factor;
      e.high = s.high * factor;
      break;
    }
    case MeasureKind::kRatio: {
      const Ratio r = ratio_of_totals(result.column(m.metric), result.column(m.denominator), confidence);
      e.n = r.n;
      e.estimate = r.estimate;
      e.low = r.low;
      e.high = r.high;
      break;
    }
    case MeasureKind::kShareWithinTarget: {
      // Pooled over the distance bands: every incident counts once, against its own band's target.
      std::vector<double> incidents(result.bands.size(), 0.0), within(result.bands.size(), 0.0);
      for (std::size_t i = 0; i < result.bands.size(); ++i)
        for (std::size_t b = 0; b < scenario::kMaxResponseBands; ++b) {
          incidents[i] += result.bands[i].incidents[b];
          within[i] += result.bands[i].within[b];
        }
      const Ratio r = ratio_of_totals(within, incidents, confidence, 0.0, 1.0);
      e.n = r.n;
      e.estimate = r.estimate;
      e.low = r.low;
      e.high = r.high;
      break;
    }
  }
  if (std::isnan(e.estimate)) {
    e.verdict = TargetVerdict::kUndefined;
    e.interval = IntervalPlacement::kUndefined;
    return e;
  }
  e.verdict = target.range.contains(e.estimate) ? TargetVerdict::kInside : TargetVerdict::kOutside;
  const Range& range = target.range;
  if (std::isnan(e.low) || std::isnan(e.high))
    e.interval = IntervalPlacement::kUndefined;
  else if (range.contains(e.low) && range.contains(e.high))
    e.interval = IntervalPlacement::kWhollyInside;
  else if ((range.min && e.high < *range.min) || (range.max && e.low > *range.max))
    e.interval = IntervalPlacement::kWhollyOutside;
  else
    e.interval = IntervalPlacement::kStraddles;
  if (e.interval == IntervalPlacement::kStraddles) {
    // The nearest bound the interval crosses; the half-width must shrink to the distance to it.
    double distance = kInf;
    if (range.min && e.low < *range.min) distance = std::min(distance, std::abs(e.estimate - *range.min));
    if (range.max && e.high > *range.max) distance = std::min(distance, std::abs(e.estimate - *range.max));
    const double half_width = (e.high - e.low) / 2;
    const double needed = static_cast<double>(e.n) * (half_width / distance) * (half_width / distance);
    if (distance > 0 && std::isfinite(distance) && half_width > 0 && needed < 1e12)
      e.replications_to_decide = static_cast<std::size_t>(std::ceil(needed));
  }
  return e;
}

TargetEvaluation evaluate_target(const Target& target, const ExperimentResult& result,
                                 const scenario::Model& model, double confidence) {
  return evaluate_target(target, result, scale_of(model), confidence);
}

bool TargetsReport::all_inside() const noexcept {
  return !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const TargetCheck& c) {
    return c.evaluation && c.evaluation->verdict == TargetVerdict::kInside;
  });
}

TargetsReport check_targets(const scenario::ScenarioDocument& doc, const TargetSet& set,
                            const ExperimentOptions& options, std::string_view only_plan) {
  const std::vector<std::string> plans = doc.plan_names();
  const std::string name = scenario::resolve(doc, only_plan).name;
  const std::vector<TargetBinding> bindings = select_targets(set, name, plans, only_plan);
  if (bindings.empty()) {
    std::string named;
    for (const Target& t : set.targets)
      for (const std::string& s : t.applies_to)
        if (named.find("'" + s + "'") == std::string::npos) named += (named.empty() ? "'" : ", '") + s + "'";
    throw InputError("no target in " + set.shown_name + " applies to scenario '" + name + "'" +
                     (only_plan.empty() ? "" : " under plan '" + std::string(only_plan) + "'") +
                     " (the targets apply to " + named + ")");
  }

  TargetsReport report;
  report.scenario = name;
  report.seed = options.seed;
  report.confidence = options.confidence;
  for (const std::string& p : plans)
    if (std::any_of(bindings.begin(), bindings.end(), [&](const TargetBinding& b) { return b.plan == p; }))
      report.plans.push_back(p);
  // Every plan compiled first, so a bad plan fails before any replication runs.
  std::vector<std::shared_ptr<const scenario::Model>> models;
  scenario::CompileCache cache;  // what the plans share is compiled once
  for (const std::string& p : report.plans)
    models.push_back(scenario::compile(scenario::resolve(doc, p), cache));

  std::vector<ExperimentResult> results;
  for (const auto& model : models) {
    results.push_back(run_experiment(model, options));
    report.n.push_back(results.back().n());
    report.seconds += results.back().seconds;
    if (results.back().partial) {
      report.partial = true;
      break;
    }
  }
  for (const TargetBinding& b : bindings) {
    TargetCheck check{set.targets[b.target], b.plan, std::nullopt};
    const auto it = std::find(report.plans.begin(), report.plans.end(), b.plan);
    const auto k = static_cast<std::size_t>(it - report.plans.begin());
    if (k < results.size())
      check.evaluation = evaluate_target(check.target, results[k], *models[k], options.confidence);
    report.checks.push_back(std::move(check));
  }
  return report;
}

}  // namespace siaga::experiment
