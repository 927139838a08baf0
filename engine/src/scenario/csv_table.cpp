#include "siaga/scenario/csv_table.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 if the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;  // overlong
    if (b == 0xED) hi = 0x9F;  // surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;  // overlong
    if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

// The separator of a file: Excel set to Indonesian (or any locale with a decimal comma) writes
// ';' between fields, so whichever of ',' and ';' the header line uses more, outside quotes.
char detect_separator(std::string_view text) noexcept {
  std::size_t commas = 0, semicolons = 0;
  bool in_quotes = false;
  for (const char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

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
  // A byte-order mark (what Excel's "CSV UTF-8" writes first) is no part of the first header.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  t.separator_ = detect_separator(text);
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
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Checked here, where line and field are known: a Latin-1 name would otherwise pass
      // validation and fail later in a JSON writer, far from the file.
      const std::size_t n = utf8_length(text, i);
      if (n == 0) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
        throw ScenarioError(t.name_ + ":" + std::to_string(line) + ":" + std::to_string(record.size() + 1),
                            "not UTF-8 (byte " + std::string(byte) + "); save the file as UTF-8");
      }
      if (!in_quotes && record.empty() && field.empty()) record_line = line;
      field.append(text.substr(i, n));
      field_started = true;
      i += n - 1;
      continue;
    }
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
    } else if (c == t.separator_) {
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
