#include "guards.hpp"

#include <algorithm>

#include "siaga/core/error.hpp"

namespace siaga::dynamics::day {

Guards::Guards(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model), sim_(sim), trace_(trace), groups_(model.guard_groups().size()) {
  scenario::Problems problems;
  for (std::size_t c = 0; c < scenario::kCategoryCount; ++c)
    policies_[c] = make_retention_policy(model.plan().retention[c], model.scenario(), problems);
  problems.throw_if_any();
}

const RetentionPolicy& Guards::policy(std::uint32_t group) const {
  return *policies_[static_cast<std::size_t>(model_.guard_groups()[group].category)];
}

RetentionView Guards::view(std::uint32_t group) const {
  const Group& g = groups_[group];
  return {sim_.now(), g.present, g.retention_start, g.last_incident};
}

void Guards::reset() {
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    groups_[g] = Group{};
    groups_[g].counting = model_.guard_groups()[g].tps_count;
  }
  duty_hours_ = retention_hours_ = 0;
}

void Guards::arrive_all() {
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    const scenario::GuardGroup& group = model_.guard_groups()[g];
    groups_[g].present = group.officers;
    if (trace_.on() && groups_[g].present > 0)
      trace_(TraceKind::kGuardsArrive, kNone, model_.group_tps()[group.first_tps], kNone, groups_[g].present);
  }
}

double Guards::coverage(std::uint32_t group) const noexcept {
  const scenario::GuardGroup& g = model_.guard_groups()[group];
  return std::min(1.0, static_cast<double>(groups_[group].present) /
                           static_cast<double>(std::max<std::uint32_t>(1, g.tps_count)));
}

int Guards::respond(std::uint32_t group, int needed) {
  Group& g = groups_[group];
  if (g.present <= 0 || g.released) return 0;
  const int sent = std::min(g.present, needed);
  g.present -= sent;
  SIAGA_CHECK(g.present >= 0, "a guard group's headcount went negative");
  g.away += sent;
  return sent;
}

void Guards::back(std::uint32_t group, int officers) {
  Group& g = groups_[group];
  g.away -= officers;
  SIAGA_CHECK(g.away >= 0, "more guards came back than had left");
  if (g.released) {
    leave(group, officers);
    return;
  }
  g.present += officers;
}

void Guards::escort_back(std::uint32_t group, int officers) {
  if (groups_[group].counting > 0) {
    back(group, officers);
    return;
  }
  groups_[group].away -= officers;
  leave(group, officers);
}

int Guards::escort_at_count_end(std::uint32_t tps) {
  const std::uint32_t group = model_.tps()[tps].guard_group;
  Group& g = groups_[group];
  const auto category = static_cast<std::size_t>(model_.scenario().region.tps[tps].category);
  const RetentionPolicy& rule = policy(group);
  // At the group's last TPS the officers the policy keeps are set aside first; the escort comes
  // from the rest.
  g.keep = 0;
  g.first_check.reset();
  if (g.counting == 1) {
    RetentionView now = view(group);
    now.retention_start = now.now;
    const RetentionStart start = rule.start(now);
    g.first_check = start.first_check;
    g.keep = start.first_check ? start.officers : 0;
  }
  const int escort =
      !rule.escorts() || g.released ? 0 : std::min(g.present - g.keep, model_.plan().escort[category]);
  g.present -= escort;
  g.away += escort;
  return escort;
}

void Guards::after_count_end(std::uint32_t tps) {
  const std::uint32_t group = model_.tps()[tps].guard_group;
  Group& g = groups_[group];
  if (--g.counting > 0 || g.released) return;
  if (!g.first_check) {
    release(group);
    return;
  }
  leave(group, g.present - g.keep);
  g.present = g.keep;
  g.retained = g.keep;
  g.retaining = true;
  g.retention_start = sim_.now();
  sim_.schedule_at(*g.first_check, {kRetentionCheck, 0, group, 0});
}

void Guards::check_retention(std::uint32_t group) {
  if (groups_[group].released) return;
  if (const std::optional<Tick> next = policy(group).next_check(view(group))) {
    sim_.schedule_at(*next, {kRetentionCheck, 0, group, 0});
  } else {
    release(group);
  }
}

void Guards::leave(std::uint32_t group, int officers) {
  if (officers <= 0) return;
  duty_hours_ += officers * to_hours(sim_.now() - model_.phase_starts()[0]);
  trace_(TraceKind::kGuardsLeave, kNone, model_.group_tps()[model_.guard_groups()[group].first_tps], kNone,
         officers);
}

void Guards::release(std::uint32_t group) {
  Group& g = groups_[group];
  if (g.retaining) retention_hours_ += g.retained * to_hours(sim_.now() - g.retention_start);
  leave(group, g.present);
  g.present = 0;
  g.released = true;
  g.retaining = false;
}

}  // namespace siaga::dynamics::day
