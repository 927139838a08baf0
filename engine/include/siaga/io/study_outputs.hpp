#pragma once
// What `compare --out` and `sweep --out` write beside their own tables (compare.csv, sweep.csv):
// scenario.json, and for a comparison every plan's results in plans/<plan>/ (the files of
// write_experiment_outputs()), for a sweep sweep_curve.csv; so that a report of either can be
// rebuilt from the folder alone.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/experiment/compare.hpp"
#include "siaga/experiment/sweep.hpp"
#include "siaga/io/atomic_file.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// The format tags of compare.json and sweep.json.
inline constexpr std::string_view kCompareFormat = "siaga-compare/1";
inline constexpr std::string_view kSweepFormat = "siaga-sweep/1";

/// compare.json (and what `siaga compare --json` prints): the provenance summary.json has, then the
/// rows of io::compare_table(). Keys in order: "format", "siaga_version", "scenario": {"name",
/// "hash"}, "plans" (names, the first the reference), "seed", "n" (replications per plan), "partial",
/// "confidence", "threads", "width_ratio" (paired over independent interval widths, mean over
/// metrics), "rows" (one object per table row, keyed by column name; missing cells null).
nlohmann::ordered_json comparison_json(const experiment::Comparison& comparison,
                                       std::string_view scenario_hash, std::string_view siaga_version);

/// sweep.json (and what `siaga sweep --json` prints): "format", "siaga_version", "scenario":
/// {"name", "hash"}, "plan", "axes" (dotted paths as given), "seed", "n" (replications per point),
/// "partial", "confidence", "rows" (io::sweep_table(), as for comparison_json()).
nlohmann::ordered_json sweep_json(const experiment::SweepResult& sweep, const scenario::Model& model,
                                  std::uint64_t seed, std::size_t replications, double confidence,
                                  std::string_view scenario_hash, std::string_view siaga_version);

/// The folder of one plan's results inside a comparison's --out folder: plans/<plan> (plan names
/// are identifiers: letters, digits, '_' and '-').
std::filesystem::path comparison_plan_dir(std::string_view plan);

/// Every file write_comparison_outputs() would write for these plans, relative to the folder:
/// compare.csv, compare.json, scenario.json and each plan's files.
std::vector<std::filesystem::path> comparison_output_files(const std::vector<std::string>& plans);

/// The files write_sweep_outputs() writes, relative to the folder.
std::vector<std::filesystem::path> sweep_output_files();

/// Refuses (InputError naming the file and --out) an existing file among `files` under `dir`
/// unless `overwrite` allows it, and a directory where a file goes; nothing is created. For
/// checking before a long run.
void check_output_files(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& files,
                        Overwrite overwrite);

/// Writes compare.csv (io::compare_table()), compare.json (comparison_json()), scenario.json
/// (command "compare") and each compared plan's results into plans/<plan>/ under `dir` (which must
/// exist). Every refusal comes before the first file.
void write_comparison_outputs(const std::filesystem::path& dir, const experiment::Comparison& comparison,
                              std::string_view scenario_hash, std::string_view siaga_version, bool force);

/// Writes sweep.csv (io::sweep_table()), sweep.json (sweep_json()), scenario.json (command "sweep",
/// facts of `model`: the swept plan before any --set) and sweep_curve.csv (io::sweep_curve_table())
/// into `dir` (which must exist).
void write_sweep_outputs(const std::filesystem::path& dir, const experiment::SweepResult& sweep,
                         const scenario::Model& model, std::uint64_t seed, std::size_t replications,
                         double confidence, std::string_view scenario_hash, std::string_view siaga_version,
                         bool force);

}  // namespace siaga::io
