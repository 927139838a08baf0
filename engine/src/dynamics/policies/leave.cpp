// leave: guards go off duty as the count ends; the ballot boxes travel without them.

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class Leave final : public RetentionPolicy {
 public:
  bool escorts() const override { return false; }
  RetentionStart start(const RetentionView&) const override { return {}; }
  std::optional<Tick> next_check(const RetentionView&) const override { return std::nullopt; }
};

}  // namespace

std::unique_ptr<RetentionPolicy> leave(scenario::Record& settings, const scenario::Scenario&) {
  reject_fields(settings, {"officers", "hours", "quiet_minutes", "max_hours"}, "leave");
  return std::make_unique<Leave>();
}

}  // namespace siaga::dynamics::builtin
