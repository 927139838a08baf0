#pragma once
// Text helpers of the scenario writers (the generator, the forces rule, siaga import): the notes
// they write state figures as people read them, and codes as the scenario format keeps them.

#include <algorithm>
#include <cstdio>
#include <string>

namespace siaga::scenario::notes_text {

/// printf into a std::string (the notes' figures).
inline std::string format(const char* fmt, auto... args) {
  const int n = std::snprintf(nullptr, 0, fmt, args...);
  std::string out(static_cast<std::size_t>(std::max(n, 0)) + 1, '\0');
  std::snprintf(out.data(), out.size(), fmt, args...);
  out.pop_back();
  return out;
}

/// An integer with commas between thousands: 60,751.
inline std::string thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

/// A Kemendagri code without its dots ("35.14.01" -> "351401"), as the scenario format keeps codes.
inline std::string strip_dots(const std::string& code) {
  std::string out;
  for (char c : code)
    if (c != '.') out += c;
  return out;
}

}  // namespace siaga::scenario::notes_text
