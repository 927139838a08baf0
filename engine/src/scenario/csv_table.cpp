#include "siaga/scenario/csv_table.hpp"

#include <fstream>
#include <sstream>

#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {

CsvTable CsvTable::read(const std::filesystem::path& file, std::string shown_name) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(shown_name, "cannot open the CSV file (" + file.string() + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), std::move(shown_name));
}

CsvTable CsvTable::parse(std::string_view text, std::string shown_name) {
  CsvTable t;
  t.name_ = std::move(shown_name);
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;
  std::vector<std::string> record;
  std::string field;
  std::size_t line = 1;
  std::size_t record_line = 1;
  bool in_quotes = false;
  bool field_started = false;
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    // A blank line is no record.
    if (!(record.size() == 1 && record[0].empty() && !field_started)) {
      records.push_back(std::move(record));
      lines.push_back(record_line);
    }
    record.clear();
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      in_quotes = field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else {
      if (record.empty() && field.empty()) record_line = line;
      field += c;
      field_started = true;
    }
  }
  if (in_quotes)
    throw ScenarioError(t.name_ + ":" + std::to_string(record_line), "unterminated quoted field");
  if (field_started || !field.empty() || !record.empty()) end_record();
  if (records.empty()) throw ScenarioError(t.name_, "the CSV file is empty (it needs a header line)");

  t.header_ = std::move(records.front());
  Problems problems;
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != t.header_.size()) {
      problems.add(t.name_ + ":" + std::to_string(lines[r]), "has " + std::to_string(records[r].size()) +
                                                                 " fields, the header has " +
                                                                 std::to_string(t.header_.size()));
      continue;
    }
    t.rows_.push_back(Row{lines[r], std::move(records[r])});
  }
  problems.throw_if_any();
  return t;
}

std::optional<std::size_t> CsvTable::column(std::string_view field) const noexcept {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == field) return i;
  return std::nullopt;
}

std::string CsvTable::where(std::size_t row, std::size_t column) const {
  return name_ + ":" + std::to_string(rows_[row].line) + ":" + std::to_string(column + 1);
}

std::string CsvTable::where(std::size_t row) const { return name_ + ":" + std::to_string(rows_[row].line); }

}  // namespace siaga::scenario
