#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {
namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.line();
  }
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Problem> problems)
    : InputError(join(problems)), problems_(std::move(problems)) {}

ScenarioError::ScenarioError(std::string where, std::string message)
    : ScenarioError(std::vector<Problem>{Problem{std::move(where), std::move(message)}}) {}

void Problems::add(std::string where, std::string message) {
  Problem p{std::move(where), std::move(message)};
  // The same problem can be reached twice (a base field seen again under a plan's overrides).
  if (seen_.insert(p.line()).second) list_.push_back(std::move(p));
}

void Problems::throw_if_any() const {
  if (!list_.empty()) throw ScenarioError(list_);
}

}  // namespace siaga::scenario
