#pragma once
// Reading a scenario file and resolving it under one of its plans.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/scenario/path.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/scenario.hpp"

namespace siaga::scenario {

/// The format tag this version reads.
inline constexpr std::string_view kScenarioFormat = "siaga-scenario/1";

/// A scenario file as written: its JSON, where its CSV tables are, and how to name it.
class ScenarioDocument {
 public:
  /// Reads a scenario file; a JSON syntax error is a ScenarioError naming file, line and column.
  static ScenarioDocument load(const std::filesystem::path& file);
  /// Parses scenario text; CSV paths are relative to `base_dir`.
  static ScenarioDocument parse(std::string_view text, std::string shown_name,
                                std::filesystem::path base_dir);
  /// Wraps an already parsed document.
  static ScenarioDocument from_json(Json doc, std::string shown_name = "(scenario)",
                                    std::filesystem::path base_dir = ".");

  const Json& json() const noexcept { return json_; }
  Json& json() noexcept { return json_; }
  const std::string& shown_name() const noexcept { return shown_name_; }
  const std::filesystem::path& base_dir() const noexcept { return base_dir_; }
  /// Plan names in file order (empty if `plans` is missing or not an object).
  std::vector<std::string> plan_names() const;

 private:
  Json json_;
  std::string shown_name_;
  std::filesystem::path base_dir_;
};

/// The scenario under `plan` (empty: the first plan): the plan's overrides applied as a JSON Merge
/// Patch, every field checked, defaults filled in. Throws ScenarioError with every problem found,
/// or InputError if there is no such plan.
Scenario resolve(const ScenarioDocument& doc, std::string_view plan = {});

}  // namespace siaga::scenario
