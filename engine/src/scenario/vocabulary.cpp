#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {
namespace {

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view s) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<Enum>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames{"kurang_rawan", "rawan", "sangat_rawan",
                                                                      "khusus"};
constexpr std::array<std::string_view, 3> kElectionNames{"pemilu", "pilkada", "pilkades"};
constexpr std::array<std::string_view, kUnitKindCount> kUnitKindNames{
    "tps_guard", "bhabinkamtibmas", "polsek_reserve", "polres_quick_response",
    "brimob",    "tni_support",     "linmas",         "polda_reserve"};
constexpr std::array<std::string_view, 6> kPostKindNames{"polda",   "polres", "polsek",
                                                         "koramil", "kodim",  "village"};
constexpr std::array<std::string_view, 2> kVillageKindNames{"desa", "kelurahan"};
constexpr std::array<std::string_view, kDispatchTierCount> kTierNames{"village", "sector", "resort", "polda", "tni"};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum e) noexcept {
  return names[static_cast<std::size_t>(e)];
}

}  // namespace

std::string_view to_string(Category c) noexcept { return name_of(kCategoryNames, c); }
std::string_view to_string(ElectionKind k) noexcept { return name_of(kElectionNames, k); }
std::string_view to_string(UnitKind k) noexcept { return name_of(kUnitKindNames, k); }
std::string_view to_string(PostKind k) noexcept { return name_of(kPostKindNames, k); }
std::string_view to_string(VillageKind k) noexcept { return name_of(kVillageKindNames, k); }
std::string_view to_string(DispatchTier t) noexcept { return name_of(kTierNames, t); }

std::optional<Category> category_from_string(std::string_view s) noexcept {
  if (s == "aman") return Category::kKurangRawan;
  return lookup<Category>(kCategoryNames, s);
}
std::optional<ElectionKind> election_kind_from_string(std::string_view s) noexcept {
  return lookup<ElectionKind>(kElectionNames, s);
}
std::optional<UnitKind> unit_kind_from_string(std::string_view s) noexcept {
  return lookup<UnitKind>(kUnitKindNames, s);
}
std::optional<PostKind> post_kind_from_string(std::string_view s) noexcept {
  return lookup<PostKind>(kPostKindNames, s);
}
std::optional<VillageKind> village_kind_from_string(std::string_view s) noexcept {
  return lookup<VillageKind>(kVillageKindNames, s);
}

int default_max_severity(UnitKind k) noexcept {
  switch (k) {
    case UnitKind::kLinmas:
      return 1;
    case UnitKind::kTpsGuard:
    case UnitKind::kBhabinkamtibmas:
      return 2;
    case UnitKind::kPolsekReserve:
      return 3;
    case UnitKind::kPolresQuickResponse:
      return 4;
    case UnitKind::kBrimob:
    case UnitKind::kTniSupport:
    case UnitKind::kPoldaReserve:
      return 5;
  }
  return 1;
}

double default_mobilisation_minutes(UnitKind k) noexcept {
  // docs/domain.md#moving-around (E): Polsek 2-5 min, Polres reserve 15-30 min, Polda companies 1-3 h;
  // midpoints.
  switch (k) {
    case UnitKind::kBhabinkamtibmas:
      return 1.0;
    case UnitKind::kPolsekReserve:
      return 3.5;
    case UnitKind::kPolresQuickResponse:
      return 22.5;
    case UnitKind::kTniSupport:
      return 60.0;
    case UnitKind::kBrimob:
    case UnitKind::kPoldaReserve:
      return 120.0;
    case UnitKind::kTpsGuard:
    case UnitKind::kLinmas:
      return 0.0;
  }
  return 0.0;
}

bool default_dispatchable(UnitKind k) noexcept { return k != UnitKind::kTpsGuard && k != UnitKind::kLinmas; }

DispatchTier dispatch_tier(UnitKind kind) noexcept {
  switch (kind) {
    case UnitKind::kBhabinkamtibmas:
      return DispatchTier::kVillage;
    case UnitKind::kPolresQuickResponse:
    case UnitKind::kBrimob:
      return DispatchTier::kResort;
    case UnitKind::kPoldaReserve:
      return DispatchTier::kPolda;
    case UnitKind::kTniSupport:
      return DispatchTier::kTni;
    default:
      return DispatchTier::kSector;
  }
}

}  // namespace siaga::scenario
