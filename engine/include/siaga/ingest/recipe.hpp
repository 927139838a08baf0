#pragma once
// A recipe: the small JSON file (format siaga-recipe/1, scenarios/siaga-recipe-1.schema.json) that
// names the data files of a real region and how to turn them into a scenario, and the import that
// follows it (`siaga import RECIPE -o FILE`): the admin table filtered by Kemendagri code, village
// and kecamatan polygons, OpenStreetMap roads (or a synthetic graph over the village centroids),
// police stations, vulnerability, the election, the doctrine and the forces rule. What the import
// dropped or guessed is listed in its report and in the scenario's provenance (docs/import.md).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/ingest/vulnerability.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::ingest {

/// A recipe as read: every path already resolved against the recipe's directory.
struct Recipe {
  std::filesystem::path file;  ///< the recipe itself (as given)
  std::string name;            ///< scenario name
  std::string description;     ///< empty: one is written
  std::vector<std::string> notes, sources;
  std::uint64_t seed = 1;

  /// A data file: its path as the recipe writes it (for messages and provenance) and resolved.
  struct File {
    std::string written;
    std::filesystem::path path;
    bool given() const noexcept { return !written.empty(); }
  };
  File admin;          ///< the Kemendagri admin CSV
  std::string within;  ///< province, kabupaten or kecamatan code
  File village_boundaries, kecamatan_boundaries, roads, police, vulnerability;
  double road_nodes_per_village = 0;  ///< synthetic roads only; 0: the generator's default

  /// Category shares when no vulnerability file is given; nullopt: Jawa Timur's in province 35,
  /// the national Pilkada 2020 shares elsewhere.
  std::optional<CategoryShares> shares;
  std::string shares_name;  ///< "jawa_timur", "national_pilkada2020" or "custom"

  scenario::ElectionKind kind = scenario::ElectionKind::kPilkada;
  std::string date;                    ///< empty: the election kind's default
  int ballots_per_voter = 0;           ///< 0: the kind's default
  double voters_mean = 0;              ///< 0: the kind's default
  std::optional<long long> tps_total;  ///< scale the 2024 TPS counts to this total (Pilkada)
  std::optional<double> tps_ratio;     ///< or to this share of them (Jawa Timur: 60,751 / 120,647)
  std::string doctrine;                ///< preset name; empty: the kind's default

  std::optional<long long> bhabinkamtibmas;  ///< officers; nullopt: Jawa Timur's share of villages
  std::optional<long long> polri_total;      ///< published Polri strength: guards + reserves sized to meet it
  std::optional<long long> tni_total;        ///< published TNI strength (checked in the notes)
  int brimob_per_polres = 30;
  int tni_per_kabupaten = 100;
  int polda_reserve_teams = 3;
  double reserve_share = 0.20;
  double guard_margin = 0.05;
  double snap_threshold_m = 500.0;
};

/// Reads a recipe. Throws InputError naming the file and the JSON path of the first problem
/// ("kota-kediri.recipe.json: region.within: must look like 35, 35.71 or 35.71.01"), or a file
/// that cannot be read or is not JSON.
Recipe read_recipe(const std::filesystem::path& file);
/// As read_recipe, from text; paths are resolved against `base_dir`.
Recipe parse_recipe(std::string_view text, const std::filesystem::path& base_dir, std::string shown_name);

/// The scenario a recipe builds, and what the import dropped or guessed (one line each).
struct ImportResult {
  scenario::Json doc;
  std::vector<std::string> report;
};

/// Builds the scenario: deterministic (the same recipe and data give the same document byte for
/// byte through scenario::format_scenario). Throws InputError or ScenarioError for bad data.
ImportResult import_scenario(const Recipe& recipe);

}  // namespace siaga::ingest
