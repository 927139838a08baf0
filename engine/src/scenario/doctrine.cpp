#include "siaga/scenario/doctrine.hpp"

namespace siaga::scenario {
namespace {

// The suggested post-count defaults of docs/domain.md#the-day (E): kurang rawan escort only; rawan 1
// officer for 1-2 h; sangat rawan 2 officers for 2-3 h, then escort. Ranges take their midpoints.
// Khusus as sangat rawan.
constexpr std::array<std::string_view, kCategoryCount> kDefaultRetention{
    R"({"policy": "escort"})",
    R"({"policy": "fixed", "officers": 1, "hours": 1.5})",
    R"({"policy": "fixed", "officers": 2, "hours": 2.5})",
    R"({"policy": "fixed", "officers": 2, "hours": 2.5})",
};
// Escort sizes of 2019 (F): 2 / 4 / 6 officers; khusus as sangat rawan (E).
constexpr std::array<int, kCategoryCount> kDefaultEscort{2, 4, 6, 6};

constexpr std::array<DoctrinePreset, 4> kPresets{{
    {"pemilu2019",
     "Pemilu 2019 (F): 2-4-6, 4-2-8, 6-2-8; khusus as sangat rawan (E)",
     {{{2, 4, 6}, {4, 2, 8}, {6, 2, 8}, {6, 2, 8}}},
     kDefaultRetention,
     kDefaultEscort},
    {"pilkada2020",
     "Pilkada 2020 national (F): 2 per 10 TPS, 2 per 2 TPS, 2 per TPS, 2 per TPS",
     {{{2, 10, 20}, {2, 2, 4}, {2, 1, 2}, {2, 1, 2}}},
     kDefaultRetention,
     kDefaultEscort},
    {"pemilu2024",
     "Pemilu 2024 common Polres pattern (F): 2-16-32, 2-2-4, 2-1-2, 2 per TPS",
     {{{2, 16, 32}, {2, 2, 4}, {2, 1, 2}, {2, 1, 2}}},
     kDefaultRetention,
     kDefaultEscort},
    {"pilkada2024",
     "Pilkada 2024 local (F): kurang rawan 2-7-14, the midpoint of 2-8-16 and 2-6-12; 2-2-4, 2-1-2, 2-1-2",
     {{{2, 7, 14}, {2, 2, 4}, {2, 1, 2}, {2, 1, 2}}},
     kDefaultRetention,
     kDefaultEscort},
}};

}  // namespace

std::span<const DoctrinePreset> doctrine_presets() noexcept { return kPresets; }

const DoctrinePreset* find_doctrine_preset(std::string_view name) noexcept {
  for (const DoctrinePreset& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
}

Json preset_retention(const DoctrinePreset& preset, Category category) {
  return Json::parse(preset.retention[static_cast<std::size_t>(category)]);
}

}  // namespace siaga::scenario
