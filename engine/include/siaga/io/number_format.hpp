#pragma once
// Numbers as people read them in summaries and reports: thousands separated, as many decimals as
// the figure's precision deserves, "n/a" for a figure that is undefined.

#include <string>

namespace siaga::io {

/// `x` with about `significant` significant digits (never fewer than its whole digits, at most 4
/// decimals, trailing zeros dropped) and commas between thousands: 18,279; 643; 0.0824; 9. NaN or
/// infinite: "n/a".
std::string format_number(double x, int significant = 3);

/// A mean and its interval with the same decimals, enough to show the interval's half-width to two
/// significant digits (0 to 4): "18,073 [18,033, 18,113]", "0.930 [0.920, 0.940]". Without a finite
/// interval, the mean alone as format_number() writes it.
std::string format_interval(double mean, double low, double high);

/// `x` with exactly `decimals` decimals and commas between thousands; "n/a" if not finite.
std::string format_fixed(double x, int decimals);

}  // namespace siaga::io
