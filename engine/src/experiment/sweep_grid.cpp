#include "siaga/experiment/sweep_grid.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <system_error>

#include "siaga/core/error.hpp"

namespace siaga::experiment {
namespace {

// More values than this on one axis is a typo (a step of 0.0001 for 0.001), not a study.
constexpr std::size_t kMaxAxisValues = 10'000;
// The whole grid is held in memory; beyond this the product of the axes is a mistake too.
constexpr std::size_t kMaxGridPoints = 1'000'000;
// How close (b - a) / s must come to a whole number for b to count as reached: decimal steps
// such as 0.1 are not exact in binary, and 0:1:0.1 must still end at 1.
constexpr double kWholeTolerance = 1e-9;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Every message starts with the --set as the user wrote it, so that a sweep of several axes says
// which one is wrong.
[[noreturn]] void fail(std::string_view spec, const std::string& why) {
  std::string message = "--set '";  // appended piece by piece: GCC 12 warns falsely (-Wrestrict)
  message += spec;
  message += "': ";
  message += why;
  throw InputError(message);
}

std::string quoted(std::string_view s) {
  std::string q = "'";
  q += s;
  q += '\'';
  return q;
}

// std::from_chars: locale-independent and exact (strtod would read "1,5" as 1 under some locales).
double parse_number(std::string_view spec, std::string_view text) {
  text = trim(text);
  std::string_view digits = text;
  // from_chars does not take a leading '+', which people write for symmetry with '-'.
  if (digits.size() > 1 && digits.front() == '+' && digits[1] != '-' && digits[1] != '+')
    digits.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec == std::errc::invalid_argument || end != digits.data() + digits.size())
    fail(spec, quoted(text) + " is not a number");
  if (ec == std::errc::result_out_of_range || !std::isfinite(value))
    fail(spec, quoted(text) + " is not a finite number");
  return value;
}

std::vector<double> parse_range(std::string_view spec, std::string_view values) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t colon = values.find(':', start);
    parts.push_back(values.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 3) fail(spec, "a range is a:b:s (from, to, step)");
  const double from = parse_number(spec, parts[0]);
  const double to = parse_number(spec, parts[1]);
  const double step = parse_number(spec, parts[2]);
  if (!(step > 0)) fail(spec, "the step must be positive");
  if (from > to)
    fail(spec,
         "the range is empty (" + std::string(trim(parts[0])) + " > " + std::string(trim(parts[1])) + ")");

  const double steps = (to - from) / step;  // may be +inf for ranges spanning most of the doubles
  const double nearest = std::round(steps);
  const bool reaches_end = std::abs(steps - nearest) <= kWholeTolerance;
  const double last_k = reaches_end ? nearest : std::floor(steps);
  // Compared as doubles before any conversion, so that a huge count cannot overflow an integer.
  if (!(last_k + 1 <= static_cast<double>(kMaxAxisValues))) {
    const std::string count = std::isfinite(last_k) && last_k < 1e15
                                  ? std::to_string(static_cast<unsigned long long>(last_k) + 1)
                                  : std::string("too many");
    fail(spec, "the range has " + count + " values (at most " + std::to_string(kMaxAxisValues) + ")");
  }
  const auto count = static_cast<std::size_t>(last_k) + 1;
  std::vector<double> out;
  out.reserve(count);
  // a + k*s rather than repeated addition: the rounding error of each value stays one
  // multiplication's, instead of growing with k.
  for (std::size_t k = 0; k < count; ++k) out.push_back(from + static_cast<double>(k) * step);
  // The end the user wrote, exactly: a + k*s may miss it by an ulp (0.1 + 3 * 0.2), and a sweep
  // that says 0.7 should run 0.7.
  if (reaches_end) out.back() = to;
  return out;
}

std::vector<double> parse_list(std::string_view spec, std::string_view values) {
  std::vector<double> out;
  for (std::size_t start = 0;;) {
    const std::size_t comma = values.find(',', start);
    const std::string_view item =
        values.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (trim(item).empty()) fail(spec, "an empty value in the list");
    out.push_back(parse_number(spec, item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.size() > kMaxAxisValues)
    fail(spec, "the list has " + std::to_string(out.size()) + " values (at most " +
                   std::to_string(kMaxAxisValues) + ")");
  return out;
}

}  // namespace

SweepAxis parse_sweep_axis(std::string_view spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string_view::npos) fail(spec, "expected PATH=VALUES");
  const std::string_view path_text = spec.substr(0, eq);
  const std::string_view values = spec.substr(eq + 1);

  SweepAxis axis;
  try {
    axis.path = scenario::Path::parse(path_text);
  } catch (const InputError& e) {
    fail(spec, e.what());
  }
  axis.spelling = std::string(path_text);
  if (trim(values).empty()) fail(spec, "expected at least one value after '='");
  axis.values =
      values.find(':') != std::string_view::npos ? parse_range(spec, values) : parse_list(spec, values);
  return axis;
}

std::vector<std::vector<double>> grid_points(std::span<const SweepAxis> axes) {
  std::size_t total = 1;
  for (const SweepAxis& axis : axes) {
    // Checked before multiplying: kMaxGridPoints * kMaxAxisValues fits in any 64-bit size_t.
    total *= axis.values.size();
    if (total > kMaxGridPoints)
      throw InputError("--set: the grid has more than " + std::to_string(kMaxGridPoints) +
                       " points; sweep fewer values");
  }
  // No axes is the empty product: one point with no coordinates (the scenario as it is).
  std::vector<std::vector<double>> points;
  points.reserve(total);
  if (total == 0) return points;
  std::vector<std::size_t> index(axes.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    std::vector<double> point(axes.size());
    for (std::size_t a = 0; a < axes.size(); ++a) point[a] = axes[a].values[index[a]];
    points.push_back(std::move(point));
    // An odometer whose last wheel turns fastest: the first axis varies slowest.
    for (std::size_t a = axes.size(); a-- > 0;) {
      if (++index[a] < axes[a].values.size()) break;
      index[a] = 0;
    }
  }
  return points;
}

}  // namespace siaga::experiment
