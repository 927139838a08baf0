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
    SIAGA_CHECK(std::isfinite(decays_per_tick_[i]) && decays_per_tick_[i] >= 0.0,
                "decays must be finite and non-negative");
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

PiecewiseRate PiecewiseRate::per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick,
                                      std::span<const double> decays_per_tick) {
  PiecewiseRate p;
  p.assign_per_tick(starts, rates_per_tick, decays_per_tick);
  return p;
}

void PiecewiseRate::assign_per_tick(std::span<const Tick> starts, std::span<const double> rates_per_tick,
                                    std::span<const double> decays_per_tick) {
  SIAGA_CHECK(starts.size() == rates_per_tick.size() && decays_per_tick.size() == starts.size() &&
                  starts.size() <= kMaxSegments,
              "a piecewise rate needs one rate and one decay per breakpoint, at most kMaxSegments");
  // Entries past the count are never read, so only the segments given are written.
  count_ = starts.size();
  std::copy(starts.begin(), starts.end(), starts_.begin());
  std::copy(rates_per_tick.begin(), rates_per_tick.end(), rates_per_tick_.begin());
  std::copy(decays_per_tick.begin(), decays_per_tick.end(), decays_per_tick_.begin());
  check();
}

double PiecewiseRate::integral(std::size_t i, Tick a, Tick b) const noexcept {
  const double r = rates_per_tick_[i], d = decays_per_tick_[i];
  if (d == 0.0) return static_cast<double>(b - a) * r;
  const double from = static_cast<double>(a - starts_[i]), to = static_cast<double>(b - starts_[i]);
  return r / d * (std::exp(-d * from) - std::exp(-d * to));
}

double PiecewiseRate::rate_at(Tick t) const noexcept {
  if (t < starts_[0]) return 0.0;
  // The last segment starting at or before t (of equal starts, the last: the others are empty).
  const auto i = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.begin() + count_, t) -
                                          starts_.begin()) -
                 1;
  return rates_per_tick_[i] * std::exp(-decays_per_tick_[i] * static_cast<double>(t - starts_[i])) *
         static_cast<double>(kTicksPerHour);
}

double PiecewiseRate::cumulative(Tick t) const noexcept {
  double sum = 0.0;
  for (std::size_t i = 0; i < count_ && starts_[i] < t; ++i) {
    const Tick end = i + 1 < count_ ? std::min(t, starts_[i + 1]) : t;
    sum += integral(i, starts_[i], end);
  }
  return sum;
}

PiecewiseRate::Arrival PiecewiseRate::next(RandomStream& s, Tick now) const noexcept {
  double budget = -std::log(s.uniform01());
  for (std::size_t i = 0; i < count_; ++i) {
    const Tick start = std::max(now, starts_[i]);
    const double rate = rates_per_tick_[i];
    const bool last = i + 1 == count_;  // the last segment never ends
    const Tick end = last ? kNever : starts_[i + 1];
    if (start >= end || rate <= 0.0) continue;
    if (decays_per_tick_[i] > 0.0) {
      // Invert r/d (exp(-d (start - s0)) - exp(-d (t - s0))) = budget for t.
      const double d = decays_per_tick_[i];
      const double at_start = std::exp(-d * static_cast<double>(start - starts_[i]));
      const double left = at_start - budget * d / rate;
      const double at_end = last ? 0.0 : std::exp(-d * static_cast<double>(end - starts_[i]));
      if (left > at_end) {
        const double t = static_cast<double>(starts_[i]) - std::log(left) / d;
        if (t < static_cast<double>(end) && t < static_cast<double>(kNever / 2))
          return {std::min(last ? kNever - 1 : end - 1, std::max(now + 1, to_ticks(t))), i};
      }
      budget -= rate / d * (at_start - at_end);
      continue;
    }
    if (last) {
      const double wait = budget / rate;
      if (!(wait < static_cast<double>(kNever - start))) break;
      return {std::max(now + 1, start + to_ticks(wait)), i};
    }
    const double capacity = rate * static_cast<double>(end - start);
    if (budget <= capacity) return {std::min(end - 1, std::max(now + 1, start + to_ticks(budget / rate))), i};
    budget -= capacity;
  }
  return {kNever, count_};
}

}  // namespace siaga
