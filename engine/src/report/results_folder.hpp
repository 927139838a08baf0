#pragma once
// Reading a results folder back (what `--out` wrote): its CSV tables, JSON and GeoJSON files, with
// every problem an InputError naming the file (and line, column or field) and what is wrong, so
// that a report is built from the results alone or not at all. Internal part of the report.

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/scenario/csv_table.hpp"

namespace siaga::report {

/// JSON as read: objects keep the order the file has (categories, kinds), as the page shows them.
using Json = nlohmann::ordered_json;

/// The text of `file`, shown in messages as `shown` (the path under the results folder); an
/// InputError naming it when it is missing or unreadable.
std::string read_results_file(const std::filesystem::path& file, const std::string& shown);

/// One CSV table of a results folder, read by column name.
class ResultsTable {
 public:
  /// Reads `dir / name`; `shown` is how messages name it.
  static ResultsTable read(const std::filesystem::path& dir, const std::string& name,
                           const std::string& shown);

  std::size_t rows() const noexcept { return table_.row_count(); }
  const std::vector<std::string>& header() const noexcept { return table_.header(); }
  /// The column of a header name; InputError "FILE: no column 'NAME'" if it has none.
  std::size_t column(std::string_view name) const;
  /// The text of a cell.
  const std::string& text(std::size_t row, std::size_t column) const noexcept {
    return table_.cell(row, column);
  }
  const std::string& text(std::size_t row, std::string_view name) const { return text(row, column(name)); }
  /// A cell as a number: empty or "n/a" is NaN; anything else that is not a number is an InputError naming
  /// file:line:column, the column's name and the text.
  double number(std::size_t row, std::size_t column) const;
  double number(std::size_t row, std::string_view name) const { return number(row, column(name)); }
  const std::string& shown() const noexcept { return shown_; }

 private:
  ResultsTable(scenario::CsvTable table, std::string shown)
      : table_(std::move(table)), shown_(std::move(shown)) {}
  scenario::CsvTable table_;
  std::string shown_;
};

/// A JSON file of a results folder, read whole; InputError when missing or not JSON.
Json read_results_json(const std::filesystem::path& dir, const std::string& name, const std::string& shown);

/// The value at a dotted path of a JSON document ("metrics.incidents.mean"); InputError
/// "FILE: no field 'PATH'" when a step is missing, or "FILE: field 'PATH' is not KIND" when it is
/// not of the kind asked ("a number" accepts null as NaN: undefined figures are written null).
const Json& json_field(const Json& doc, std::string_view path, const std::string& shown);
double json_number(const Json& doc, std::string_view path, const std::string& shown);
std::string json_string(const Json& doc, std::string_view path, const std::string& shown);
const Json& json_array(const Json& doc, std::string_view path, const std::string& shown);
const Json& json_object(const Json& doc, std::string_view path, const std::string& shown);

}  // namespace siaga::report
