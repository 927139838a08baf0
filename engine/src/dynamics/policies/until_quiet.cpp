// until_quiet: `officers` stay after the group's last count until the area they watch (`area`:
// their own TPS, the villages those TPS are in, or the kecamatan) has had no incident for
// `quiet_minutes`, at least `min_stay_minutes` and at most `max_hours`: the residents' "until the
// area is calm" (Pasrepan, 2023).

#include <algorithm>

#include "builtin_policies.hpp"

namespace siaga::dynamics::builtin {
namespace {

enum class Area : std::uint8_t { kTps, kVillage, kKecamatan };

class UntilQuiet final : public RetentionPolicy {
 public:
  UntilQuiet(int officers, Tick quiet, Tick shortest, Tick longest, Area area)
      : officers_(officers), quiet_(quiet), shortest_(shortest), longest_(longest), area_(area) {}
  RetentionStart start(const RetentionView& g) const override {
    return {std::min(g.present, officers_), std::min(g.now + longest_, g.now + std::max(quiet_, shortest_))};
  }
  std::optional<Tick> next_check(const RetentionView& g) const override {
    const Tick deadline = g.retention_start + longest_;
    const Tick earliest = g.retention_start + shortest_;
    const Tick last = area_ == Area::kTps       ? g.last_incident
                      : area_ == Area::kVillage ? g.last_incident_villages
                                                : g.last_incident_kecamatan;
    const Tick quiet_since = std::max(last, g.retention_start);
    if (g.now >= deadline || (g.now - quiet_since >= quiet_ && g.now >= earliest)) return std::nullopt;
    return std::min(deadline, std::max(earliest, quiet_since + quiet_));
  }

 private:
  int officers_;
  Tick quiet_, shortest_, longest_;
  Area area_;
};

std::optional<Area> area_from_string(std::string_view s) noexcept {
  if (s == "tps") return Area::kTps;
  if (s == "village") return Area::kVillage;
  if (s == "kecamatan") return Area::kKecamatan;
  return std::nullopt;
}

}  // namespace

std::unique_ptr<RetentionPolicy> until_quiet(scenario::Record& settings, const scenario::Scenario&) {
  const auto officers = settings.integer("officers", scenario::Need::kRequired, 0, 1000).value_or(0);
  const double quiet =
      settings.number("quiet_minutes", scenario::Need::kRequired, {0, 24 * 60}).value_or(0.0);
  const double longest = settings.number("max_hours", scenario::Need::kRequired, {0, 24}).value_or(0.0);
  const double shortest =
      settings.number("min_stay_minutes", scenario::Need::kOptional, {0, 24 * 60}).value_or(0.0);
  const Area area =
      settings.choice("area", scenario::Need::kOptional, area_from_string, "tps, village, kecamatan")
          .value_or(Area::kVillage);
  if (shortest > longest * 60) settings.problem("min_stay_minutes", "must not be above max_hours");
  reject_fields(settings, {"hours"}, "until_quiet");
  return std::make_unique<UntilQuiet>(static_cast<int>(officers), minutes(quiet), minutes(shortest),
                                      hours(longest), area);
}

}  // namespace siaga::dynamics::builtin
