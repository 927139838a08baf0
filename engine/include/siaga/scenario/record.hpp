#pragma once
// Typed reading of one record of a scenario (a JSON object, or a CSV row of a table), reporting
// every problem with its place: wrong type, out of range, missing, unknown field.

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/scenario/csv_table.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {

/// Whether a field must be present.
enum class Need : std::uint8_t { kRequired, kOptional };

/// Allowed range of a number.
struct Bounds {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool exclusive_min = false;  ///< min itself is not allowed (e.g. lengths > 0)
};

/// One record being read; remembers which fields were asked for, to report unknown ones.
class Record {
 public:
  /// A JSON value at `path`; a value that is not an object is reported and reads as empty.
  static Record of_json(const Json& value, Path path, Problems& problems);
  /// A JSON object read as if `overlay`'s members (a null one: removed) replaced its own: a document
  /// with a plan's patched sections, without copying the sections the patch leaves alone.
  static Record of_json(const Json& value, const Json& overlay, Path path, Problems& problems);
  /// Row `row` of a CSV table; nested fields are columns named `outer_inner`.
  static Record of_csv(const CsvTable& table, std::size_t row, Problems& problems);

  /// Where the record is (path, or file:line).
  std::string where() const;
  /// Where one of its fields is (path, or file:line:column).
  std::string where(std::string_view key) const;
  /// The path of a field (JSON records; for CSV records the table's path).
  Path path(std::string_view key) const { return path_ / key; }
  bool has(std::string_view key) const;
  /// Whether the record is a CSV row (lists are then written in one cell).
  bool is_csv() const noexcept { return table_ != nullptr; }

  std::optional<std::string> text(std::string_view key, Need need);
  std::optional<double> number(std::string_view key, Need need, Bounds bounds = {});
  std::optional<std::int64_t> integer(std::string_view key, Need need,
                                      std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                      std::int64_t max = std::numeric_limits<std::int64_t>::max());
  std::optional<bool> boolean(std::string_view key, Need need);
  /// A string field that must be one of `allowed` (the parse function decides, allowed is for
  /// the message).
  template <class E>
  std::optional<E> choice(std::string_view key, Need need,
                          std::optional<E> (*parse)(std::string_view) noexcept, std::string_view allowed) {
    const auto s = text(key, need);
    if (!s) return std::nullopt;
    auto value = parse(*s);
    if (!value) problem(key, "unknown value '" + *s + "' (allowed: " + std::string(allowed) + ")");
    return value;
  }
  /// A nested object (JSON) or the `key_`-prefixed columns (CSV).
  Record nested(std::string_view key, Need need);
  /// The raw JSON of a field, for lists and maps the caller reads itself; nullptr if absent.
  const Json* raw(std::string_view key, Need need);

  /// Reports a problem at a field.
  void problem(std::string_view key, std::string message);
  /// Reports every field of a JSON record that was never asked for, suggesting the closest known
  /// name. Call once, after reading every field.
  void finish();

 private:
  Record(Problems& problems) : problems_(&problems) {}
  /// The field as JSON or as CSV text; marks it asked. Reports it missing if required.
  const Json* json_field(std::string_view key, Need need);
  /// The field of a JSON record (the overlay's if it has one), or nullptr.
  const Json* lookup(std::string_view key) const;
  const std::string* csv_field(std::string_view key, Need need);
  void missing(std::string_view key);
  std::string type_problem(std::string_view expected, const Json& got) const;

  Problems* problems_;
  const Json* object_ = nullptr;   // JSON record, or null when CSV or not an object
  const Json* overlay_ = nullptr;  // fields that replace object_'s (null: removed), or none
  Path path_;
  const CsvTable* table_ = nullptr;  // CSV record
  std::size_t row_ = 0;
  std::string prefix_;  // CSV: prefix of nested fields
  std::vector<std::string> asked_;
};

/// Reports columns of a CSV table that no field of `known` names (nested fields flattened).
void check_csv_header(const CsvTable& table, std::span<const std::string_view> known, Problems& problems);

/// The closest of `candidates` to `word` by edit distance, if close enough to be a likely typo.
std::optional<std::string_view> closest_name(std::string_view word, std::span<const std::string> candidates);

}  // namespace siaga::scenario
