#pragma once
// Checking a whole scenario file: every plan resolved and compiled, every problem collected.

#include <functional>
#include <vector>

#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::scenario {

/// A further check of each plan, by a layer above (the dynamics check the policies it names).
using PlanCheck = std::function<void(const Scenario& plan, Problems& problems)>;

/// Every problem of the document under every plan (each listed once); empty when it is valid.
/// `also` runs on each plan that resolves, before it is compiled.
std::vector<Problem> validate(const ScenarioDocument& doc, const PlanCheck& also = {});

}  // namespace siaga::scenario
