#pragma once
// The officers standing guard at TPS: groups of X officers over Y TPS of one category (X-Y-Z),
// formed each day from the category each TPS is guarded as (the plan's rating), who answer
// incidents at their own TPS, escort the ballot boxes, and after the last count stay or go as the
// category's retention policy says. Internal part of a day.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "day_context.hpp"
#include "siaga/dynamics/retention_policy.hpp"
#include "siaga/scenario/model.hpp"
#include "timeline.hpp"

namespace siaga::dynamics::day {

class Guards {
 public:
  /// Throws ScenarioError if a category's retention policy is unknown or badly set.
  Guards(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  /// Forms today's groups: the plan's own when every TPS is guarded as rated.
  void reset(const TpsTimeline& timeline);

  /// Every group takes its post (set-up).
  void arrive_all();
  /// The group guarding a TPS today, and its guards' travel time to it (ms).
  /// On a day guarded as rated (most days) both are the compiled site's, read from the line the
  /// day fetches anyway; other days have their own.
  std::uint32_t group_of(std::uint32_t tps) const noexcept {
    return rated_groups_ ? model_.tps()[tps].guard_group : tps_group_[tps];
  }
  Tick travel_to(std::uint32_t tps) const noexcept {
    return rated_groups_ ? model_.tps()[tps].guard_travel : tps_travel_[tps];
  }
  std::size_t group_count() const noexcept { return groups_.size(); }
  /// The share (0-1) of the group's TPS its officers present now cover.
  double coverage(std::uint32_t group) const noexcept;
  /// An incident at a TPS: the areas its group and other groups watch have seen one.
  void note_incident(std::uint32_t tps, Tick now) noexcept;
  /// True once the group has stood down, or keeps no officer after its count: an incident at its
  /// TPS now is one after the guards left.
  bool gone(std::uint32_t group) const noexcept {
    const Group& g = groups_[group];
    return g.released || (g.retaining && g.present + g.away == 0);
  }
  /// Sends up to `needed` of the group's officers present to an incident; returns how many went.
  int respond(std::uint32_t group, int needed);
  /// Officers back from an incident or an escort while the group still stands.
  void back(std::uint32_t group, int officers);
  /// An escort back from its trip: it rejoins its group while the group still stands (counting or
  /// retaining), and stands down otherwise.
  void escort_back(std::uint32_t group, int officers);
  /// The count of TPS `tps` has ended: returns the officers who escort its boxes.
  int escort_at_count_end(std::uint32_t tps);
  /// Starts fetching what the count ends of `next` and then `after` will read (either may be
  /// kNone): the group of `next`, whose index was fetched one count end earlier, and the index of
  /// the group of `after` (on a rated day, in the TPS's site, which the day fetches itself).
  void prefetch_counts(std::uint32_t next, std::uint32_t after) const noexcept {
    if (after != kNone && !rated_groups_) prefetch(tps_group_[after]);
    if (next != kNone) prefetch(groups_[group_of(next)]);
  }
  /// After the escort left: once the group's last TPS has counted, its retention begins (or the
  /// group stands down).
  void after_count_end(std::uint32_t tps);
  /// The retention policy looks again at the group.
  void check_retention(std::uint32_t group);

  /// Officer-hours of guards who have gone off duty so far, counted from set-up.
  double duty_hours_done() const noexcept { return duty_hours_; }
  /// Officer-hours of guards kept at TPS after the count, so far (a group still kept counts to now).
  double retention_hours(Tick now) const noexcept;
  /// Officers of the group still on duty (at its TPS, or away and coming back).
  int on_duty(std::uint32_t group) const noexcept { return groups_[group].present + groups_[group].away; }
  /// Officers the groups stand at TPS today (the plan's rating decides).
  int officers_standing() const noexcept { return officers_standing_; }

 private:
  struct Group {
    scenario::Category category = scenario::Category::kKurangRawan;
    std::uint32_t kecamatan = 0;
    int officers = 0;
    std::uint32_t first = 0, count = 0;  // its TPS: members_[first, first + count)
    std::uint32_t node = 0;
    // The day.
    int present = 0;             // officers at the group's TPS now
    int away = 0;                // at incidents or escorting, coming back
    int retained = 0;            // kept after the last count, now
    std::uint32_t counting = 0;  // TPS of the group still counting
    bool released = false;       // gone off duty (those away leave when back)
    bool retaining = false;
    Tick retention_start = 0;
    Tick retained_since = 0;  // retained changed last
    Tick last_incident = -1;
  };
  void form_rated();
  void form(const TpsTimeline& timeline);
  const RetentionPolicy& policy(std::uint32_t group) const;
  RetentionView view(std::uint32_t group) const;
  void set_retained(Group& g, int officers);
  void leave(std::uint32_t group, int officers);
  void release(std::uint32_t group);

  const scenario::Model& model_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::array<std::unique_ptr<RetentionPolicy>, scenario::kCategoryCount> policies_;
  std::vector<Group> groups_;
  std::vector<std::uint32_t> members_, tps_group_;  // tps_group_, tps_travel_: days not as rated
  std::vector<Tick> tps_travel_;
  std::vector<Tick> village_last_, kecamatan_last_;
  bool rated_groups_ = false;  // groups_ are the plan's own (as rated)
  int officers_standing_ = 0;
  double duty_hours_ = 0, retention_hours_ = 0;
};

}  // namespace siaga::dynamics::day
