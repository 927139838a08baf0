// fixed: `officers` stay at the TPS for `hours` after the group's last count, whatever happens;
// the rest escort the boxes or go. The suggested default for rawan and sangat rawan TPS.

#include <algorithm>

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class Fixed final : public RetentionPolicy {
 public:
  Fixed(int officers, Tick stay) : officers_(officers), stay_(stay) {}
  RetentionStart start(const RetentionView& g) const override {
    return {std::min(g.present, officers_), g.now + stay_};
  }
  std::optional<Tick> next_check(const RetentionView&) const override { return std::nullopt; }

 private:
  int officers_;
  Tick stay_;
};

}  // namespace

std::unique_ptr<RetentionPolicy> fixed(scenario::Record& settings, const scenario::Scenario&) {
  const auto officers = settings.integer("officers", scenario::Need::kRequired, 0, 1000).value_or(0);
  const double h = settings.number("hours", scenario::Need::kRequired, {0, 24}).value_or(0.0);
  reject_fields(settings, {"quiet_minutes", "max_hours"}, "fixed");
  return std::make_unique<Fixed>(static_cast<int>(officers), hours(h));
}

}  // namespace siaga::dynamics::builtin
