#include "siaga/core/poisson_process.hpp"

#include <algorithm>
#include <cmath>

#include "siaga/core/error.hpp"

namespace siaga {

PiecewiseRate::PiecewiseRate(std::span<const Tick> starts, std::span<const double> rates_per_hour)
    : starts_(starts.begin(), starts.end()) {
  SIAGA_CHECK(!starts.empty() && starts.size() == rates_per_hour.size(),
              "a piecewise rate needs one rate per breakpoint");
  rates_per_tick_.reserve(rates_per_hour.size());
  cumulative_at_start_.reserve(starts.size());
  double cumulative = 0.0;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    SIAGA_CHECK(std::isfinite(rates_per_hour[i]) && rates_per_hour[i] >= 0.0,
                "rates must be finite and non-negative");
    SIAGA_CHECK(i == 0 || starts[i] > starts[i - 1], "breakpoints must increase strictly");
    if (i > 0) cumulative += static_cast<double>(starts[i] - starts[i - 1]) * rates_per_tick_.back();
    rates_per_tick_.push_back(rates_per_hour[i] / static_cast<double>(kTicksPerHour));
    cumulative_at_start_.push_back(cumulative);
  }
}

double PiecewiseRate::rate_at(Tick t) const noexcept {
  if (t < starts_.front()) return 0.0;
  const auto i =
      static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin()) - 1;
  return rates_per_tick_[i] * static_cast<double>(kTicksPerHour);
}

double PiecewiseRate::cumulative(Tick t) const noexcept {
  if (t <= starts_.front()) return 0.0;
  const auto i =
      static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin()) - 1;
  return cumulative_at_start_[i] + static_cast<double>(t - starts_[i]) * rates_per_tick_[i];
}

Tick PiecewiseRate::next_arrival(RandomStream& s, Tick now) const noexcept {
  const double target = cumulative(now) - std::log(s.uniform01());
  // The segment holding the target: the last one whose cumulative start is <= target. A zero-rate
  // segment other than the last has the same cumulative start as its successor, so it is never
  // chosen; the last one means no further arrival.
  const auto i = static_cast<std::size_t>(
                     std::upper_bound(cumulative_at_start_.begin(), cumulative_at_start_.end(), target) -
                     cumulative_at_start_.begin()) -
                 1;
  if (rates_per_tick_[i] == 0.0) return kNever;
  const double at = static_cast<double>(starts_[i]) + (target - cumulative_at_start_[i]) / rates_per_tick_[i];
  if (at >= static_cast<double>(kNever)) return kNever;
  return std::max(to_ticks(at), now + 1);
}

}  // namespace siaga
