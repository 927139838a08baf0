// escort: the plan's escort takes the ballot boxes to the PPS and PPK; everyone else goes off duty
// as the count ends, the escort once the boxes are delivered. The doctrine for kurang rawan TPS.

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class Escort final : public RetentionPolicy {
 public:
  RetentionStart start(const RetentionView&) const override { return {}; }
  std::optional<Tick> next_check(const RetentionView&) const override { return std::nullopt; }
};

}  // namespace

std::unique_ptr<RetentionPolicy> escort(scenario::Record& settings, const scenario::Scenario&) {
  reject_fields(settings, {"officers", "hours", "quiet_minutes", "max_hours"}, "escort");
  return std::make_unique<Escort>();
}

}  // namespace siaga::dynamics::builtin
