#pragma once
// Shared helpers of the ingest tests: a scratch directory for the files each test writes, and
// problem lists as lines.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "siaga/scenario/problems.hpp"

namespace siaga::ingest::testing {

/// A fresh directory under the system's temporary directory, removed with everything in it when
/// the object goes.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("siaga-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  /// Writes `content` byte for byte to `name` in the directory; returns its path.
  std::filesystem::path write(std::string_view name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

/// Every problem of a ScenarioError as "where: message" lines.
inline std::vector<std::string> lines_of(const scenario::ScenarioError& e) {
  std::vector<std::string> out;
  for (const scenario::Problem& p : e.problems()) out.push_back(p.line());
  return out;
}

/// Runs `read` and returns the lines of the ScenarioError it throws; fails the test if it throws
/// nothing.
template <class F>
std::vector<std::string> problems_of(F&& read) {
  try {
    read();
  } catch (const scenario::ScenarioError& e) {
    return lines_of(e);
  }
  ADD_FAILURE() << "expected a ScenarioError";
  return {};
}

}  // namespace siaga::ingest::testing
