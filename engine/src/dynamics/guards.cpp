#include "guards.hpp"

#include <algorithm>

#include "siaga/core/error.hpp"
#include "siaga/geo/geodesy.hpp"

namespace siaga::dynamics::day {

Guards::Guards(const scenario::Model& model, Simulator& sim, const DayTrace& trace)
    : model_(model),
      sim_(sim),
      trace_(trace),
      tps_group_(model.tps().size()),
      tps_travel_(model.tps().size()),
      village_last_(model.scenario().region.villages.size()),
      kecamatan_last_(model.scenario().region.kecamatan.size()) {
  scenario::Problems problems;
  for (std::size_t c = 0; c < scenario::kCategoryCount; ++c)
    policies_[c] = make_retention_policy(model.plan().retention[c], model.scenario(), problems);
  problems.throw_if_any();
}

// The plan's own groups, compiled from the rated categories.
void Guards::form_rated() {
  groups_.clear();
  members_.assign(model_.group_tps().begin(), model_.group_tps().end());
  officers_standing_ = 0;
  for (const scenario::GuardGroup& g : model_.guard_groups()) {
    Group group;
    group.category = g.category;
    group.kecamatan = g.kecamatan;
    group.officers = g.officers;
    group.first = g.first_tps;
    group.count = g.tps_count;
    group.node = g.node;
    groups_.push_back(group);
    officers_standing_ += g.officers;
  }
  rated_groups_ = true;
}

// Groups of the day when some TPS are guarded other than as rated: per kecamatan and category,
// runs of Y TPS in the compiled order. A group the plan compiled keeps its road times; the guards
// of a new group reach its other TPS in the estimate the compiled trips fall back on (1.4 times
// the straight line at village-road motorbike speed).
void Guards::form(const TpsTimeline& timeline) {
  groups_.clear();
  members_.clear();
  officers_standing_ = 0;
  const auto order = model_.guard_order();
  const auto& plan = model_.plan();
  const auto& graph = model_.roads();
  const double kmh = graph.speeds()[static_cast<std::size_t>(geo::RoadClass::kVillage)]
                                   [static_cast<std::size_t>(geo::Vehicle::kMotorbike)];
  for (std::size_t begin = 0; begin < order.size();) {
    const std::uint32_t kecamatan = model_.tps()[order[begin]].kecamatan;
    std::size_t end = begin;
    while (end < order.size() && model_.tps()[order[end]].kecamatan == kecamatan) ++end;
    for (std::uint8_t c = 0; c < scenario::kCategoryCount; ++c) {
      const scenario::GuardPattern& pattern = plan.guards[c];
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t t = order[i];
        if (timeline.guarded_as(t) != c) continue;
        Group* g = groups_.empty() ? nullptr : &groups_.back();
        if (!g || g->kecamatan != kecamatan || static_cast<std::uint8_t>(g->category) != c ||
            g->count >= static_cast<std::uint32_t>(pattern.tps)) {
          Group fresh;
          fresh.category = static_cast<scenario::Category>(c);
          fresh.kecamatan = kecamatan;
          fresh.officers = pattern.officers;
          fresh.first = static_cast<std::uint32_t>(members_.size());
          fresh.node = model_.tps()[t].node;
          groups_.push_back(fresh);
          officers_standing_ += pattern.officers;
          g = &groups_.back();
        }
        members_.push_back(t);
        ++g->count;
        tps_group_[t] = static_cast<std::uint32_t>(groups_.size() - 1);
      }
    }
    begin = end;
  }
  for (std::uint32_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    const std::uint32_t first = members_[g.first];
    const scenario::GuardGroup& compiled = model_.guard_groups()[model_.tps()[first].guard_group];
    bool same = compiled.tps_count == g.count && model_.group_tps()[compiled.first_tps] == first;
    for (std::uint32_t k = 0; same && k < g.count; ++k)
      same = model_.group_tps()[compiled.first_tps + k] == members_[g.first + k];
    for (std::uint32_t k = 0; k < g.count; ++k) {
      const std::uint32_t t = members_[g.first + k];
      tps_travel_[t] =
          same || k == 0
              ? (same ? model_.tps()[t].guard_travel : 0)
              : geo::edge_time(std::max(1.0, 1.4 * geo::distance_m(graph.node(g.node),
                                                                   graph.node(model_.tps()[t].node))),
                               kmh > 0 ? kmh : 20.0);
    }
  }
  rated_groups_ = false;
}

void Guards::reset(const TpsTimeline& timeline) {
  if (timeline.any_regraded())
    form(timeline);
  else if (!rated_groups_ || groups_.empty())
    form_rated();
  for (Group& g : groups_) {
    g.present = g.away = g.retained = 0;
    g.counting = g.count;
    g.released = g.retaining = false;
    g.retention_start = g.retained_since = 0;
    g.last_incident = -1;
  }
  std::fill(village_last_.begin(), village_last_.end(), -1);
  std::fill(kecamatan_last_.begin(), kecamatan_last_.end(), -1);
  duty_hours_ = retention_hours_ = 0;
}

const RetentionPolicy& Guards::policy(std::uint32_t group) const {
  return *policies_[static_cast<std::size_t>(groups_[group].category)];
}

RetentionView Guards::view(std::uint32_t group) const {
  const Group& g = groups_[group];
  Tick villages = -1;
  for (std::uint32_t k = 0; k < g.count; ++k)
    villages = std::max(villages, village_last_[model_.tps()[members_[g.first + k]].village]);
  return {sim_.now(), g.present, g.retention_start, g.last_incident, villages, kecamatan_last_[g.kecamatan]};
}

void Guards::arrive_all() {
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    groups_[g].present = groups_[g].officers;
    if (trace_.on() && groups_[g].present > 0)
      trace_(TraceKind::kGuardsArrive, kNone, members_[groups_[g].first], kNone, groups_[g].present,
             groups_[g].count);
  }
}

double Guards::coverage(std::uint32_t group) const noexcept {
  const Group& g = groups_[group];
  return std::min(1.0,
                  static_cast<double>(g.present) / static_cast<double>(std::max<std::uint32_t>(1, g.count)));
}

void Guards::note_incident(std::uint32_t tps, Tick now) noexcept {
  groups_[group_of(tps)].last_incident = now;
  village_last_[model_.tps()[tps].village] = now;
  kecamatan_last_[model_.tps()[tps].kecamatan] = now;
}

int Guards::respond(std::uint32_t group, int needed) {
  Group& g = groups_[group];
  if (g.present <= 0 || g.released) return 0;
  const int sent = std::min(g.present, needed);
  g.present -= sent;
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
  Group& g = groups_[group];
  if (g.counting > 0 || (g.retaining && !g.released)) {
    if (g.retaining) set_retained(g, g.retained + officers);  // the escort joins those kept
    back(group, officers);
    return;
  }
  g.away -= officers;
  leave(group, officers);
}

int Guards::escort_at_count_end(std::uint32_t tps) {
  Group& g = groups_[group_of(tps)];
  const auto category = static_cast<std::size_t>(g.category);
  // The boxes are escorted first (they must not travel alone); retention keeps who is left, and
  // the escort rejoins the retained officers when it comes back.
  const int escort = !policy(group_of(tps)).escorts() || g.released
                         ? 0
                         : std::min(g.present, model_.plan().escort[category]);
  g.present -= escort;
  g.away += escort;
  return escort;
}

void Guards::after_count_end(std::uint32_t tps) {
  const std::uint32_t group = group_of(tps);
  Group& g = groups_[group];
  if (--g.counting > 0 || g.released) return;
  RetentionView now = view(group);
  now.retention_start = now.now;
  const RetentionStart start = policy(group).start(now);
  if (!start.first_check) {
    release(group);
    return;
  }
  const int keep = std::min(g.present, start.officers);
  leave(group, g.present - keep);
  g.present = keep;
  g.retaining = true;
  g.retention_start = g.retained_since = sim_.now();
  g.retained = keep;
  sim_.schedule_at(std::max(sim_.now(), *start.first_check), {kRetentionCheck, 0, group, 0});
}

void Guards::check_retention(std::uint32_t group) {
  if (groups_[group].released) return;
  if (const std::optional<Tick> next = policy(group).next_check(view(group))) {
    sim_.schedule_at(std::max(sim_.now() + 1, *next), {kRetentionCheck, 0, group, 0});
  } else {
    release(group);
  }
}

void Guards::set_retained(Group& g, int officers) {
  retention_hours_ += g.retained * to_hours(sim_.now() - g.retained_since);
  g.retained_since = sim_.now();
  g.retained = officers;
}

double Guards::retention_hours(Tick now) const noexcept {
  double h = retention_hours_;
  for (const Group& g : groups_)
    if (g.retaining) h += g.retained * to_hours(now - g.retained_since);
  return h;
}

void Guards::leave(std::uint32_t group, int officers) {
  if (officers <= 0) return;
  duty_hours_ += officers * to_hours(sim_.now() - model_.phase_starts()[0]);
  trace_(TraceKind::kGuardsLeave, kNone, members_[groups_[group].first], kNone, officers);
}

void Guards::release(std::uint32_t group) {
  Group& g = groups_[group];
  if (g.retaining) set_retained(g, 0);
  leave(group, g.present);
  g.present = 0;
  g.released = true;
  g.retaining = false;
}

}  // namespace siaga::dynamics::day
