#include "siaga/core/poisson_process.hpp"

#include <algorithm>
#include <cmath>

#include "siaga/core/error.hpp"

namespace siaga {

void PiecewiseRate::check() const {
  SIAGA_CHECK(count_ >= 1 && count_ <= kMaxSegments, "a piecewise rate has 1 to kMaxSegments segments");
  for (std::size_t i = 0; i < count_; ++i) {
    SIAGA_CHECK(std::isfinite(rates_per_tick_[i]) && rates_per_tick_[i] >= 0.0,
                "rates must be finite and non-negative");
    SIAGA_CHECK(i == 0 || starts_[i] >= starts_[i - 1], "breakpoints must not decrease");
  }
}

PiecewiseRate::PiecewiseRate(std::span<const Tick> starts, std::span<const double> rates_per_hour) {
  SIAGA_CHECK(starts.size() == rates_per_hour.size() && starts.size() <= kMaxSegments,
              "a piecewise rate needs one rate per breakpoint, at most kMaxSegments");
  count_ = starts.size();
  for (std::size_t i = 0; i < count_; ++i) {
    starts_[i] = starts[i];
    rates_per_tick_[i] = rates_per_hour[i] / static_cast<double>(kTicksPerHour);
  }
  check();
}

PiecewiseRate PiecewiseRate::per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick) {
  SIAGA_CHECK(starts.size() == rates_per_tick.size() && starts.size() <= kMaxSegments,
              "a piecewise rate needs one rate per breakpoint, at most kMaxSegments");
  PiecewiseRate p;
  p.count_ = starts.size();
  std::copy(starts.begin(), starts.end(), p.starts_.begin());
  std::copy(rates_per_tick.begin(), rates_per_tick.end(), p.rates_per_tick_.begin());
  p.check();
  return p;
}

double PiecewiseRate::rate_at(Tick t) const noexcept {
  if (t < starts_[0]) return 0.0;
  // The last segment starting at or before t (of equal starts, the last: the others are empty).
  const auto i = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.begin() + count_, t) -
                                          starts_.begin()) -
                 1;
  return rates_per_tick_[i] * static_cast<double>(kTicksPerHour);
}

double PiecewiseRate::cumulative(Tick t) const noexcept {
  double sum = 0.0;
  for (std::size_t i = 0; i < count_ && starts_[i] < t; ++i) {
    const Tick end = i + 1 < count_ ? std::min(t, starts_[i + 1]) : t;
    sum += static_cast<double>(end - starts_[i]) * rates_per_tick_[i];
  }
  return sum;
}

PiecewiseRate::Arrival PiecewiseRate::next(RandomStream& s, Tick now) const noexcept {
  double budget = -std::log(s.uniform01());
  for (std::size_t i = 0; i < count_; ++i) {
    const Tick start = std::max(now, starts_[i]);
    const double rate = rates_per_tick_[i];
    if (i + 1 == count_) {  // the last segment never ends
      if (rate <= 0.0) break;
      const double wait = budget / rate;
      if (!(wait < static_cast<double>(kNever - start))) break;
      return {std::max(now + 1, start + to_ticks(wait)), i};
    }
    const Tick end = starts_[i + 1];
    if (start >= end || rate <= 0.0) continue;
    const double capacity = rate * static_cast<double>(end - start);
    if (budget <= capacity) return {std::min(end - 1, std::max(now + 1, start + to_ticks(budget / rate))), i};
    budget -= capacity;
  }
  return {kNever, count_};
}

}  // namespace siaga
