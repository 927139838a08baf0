#pragma once
// What an experiment leaves on disk: summary.json (every metric with its interval), one row per
// replication, per-TPS and per-village risk tables, and the villages as GeoJSON for a GIS. Every
// file is written atomically, and none replaces a user's file without --force.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/experiment/experiment.hpp"
#include "siaga/io/table.hpp"  // csv_text(), csv_number(), write_table_csv(): the one CSV writer
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// The format tag of summary.json.
inline constexpr std::string_view kSummaryFormat = "siaga-summary/2";

/// The files write_experiment_outputs() writes, in the order it writes them.
inline constexpr std::string_view kExperimentOutputFiles[] = {
    "summary.json",       "replications.csv",      "tps.csv",
    "villages.csv",       "villages.geojson",      "units.csv",
    "tps.geojson",        "posts.geojson",         "kecamatan.csv",
    "response_times.csv", "incidents_by_hour.csv", "riskiest_tps.csv",
    "scenario.json"};

/// The summary of an experiment on `model`, keys in a fixed order:
///   "format", "siaga_version", "scenario": {"name", "hash"}, "plan", "seed", "n", "partial",
///   "precision_reached", "confidence", "threads", "seconds" (wall time),
///   "metrics": {metric name: indicator metrics {"kind": "probability", "label", "estimate", "low",
///     "high", "successes", "n"} (Wilson interval); others {"kind": "mean", "label", "mean", "low",
///     "high" (t interval clipped to the metric's range), "sd", "p5", "p50", "p95", "p99", "n",
///     "better": "lower" | "higher" | "neither"}} (experiment::summarize_metric()),
///   "tail": {"escalations_worst_5pct_mean"},
///   "probabilities": {"any_escalation", "any_long_wait"} (the indicator metrics again),
///   "response_targets": {"overall": ratio, "bands": [{"beyond_km", "minutes", "incidents", then
///     the ratio}]}: the share of incidents with an officer on scene within target, pooled over
///     replications (ratio of totals, delta-method interval, within [0, 1]),
///   "ratios": {"riots_per_clash": ratio}: clashes that became riots, per clash,
///   where a ratio is {"estimate", "low", "high"},
///   "riskiest_tps": up to 10 TPS with at least one escalation, highest P(escalation) first (ties
///     in scenario order): [{"id", "village" (name), "category" (rated), "estimate", "low", "high"}].
/// Undefined values (NaN) are null.
nlohmann::ordered_json experiment_summary(const scenario::Model& model,
                                          const experiment::ExperimentResult& result, double confidence,
                                          std::string_view scenario_hash, std::string_view siaga_version);

/// Identifies a scenario's text (FNV-1a 64 as 16 lower-case hex digits, the same on every machine):
/// which input a result came from. Not a security hash: anyone can make two texts collide.
std::string scenario_hash(std::string_view scenario_text);

/// The text of every file write_experiment_outputs() writes, in kExperimentOutputFiles order, made
/// without touching the disk (what Python's Result.files() returns).
std::vector<std::string> experiment_output_texts(const scenario::Model& model,
                                                 const experiment::ExperimentResult& result,
                                                 double confidence, std::string_view scenario_hash,
                                                 std::string_view siaga_version);

/// Writes the experiment's files (kExperimentOutputFiles) into `dir`, creating `dir` if needed (its
/// parent must exist). Each file is atomic. Without `force`, an existing file of those names is an
/// InputError naming it and --force, and nothing is written. Files:
///   summary.json      experiment_summary(), indented by 2
///   replications.csv  io::replications_table()
///   tps.csv           io::tps_table()
///   villages.csv      io::village_table()
///   villages.geojson  a FeatureCollection of villages (io::villages_geojson(): polygons where the
///                     scenario has them, else points) with the villages.csv columns as properties
///   units.csv         io::unit_table()
///   tps.geojson, posts.geojson   io::tps_geojson() (the tps.csv columns), io::posts_geojson()
///   kecamatan.csv, response_times.csv, incidents_by_hour.csv, riskiest_tps.csv   report_tables.hpp
///   scenario.json     io::scenario_facts() of the model, command "run"
void write_experiment_outputs(const std::filesystem::path& dir, const scenario::Model& model,
                              const experiment::ExperimentResult& result, double confidence,
                              std::string_view scenario_hash, std::string_view siaga_version, bool force);

}  // namespace siaga::io
