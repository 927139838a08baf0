// nearest_available: the response in stages (staged_response.hpp) with every free team allowed:
// what a dispatcher with no standing orders does.

#include "builtin_policies.hpp"
#include "staged_response.hpp"

namespace siaga::dynamics::builtin {
namespace {

class NearestAvailable final : public DispatchPolicy {
 public:
  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen) override {
    staged_.choose(
        request, candidates, chosen, [](const DispatchCandidate&) { return true; },
        [](const DispatchCandidate&) {});
  }

 private:
  StagedResponse staged_;
};

}  // namespace

std::unique_ptr<DispatchPolicy> nearest_available(scenario::Record&, const scenario::Scenario&) {
  return std::make_unique<NearestAvailable>();
}

}  // namespace siaga::dynamics::builtin
