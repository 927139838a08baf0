#include "scenario_input.hpp"

#include <filesystem>

#include "siaga/core/error.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/scenario/builtin.hpp"

namespace siaga::cli {

void add_scenario_argument(CLI::App& cmd, std::string& file) {
  cmd.add_option("FILE", file,
                 "scenario file (default: the built-in " + std::string(scenario::kDefaultScenario) +
                     "; the names of the other built-in scenarios work too)");
}

scenario::ScenarioDocument load_scenario_argument(const std::string& file) {
  const std::string name = file.empty() ? std::string(scenario::kDefaultScenario) : file;
  if (file.empty() || !std::filesystem::exists(name)) {
    if (const scenario::BuiltinFile* builtin = scenario::find_builtin_scenario(name))
      return scenario::ScenarioDocument::parse(builtin->text, name + " (built in)", ".");
  }
  if (file.empty()) throw InputError("the built-in scenario " + name + " is missing from this build");
  return scenario::ScenarioDocument::load(name);
}

std::shared_ptr<const scenario::Model> compile_scenario_argument(const std::string& file,
                                                                 const std::string& plan, std::string* hash) {
  scenario::Scenario resolved;
  {
    const scenario::ScenarioDocument doc = load_scenario_argument(file);
    if (hash) *hash = io::scenario_hash(doc.json().dump());
    resolved = scenario::resolve(doc, plan);
  }
  return scenario::compile(std::move(resolved));
}

}  // namespace siaga::cli
