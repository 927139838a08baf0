#include "siaga/scenario/record.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

namespace siaga::scenario {
namespace {

std::string format_number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Digits with an optional sign, then groups of three after `separator`: 1.234, -12,345,678.
bool grouped_digits(std::string_view s, char separator) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  const std::size_t lead = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == lead || i - lead > 3 || i == s.size()) return false;
  while (i < s.size()) {
    if (s[i] != separator || i + 4 > s.size()) return false;
    for (std::size_t k = 1; k <= 3; ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[i + k]))) return false;
    i += 4;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string without(std::string_view s, char c) {
  std::string out;
  for (const char x : s)
    if (x != c) out += x;
  return out;
}

// Why a CSV cell that should hold a number does not, when it is a number written the way a
// spreadsheet in another locale writes it (thousands separators, a decimal comma); nullopt when it
// is not (the caller's own message then applies). Indonesian spreadsheets write 1.234 for a
// thousand and 12,5 for twelve and a half; English ones the other way round.
std::optional<std::string> locale_number_problem(const std::string& cell, bool whole) {
  const std::string quoted = "'" + cell + "'";
  if (whole) {
    for (const char separator : {'.', ','})
      if (grouped_digits(cell, separator))
        return quoted + " looks like a number with a thousands separator; write " + without(cell, separator);
    return std::nullopt;
  }
  const auto comma = cell.find(',');
  if (comma == std::string::npos) return std::nullopt;
  const std::string_view before = std::string_view(cell).substr(0, comma);
  const std::string_view after = std::string_view(cell).substr(comma + 1);
  const bool one_comma = after.find(',') == std::string_view::npos;
  if (grouped_digits(cell, ',')) {
    if (!one_comma)
      return quoted + " looks like a number with thousands separators; write " + without(cell, ',');
    return quoted + " has a comma, which is not read in numbers; write " + without(cell, ',') +
           " if it is a thousands separator, or " + std::string(before) + "." + std::string(after) +
           " if it is a decimal comma";
  }
  const auto dot = cell.find('.');
  if (dot != std::string::npos && dot < comma && one_comma && all_digits(after) &&
      grouped_digits(before, '.')) {
    return quoted + " looks like a number with thousands separators and a decimal comma; write " +
           without(before, '.') + "." + std::string(after);
  }
  if (dot != std::string::npos && dot > comma && grouped_digits(std::string_view(cell).substr(0, dot), ',') &&
      all_digits(std::string_view(cell).substr(dot + 1)))
    return quoted + " looks like a number with a thousands separator; write " + without(cell, ',');
  if (one_comma && all_digits(before) && all_digits(after))
    return quoted + " has a decimal comma; write " + std::string(before) + "." + std::string(after);
  return std::nullopt;
}

}  // namespace

Record Record::of_json(const Json& value, Path path, Problems& problems) {
  Record r(problems);
  r.path_ = std::move(path);
  if (value.is_object()) {
    r.object_ = &value;
  } else {
    problems.add(r.path_.str(), r.type_problem("an object", value));
  }
  return r;
}

Record Record::of_json(const Json& value, const Json& overlay, Path path, Problems& problems) {
  Record r = of_json(value, std::move(path), problems);
  if (r.object_ && overlay.is_object()) r.overlay_ = &overlay;
  return r;
}

Record Record::of_csv(const CsvTable& table, std::size_t row, Problems& problems) {
  Record r(problems);
  r.table_ = &table;
  r.row_ = row;
  return r;
}

std::string Record::where() const { return table_ ? table_->where(row_) : path_.str(); }

std::string Record::where(std::string_view key) const {
  if (table_) {
    const std::string column = prefix_ + std::string(key);
    const auto c = table_->column(column);
    return c ? table_->where(row_, *c) + " (" + column + ")" : table_->where(row_) + " (" + column + ")";
  }
  return (path_ / key).str();
}

bool Record::has(std::string_view key) const {
  if (table_) {
    const auto c = table_->column(prefix_ + std::string(key));
    return c && !table_->cell(row_, *c).empty();
  }
  return lookup(key) != nullptr;
}

const Json* Record::lookup(std::string_view key) const {
  if (!object_) return nullptr;
  if (overlay_) {
    if (const auto it = overlay_->find(key); it != overlay_->end()) return it->is_null() ? nullptr : &*it;
  }
  const auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

void Record::problem(std::string_view key, std::string message) {
  problems_->add(where(key), std::move(message));
}

void Record::missing(std::string_view key) { problem(key, "is required but missing"); }

std::string Record::type_problem(std::string_view expected, const Json& got) const {
  std::string shown = got.dump();
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return "must be " + std::string(expected) + ", got " + std::string(got.type_name()) + " " + shown;
}

const Json* Record::json_field(std::string_view key, Need need) {
  asked_.emplace_back(key);
  if (!object_) return nullptr;
  const Json* v = lookup(key);
  if (!v && need == Need::kRequired) missing(key);
  return v;
}

const std::string* Record::csv_field(std::string_view key, Need need) {
  const auto c = table_->column(prefix_ + std::string(key));
  if (!c || table_->cell(row_, *c).empty()) {
    if (need == Need::kRequired) missing(key);
    return nullptr;
  }
  return &table_->cell(row_, *c);
}

std::optional<std::string> Record::text(std::string_view key, Need need) {
  if (table_) {
    const std::string* cell = csv_field(key, need);
    return cell ? std::optional<std::string>(*cell) : std::nullopt;
  }
  const Json* v = json_field(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    problem(key, type_problem("a string", *v));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<double> Record::number(std::string_view key, Need need, Bounds bounds) {
  double x = 0.0;
  if (table_) {
    const std::string* cell = csv_field(key, need);
    if (!cell) return std::nullopt;
    const auto [end, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), x);
    if (const auto locale = locale_number_problem(*cell, false)) {
      problem(key, *locale);
      return std::nullopt;
    }
    if (ec != std::errc{} || end != cell->data() + cell->size() || !std::isfinite(x)) {
      problem(key, "must be a finite number, got '" + *cell + "'");
      return std::nullopt;
    }
  } else {
    const Json* v = json_field(key, need);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      problem(key, type_problem("a number", *v));
      return std::nullopt;
    }
    x = v->get<double>();
  }
  if (bounds.exclusive_min ? !(x > bounds.min) : !(x >= bounds.min)) {
    problem(key, "must be " + std::string(bounds.exclusive_min ? "above " : "at least ") +
                     format_number(bounds.min) + ", got " + format_number(x));
    return std::nullopt;
  }
  if (!(x <= bounds.max)) {
    problem(key, "must be at most " + format_number(bounds.max) + ", got " + format_number(x));
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> Record::integer(std::string_view key, Need need, std::int64_t min,
                                            std::int64_t max) {
  std::int64_t x = 0;
  if (table_) {
    const std::string* cell = csv_field(key, need);
    if (!cell) return std::nullopt;
    const auto [end, ec] = std::from_chars(cell->data(), cell->data() + cell->size(), x);
    if (ec != std::errc{} || end != cell->data() + cell->size()) {
      const auto locale = locale_number_problem(*cell, true);
      problem(key, locale ? *locale : "must be a whole number, got '" + *cell + "'");
      return std::nullopt;
    }
  } else {
    const Json* v = json_field(key, need);
    if (!v) return std::nullopt;
    // A number with no fraction is a whole number however it is written: 3.0 is 3, as JSON Schema
    // counts it, so a sweep or a script that writes every value as a float may set counts too.
    const bool whole_float = v->is_number_float() && std::isfinite(v->get<double>()) &&
                             std::trunc(v->get<double>()) == v->get<double>() &&
                             std::fabs(v->get<double>()) < 9.0e15;
    if (!v->is_number_integer() && !whole_float) {
      problem(key, type_problem("a whole number", *v));
      return std::nullopt;
    }
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      problem(key, "must be at most " + std::to_string(max) + ", got " + v->dump());
      return std::nullopt;
    }
    x = whole_float ? static_cast<std::int64_t>(v->get<double>()) : v->get<std::int64_t>();
  }
  if (x < min || x > max) {
    problem(key, x < min ? "must be at least " + std::to_string(min) + ", got " + std::to_string(x)
                         : "must be at most " + std::to_string(max) + ", got " + std::to_string(x));
    return std::nullopt;
  }
  return x;
}

std::optional<bool> Record::boolean(std::string_view key, Need need) {
  if (table_) {
    const std::string* cell = csv_field(key, need);
    if (!cell) return std::nullopt;
    if (*cell == "true") return true;
    if (*cell == "false") return false;
    problem(key, "must be true or false, got '" + *cell + "'");
    return std::nullopt;
  }
  const Json* v = json_field(key, need);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    problem(key, type_problem("true or false", *v));
    return std::nullopt;
  }
  return v->get<bool>();
}

Record Record::nested(std::string_view key, Need need) {
  if (table_) {
    Record r = *this;
    r.prefix_ = prefix_ + std::string(key) + "_";
    r.asked_.clear();
    return r;
  }
  const Json* v = json_field(key, need);
  if (!v) {
    Record empty(*problems_);
    empty.path_ = path_ / key;
    return empty;
  }
  return of_json(*v, path_ / key, *problems_);
}

const Json* Record::raw(std::string_view key, Need need) {
  if (table_) {
    problem(key, "cannot be given in a CSV table");
    return nullptr;
  }
  return json_field(key, need);
}

void Record::finish() {
  if (!object_) return;
  auto report = [this](const std::string& key) {
    if (std::find(asked_.begin(), asked_.end(), key) != asked_.end()) return;
    std::string message = "unknown field";
    if (const auto guess = closest_name(key, asked_))
      message += " (did you mean '" + std::string(*guess) + "'?)";
    problems_->add((path_ / key).str(), message);
  };
  // In the order a merge patch leaves the fields: the object's own, then those the overlay adds.
  for (const auto& [key, value] : object_->items())
    if (lookup(key)) report(key);
  if (overlay_)
    for (const auto& [key, value] : overlay_->items())
      if (!value.is_null() && !object_->contains(key)) report(key);
}

void check_csv_header(const CsvTable& table, std::span<const std::string_view> known, Problems& problems) {
  std::vector<std::string> names(known.begin(), known.end());
  for (std::size_t c = 0; c < table.header().size(); ++c) {
    const std::string& column = table.header()[c];
    if (std::find(names.begin(), names.end(), column) != names.end()) continue;
    std::string message = "unknown column '" + column + "'";
    if (const auto guess = closest_name(column, names))
      message += " (did you mean '" + std::string(*guess) + "'?)";
    problems.add(table.name() + ":1:" + std::to_string(c + 1), message);
  }
}

std::optional<std::string_view> closest_name(std::string_view word, std::span<const std::string> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  // A likely typo: at most a third of the word changed (and at most 3 edits).
  if (best && best_distance <= std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3)))
    return best;
  return std::nullopt;
}

}  // namespace siaga::scenario
