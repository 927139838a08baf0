#pragma once
// The Kemendagri table of administrative areas as it comes: one row per provinsi, kabupaten/kota,
// kecamatan and desa/kelurahan, with dotted codes, names, centroids and 2024 TPS counts. Columns:
// kode, kode_bps_style, level, nama, parent_kode, lat, lon, pop_total_kab, tps_count_2024,
// tps_special_2024 (kode_bps_style, pop_total_kab and tps_special_2024 may be absent; other
// columns are ignored). See docs/import.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/csv_table.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::ingest {

/// The level of an administrative area, as the table's `level` column spells it.
enum class AdminLevel : std::uint8_t { kProvinsi, kKabupatenKota, kKecamatan, kDesaKelurahan };

/// "provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan".
std::string_view to_string(AdminLevel level) noexcept;
/// Parses a `level` value; nullopt if it is none of the four.
std::optional<AdminLevel> admin_level_from_string(std::string_view s) noexcept;

/// One row of the table.
struct AdminArea {
  std::string code;  ///< Kemendagri dotted code: 35, 35.78, 35.78.09, 35.78.09.1001
  AdminLevel level = AdminLevel::kDesaKelurahan;
  std::string name;                        ///< as written (nama)
  std::string parent_code;                 ///< the code one level up; empty for a provinsi
  std::optional<geo::GeoPoint> centroid;   ///< polygon centroid, WGS 84 degrees; absent for some rows
  std::optional<std::int64_t> population;  ///< persons (pop_total_kab: provinsi and kabupaten/kota rows)
  std::optional<int> tps_count;            ///< regular TPS of 2024 (desa/kelurahan rows)
  std::optional<int> tps_special;          ///< TPS numbered 901 and up in 2024 (special locations)
  bool kota =
      false;  ///< a kota (city) rather than a kabupaten: kabupaten_kota rows named "KOTA ..."/"Kota ..."
  scenario::VillageKind village_kind = scenario::VillageKind::kDesa;  ///< desa_kelurahan rows: 4th code
                                                                      ///< part 1xxx kelurahan, 2xxx desa
  std::string where;                                                  ///< file:line of its row
};

/// The rows read, and what is missing from some of them.
struct AdminTable {
  std::vector<AdminArea> areas;  ///< in file order
  /// Rows kept though incomplete (no centroid, no TPS count), one "file:line: message" each, for the
  /// caller to print or to fill in.
  std::vector<scenario::Problem> warnings;

  /// The area with this code, or nullptr.
  const AdminArea* find(std::string_view code) const noexcept;
  /// How many areas of a level were read.
  std::size_t count(AdminLevel level) const noexcept;
};

/// Reads the table from a CSV file; `within` (a provinsi, kabupaten/kota or kecamatan code, or empty
/// for all) keeps that area's own row and every row under it. Throws ScenarioError with every
/// problem of the kept rows (file:line:column): a bad code or level, a parent_kode that is not the
/// code's parent, a parent that is not in the file, a duplicate code, an unreadable number, a
/// `within` code the file does not have. `shown_name` names the file in messages.
AdminTable read_admin_table(const std::filesystem::path& file, std::string shown_name,
                            std::string_view within = {});

/// As read_admin_table, from a table already split (by CsvTable::parse in tests).
AdminTable parse_admin_table(const scenario::CsvTable& table, std::string_view within = {});

}  // namespace siaga::ingest
