#pragma once
// Changing a scenario by dotted paths (sweeps, Python's Scenario.with_): values are set in a copy,
// and the result is checked like any scenario, so a typo in a path is reported, not ignored.

#include <span>
#include <utility>

#include "siaga/scenario/load.hpp"

namespace siaga::scenario {

/// A copy of `doc` with each value set at its path. Missing object fields along a path are created
/// (the copy is validated when resolved, so a mistyped field is reported as unknown); a plan named
/// in a path first gets its preset's guards, retention and escort written out, so that
/// `plans.doctrine.retention.rawan.hours` can be set when the preset gives it. A path through a
/// list position that does not exist, or onto a non-number where a number is given, is an
/// InputError naming the path.
ScenarioDocument with_values(const ScenarioDocument& doc, std::span<const std::pair<Path, Json>> values);

}  // namespace siaga::scenario
