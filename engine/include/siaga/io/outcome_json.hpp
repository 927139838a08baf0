#pragma once
// One replication's outcome as JSON, for `siaga run --json` and for Python.

#include <nlohmann/json.hpp>

#include "siaga/dynamics/outcome.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// The outcome of one replication of `model`, keys in a fixed order:
///   "metrics":   every metric by metric_name() (minutes, hours, shares, counts; null where undefined)
///   "incidents": {"by_kind": {kind name: n}, "by_phase": {phase: n}, "by_category": {rated category: n}}
///   "tps":       {"ids": [TPS id], "incidents": [n], "escalations": [n], "late": [n], "exposed": [n]},
///                arrays parallel to "ids" (in the scenario's TPS order); left out if `per_tps` is false.
nlohmann::ordered_json outcome_json(const dynamics::Outcome& outcome, const scenario::Model& model,
                                    bool per_tps = true);

}  // namespace siaga::io
