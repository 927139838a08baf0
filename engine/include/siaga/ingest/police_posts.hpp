#pragma once
// Police stations from a GeoJSON file of points (an OpenStreetMap extract: amenity=police and
// fire stations, as OSMnx's features_from_place writes them): names read into a kind of post and a
// place, duplicates merged, each post matched to the kecamatan it stands in. The rules, radii and
// what is dropped are in docs/import.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/ingest/boundaries.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::ingest {

/// What a police station is, in the chain of command.
enum class PoliceKind : std::uint8_t {
  kPolda,   ///< provincial police (Kepolisian Daerah)
  kPolres,  ///< kabupaten/kota police (Polres, Polresta, Polrestabes, Polres Pelabuhan)
  kPolsek,  ///< kecamatan police (Polsek, Polsekta, Kepolisian Sektor)
  kBrimob,  ///< mobile brigade (Satuan Brimob)
};

/// "polda", "polres", "polsek", "brimob" (the scenario's post kinds, brimob aside).
std::string_view to_string(PoliceKind kind) noexcept;

/// How a station's name was read.
enum class NameVerdict : std::uint8_t {
  kStation,       ///< a Polda, Polres, Polsek or Brimob station: kept
  kPosPolisi,     ///< a police post (pos polisi, pospol, pos lantas, pos pantau): dropped, its
                  ///< officers are counted at their Polsek
  kSpecialUnit,   ///< a traffic, licensing, water-police or staff unit (Satlantas, Samsat, Satpas,
                  ///< Ditpolair, Subid, Direktorat): dropped, not an election-day reserve
  kUnrecognised,  ///< no name, or a name that says none of the above: dropped
};

/// A station name read.
struct PoliceName {
  NameVerdict verdict = NameVerdict::kUnrecognised;
  PoliceKind kind = PoliceKind::kPolsek;  ///< when verdict is kStation
  std::string place;                      ///< "Rungkut", "Pelabuhan Tanjung Perak", "Jawa Timur"
  std::string label;                      ///< "Polsek Rungkut", "Polrestabes Surabaya", "Polda Jawa Timur"
};

/// Reads a station name: "Kepolisian Sektor X", "Polisi Sektor X", "Polsekta X", "POLSEK X",
/// "Polsek Kecamatan X" are Polsek X; Polres / Polresta / Polrestabes X and "Resor (Kota (Besar)) X"
/// are Polres; "Polda X" and "Kepolisian Daerah X" Polda; "Brimob" Brimob. Names with a post word
/// (pos, pospol, posko) are posts; names with a unit word (satlantas, samsat, ...) are special units.
/// Places are title-cased ("RUNGKUT" -> "Rungkut"), Jatim / Jateng / Jabar written out.
PoliceName read_police_name(std::string_view name);

/// The key two names of one place share: kind and place, lower case, without spaces
/// ("Tambak Sari" and "Tambaksari" are one place).
std::string place_key(PoliceKind kind, std::string_view place);

/// A station kept.
struct PolicePost {
  std::string id;  ///< "node/6404115034" (the OSM element), or "features[3]"
  PoliceKind kind = PoliceKind::kPolsek;
  std::string name;                      ///< the label read from its name: "Polsek Rungkut"
  std::string place;                     ///< "Rungkut"
  std::string source_name;               ///< the name as written
  geo::GeoPoint at;                      ///< WGS 84 degrees
  std::vector<std::string> merged;       ///< ids of the duplicates merged into this one
  std::optional<std::size_t> kecamatan;  ///< index of the kecamatan boundary it stands in
};

/// A feature left out, and why.
struct DroppedPost {
  std::string where;   ///< file:features[i]
  std::string id;      ///< as PolicePost::id
  std::string name;    ///< as written, or empty
  std::string reason;  ///< "fire station", "pos polisi", "special unit", "name not recognised", "no name"
};

/// Options of the merge (defaults: docs/import.md, E).
struct PostMergeOptions {
  double same_place_radius_m = 300.0;  ///< same kind and place key within this: one station
  double any_name_radius_m = 50.0;     ///< same kind within this, whatever the names: one station
};

/// The posts read and what the caller must decide about.
struct PolicePosts {
  std::vector<PolicePost> posts;     ///< in file order of the first feature of each
  std::vector<DroppedPost> dropped;  ///< fire stations, posts, special units, unnamed features
  std::size_t merged = 0;            ///< features merged into another (not counted in posts)
  std::vector<std::size_t> outside;  ///< posts (indices) that stand in no kecamatan
  std::vector<std::size_t> kecamatan_without_polsek;  ///< kecamatan (indices) with no Polsek post
  std::vector<scenario::Problem> warnings;            ///< e.g. a Polsek named after another kecamatan
};

/// Reads police posts from a GeoJSON FeatureCollection of Points with properties name and
/// facility_type (police | fire_station; or amenity, as OSM tags it; a feature with neither is taken
/// as police), element and id (OSM). `kecamatan` are the boundaries to match posts to (may be
/// empty). Throws ScenarioError with every problem at file:json.path.
PolicePosts read_police_posts(const std::filesystem::path& file, std::string shown_name,
                              std::span<const Boundary> kecamatan, const PostMergeOptions& options = {});
/// As read_police_posts, from GeoJSON text.
PolicePosts parse_police_posts(std::string_view text, std::string shown_name,
                               std::span<const Boundary> kecamatan, const PostMergeOptions& options = {});

}  // namespace siaga::ingest
