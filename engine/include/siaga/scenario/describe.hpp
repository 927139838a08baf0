#pragma once
// What a planner checks first about a compiled scenario: counts, officers per TPS by category,
// and static coverage (travel time from the nearest dispatchable unit to every TPS).

#include "siaga/scenario/model.hpp"
#include "siaga/scenario/path.hpp"

namespace siaga::scenario {

/// Coverage targets reported by describe, minutes.
inline constexpr double kCoverageTargetsMinutes[] = {15.0, 30.0};

/// The description as JSON (the CLI prints it as text or as is; Python returns it as a dict).
/// `worst` is how many of the farthest TPS are named.
Json describe(const Model& model, std::size_t worst = 10);

}  // namespace siaga::scenario
