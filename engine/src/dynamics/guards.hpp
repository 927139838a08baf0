#pragma once
// The officers standing guard at TPS: groups of X officers over Y TPS of one category (X-Y-Z),
// who answer incidents at their own TPS, lend officers to escort ballot boxes, and after the last
// count stay or go as the category's retention policy says. Internal part of a day.

#include <cstdint>
#include <memory>
#include <vector>

#include "day_context.hpp"
#include "siaga/dynamics/retention_policy.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class Guards {
 public:
  /// Throws ScenarioError if a category's retention policy is unknown or badly set.
  Guards(const scenario::Model& model, Simulator& sim, const DayTrace& trace);
  void reset();

  /// Every group takes its post (set-up).
  void arrive_all();
  /// The share (0-1) of the group's TPS its officers present now cover.
  double coverage(std::uint32_t group) const noexcept;
  /// An incident at one of the group's TPS.
  void note_incident(std::uint32_t group, Tick now) noexcept { groups_[group].last_incident = now; }
  /// True once no officer of the group is at its TPS and none is kept there: an incident now is
  /// one after the guards left.
  bool gone(std::uint32_t group) const noexcept {
    const Group& g = groups_[group];
    return g.present == 0 && (g.released || g.retained == 0);
  }
  /// Sends up to `needed` of the group's officers present to an incident; returns how many went.
  int respond(std::uint32_t group, int needed);
  /// Officers back from an incident or an escort while the group still stands.
  void back(std::uint32_t group, int officers);
  /// An escort back from the PPK: it rejoins its group while the group's other TPS still count, and
  /// stands down otherwise.
  void escort_back(std::uint32_t group, int officers);
  /// The count of TPS `tps` has ended: returns the officers who escort its boxes (those the
  /// retention policy keeps at the group's last TPS are set aside first).
  int escort_at_count_end(std::uint32_t tps);
  /// After the escort left: once the group's last TPS has counted, its retention begins (or the
  /// group stands down).
  void after_count_end(std::uint32_t tps);
  /// The retention policy looks again at the group.
  void check_retention(std::uint32_t group);

  /// Officer-hours of guards who have gone off duty so far, counted from set-up.
  double duty_hours_done() const noexcept { return duty_hours_; }
  /// Officer-hours of guards kept at TPS after the count.
  double retention_hours() const noexcept { return retention_hours_; }
  /// Officers of the group still on duty (at its TPS, or away and coming back).
  int on_duty(std::uint32_t group) const noexcept { return groups_[group].present + groups_[group].away; }
  std::size_t group_count() const noexcept { return groups_.size(); }

 private:
  struct Group {
    int present = 0;             // officers at the group's TPS now
    int away = 0;                // at incidents or escorting, coming back
    int retained = 0;            // kept after the last count
    std::uint32_t counting = 0;  // TPS of the group still counting
    bool released = false;       // gone off duty (those away leave when back)
    bool retaining = false;
    int keep = 0;  // set aside at the last count's end, before the escort
    std::optional<Tick> first_check;
    Tick retention_start = 0;
    Tick last_incident = -1;
  };
  const RetentionPolicy& policy(std::uint32_t group) const;
  RetentionView view(std::uint32_t group) const;
  void leave(std::uint32_t group, int officers);
  void release(std::uint32_t group);

  const scenario::Model& model_;
  Simulator& sim_;
  const DayTrace& trace_;
  std::array<std::unique_ptr<RetentionPolicy>, scenario::kCategoryCount> policies_;
  std::vector<Group> groups_;
  double duty_hours_ = 0, retention_hours_ = 0;
};

}  // namespace siaga::dynamics::day
