#include "siaga/io/number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace siaga::io {

std::string format_fixed(double x, int decimals) {
  if (!std::isfinite(x)) return "n/a";
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 12), x);
  const std::string_view s(buf, static_cast<std::size_t>(std::max(0, n)));
  const bool negative = s[0] == '-' && s.find_first_of("123456789") != std::string_view::npos;  // no "-0.00"
  const std::string_view digits = s.substr(s[0] == '-' ? 1 : 0);
  const std::size_t whole = std::min(digits.find('.'), digits.size());
  // Commas between thousands of the whole part.
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(whole);
  return out;
}

std::string format_number(double x, int significant) {
  if (!std::isfinite(x)) return "n/a";
  const int magnitude = x == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(x))));
  const int decimals = std::clamp(significant - 1 - magnitude, 0, 4);
  std::string s = format_fixed(x, decimals);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string format_interval(double mean, double low, double high) {
  if (!std::isfinite(mean)) return "n/a";
  const double half = (high - low) / 2;
  if (!std::isfinite(half)) return format_number(mean);
  const int decimals =
      half > 0 ? std::clamp(1 - static_cast<int>(std::floor(std::log10(half) + 1e-9)), 0, 4)
               : std::clamp(2 - (mean == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(mean))))),
                            0, 3);
  return format_fixed(mean, decimals) + " [" + format_fixed(low, decimals) + ", " +
         format_fixed(high, decimals) + "]";
}

}  // namespace siaga::io
