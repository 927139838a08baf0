#pragma once
// scenario.json of a results folder: what the scenario and its plans are (region, TPS by category,
// officers by kind, guard patterns, retention), how the results were made (command, seed,
// replications), the scenario's hash and the data's credits: the report's first paragraph, read
// from the results alone.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// The format tag of scenario.json.
inline constexpr std::string_view kScenarioFactsFormat = "siaga-results-scenario/1";

/// How a results folder was made.
struct RunFacts {
  std::string command;  ///< "run", "compare" or "sweep"
  std::uint64_t seed = 0;
  std::size_t replications = 0;  ///< per plan (per grid point for a sweep)
  double confidence = 0.95;
  bool partial = false;  ///< stopped by Ctrl-C
  std::string siaga_version;
  std::vector<std::string> sweep_axes;  ///< a sweep's --set spellings
};

/// A retention policy as a sentence fragment: "fixed: officers 1, hours 1.5" (its settings, in the
/// order written, numbers as format_number() writes them).
std::string retention_text(const scenario::PolicyChoice& retention);

/// scenario.json, keys in this order: "format", "name", "description", "hash", "run" (RunFacts),
/// "region" {"provinsi", "kabupaten" (names), "kecamatan", "villages", "tps", "voters",
/// "tps_by_category" {category: count}, "village_polygons", "kecamatan_polygons"}, "election"
/// {"kind", "date", "setup_hour", "opening_hour", "closing_hour", "ballots_per_voter"},
/// "response_targets" [{"beyond_km", "minutes"}], "long_wait_minutes", "plans" (one per model, in
/// order: {"name", "description", "pattern", "guards" {category: "X-Y-Z"}, "officers_at_tps",
/// "linmas_at_tps", "guard_pool", "officers_by_kind" {unit kind: officers}, "retention" {category:
/// retention_text()}, "escort" {category: officers}, "dispatch", "rating"}), "sources", "notes".
/// Every model must be of the same scenario (plans differ).
nlohmann::ordered_json scenario_facts(std::span<const scenario::Model* const> models, std::string_view hash,
                                      const RunFacts& run);

}  // namespace siaga::io
