#include "siaga/dynamics/validate.hpp"

#include "siaga/dynamics/dispatch_policy.hpp"
#include "siaga/dynamics/retention_policy.hpp"
#include "siaga/scenario/validate.hpp"

namespace siaga::dynamics {

void check_policies(const scenario::Scenario& scenario, scenario::Problems& problems) {
  (void)make_dispatch_policy(scenario.plan.dispatch, scenario, problems);
  for (const scenario::PolicyChoice& rule : scenario.plan.retention)
    (void)make_retention_policy(rule, scenario, problems);
}

std::vector<scenario::Problem> validate(const scenario::ScenarioDocument& doc) {
  return scenario::validate(doc, check_policies);
}

}  // namespace siaga::dynamics
