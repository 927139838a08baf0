#pragma once
// A document checked against a JSON Schema (draft 2020-12) by python3-jsonschema (Debian's), through
// tests/support/json_schema_check.py: the tests hold the shipped schemas to what a real validator
// says, not to a subset checker of our own. Each problem reads "$.path[0].to: keyword: message".

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace siaga::scenario::testing {

/// Checks documents against one schema.
class SchemaCheck {
 public:
  using Json = nlohmann::ordered_json;

  explicit SchemaCheck(Json schema) : schema_(std::move(schema)) {}

  /// Every violation as "path: keyword: message"; empty if the document conforms. Throws if the
  /// checker cannot run or the schema is not a valid schema.
  std::vector<std::string> problems(const Json& doc) const {
    static int calls = 0;
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("siaga-schema-" + std::to_string(::getpid()) + "-" + std::to_string(++calls));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "schema.json") << schema_.dump();
    std::ofstream(dir / "doc.json") << doc.dump();
    const std::string command = "/usr/bin/python3 '" + std::string(SIAGA_SCHEMA_CHECK_SCRIPT) + "' '" +
                                (dir / "schema.json").string() + "' '" + (dir / "doc.json").string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::string out;
    std::array<char, 4096> buf{};
    while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    std::filesystem::remove_all(dir);
    if (status != 0) throw std::runtime_error(command + " failed (status " + std::to_string(status) + ")");
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < out.size();) {
      const std::size_t end = out.find('\n', start);
      lines.push_back(out.substr(start, end - start));
      start = end == std::string::npos ? out.size() : end + 1;
    }
    return lines;
  }

 private:
  Json schema_;
};

}  // namespace siaga::scenario::testing
