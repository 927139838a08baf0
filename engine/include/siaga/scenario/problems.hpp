#pragma once
// Problems found in a scenario, collected (not only the first) and reported together.

#include <string>
#include <unordered_set>
#include <vector>

#include "siaga/core/error.hpp"

namespace siaga::scenario {

/// One problem: where it is (a dotted path, or file:line:column for CSV) and what is wrong.
struct Problem {
  std::string where;
  std::string message;
  /// "where: message", the one-line form every report uses.
  std::string line() const { return where + ": " + message; }
  friend bool operator==(const Problem&, const Problem&) = default;
};

/// A bad scenario: every problem found, one per line in what().
class ScenarioError : public InputError {
 public:
  explicit ScenarioError(std::vector<Problem> problems);
  /// A single problem.
  ScenarioError(std::string where, std::string message);
  const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// Collects problems while a scenario is read, checked and compiled.
class Problems {
 public:
  void add(std::string where, std::string message);
  bool empty() const noexcept { return list_.empty(); }
  std::size_t size() const noexcept { return list_.size(); }
  const std::vector<Problem>& list() const noexcept { return list_; }
  /// Throws ScenarioError with everything collected, if anything was.
  void throw_if_any() const;

 private:
  std::vector<Problem> list_;
  std::unordered_set<std::string> seen_;  // lines already listed
};

}  // namespace siaga::scenario
