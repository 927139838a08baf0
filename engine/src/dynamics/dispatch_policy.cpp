#include "siaga/dynamics/dispatch_policy.hpp"

namespace siaga::dynamics {

std::unique_ptr<DispatchPolicy> make_dispatch_policy(const scenario::DispatchConfig& config) {
  switch (config.policy) {
    case scenario::DispatchPolicyKind::kKeepReserve:
      return std::make_unique<KeepReserve>(config.min_reserve, minutes(config.local_minutes));
    case scenario::DispatchPolicyKind::kNearestAvailable:
      break;
  }
  return std::make_unique<NearestAvailable>();
}

}  // namespace siaga::dynamics
