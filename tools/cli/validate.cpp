// `siaga validate FILE`: checks a scenario under every plan; lists every problem; exit 2 if any.

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "scenario_input.hpp"
#include "siaga/dynamics/validate.hpp"

namespace siaga::cli {

CLI::App* add_validate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file and list every problem in it");
  add_scenario_argument(*cmd, *file);
  cmd->add_flag(
      "--json", *json,
      "print {\"scenario\", \"valid\", \"plans\", \"problems\": [{\"where\", \"message\"}]} (exit 2 "
      "still when invalid)");
  cmd->footer(
      "Example:\n  siaga validate my-kabupaten.json\n  lists every problem with its JSON path; exit 2 if "
      "any.");
  cmd->callback([file, json] {
    const scenario::ScenarioDocument doc = load_scenario_argument(*file);
    const std::vector<scenario::Problem> problems = dynamics::validate(doc);
    if (*json) {
      nlohmann::ordered_json j;
      j["scenario"] = doc.shown_name();
      j["valid"] = problems.empty();
      j["plans"] =
          problems.empty() ? nlohmann::ordered_json(doc.plan_names()) : nlohmann::ordered_json::array();
      j["problems"] = nlohmann::ordered_json::array();
      for (const auto& p : problems) j["problems"].push_back({{"where", p.where}, {"message", p.message}});
      std::printf("%s\n", j.dump(2).c_str());
      if (!problems.empty()) throw CLI::RuntimeError(2);
      return;
    }
    if (!problems.empty()) throw scenario::ScenarioError(problems);
    const auto plans = doc.plan_names();
    std::string list;
    for (const auto& p : plans) list += (list.empty() ? "" : ", ") + p;
    std::printf("%s: valid (%zu plans: %s)\n", doc.shown_name().c_str(), plans.size(), list.c_str());
  });
  return cmd;
}

}  // namespace siaga::cli
