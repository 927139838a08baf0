#pragma once
// Doctrine presets: the security patterns (pola pengamanan) of docs/domain.md#security-patterns by name.

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "siaga/scenario/path.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {

/// X-Y-Z: X Polri officers for Y TPS with Z Linmas.
struct GuardPattern {
  int officers = 0;  ///< X
  int tps = 1;       ///< Y
  int linmas = 0;    ///< Z
  /// Officers per TPS, X / Y.
  double officers_per_tps() const noexcept { return static_cast<double>(officers) / tps; }
};

/// A named preset: guard patterns, retention and escort sizes per category.
struct DoctrinePreset {
  std::string_view name;
  std::string_view source;  ///< where the figures come from
  std::array<GuardPattern, kCategoryCount> guards;
  /// What guards do after the count, per category: a retention policy's settings as JSON text
  /// (dynamics/retention_policy.hpp reads them).
  std::array<std::string_view, kCategoryCount> retention;
  std::array<int, kCategoryCount> escort;  ///< officers escorting ballot boxes
};

/// Every preset, in chronological order: pemilu2019, pilkada2020, pemilu2024, pilkada2024.
std::span<const DoctrinePreset> doctrine_presets() noexcept;

/// The preset with this name, if any.
const DoctrinePreset* find_doctrine_preset(std::string_view name) noexcept;

/// A preset's retention for one category, as a plan would write it.
Json preset_retention(const DoctrinePreset& preset, Category category);

}  // namespace siaga::scenario
