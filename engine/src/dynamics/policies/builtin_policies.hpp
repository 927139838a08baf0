#pragma once
// The built-in policies' factories, one file each in this folder; the registries
// (dispatch_policy.cpp, retention_policy.cpp) list them under their names. Internal.

#include <initializer_list>
#include <memory>
#include <string_view>

#include "siaga/dynamics/dispatch_policy.hpp"
#include "siaga/dynamics/retention_policy.hpp"

namespace siaga::dynamics::builtin {

std::unique_ptr<DispatchPolicy> nearest_available(scenario::Record& settings,
                                                  const scenario::Scenario& scenario);
std::unique_ptr<DispatchPolicy> keep_reserve(scenario::Record& settings, const scenario::Scenario& scenario);

std::unique_ptr<RetentionPolicy> leave(scenario::Record& settings, const scenario::Scenario& scenario);
std::unique_ptr<RetentionPolicy> escort(scenario::Record& settings, const scenario::Scenario& scenario);
std::unique_ptr<RetentionPolicy> fixed(scenario::Record& settings, const scenario::Scenario& scenario);
std::unique_ptr<RetentionPolicy> until_quiet(scenario::Record& settings, const scenario::Scenario& scenario);

/// Reports each of `fields` that the settings give but `policy` does not use: a retention field
/// of another policy written here would otherwise be silently ignored.
inline void reject_fields(scenario::Record& settings, std::initializer_list<std::string_view> fields,
                          std::string_view policy) {
  for (const std::string_view f : fields)
    if (settings.has(f)) {
      (void)settings.raw(f, scenario::Need::kOptional);
      settings.problem(f, "has no meaning for policy '" + std::string(policy) + "'");
    }
}

}  // namespace siaga::dynamics::builtin
