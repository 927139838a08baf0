#include "siaga/scenario/validate.hpp"

namespace siaga::scenario {

std::vector<Problem> validate(const ScenarioDocument& doc, const PlanCheck& also) {
  Problems problems;
  std::vector<std::string> plans = doc.plan_names();
  if (plans.empty()) plans.emplace_back();  // resolve() reports the missing plans
  CompileCache cache;                       // what the plans share is compiled once
  for (const std::string& plan : plans) {
    try {
      Scenario s = resolve(doc, plan);
      if (also) also(s, problems);
      (void)compile(std::move(s), cache);
    } catch (const ScenarioError& e) {
      for (const Problem& p : e.problems()) problems.add(p.where, p.message);
    } catch (const InputError& e) {
      problems.add("plans", e.what());
    }
  }
  return problems.list();
}

}  // namespace siaga::scenario
