#pragma once
// Generated scenarios (`siaga generate`): a synthetic region of any size, or real villages read from a
// table, turned into a complete scenario document (format siaga-scenario/1): TPS with drawn categories
// and voters, a generated road graph (geo/road_generator.hpp), posts at the kecamatan and kabupaten
// centroids, units sized for the doctrine, and plans to compare. Every assumption is written into the
// document's notes; the same inputs and seed give byte-identical output (format_scenario).

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/geo/road_generator.hpp"
#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {

/// Share of TPS in each category, in kAllCategories order (kurang_rawan, rawan, sangat_rawan,
/// khusus); non-negative, summing to 1.
using CategoryShares = std::array<double, kCategoryCount>;

/// Jawa Timur, Pemilu 2024: about 96.5 / 2.5 / 1.0 % and no khusus (docs/domain.md#security-patterns, D).
inline constexpr CategoryShares kJatimPemilu2024Shares{0.965, 0.025, 0.010, 0.0};

/// Bhabinkamtibmas per village, Jawa Timur, Pilkada 2024: 7,731 officers for 8,494 villages
/// (docs/domain.md#who-guards-what, F).
inline constexpr double kJatimBhabinkamtibmasShare = 7731.0 / 8494.0;

/// Road nodes per village when none are asked for: the province preset's 100,000 for 8,500 villages.
inline constexpr double kDefaultRoadNodesPerVillage = 100'000.0 / 8'500.0;

/// One real village and the TPS it has for the election being generated.
struct VillageRow {
  std::string code;                 ///< Kemendagri code, e.g. "33.20.01.2001"
  std::string name;                 ///< e.g. "Kedungmalang"
  std::optional<VillageKind> kind;  ///< default: kelurahan if the last part starts with 1 (Kemendagri)
  std::string kecamatan_code;       ///< e.g. "33.20.01"
  std::string kecamatan_name;       ///< e.g. "Kedung"
  std::optional<geo::GeoPoint> kecamatan_at;  ///< its centroid; default: the mean of its villages
  std::string kabupaten_code;                 ///< e.g. "33.20"
  std::string kabupaten_name;                 ///< e.g. "Kabupaten Jepara"
  std::optional<bool> kota;                   ///< default: true if the name starts with "Kota "
  std::optional<geo::GeoPoint> kabupaten_at;  ///< its centroid; default: the mean of its villages
  std::string provinsi_code;                  ///< optional, e.g. "33"
  std::string provinsi_name;                  ///< optional, e.g. "Jawa Tengah"
  geo::GeoPoint at;                           ///< the village's centroid
  int tps = 0;                                ///< regular TPS, their categories drawn from the shares
  int tps_khusus = 0;                ///< special-location TPS (prisons, care homes): khusus, ids 901+
  std::optional<Category> category;  ///< if set, the category of all the village's regular TPS
};

/// A synthetic region: villages uniform at random in a box, kecamatan and kabupaten as the nearest-
/// seed (Voronoi) cells of randomly chosen villages. Zero counts take Jawa Timur's ratios.
struct SyntheticRegion {
  std::size_t villages = 3;
  std::size_t kecamatan = 0;  ///< 0: villages / 12.75 (Jawa Timur: 8,494 villages, 666 kecamatan)
  std::size_t kabupaten = 0;  ///< 0: kecamatan / 17.5 (Jawa Timur: 666 kecamatan, 38 kabupaten/kota)
  std::size_t provinsi = 0;   ///< 0: 1 (code 99) up to 99 kabupaten, else kabupaten / 13.5 (Indonesia:
                              ///< 514 kabupaten/kota in 38 provinsi), at most 50 (the unused codes)
  std::size_t tps = 0;        ///< TPS in all; 0: Jawa Timur's TPS per village for the election kind
  double tps_cv = 0.8;        ///< spread of TPS per village (Jawa Timur 2024: coefficient of variation 0.80)
  double south = -7.62, west = 112.58, north = -7.58, east = 112.62;  ///< the box, degrees
};

/// The election, the draws and the forces of a generated scenario. Zero or empty fields take the
/// defaults of the election kind.
struct GeneratorSpec {
  std::string name = "synthetic";    ///< scenario name (letters, digits, '_', '-')
  std::string description;           ///< empty: a generated one
  std::vector<std::string> notes;    ///< the caller's notes, written before the generator's own
  std::vector<std::string> sources;  ///< data credits
  ElectionKind kind = ElectionKind::kPemilu;
  std::string date;  ///< YYYY-MM-DD; empty: Pemilu 2024-02-14, Pilkada 2024-11-27, Pilkades 2023-10-10
  int ballots_per_voter = 0;      ///< 0: Pemilu 5, Pilkada 2, Pilkades 1
  double voters_mean = 0;         ///< mean voters per TPS; 0: Pemilu 250, Pilkada and Pilkades 470
                                  ///< (docs/domain.md#counts, D)
  double voters_sd_share = 0.15;  ///< standard deviation of voters per TPS, as a share of the mean (E)
  int voters_cap = 0;             ///< most voters per TPS; 0: Pemilu 300, Pilkada and Pilkades 600 (F)
  std::string pattern;            ///< doctrine preset of the plans; empty: pemilu2024, or pilkada2024
  CategoryShares shares = kJatimPemilu2024Shares;             ///< drawn for every regular TPS
  std::uint64_t seed = 1;                                     ///< every draw's seed
  double bhabinkamtibmas_share = kJatimBhabinkamtibmasShare;  ///< share of villages with one
  double guard_margin = 0.05;       ///< spare officers in each tps_guard pool, share of the need (E)
  double reserve_share = 0.20;      ///< Polsek and Polres reserves, share of all Polri officers (E)
  int brimob_headcount = 30;        ///< Brimob officers per Polres: a platoon (E)
  int tni_headcount = 100;          ///< TNI on call per kabupaten (Kodim): 1 SSK (docs/domain.md, F)
  int polda_reserve_teams = 3;      ///< platoons of 30 the Polda holds for the region (E)
  std::string only_provinsi;        ///< if set, the scenario of this provinsi (its code) of the region
  geo::RoadGeneratorOptions roads;  ///< total_nodes 0: kDefaultRoadNodesPerVillage per village;
                                    ///< its seed is replaced by `seed`
};

/// A named preset: the region and the spec of `siaga generate --preset NAME`.
struct GeneratorPreset {
  std::string_view name;     ///< what --preset takes: "province", "small"
  std::string_view summary;  ///< one line for help texts
  SyntheticRegion region;    ///< its sizes and box
  GeneratorSpec spec;        ///< its election, shares, forces and notes
};

/// "province": 38 kabupaten, 666 kecamatan, 8,500 villages, 120,000 TPS, 100,000 road nodes,
/// Pemilu 2024 with the pemilu2024 doctrine (the province-scale bar of
/// docs/architecture.md#performance-bars); "small": a sandbox-sized Pilkada (1 kabupaten, 1 kecamatan,
/// 3 villages, 8 TPS, 12 road nodes).
std::span<const GeneratorPreset> generator_presets();

/// The preset with this name, or nullptr.
const GeneratorPreset* find_generator_preset(std::string_view name);

/// Whether `s` is a date YYYY-MM-DD with a month 01-12 and a day 01-31 (the schema's pattern).
bool is_valid_date(std::string_view s);

/// The region with its zero counts (kecamatan, kabupaten, TPS) replaced by the defaults for the
/// election kind: the counts generate_scenario uses. Checks nothing.
SyntheticRegion with_default_sizes(SyntheticRegion region, ElectionKind kind);

/// A generated scenario before it is written: its document with the four large tables (villages,
/// TPS, road nodes and edges) empty in `head`, and a function per table that makes its rows one at
/// a time. write() streams the text without ever holding those tables as JSON: a national
/// scenario's would take GBs, its text a few hundred MB.
struct GeneratedScenario {
  /// One large table: head[section][name] has `rows` rows, row(i) the i-th.
  struct Table {
    std::string section, name;
    std::size_t rows = 0;
    std::function<nlohmann::ordered_json(std::size_t)> row;
  };
  nlohmann::ordered_json head;
  std::vector<Table> tables;
  std::shared_ptr<const void> data;  ///< what the row functions read

  /// Rows of head[section][name], streamed or not.
  std::size_t rows(std::string_view section, std::string_view name) const;
  /// The whole document (what generate_scenario returns).
  nlohmann::ordered_json document() const;
  /// Hands format_scenario(document()) to `sink` in pieces, byte for byte.
  void write(const std::function<void(std::string_view)>& sink) const;
};

/// As generate_scenario, not yet written.
GeneratedScenario generate(const SyntheticRegion& region, const GeneratorSpec& spec);
/// As generate_scenario of real villages, not yet written.
GeneratedScenario generate(std::span<const VillageRow> villages, const GeneratorSpec& spec);

/// Generates a synthetic region and its scenario. Throws InputError for unusable sizes or specs.
nlohmann::ordered_json generate_scenario(const SyntheticRegion& region, const GeneratorSpec& spec);

/// Generates the scenario of real villages (any order; written in code order). Throws InputError if
/// the table is inconsistent (duplicate codes, a village outside its kecamatan's code, ...).
nlohmann::ordered_json generate_scenario(std::span<const VillageRow> villages, const GeneratorSpec& spec);

/// Reads a villages table (CSV with a header). Required columns: code, name, kecamatan_code,
/// kecamatan_name, kabupaten_code, kabupaten_name, lat, lon, tps. Optional: kind, kecamatan_lat,
/// kecamatan_lon, kabupaten_lat, kabupaten_lon, kabupaten_kind, provinsi_code, provinsi_name,
/// tps_khusus, category. Throws InputError naming file:line:column for every bad cell.
std::vector<VillageRow> read_villages_csv(const std::filesystem::path& file);

/// The document as text: indented, large tables one element per line, coordinates to 6 decimals and
/// lengths to 1 (rounded when generated), ending in a newline. Deterministic.
std::string format_scenario(const nlohmann::ordered_json& doc);

}  // namespace siaga::scenario
