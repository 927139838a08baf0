#include "siaga/io/table.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "siaga/core/error.hpp"

namespace siaga::io {

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

template <typename Fields>
void append_csv_line(std::string& out, const Fields& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_csv_field(out, fields[i]);
  }
  out.push_back('\n');
}

bool fits(const Cell& c, ColumnType t) noexcept {
  if (is_missing(c)) return true;
  switch (t) {
    case ColumnType::kInteger:
      return std::holds_alternative<std::int64_t>(c);
    case ColumnType::kReal:
      return std::holds_alternative<double>(c) || std::holds_alternative<std::int64_t>(c);
    case ColumnType::kText:
      return std::holds_alternative<std::string>(c);
  }
  return false;
}

}  // namespace

void Table::add_row(std::vector<Cell> row) {
  SIAGA_CHECK(row.size() == columns.size(), "a table row is not as long as its columns");
  for (std::size_t i = 0; i < row.size(); ++i)
    SIAGA_CHECK(fits(row[i], columns[i].type), "a table cell is not of its column's type");
  rows.push_back(std::move(row));
}

std::optional<std::size_t> Table::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

std::vector<std::string> Table::header() const {
  std::vector<std::string> h;
  h.reserve(columns.size());
  for (const Column& c : columns) h.push_back(c.name);
  return h;
}

bool is_missing(const Cell& c) noexcept {
  if (std::holds_alternative<std::monostate>(c)) return true;
  if (const double* d = std::get_if<double>(&c)) return !std::isfinite(*d);
  return false;
}

std::string csv_number(double v) {
  if (!std::isfinite(v)) return {};
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  SIAGA_CHECK(r.ec == std::errc(), "to_chars of a double needs at most 32 characters");
  return std::string(buf, r.ptr);
}

std::string cell_text(const Cell& c) {
  if (is_missing(c)) return {};
  if (const auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&c)) return csv_number(*d);
  return std::get<std::string>(c);
}

nlohmann::ordered_json row_json(const Table& t, std::size_t row) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  const auto& cells = t.rows.at(row);
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const Cell& c = cells[i];
    auto& v = j[t.columns[i].name];
    if (is_missing(c))
      v = nullptr;
    else if (const auto* n = std::get_if<std::int64_t>(&c))
      v = *n;
    else if (const auto* d = std::get_if<double>(&c))
      v = *d;
    else
      v = std::get<std::string>(c);
  }
  return j;
}

nlohmann::ordered_json table_json(const Table& t) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) j.push_back(row_json(t, r));
  return j;
}

std::string csv_text(const Table& t) {
  std::string out;
  append_csv_line(out, t.header());
  std::vector<std::string> fields;
  for (const auto& row : t.rows) {
    fields.clear();
    for (const Cell& c : row) fields.push_back(cell_text(c));
    append_csv_line(out, fields);
  }
  return out;
}

std::string csv_text(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  append_csv_line(out, header);
  for (const auto& row : rows) {
    SIAGA_CHECK(row.size() == header.size(), "a CSV row is not as long as its header");
    append_csv_line(out, row);
  }
  return out;
}

void write_table_csv(const std::filesystem::path& file, const Table& t, bool force) {
  write_file_atomically(file, csv_text(t), force ? Overwrite::kReplace : Overwrite::kRefuse);
}

void write_table_csv(const std::filesystem::path& file, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, bool force) {
  write_file_atomically(file, csv_text(header, rows), force ? Overwrite::kReplace : Overwrite::kRefuse);
}

}  // namespace siaga::io
