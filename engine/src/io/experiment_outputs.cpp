#include "siaga/io/experiment_outputs.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

#include "siaga/core/error.hpp"
#include "siaga/core/stable_hash.hpp"
#include "siaga/experiment/metric_summary.hpp"
#include "siaga/experiment/statistics.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/io/geojson_writer.hpp"
#include "siaga/io/report_tables.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/scenario_facts.hpp"

namespace siaga::io {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::ordered_json;
using dynamics::Metric;

// How many TPS summary.json names as the riskiest: a list a planner reads, not a table.
constexpr std::size_t kRiskiestTps = 10;
// The share of worst days whose mean escalations summary.json reports.
constexpr double kTailShare = 0.05;

// nlohmann writes NaN as null too, but only by accident of its dumper; say it.
Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// One metric as summary.json holds it: a probability's fields or a mean's.
Json summary_json(const experiment::MetricSummary& s) {
  Json j;
  j["kind"] = experiment::to_string(s.kind);
  j["label"] = dynamics::metric_label(s.metric);
  if (s.kind == experiment::SummaryKind::kProbability) {
    j["estimate"] = number_or_null(s.mean);
    j["low"] = number_or_null(s.low);
    j["high"] = number_or_null(s.high);
    j["successes"] = s.successes;
    j["n"] = s.n;
    return j;
  }
  j["mean"] = number_or_null(s.mean);
  j["low"] = number_or_null(s.low);
  j["high"] = number_or_null(s.high);
  j["sd"] = number_or_null(s.sd);
  j["p5"] = number_or_null(s.p5);
  j["p50"] = number_or_null(s.p50);
  j["p95"] = number_or_null(s.p95);
  j["p99"] = number_or_null(s.p99);
  j["n"] = s.n;
  j["better"] = dynamics::better_name(dynamics::metric_better(s.metric));
  return j;
}

Json ratio_json(const experiment::Ratio& r) {
  Json j;
  j["estimate"] = number_or_null(r.estimate);
  j["low"] = number_or_null(r.low);
  j["high"] = number_or_null(r.high);
  return j;
}

void check_sizes(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const std::size_t tps = model.scenario().region.tps.size();
  const std::size_t villages = model.scenario().region.villages.size();
  SIAGA_CHECK(result.tps_incident.size() == tps && result.tps_escalation.size() == tps &&
                  result.tps_late.size() == tps && result.tps_exposed.size() == tps,
              "an experiment result sized for another model (TPS counters)");
  SIAGA_CHECK(result.village_incident.size() == villages && result.village_escalation.size() == villages &&
                  result.village_late.size() == villages && result.village_exposed.size() == villages,
              "an experiment result sized for another model (village counters)");
}

// A table's rows as GeoJSON properties (the CSV's columns, numbers as numbers).
std::vector<Json> properties_of(const Table& t) {
  std::vector<Json> out;
  out.reserve(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r) out.push_back(row_json(t, r));
  return out;
}

std::string table_text(const TextTable& t) { return csv_text(t.header, t.rows); }

}  // namespace

nlohmann::ordered_json experiment_summary(const scenario::Model& model,
                                          const experiment::ExperimentResult& result, double confidence,
                                          std::string_view scenario_hash, std::string_view siaga_version) {
  check_sizes(model, result);
  const scenario::Scenario& s = model.scenario();
  Json j;
  j["format"] = kSummaryFormat;
  j["siaga_version"] = std::string(siaga_version);
  Json& scenario_json = j["scenario"] = Json::object();
  scenario_json["name"] = s.name;
  scenario_json["hash"] = std::string(scenario_hash);
  j["plan"] = result.plan;
  j["seed"] = result.seed;
  j["n"] = result.n();
  j["partial"] = result.partial;
  j["precision_reached"] = result.precision_reached;
  j["confidence"] = confidence;
  j["threads"] = result.threads;
  j["seconds"] = number_or_null(result.seconds);

  Json& metrics = j["metrics"] = Json::object();
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) {
    const auto metric = static_cast<Metric>(m);
    const experiment::MetricSummary summary =
        experiment::summarize_metric(metric, result.column(metric), confidence);
    metrics[std::string(dynamics::metric_name(metric))] = summary_json(summary);
  }

  // tail_mean needs at least one value; with none the tail is undefined, like a mean of nothing.
  std::vector<double> escalations = result.column(Metric::kEscalations);
  std::erase_if(escalations, [](double v) { return std::isnan(v); });
  Json& tail = j["tail"] = Json::object();
  tail["escalations_worst_5pct_mean"] =
      escalations.empty() ? Json(nullptr) : number_or_null(experiment::tail_mean(escalations, kTailShare));

  Json& probabilities = j["probabilities"] = Json::object();
  probabilities["any_escalation"] = metrics[std::string(dynamics::metric_name(Metric::kAnyEscalation))];
  probabilities["any_long_wait"] = metrics[std::string(dynamics::metric_name(Metric::kAnyLongWait))];

  Json& targets = j["response_targets"] = Json::object();
  const std::size_t band_count = s.incidents.response_targets.size();
  std::vector<double> all(result.n(), 0.0), all_within(result.n(), 0.0), in_band(result.n()),
      band_within(result.n());
  for (std::size_t i = 0; i < result.n(); ++i)
    for (std::size_t b = 0; b < band_count; ++b) {
      all[i] += result.bands[i].incidents[b];
      all_within[i] += result.bands[i].within[b];
    }
  targets["overall"] = ratio_json(experiment::ratio_of_totals(all_within, all, confidence, 0.0, 1.0));
  Json& bands = targets["bands"] = Json::array();
  for (std::size_t b = 0; b < band_count; ++b) {
    for (std::size_t i = 0; i < result.n(); ++i) {
      in_band[i] = result.bands[i].incidents[b];
      band_within[i] = result.bands[i].within[b];
    }
    Json band;
    band["beyond_km"] = s.incidents.response_targets[b].beyond_km;
    band["minutes"] = s.incidents.response_targets[b].minutes;
    double total = 0;
    for (const double x : in_band) total += x;
    band["incidents"] = total;
    const experiment::Ratio r = experiment::ratio_of_totals(band_within, in_band, confidence, 0.0, 1.0);
    band["estimate"] = number_or_null(r.estimate);
    band["low"] = number_or_null(r.low);
    band["high"] = number_or_null(r.high);
    bands.push_back(std::move(band));
  }
  Json& ratios = j["ratios"] = Json::object();
  ratios["riots_per_clash"] = ratio_json(experiment::ratio_of_totals(
      result.column(Metric::kClashesToRiots), result.column(Metric::kClashes), confidence, 0.0, 1.0));

  // Every TPS shares n, so the order of estimates is the order of counts: sorting integers keeps
  // ties exact. TPS that never escalated are left out: listing them as "riskiest" would mislead.
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < result.tps_escalation.size(); ++t)
    if (result.tps_escalation[t] > 0) order.push_back(t);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return result.tps_escalation[a] > result.tps_escalation[b];
  });
  if (order.size() > kRiskiestTps) order.resize(kRiskiestTps);
  Json& riskiest = j["riskiest_tps"] = Json::array();
  for (const std::size_t t : order) {
    const scenario::Tps& tps = s.region.tps[t];
    const experiment::Proportion p = experiment::wilson(result.tps_escalation[t], result.n(), confidence);
    Json r;
    r["id"] = tps.id;
    r["village"] = s.region.villages[tps.village].name;
    r["category"] = scenario::to_string(tps.category);
    r["estimate"] = number_or_null(p.estimate);
    r["low"] = number_or_null(p.low);
    r["high"] = number_or_null(p.high);
    riskiest.push_back(std::move(r));
  }
  return j;
}

std::string scenario_hash(std::string_view scenario_text) {
  // The same digits on every machine and compiler; it identifies the input, nothing more.
  std::uint64_t h = fnv1a64(scenario_text);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

std::vector<std::string> experiment_output_texts(const scenario::Model& model,
                                                 const experiment::ExperimentResult& result,
                                                 double confidence, std::string_view scenario_hash,
                                                 std::string_view siaga_version) {
  const Table villages = village_table(model, result, confidence);
  const Table tps = tps_table(model, result, confidence);
  const scenario::Model* const models[] = {&model};
  const RunFacts run{"run", result.seed, result.n(), confidence, result.partial, std::string(siaga_version),
                     {}};
  std::vector<std::string> texts{
      experiment_summary(model, result, confidence, scenario_hash, siaga_version).dump(2) + "\n",
      csv_text(replications_table(result)),
      csv_text(tps),
      csv_text(villages),
      io::villages_geojson(model, properties_of(villages)),
      csv_text(unit_table(model, result)),
      // The tables behind the report (report_tables.hpp, geojson_writer.hpp, scenario_facts.hpp).
      io::tps_geojson(model, properties_of(tps)),
      io::posts_geojson(model, result),
      table_text(kecamatan_table(model, result)),
      table_text(response_times_table(model, result)),
      table_text(incidents_by_hour_table(result)),
      table_text(riskiest_tps_table(model, result, confidence)),
      scenario_facts(models, scenario_hash, run).dump(2) + "\n",
  };
  SIAGA_CHECK(texts.size() == std::size(kExperimentOutputFiles), "a text per output file");
  return texts;
}

void write_experiment_outputs(const fs::path& dir, const scenario::Model& model,
                              const experiment::ExperimentResult& result, double confidence,
                              std::string_view scenario_hash, std::string_view siaga_version, bool force) {
  if (dir.empty()) throw InputError("no output directory given");
  // "out/" names the directory "out": drop the trailing separator before asking for the parent.
  const fs::path target = dir.has_filename() ? dir : dir.parent_path();
  std::error_code ec;
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    std::string message = "'";  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) at -O3
    message += target.string();
    message += "' exists and is not a directory";
    throw InputError(message);
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::exists(status) && !fs::is_directory(fs::status(parent, ec))) {
    std::string message = "cannot create the output directory '";
    message += target.string();
    message += "': no directory '";
    message += parent.string();
    message += '\'';
    throw InputError(message);
  }

  // Everything is computed before anything is touched, so that a failure leaves the disk as it was.
  const Overwrite overwrite = force ? Overwrite::kReplace : Overwrite::kRefuse;
  const std::vector<std::string> texts =
      experiment_output_texts(model, result, confidence, scenario_hash, siaga_version);
  // All the refusals before the first file: a run never leaves a mix of old and new outputs.
  if (fs::exists(status))
    for (const std::string_view name : kExperimentOutputFiles) check_destination(target / name, overwrite);

  fs::create_directory(target, ec);
  if (ec && !fs::is_directory(fs::status(target))) {
    std::string message = "cannot create the output directory '";
    message += target.string();
    message += "': ";
    message += ec.message();
    throw InputError(message);
  }
  // Every temporary file is written before the first takes its name; one that cannot be created
  // (a file appeared meanwhile, the disk is full) removes the others unnamed.
  std::vector<std::unique_ptr<AtomicFile>> files;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    files.push_back(std::make_unique<AtomicFile>(target / kExperimentOutputFiles[i], overwrite));
    files.back()->write(texts[i]);
  }
  for (const auto& file : files) file->commit();
}

}  // namespace siaga::io
