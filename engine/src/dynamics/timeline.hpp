#pragma once
// The world's day, drawn at dawn and the same under every plan: each TPS's true vulnerability
// category and when its count ends, and which villages' results are contested; with it, the
// category each TPS is guarded as under the plan's rating. Internal part of a day.

#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class TpsTimeline {
 public:
  TpsTimeline(const scenario::Model& model, Simulator& sim);

  /// Draws which villages are contested today; call before the TPS start.
  void start_villages(const DaySeed& day);
  /// Draws TPS `tps`'s true category, its guarded category and counting time, and takes the end
  /// of its count's place in the order of events.
  void start(std::uint32_t tps, const DaySeed& day);
  /// Once every TPS has started: sorts the day's count ends and schedules the first. The others
  /// follow one at a time (count_ended), each in the place start() took for it, so the queue holds
  /// one count end instead of one per TPS and the order of events is what it would be with all.
  void schedule_counts();
  /// The TPS whose counts end next and after that (kNone where there is none).
  struct CountsAhead {
    std::uint32_t next = kNone, after = kNone;
  };
  /// The count of `tps` has ended: marks it and schedules the next count end. Returns the two
  /// counts that end next, whose state the day may start fetching.
  CountsAhead count_ended(std::uint32_t tps);
  /// The category the TPS truly has today (what its incident rate follows), as an index.
  std::uint8_t true_category(std::uint32_t tps) const noexcept { return tps_[tps].true_category; }
  /// The category it is guarded as under the plan's rating.
  std::uint8_t guarded_as(std::uint32_t tps) const noexcept { return tps_[tps].guarded_as; }
  /// Whether any TPS is guarded other than as rated today.
  bool any_regraded() const noexcept { return regraded_ > 0; }
  /// When its count ends, ms after midnight.
  Tick count_end(std::uint32_t tps) const noexcept { return tps_[tps].count_end; }
  bool counted(std::uint32_t tps) const noexcept { return tps_[tps].counted; }
  /// Whether the village's result is contested today.
  bool contested(std::uint32_t village) const noexcept { return contested_[village] != 0; }

 private:
  struct Day {
    Tick count_end = 0;
    std::uint64_t order = 0;  // the count end's place in the order of events
    std::uint8_t true_category = 0;
    std::uint8_t guarded_as = 0;
    bool counted = false;
  };
  const scenario::Model& model_;
  Simulator& sim_;
  std::vector<Day> tps_;
  std::vector<std::uint8_t> contested_;
  std::vector<std::uint64_t> counts_;  // the day's count ends in order; TPS index in the low 32 bits
  std::size_t next_count_ = 0;         // counts_[next_count_] is the one scheduled
  std::uint32_t regraded_ = 0;
};

}  // namespace siaga::dynamics::day
