#pragma once
// A table with named, typed columns: what every CSV siaga writes is made of, and what Python turns
// into a pandas DataFrame with the same column names (one source for both). One CSV writer: RFC
// 4180 quoting (a field with a comma, a quote or a line break is quoted, its quotes doubled), lines
// ending in \n, a missing value (or NaN) written as an empty field, numbers in their shortest form
// that reads back as the same double, independent of locale.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "siaga/io/atomic_file.hpp"

namespace siaga::io {

/// The type of a column's values (any cell may also be missing).
enum class ColumnType : std::uint8_t { kInteger, kReal, kText };

/// One column: its name (the CSV header, the DataFrame column) and type.
struct Column {
  std::string name;
  ColumnType type = ColumnType::kReal;
};

/// One cell: missing, a whole number, a real number (NaN counts as missing) or text.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A table: columns and rows of cells, every row as long as the columns and each cell of its
/// column's type (or missing); add_row() checks both.
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  /// Appends a row; a programming error (SIAGA_CHECK) if it does not fit the columns.
  void add_row(std::vector<Cell> row);
  /// The column's index by name, if there is one.
  std::optional<std::size_t> column(std::string_view name) const;
  /// The column names in order.
  std::vector<std::string> header() const;
};

/// True for a missing cell (std::monostate or a NaN real).
bool is_missing(const Cell& c) noexcept;

/// A cell as CSV writes it (before quoting): empty if missing.
std::string cell_text(const Cell& c);

/// A row as a JSON object keyed by column name; missing cells are null.
nlohmann::ordered_json row_json(const Table& t, std::size_t row);

/// The table as a JSON array of row_json() objects (what `--json` prints).
nlohmann::ordered_json table_json(const Table& t);

/// The table's CSV text.
std::string csv_text(const Table& t);

/// Appends one CSV field by the rule above (for writers that stream, like the trace's).
void append_csv_field(std::string& out, std::string_view field);

/// Shortest text that reads back as the same double, independent of locale; NaN is empty.
std::string csv_number(double v);

/// CSV text of a header and rows of text, by the same rule (for tables kept as text).
std::string csv_text(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows);

/// Writes a table as CSV atomically; without `force` an existing file is an InputError naming it
/// and --force.
void write_table_csv(const std::filesystem::path& file, const Table& t, bool force);

/// Writes text rows as CSV atomically (same rule); every row as long as the header.
void write_table_csv(const std::filesystem::path& file, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, bool force);

}  // namespace siaga::io
