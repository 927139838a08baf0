#include "siaga/scenario/edit.hpp"

#include "siaga/core/error.hpp"
#include "siaga/scenario/doctrine.hpp"

namespace siaga::scenario {
namespace {

// Writes out what a plan takes from its preset, category by category, where it says nothing.
void materialize_plan(Json& plan) {
  if (!plan.is_object() || !plan.contains("pattern") || !plan["pattern"].is_string()) return;
  const DoctrinePreset* preset = find_doctrine_preset(plan["pattern"].get<std::string>());
  if (!preset) return;  // the parser reports the unknown preset
  for (const Category c : kAllCategories) {
    const std::string name(to_string(c));
    const auto i = static_cast<std::size_t>(c);
    Json& guards = plan["guards"];
    if (!guards.contains(name))
      guards[name] = {{"officers", preset->guards[i].officers},
                      {"tps", preset->guards[i].tps},
                      {"linmas", preset->guards[i].linmas}};
    Json& retention = plan["retention"];
    if (!retention.contains(name)) retention[name] = preset_retention(*preset, c);
    Json& escort = plan["escort"];
    if (!escort.contains(name)) escort[name] = preset->escort[i];
  }
}

}  // namespace

ScenarioDocument with_values(const ScenarioDocument& doc, std::span<const std::pair<Path, Json>> values) {
  Json json = doc.json();
  for (const auto& [path, value] : values) {
    const auto& steps = path.steps();
    if (steps.size() >= 2 && std::get_if<std::string>(&steps[0]) &&
        std::get<std::string>(steps[0]) == "plans" && std::get_if<std::string>(&steps[1]) &&
        json.contains("plans") && json["plans"].is_object() &&
        json["plans"].contains(std::get<std::string>(steps[1])))
      materialize_plan(json["plans"][std::get<std::string>(steps[1])]);
    Json& at = walk(json, path, true);
    if (value.is_number() && !at.is_null() && !at.is_number())
      throw InputError(path.str() + ": is not a number in the scenario (it is " +
                       std::string(at.type_name()) + ")");
    at = value;
  }
  return ScenarioDocument::from_json(std::move(json), doc.shown_name(), doc.base_dir());
}

}  // namespace siaga::scenario
