#pragma once
// A CSV file read whole (RFC 4180: commas, double quotes, "" inside quotes), remembering where
// every cell came from so that problems can name file, line and column. The text must be UTF-8
// (a byte-order mark is skipped); fields are separated by ',' or, if the header line has more of
// them, by ';' (what Excel writes in locales with a decimal comma, Indonesian among them).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siaga::scenario {

/// The header and rows of one CSV file.
class CsvTable {
 public:
  /// Reads and splits the file; throws ScenarioError (file:line:column) if it cannot, e.g. at the
  /// first byte that is not UTF-8. Columns in messages count fields (1-based), not characters.
  /// `shown_name` is how problems name the file (the path as the scenario wrote it).
  static CsvTable read(const std::filesystem::path& file, std::string shown_name);
  /// Splits CSV text; used by read() and by tests.
  static CsvTable parse(std::string_view text, std::string shown_name);

  const std::string& name() const noexcept { return name_; }
  /// The field separator detected from the header line: ',' or ';'.
  char separator() const noexcept { return separator_; }
  const std::vector<std::string>& header() const noexcept { return header_; }
  std::size_t row_count() const noexcept { return rows_.size(); }
  /// The column of a header name, if present.
  std::optional<std::size_t> column(std::string_view field) const noexcept;
  /// The cell text; an empty cell means "not given".
  const std::string& cell(std::size_t row, std::size_t column) const noexcept {
    return rows_[row].cells[column];
  }
  /// "file:line:column" of a cell (1-based).
  std::string where(std::size_t row, std::size_t column) const;
  /// "file:line" of a row.
  std::string where(std::size_t row) const;

 private:
  struct Row {
    std::size_t line;
    std::vector<std::string> cells;
  };
  std::string name_;
  char separator_ = ',';
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace siaga::scenario
