#pragma once
// Checking a whole scenario file before anything runs: every plan resolved and compiled
// (scenario/validate.hpp), and what only the dynamics can judge, the policies each plan names.

#include <vector>

#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics {

/// Every problem of the document under every plan (each listed once); empty when every plan can be
/// run.
std::vector<scenario::Problem> validate(const scenario::ScenarioDocument& doc);

/// Adds to `problems` what is wrong with the policies the scenario's plan names (an unknown name,
/// bad or unknown settings), with their paths.
void check_policies(const scenario::Scenario& scenario, scenario::Problems& problems);

}  // namespace siaga::dynamics
