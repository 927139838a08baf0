#pragma once
// Simulated time: integer ticks of one millisecond, so that no floating-point drift accumulates over
// an election day (86,400,000 ticks) and equal times compare equal exactly.

#include <cstdint>

namespace siaga {

/// A point in simulated time or a duration, in milliseconds.
using Tick = std::int64_t;

inline constexpr Tick kTicksPerSecond = 1'000;
inline constexpr Tick kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr Tick kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr Tick kTicksPerDay = 24 * kTicksPerHour;

/// The largest representable time; "never".
inline constexpr Tick kNever = INT64_MAX;

/// Converts a non-negative duration in ticks given as a double (a random draw) to whole ticks,
/// rounding to nearest. The one conversion every model and benchmark uses, so results agree.
constexpr Tick to_ticks(double ticks) noexcept { return static_cast<Tick>(ticks + 0.5); }

/// Minutes (possibly fractional) to ticks, rounded to the nearest millisecond.
constexpr Tick minutes(double m) noexcept { return to_ticks(m * static_cast<double>(kTicksPerMinute)); }

/// Hours (possibly fractional) to ticks, rounded to the nearest millisecond.
constexpr Tick hours(double h) noexcept { return to_ticks(h * static_cast<double>(kTicksPerHour)); }

/// Ticks to minutes, for reporting.
constexpr double to_minutes(Tick t) noexcept {
  return static_cast<double>(t) / static_cast<double>(kTicksPerMinute);
}

/// Ticks to hours, for reporting.
constexpr double to_hours(Tick t) noexcept {
  return static_cast<double>(t) / static_cast<double>(kTicksPerHour);
}

}  // namespace siaga
