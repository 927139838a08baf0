#pragma once
// Checking a whole scenario file: every plan resolved and compiled, every problem collected.

#include <vector>

#include "siaga/scenario/load.hpp"

namespace siaga::scenario {

/// Every problem of the document under every plan (each listed once); empty when it is valid.
std::vector<Problem> validate(const ScenarioDocument& doc);

}  // namespace siaga::scenario
