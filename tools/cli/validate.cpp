// `siaga validate FILE`: checks a scenario under every plan; lists every problem; exit 2 if any.

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "scenario_input.hpp"
#include "siaga/dynamics/validate.hpp"

namespace siaga::cli {

CLI::App* add_validate(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file and list every problem in it");
  add_scenario_argument(*cmd, *file);
  cmd->callback([file] {
    const scenario::ScenarioDocument doc = load_scenario_argument(*file);
    const std::vector<scenario::Problem> problems = dynamics::validate(doc);
    if (!problems.empty()) throw scenario::ScenarioError(problems);
    const auto plans = doc.plan_names();
    std::string list;
    for (const auto& p : plans) list += (list.empty() ? "" : ", ") + p;
    std::printf("%s: valid (%zu plans: %s)\n", doc.shown_name().c_str(), plans.size(), list.c_str());
  });
  return cmd;
}

}  // namespace siaga::cli
