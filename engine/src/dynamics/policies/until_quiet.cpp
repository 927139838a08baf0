// until_quiet: `officers` stay after the group's last count until its TPS have had no incident for
// `quiet_minutes`, at most `max_hours`: the residents' "until the area is calm" (Pasrepan, 2023).

#include <algorithm>

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

class UntilQuiet final : public RetentionPolicy {
 public:
  UntilQuiet(int officers, Tick quiet, Tick longest)
      : officers_(officers), quiet_(quiet), longest_(longest) {}
  RetentionStart start(const RetentionView& g) const override {
    return {std::min(g.present, officers_), std::min(g.now + longest_, g.now + quiet_)};
  }
  std::optional<Tick> next_check(const RetentionView& g) const override {
    const Tick deadline = g.retention_start + longest_;
    const Tick quiet_since = std::max(g.last_incident, g.retention_start);
    if (g.now >= deadline || g.now - quiet_since >= quiet_) return std::nullopt;
    return std::min(deadline, quiet_since + quiet_);
  }

 private:
  int officers_;
  Tick quiet_;
  Tick longest_;
};

}  // namespace

std::unique_ptr<RetentionPolicy> until_quiet(scenario::Record& settings, const scenario::Scenario&) {
  const auto officers = settings.integer("officers", scenario::Need::kRequired, 0, 1000).value_or(0);
  const double quiet =
      settings.number("quiet_minutes", scenario::Need::kRequired, {0, 24 * 60}).value_or(0.0);
  const double longest = settings.number("max_hours", scenario::Need::kRequired, {0, 24}).value_or(0.0);
  reject_fields(settings, {"hours"}, "until_quiet");
  return std::make_unique<UntilQuiet>(static_cast<int>(officers), minutes(quiet), hours(longest));
}

}  // namespace siaga::dynamics::builtin
