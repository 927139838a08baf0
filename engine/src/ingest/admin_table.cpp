#include "siaga/ingest/admin_table.hpp"

#include <array>
#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "siaga/scenario/record.hpp"

namespace siaga::ingest {
namespace {

using scenario::CsvTable;
using scenario::Need;
using scenario::Problems;
using scenario::Record;

constexpr std::array<std::string_view, 4> kLevelNames{"provinsi", "kabupaten_kota", "kecamatan",
                                                      "desa_kelurahan"};
constexpr std::string_view kLevelList = "provinsi, kabupaten_kota, kecamatan, desa_kelurahan";

// Kemendagri codes: two digits per level, four for the village.
bool is_code(const std::string& s, AdminLevel level) {
  static const std::array<std::regex, 4> patterns{std::regex("[0-9]{2}"), std::regex("[0-9]{2}\\.[0-9]{2}"),
                                                  std::regex("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}"),
                                                  std::regex("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}")};
  return std::regex_match(s, patterns[static_cast<std::size_t>(level)]);
}

std::optional<AdminLevel> level_of_code(const std::string& s) {
  for (std::size_t l = 0; l < kLevelNames.size(); ++l)
    if (is_code(s, static_cast<AdminLevel>(l))) return static_cast<AdminLevel>(l);
  return std::nullopt;
}

std::string parent_of(const std::string& code) {
  const auto dot = code.rfind('.');
  return dot == std::string::npos ? std::string() : code.substr(0, dot);
}

bool inside(const std::string& code, std::string_view within) {
  return within.empty() || code == within ||
         (code.size() > within.size() && code.compare(0, within.size(), within) == 0 &&
          code[within.size()] == '.');
}

std::string without_dots(const std::string& s) {
  std::string out;
  for (const char c : s)
    if (c != '.') out += c;
  return out;
}

}  // namespace

std::string_view to_string(AdminLevel level) noexcept { return kLevelNames[static_cast<std::size_t>(level)]; }

std::optional<AdminLevel> admin_level_from_string(std::string_view s) noexcept {
  for (std::size_t l = 0; l < kLevelNames.size(); ++l)
    if (kLevelNames[l] == s) return static_cast<AdminLevel>(l);
  return std::nullopt;
}

const AdminArea* AdminTable::find(std::string_view code) const noexcept {
  for (const AdminArea& a : areas)
    if (a.code == code) return &a;
  return nullptr;
}

std::size_t AdminTable::count(AdminLevel level) const noexcept {
  std::size_t n = 0;
  for (const AdminArea& a : areas) n += a.level == level;
  return n;
}

AdminTable read_admin_table(const std::filesystem::path& file, std::string shown_name,
                            std::string_view within) {
  return parse_admin_table(CsvTable::read(file, std::move(shown_name)), within);
}

AdminTable parse_admin_table(const CsvTable& table, std::string_view within) {
  Problems problems;
  const std::string& file = table.name();
  for (const std::string_view column :
       {"kode", "level", "nama", "parent_kode", "lat", "lon", "tps_count_2024"})
    if (!table.column(column)) problems.add(file + ":1", "has no column '" + std::string(column) + "'");
  problems.throw_if_any();
  if (!within.empty() && !level_of_code(std::string(within)))
    throw scenario::ScenarioError(file, "the filter '" + std::string(within) +
                                            "' is not a provinsi, kabupaten/kota, kecamatan or village code");

  // Every code of the file, kept or not: a kept row's parent may lie outside the filter.
  const std::size_t code_column = *table.column("kode");
  std::unordered_set<std::string> codes;
  for (std::size_t r = 0; r < table.row_count(); ++r) codes.insert(table.cell(r, code_column));
  if (!within.empty() && !codes.contains(std::string(within)))
    throw scenario::ScenarioError(file, "has no row with code '" + std::string(within) + "' (the filter)");

  AdminTable out;
  std::unordered_map<std::string, std::size_t> seen;
  const bool has_bps = table.column("kode_bps_style").has_value();
  for (std::size_t r = 0; r < table.row_count(); ++r) {
    if (!inside(table.cell(r, code_column), within)) continue;
    Record rec = Record::of_csv(table, r, problems);
    AdminArea a;
    a.where = table.where(r);
    const auto level = rec.choice("level", Need::kRequired, admin_level_from_string, kLevelList);
    a.code = rec.text("kode", Need::kRequired).value_or("");
    a.name = rec.text("nama", Need::kRequired).value_or("");
    a.parent_code = rec.text("parent_kode", Need::kOptional).value_or("");
    if (level) a.level = *level;
    const bool code_ok = level && !a.code.empty() && is_code(a.code, *level);
    if (level && !a.code.empty() && !code_ok)
      rec.problem("kode", "'" + a.code + "' is not a " + std::string(to_string(*level)) + " code (" +
                              std::string(*level == AdminLevel::kDesaKelurahan   ? "e.g. 35.78.09.1001"
                                          : *level == AdminLevel::kKecamatan     ? "e.g. 35.78.09"
                                          : *level == AdminLevel::kKabupatenKota ? "e.g. 35.78"
                                                                                 : "e.g. 35") +
                              ")");
    if (code_ok) {
      if (!seen.emplace(a.code, r).second) rec.problem("kode", "duplicate code '" + a.code + "'");
      const std::string parent = parent_of(a.code);
      if (a.parent_code != parent) {
        rec.problem("parent_kode",
                    parent.empty()
                        ? "must be empty for a provinsi, got '" + a.parent_code + "'"
                        : "must be '" + parent + "', the code's parent, got '" + a.parent_code + "'");
      } else if (!parent.empty() && !codes.contains(parent)) {
        rec.problem("parent_kode", "the parent " + parent + " of " + a.code + " is not in the file");
      }
      if (has_bps) {
        const auto bps = rec.text("kode_bps_style", Need::kOptional);
        if (bps && *bps != without_dots(a.code))
          rec.problem("kode_bps_style",
                      "must be '" + without_dots(a.code) + "' (the code without dots), got '" + *bps + "'");
      }
      if (a.level == AdminLevel::kDesaKelurahan) {
        // Kemendagri numbers kelurahan 1001-1999 and desa 2001-2999 within a kecamatan.
        const char kind = a.code[a.code.rfind('.') + 1];
        if (kind == '1')
          a.village_kind = scenario::VillageKind::kKelurahan;
        else if (kind == '2')
          a.village_kind = scenario::VillageKind::kDesa;
        else
          rec.problem("kode", "a village code's last part starts with 1 (kelurahan) or 2 (desa), got '" +
                                  a.code + "'");
      }
    }
    if (a.level == AdminLevel::kKabupatenKota)
      a.kota = a.name.rfind("KOTA ", 0) == 0 || a.name.rfind("Kota ", 0) == 0;

    const auto lat = rec.number("lat", Need::kOptional, {-90, 90});
    const auto lon = rec.number("lon", Need::kOptional, {-180, 180});
    if (lat && lon) {
      a.centroid = geo::GeoPoint{*lat, *lon};
    } else if (rec.has("lat") != rec.has("lon")) {
      rec.problem(rec.has("lat") ? "lon" : "lat",
                  "is required when " + std::string(rec.has("lat") ? "lat" : "lon") + " is given");
    } else if (!rec.has("lat") && a.level != AdminLevel::kProvinsi) {
      out.warnings.push_back({a.where, std::string(to_string(a.level)) + " " + a.code + " " + a.name +
                                           " has no centroid (lat, lon are empty)"});
    }
    if (auto n = rec.integer("tps_count_2024", Need::kOptional, 0, 100'000))
      a.tps_count = static_cast<int>(*n);
    if (!rec.has("tps_count_2024") && a.level == AdminLevel::kDesaKelurahan)
      out.warnings.push_back({a.where, "desa_kelurahan " + a.code + " " + a.name +
                                           " has no TPS count (tps_count_2024 is empty)"});
    if (table.column("tps_special_2024"))
      if (auto n = rec.integer("tps_special_2024", Need::kOptional, 0, 100'000))
        a.tps_special = static_cast<int>(*n);
    if (table.column("pop_total_kab"))
      if (auto n = rec.integer("pop_total_kab", Need::kOptional, 0)) a.population = *n;
    out.areas.push_back(std::move(a));
  }
  problems.throw_if_any();
  return out;
}

}  // namespace siaga::ingest
