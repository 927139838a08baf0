#pragma once
// Shared helpers of the io tests: a scratch directory per test and the minimal scenario's model.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io::testing {

/// The directory of the scenario test data (tests/scenario/data).
inline std::filesystem::path data_dir() { return SIAGA_SCENARIO_TEST_DATA; }

/// The minimal fixture compiled under its first plan.
inline std::shared_ptr<const scenario::Model> minimal_model() {
  return scenario::compile(scenario::resolve(scenario::ScenarioDocument::load(data_dir() / "minimal.json")));
}

/// A fresh, empty directory for one test, removed with everything in it afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("siaga-io-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Names of every entry, hidden ones included, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

/// The whole content of a file.
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// 'path' as error messages quote it (appended piece by piece: GCC 12 warns falsely, -Wrestrict,
/// about "'" + std::string at -O3).
inline std::string quoted(const std::filesystem::path& p) {
  std::string s = "'";
  s += p.string();
  s += '\'';
  return s;
}

/// Writes a file plainly (fixtures: files that exist before the code under test runs).
inline void write_plain(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace siaga::io::testing
