#include "siaga/dynamics/dispatch_policy.hpp"

#include "policies/builtin_policies.hpp"
#include "policy_registry.hpp"

namespace siaga::dynamics {
namespace {

using Registry = detail::PolicyRegistry<DispatchPolicy, DispatchPolicyFactory>;

Registry& registry() {
  static Registry r("dispatch policy", {{"nearest_available", builtin::nearest_available},
                                        {"keep_reserve", builtin::keep_reserve}});
  return r;
}

}  // namespace

void register_dispatch_policy(std::string name, DispatchPolicyFactory factory) {
  registry().add(std::move(name), std::move(factory));
}

std::vector<std::string> dispatch_policy_names() { return registry().names(); }

std::unique_ptr<DispatchPolicy> make_dispatch_policy(const scenario::PolicyChoice& choice,
                                                     const scenario::Scenario& scenario,
                                                     scenario::Problems& problems) {
  return registry().make(choice, scenario, problems);
}

}  // namespace siaga::dynamics
