#pragma once
// A scenario as plain configuration, for one plan: what the planner wrote, checked, with defaults
// filled in and the plan's overrides applied. No behaviour lives here (see dynamics/).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/doctrine.hpp"
#include "siaga/scenario/incidents.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {

/// A kabupaten or kota (one Polres).
struct Kabupaten {
  std::string code;  ///< Kemendagri code, e.g. "33.20"
  std::string name;
  bool kota = false;
  geo::GeoPoint at;  ///< centroid
};

/// A kecamatan (one Polsek, one PPK).
struct Kecamatan {
  std::string code;  ///< e.g. "33.20.01"
  std::string name;
  std::size_t kabupaten = 0;  ///< index into Region::kabupaten
  geo::GeoPoint at;
  std::optional<std::uint64_t> ppk_node;  ///< road node id where the PPK receives the boxes
};

/// A desa or kelurahan; its PPS sits at its node.
struct Village {
  std::string code;  ///< e.g. "33.20.01.2001"
  std::string name;
  std::size_t kecamatan = 0;  ///< index into Region::kecamatan
  VillageKind kind = VillageKind::kDesa;
  geo::GeoPoint at;
  std::optional<std::uint64_t> node;  ///< road node id; nearest to `at` when absent
};

/// A polling station.
struct Tps {
  std::string id;
  std::size_t village = 0;                     ///< index into Region::villages
  int voters = 0;                              ///< registered voters
  Category category = Category::kKurangRawan;  ///< the rated category (what plans allocate by)
  std::optional<double> score;                 ///< 0-100 vulnerability score, if given
  std::optional<std::uint64_t> node;           ///< road node id; else nearest to `at`, else the village's
  std::optional<geo::GeoPoint> at;
};

/// The administrative hierarchy and the TPS.
struct Region {
  std::optional<std::pair<std::string, std::string>> provinsi;  ///< code and name
  std::vector<Kabupaten> kabupaten;
  std::vector<Kecamatan> kecamatan;
  std::vector<Village> villages;
  std::vector<Tps> tps;
};

/// A stage of the ballot boxes' trip after the count.
enum class BallotStage : std::uint8_t { kPps, kPpk };

/// The election held that day.
struct Election {
  ElectionKind kind = ElectionKind::kPilkada;
  std::string date;            ///< YYYY-MM-DD
  double setup_hour = 6.0;     ///< guards at the TPS by this hour
  double opening_hour = 7.0;   ///< hours after midnight
  double closing_hour = 13.0;  ///< hours after midnight
  int ballots_per_voter = 1;
  std::vector<BallotStage> ballot_chain{BallotStage::kPps, BallotStage::kPpk};
  Counting counting;  ///< how long counting takes
};

/// A road node as the scenario numbers it: any id up to 2^63 - 1, so OpenStreetMap ids stay as they are.
struct RoadNode {
  std::uint64_t id = 0;
  geo::GeoPoint at;
};

/// The road graph as written: edges refer to node ids.
struct Roads {
  std::vector<RoadNode> nodes;
  std::vector<geo::RoadEdge> edges;  ///< from/to index `nodes` (the loader resolves the ids written)
  geo::SpeedTable speeds = geo::default_speeds();
};

/// Where units are based.
struct Post {
  std::string id;
  std::string name;
  PostKind kind = PostKind::kPolsek;
  geo::GeoPoint at;
  std::optional<std::uint64_t> node;
};

/// A unit of officers.
struct Unit {
  std::string id;
  UnitKind kind = UnitKind::kPolsekReserve;
  int headcount = 1;
  std::size_t post = 0;                ///< index into Forces::posts (after the plan's reserves)
  std::optional<std::size_t> village;  ///< Bhabinkamtibmas: the village it serves
  geo::Vehicle vehicle = geo::Vehicle::kMotorbike;
  double duty_start_hour = 5.0;
  double duty_end_hour = 36.0;
  bool dispatchable = true;
  int max_severity = 1;               ///< 1 disturbance ... 5 riot
  double mobilisation_minutes = 0.0;  ///< delay before departure
};

/// Posts and units.
struct Forces {
  std::vector<Post> posts;
  std::vector<Unit> units;
  Faults faults;
};

/// How the dispatcher chooses units (see dynamics/dispatch_policy.hpp).
enum class DispatchPolicyKind : std::uint8_t {
  kNearestAvailable,  ///< the nearest available capable units, up the chain
  kKeepReserve,       ///< as nearest, but a post keeps `min_reserve` units back for nearby incidents
};

/// The dispatcher's settings under a plan.
struct DispatchConfig {
  DispatchPolicyKind policy = DispatchPolicyKind::kNearestAvailable;
  int min_reserve = 1;          ///< keep_reserve: units a post keeps available
  double local_minutes = 15.0;  ///< keep_reserve: incidents this close may take the last units
};

/// A staffing plan, resolved from its preset and its own settings.
struct Plan {
  std::string name;
  std::string description;
  std::string pattern;  ///< the preset it started from, or empty
  std::array<GuardPattern, kCategoryCount> guards{};
  std::array<RetentionRule, kCategoryCount> retention{};
  std::array<int, kCategoryCount> escort{};  ///< officers escorting the boxes
  DispatchConfig dispatch;
  bool has_overrides = false;
};

/// Defaults of experiments on this scenario.
struct Experiment {
  std::uint64_t seed = 1;
  int replications = 1000;
  double confidence = 0.95;
};

/// A whole scenario for one plan.
struct Scenario {
  std::string name;
  std::string description;
  std::vector<std::string> notes;
  std::vector<std::string> sources;
  Region region;
  Election election;
  Roads roads;
  Forces forces;
  Plan plan;
  Incidents incidents;
  Experiment experiment;
};

/// "pps" or "ppk".
std::string_view to_string(BallotStage s) noexcept;

}  // namespace siaga::scenario
