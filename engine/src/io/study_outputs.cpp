#include "siaga/io/study_outputs.hpp"

#include <cmath>
#include <memory>

#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/report_tables.hpp"
#include "siaga/io/result_tables.hpp"
#include "siaga/io/scenario_facts.hpp"

namespace siaga::io {
namespace fs = std::filesystem;

nlohmann::ordered_json comparison_json(const experiment::Comparison& c, std::string_view scenario_hash,
                                       std::string_view siaga_version) {
  nlohmann::ordered_json j;
  j["format"] = kCompareFormat;
  j["siaga_version"] = siaga_version;
  j["scenario"] = {{"name", c.models.empty() ? std::string() : c.models.front()->scenario().name},
                   {"hash", scenario_hash}};
  j["plans"] = nlohmann::ordered_json::array();
  bool partial = false;
  for (const auto& r : c.results) {
    j["plans"].push_back(r.plan);
    partial = partial || r.partial;
  }
  const experiment::ExperimentResult& first = c.results.front();
  j["seed"] = first.seed;
  j["n"] = first.n();  // every plan cut to the same replications
  j["partial"] = partial;
  j["confidence"] = c.confidence;
  j["threads"] = first.threads;
  j["width_ratio"] = std::isfinite(c.width_ratio) ? nlohmann::ordered_json(c.width_ratio) : nullptr;
  j["rows"] = table_json(compare_table(c));
  return j;
}

nlohmann::ordered_json sweep_json(const experiment::SweepResult& sweep, const scenario::Model& model,
                                  std::uint64_t seed, std::size_t replications, double confidence,
                                  std::string_view scenario_hash, std::string_view siaga_version) {
  nlohmann::ordered_json j;
  j["format"] = kSweepFormat;
  j["siaga_version"] = siaga_version;
  j["scenario"] = {{"name", model.scenario().name}, {"hash", scenario_hash}};
  j["plan"] = model.plan().name;
  j["axes"] = nlohmann::ordered_json::array();
  for (const auto& a : sweep.axes) j["axes"].push_back(a.spelling);
  j["seed"] = seed;
  j["n"] = replications;
  j["partial"] = sweep.partial;
  j["confidence"] = confidence;
  j["rows"] = table_json(sweep_table(sweep, confidence));
  return j;
}

fs::path comparison_plan_dir(std::string_view plan) { return fs::path("plans") / std::string(plan); }

std::vector<fs::path> comparison_output_files(const std::vector<std::string>& plans) {
  std::vector<fs::path> out{"compare.csv", "compare.json", "scenario.json"};
  for (const std::string& plan : plans)
    for (const std::string_view f : kExperimentOutputFiles) out.push_back(comparison_plan_dir(plan) / f);
  return out;
}

std::vector<fs::path> sweep_output_files() {
  return {"sweep.csv", "sweep.json", "scenario.json", "sweep_curve.csv"};
}

void check_output_files(const fs::path& dir, const std::vector<fs::path>& files, Overwrite overwrite) {
  std::error_code ec;
  for (const fs::path& f : files) {
    const fs::path path = dir / f;
    // A folder not made yet holds nothing to refuse; write_* makes it.
    if (fs::is_directory(fs::status(path.parent_path(), ec))) check_destination(path, overwrite, "--out");
  }
}

void write_comparison_outputs(const fs::path& dir, const experiment::Comparison& comparison,
                              std::string_view scenario_hash, std::string_view siaga_version, bool force) {
  const Overwrite overwrite = force ? Overwrite::kReplace : Overwrite::kRefuse;
  const std::size_t plans = std::min(comparison.results.size(), comparison.models.size());
  std::vector<std::string> names;
  std::vector<const scenario::Model*> models;
  for (std::size_t k = 0; k < plans; ++k) {
    names.push_back(comparison.results[k].plan);
    models.push_back(comparison.models[k].get());
  }
  check_output_files(dir, comparison_output_files(names), overwrite);
  const experiment::ExperimentResult& first = comparison.results.front();
  bool partial = false;
  for (const auto& r : comparison.results) partial = partial || r.partial;
  const RunFacts run{
      "compare", first.seed, first.n(), comparison.confidence, partial, std::string(siaga_version), {}};
  const std::string facts = scenario_facts(models, scenario_hash, run).dump(2) + "\n";
  const std::string table = csv_text(compare_table(comparison));
  const std::string summary = comparison_json(comparison, scenario_hash, siaga_version).dump(2) + "\n";
  fs::create_directories(dir / "plans");
  for (std::size_t k = 0; k < plans; ++k)
    write_experiment_outputs(dir / comparison_plan_dir(names[k]), *models[k], comparison.results[k],
                             comparison.confidence, scenario_hash, siaga_version, force);
  write_file_atomically(dir / "compare.csv", table, overwrite, "--out");
  write_file_atomically(dir / "compare.json", summary, overwrite, "--out");
  // scenario.json last: a folder with it names plans whose results are all there.
  write_file_atomically(dir / "scenario.json", facts, overwrite, "--out");
}

void write_sweep_outputs(const fs::path& dir, const experiment::SweepResult& sweep,
                         const scenario::Model& model, std::uint64_t seed, std::size_t replications,
                         double confidence, std::string_view scenario_hash, std::string_view siaga_version,
                         bool force) {
  const Overwrite overwrite = force ? Overwrite::kReplace : Overwrite::kRefuse;
  check_output_files(dir, sweep_output_files(), overwrite);
  RunFacts run{"sweep", seed, replications, confidence, sweep.partial, std::string(siaga_version), {}};
  for (const auto& axis : sweep.axes) run.sweep_axes.push_back(axis.spelling);
  const scenario::Model* const models[] = {&model};
  const TextTable curve = sweep_curve_table(sweep, confidence);
  // Every temporary file before any takes its name: never some without the others.
  AtomicFile table_file(dir / "sweep.csv", overwrite, "--out");
  AtomicFile json_file(dir / "sweep.json", overwrite, "--out");
  AtomicFile facts_file(dir / "scenario.json", overwrite, "--out");
  AtomicFile curve_file(dir / "sweep_curve.csv", overwrite, "--out");
  table_file.write(csv_text(sweep_table(sweep, confidence)));
  json_file.write(
      sweep_json(sweep, model, seed, replications, confidence, scenario_hash, siaga_version).dump(2) + "\n");
  facts_file.write(scenario_facts(models, scenario_hash, run).dump(2) + "\n");
  curve_file.write(csv_text(curve.header, curve.rows));
  table_file.commit();
  json_file.commit();
  curve_file.commit();
  facts_file.commit();
}

}  // namespace siaga::io
