#pragma once
// The scenarios that ship inside siaga (scenarios/*.json, embedded at build time), so that
// `siaga` runs with no file and from any directory.

#include <span>
#include <string_view>

namespace siaga::scenario {

/// One embedded scenario file.
struct BuiltinFile {
  std::string_view name;  ///< file name, e.g. "jepara-pilkada.json"
  std::string_view text;  ///< its JSON text
};

/// The default scenario of every command given no file.
inline constexpr std::string_view kDefaultScenario = "jepara-pilkada.json";

/// Every embedded scenario.
std::span<const BuiltinFile> builtin_scenarios() noexcept;

/// The embedded scenario with this file name, or nullptr.
const BuiltinFile* find_builtin_scenario(std::string_view name) noexcept;

}  // namespace siaga::scenario
