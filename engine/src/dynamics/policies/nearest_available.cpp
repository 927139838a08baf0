// nearest_available: the nearest units that can go, up the chain, until enough officers are on
// their way. What a dispatcher with no standing orders does.

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class NearestAvailable final : public DispatchPolicy {
 public:
  void choose(const DispatchRequest& request, std::span<const DispatchCandidate> candidates,
              std::vector<std::uint32_t>& chosen) override {
    int short_of = request.officers_short;
    for (std::uint32_t i = 0; i < candidates.size() && short_of > 0; ++i) {
      chosen.push_back(i);
      short_of -= candidates[i].officers;
    }
  }
};

}  // namespace

std::unique_ptr<DispatchPolicy> nearest_available(scenario::Record&, const scenario::Scenario&) {
  return std::make_unique<NearestAvailable>();
}

}  // namespace siaga::dynamics::builtin
