#pragma once
// The words of an election day, as enums with their scenario spellings (docs/domain.md#glossary).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace siaga::scenario {

/// A TPS's vulnerability (kerawanan) category.
enum class Category : std::uint8_t { kKurangRawan, kRawan, kSangatRawan, kKhusus };
inline constexpr std::size_t kCategoryCount = 4;
inline constexpr std::array<Category, kCategoryCount> kAllCategories{
    Category::kKurangRawan, Category::kRawan, Category::kSangatRawan, Category::kKhusus};

/// Pemilu (national), Pilkada (regional head) or Pilkades (village head).
enum class ElectionKind : std::uint8_t { kPemilu, kPilkada, kPilkades };

/// What a unit is; it decides defaults (severity, mobilisation) and the dispatch chain.
enum class UnitKind : std::uint8_t {
  kTpsGuard,
  kBhabinkamtibmas,
  kPolsekReserve,
  kPolresQuickResponse,
  kBrimob,
  kTniSupport,
  kLinmas,
  kPoldaReserve,  ///< the teams of forces.polda_reserve
};
inline constexpr std::size_t kUnitKindCount = 8;

/// Dispatch tiers, up the reinforcement chain; a unit kind belongs to one.
enum class DispatchTier : std::uint8_t {
  kVillage,  ///< Bhabinkamtibmas
  kSector,   ///< Polsek reserves (and any other dispatchable unit of a kind not below)
  kResort,   ///< Polres quick response, Brimob stationed in the kabupaten
  kPolda,    ///< the Polda's reserve, called in from outside
  kTni,      ///< TNI support (BKO), last in the chain
};
inline constexpr std::size_t kDispatchTierCount = 5;

/// What stands at a post.
enum class PostKind : std::uint8_t { kPolda, kPolres, kPolsek, kKoramil, kKodim, kVillage };

/// Desa (rural) or kelurahan (urban).
enum class VillageKind : std::uint8_t { kDesa, kKelurahan };

/// Scenario spellings ("kurang_rawan", "pilkada", "polsek_reserve", ...).
std::string_view to_string(Category c) noexcept;
std::string_view to_string(ElectionKind k) noexcept;
std::string_view to_string(UnitKind k) noexcept;
std::string_view to_string(PostKind k) noexcept;
std::string_view to_string(VillageKind k) noexcept;
std::string_view to_string(DispatchTier t) noexcept;

/// Parses a category; "aman" is read as kurang_rawan.
std::optional<Category> category_from_string(std::string_view s) noexcept;
std::optional<ElectionKind> election_kind_from_string(std::string_view s) noexcept;
std::optional<UnitKind> unit_kind_from_string(std::string_view s) noexcept;
std::optional<PostKind> post_kind_from_string(std::string_view s) noexcept;
std::optional<VillageKind> village_kind_from_string(std::string_view s) noexcept;

/// Highest incident severity (1-5) a unit of this kind settles unless the scenario says otherwise.
int default_max_severity(UnitKind k) noexcept;
/// Minutes between a dispatch order and departure unless the scenario says otherwise (E).
double default_mobilisation_minutes(UnitKind k) noexcept;
/// Whether units of this kind are dispatched unless the scenario says otherwise.
bool default_dispatchable(UnitKind k) noexcept;
/// The tier of a unit kind.
DispatchTier dispatch_tier(UnitKind kind) noexcept;

}  // namespace siaga::scenario
