#pragma once
// Each TPS's own day: its true vulnerability category and when its count ends, both drawn at dawn
// from the TPS's timeline stream; whether it has counted yet. Internal part of a day.

#include <cstdint>
#include <vector>

#include "day_context.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::day {

class TpsTimeline {
 public:
  TpsTimeline(const scenario::Model& model, Simulator& sim);

  /// Draws TPS `tps`'s true category and counting time and schedules the end of its count.
  void start(std::uint32_t tps, const DaySeed& day);
  /// The category the TPS truly has today (what its incident rate follows), as an index.
  std::uint8_t true_category(std::uint32_t tps) const noexcept { return tps_[tps].true_category; }
  /// When its count ends, ms after midnight.
  Tick count_end(std::uint32_t tps) const noexcept { return tps_[tps].count_end; }
  bool counted(std::uint32_t tps) const noexcept { return tps_[tps].counted; }
  void mark_counted(std::uint32_t tps) noexcept { tps_[tps].counted = true; }

 private:
  struct Day {
    Tick count_end = 0;
    std::uint8_t true_category = 0;
    bool counted = false;
  };
  const scenario::Model& model_;
  Simulator& sim_;
  std::vector<Day> tps_;
};

}  // namespace siaga::dynamics::day
