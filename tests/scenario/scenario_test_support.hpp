#pragma once
// Shared helpers of the scenario tests: the minimal fixture and problem matching.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "siaga/scenario/load.hpp"
#include "siaga/scenario/validate.hpp"

namespace siaga::scenario::testing {

/// The directory of the scenario test data (tests/scenario/data).
inline std::filesystem::path data_dir() { return SIAGA_SCENARIO_TEST_DATA; }

/// The minimal fixture's JSON, to be mutated by a test.
inline Json minimal() { return ScenarioDocument::load(data_dir() / "minimal.json").json(); }

/// Every problem of a document (under every plan), as "where: message" lines.
inline std::vector<std::string> problems_of(const Json& doc) {
  std::vector<std::string> lines;
  for (const Problem& p : validate(ScenarioDocument::from_json(doc, "test", data_dir())))
    lines.push_back(p.line());
  return lines;
}

/// Asserts that `lines` contains exactly `expected` (among possibly others).
inline ::testing::AssertionResult has_problem(const std::vector<std::string>& lines,
                                              const std::string& expected) {
  if (std::find(lines.begin(), lines.end(), expected) != lines.end()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure() << "expected problem: " << expected << "\nproblems found:";
  for (const auto& l : lines) failure << "\n  " << l;
  return failure;
}

}  // namespace siaga::scenario::testing
