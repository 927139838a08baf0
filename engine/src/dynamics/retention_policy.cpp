#include "siaga/dynamics/retention_policy.hpp"

#include "policies/builtin_policies.hpp"
#include "policy_registry.hpp"

namespace siaga::dynamics {
namespace {

using Registry = detail::PolicyRegistry<RetentionPolicy, RetentionPolicyFactory>;

Registry& registry() {
  static Registry r("retention policy", {{"leave", builtin::leave},
                                         {"fixed", builtin::fixed},
                                         {"until_quiet", builtin::until_quiet},
                                         {"escort", builtin::escort}});
  return r;
}

}  // namespace

void register_retention_policy(std::string name, RetentionPolicyFactory factory) {
  registry().add(std::move(name), std::move(factory));
}

std::vector<std::string> retention_policy_names() { return registry().names(); }

std::unique_ptr<RetentionPolicy> make_retention_policy(const scenario::PolicyChoice& choice,
                                                       const scenario::Scenario& scenario,
                                                       scenario::Problems& problems) {
  return registry().make(choice, scenario, problems);
}

}  // namespace siaga::dynamics
