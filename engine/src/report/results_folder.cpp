#include "results_folder.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <system_error>

#include "siaga/core/error.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::report {
namespace fs = std::filesystem;

std::string read_results_file(const fs::path& file, const std::string& shown) {
  std::error_code ec;
  if (!fs::exists(fs::status(file, ec)))
    throw InputError(shown +
                     ": missing (a results folder holds what siaga run, compare or sweep wrote "
                     "with --out)");
  if (fs::is_directory(fs::status(file, ec))) throw InputError(shown + ": is a directory, not a file");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw InputError(shown + ": cannot be read");
  return std::move(text).str();
}

ResultsTable ResultsTable::read(const fs::path& dir, const std::string& name, const std::string& shown) {
  const std::string text = read_results_file(dir / name, shown);
  try {
    return ResultsTable(scenario::CsvTable::parse(text, shown), shown);
  } catch (const scenario::ScenarioError& e) {
    // The CSV reader speaks of scenarios; here the file is a result, and its problem says where.
    std::string message;
    for (const auto& p : e.problems()) message += (message.empty() ? "" : "; ") + p.line();
    throw InputError(message);
  }
}

std::size_t ResultsTable::column(std::string_view name) const {
  if (const auto c = table_.column(name)) return *c;
  throw InputError(shown_ + ": no column '" + std::string(name) + "'");
}

double ResultsTable::number(std::size_t row, std::size_t column) const {
  const std::string& s = text(row, column);
  // Empty, or "n/a" (compare.csv's word for a figure no day defined): undefined.
  if (s.empty() || s == "n/a") return std::numeric_limits<double>::quiet_NaN();
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    throw InputError(table_.where(row, column) + " (" + table_.header()[column] + "): '" + s +
                     "' is not a number");
  return v;
}

Json read_results_json(const fs::path& dir, const std::string& name, const std::string& shown) {
  const std::string text = read_results_file(dir / name, shown);
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw InputError(shown + ": not JSON (" + e.what() + ")");
  }
}

const Json& json_field(const Json& doc, std::string_view path, const std::string& shown) {
  const Json* at = &doc;
  std::size_t from = 0;
  while (from <= path.size()) {
    const std::size_t dot = std::min(path.find('.', from), path.size());
    const std::string key(path.substr(from, dot - from));
    if (!at->is_object() || !at->contains(key))
      throw InputError(shown + ": no field '" + std::string(path.substr(0, dot)) + "'");
    at = &(*at)[key];
    from = dot + 1;
  }
  return *at;
}

double json_number(const Json& doc, std::string_view path, const std::string& shown) {
  const Json& v = json_field(doc, path, shown);
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) throw InputError(shown + ": field '" + std::string(path) + "' is not a number");
  return v.get<double>();
}

std::string json_string(const Json& doc, std::string_view path, const std::string& shown) {
  const Json& v = json_field(doc, path, shown);
  if (!v.is_string()) throw InputError(shown + ": field '" + std::string(path) + "' is not a string");
  return v.get<std::string>();
}

const Json& json_array(const Json& doc, std::string_view path, const std::string& shown) {
  const Json& v = json_field(doc, path, shown);
  if (!v.is_array()) throw InputError(shown + ": field '" + std::string(path) + "' is not a list");
  return v;
}

const Json& json_object(const Json& doc, std::string_view path, const std::string& shown) {
  const Json& v = json_field(doc, path, shown);
  if (!v.is_object()) throw InputError(shown + ": field '" + std::string(path) + "' is not an object");
  return v;
}

}  // namespace siaga::report
