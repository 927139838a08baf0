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
#include "siaga/scenario/imported.hpp"
#include "siaga/scenario/incidents.hpp"
#include "siaga/scenario/path.hpp"
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
  std::vector<AreaBoundary> village_boundaries;    ///< region.boundaries.villages, if given
  std::vector<AreaBoundary> kecamatan_boundaries;  ///< region.boundaries.kecamatan, if given
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
  /// Officers per team: dispatch sends whole teams, and the rest of the unit stays available. The
  /// last team takes what is left over (headcount 64, team_size 10: six of 10 and one of 4).
  int team_size = 1;
  std::size_t post = 0;  ///< index into Forces::posts (after the plan's reserves)
  /// Bhabinkamtibmas: the villages it serves (indices into Region::villages); it lives in the first.
  std::vector<std::size_t> villages;
  geo::Vehicle vehicle = geo::Vehicle::kMotorbike;
  double duty_start_hour = 5.0;  ///< hours after midnight of election day
  double duty_end_hour = 36.0;   ///< a unit busy then finishes its task (overtime)
  bool dispatchable = true;
  int max_severity = 1;               ///< 1 disturbance ... 5 riot
  double mobilisation_minutes = 0.0;  ///< delay before departure
  /// Teams of the unit (the last one may be smaller).
  int teams() const noexcept { return (headcount + team_size - 1) / team_size; }
  /// Officers in team `k` (0-based).
  int team_officers(int k) const noexcept { return k + 1 < teams() ? team_size : headcount - team_size * k; }
};

/// How far the dispatcher looks for units of one tier: the nearest `posts` places units stand (a
/// post, or a Bhabinkamtibmas's village) within `minutes` of travel. Every unit at such a place is
/// a candidate; `siaga describe` warns where a TPS has more places within reach than `posts`.
struct DispatchReach {
  int posts = 8;
  double minutes = 90.0;
};

/// The Polda's reserve (Brimob or Samapta companies held for hot spots): called in when the
/// kabupaten's own units cannot cover an incident, it mobilises for hours and arrives at a post.
struct PoldaReserve {
  int teams = 0;                        ///< 0: no reserve
  int team_size = 30;                   ///< officers per team (a platoon)
  double mobilisation_minutes = 120.0;  ///< before it leaves from where it arrives
  std::size_t arrives_at = 0;           ///< index into Forces::posts: where it starts from
  geo::Vehicle vehicle = geo::Vehicle::kTruck;
  int max_severity = 5;
};

/// The reach of each tier unless the scenario says otherwise (scenarios/README.md): wide enough
/// that no limit binds in the shipped scenarios.
std::array<DispatchReach, kDispatchTierCount> default_reach() noexcept;

/// Posts and units.
struct Forces {
  std::vector<Post> posts;
  std::vector<Unit> units;  ///< the Polda reserve, if any, is the last (kind polda_reserve)
  Faults faults;
  std::array<DispatchReach, kDispatchTierCount> reach = default_reach();
  std::optional<PoldaReserve> polda_reserve;
};

/// A policy a plan names (dispatch, retention), with its settings as written. Which names exist
/// and what their settings mean is for the dynamics to say (dynamics/dispatch_policy.hpp,
/// dynamics/retention_policy.hpp, where researchers register their own): here it is configuration.
struct PolicyChoice {
  std::string name;
  Json settings = Json::object();  ///< the object as written ("policy" included)
  Path where;                      ///< where it was written, for problems
};

/// Which category decides where guards stand under a plan.
enum class RatingBasis : std::uint8_t {
  kRated,         ///< the published rating (misclassified TPS are guarded as rated)
  kTrue,          ///< the TPS's true category (what perfect knowledge would give)
  kEarlyWarning,  ///< the rating, with a share of its errors found and corrected in time
};

/// How a plan rates TPS for guarding.
struct Rating {
  RatingBasis basis = RatingBasis::kRated;
  double corrected_share = 0.5;  ///< early warning: share of misrated TPS corrected (0-1)
};

/// A staffing plan, resolved from its preset and its own settings.
struct Plan {
  std::string name;
  std::string description;
  std::string pattern;  ///< the preset it started from, or empty
  std::array<GuardPattern, kCategoryCount> guards{};
  std::array<PolicyChoice, kCategoryCount> retention{};  ///< what guards do after the count
  std::array<int, kCategoryCount> escort{};              ///< officers escorting the boxes
  PolicyChoice dispatch;                                 ///< whom the dispatcher sends
  Rating rating;                                         ///< which category guards follow
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
  std::optional<Provenance> provenance;  ///< where an imported scenario's parts came from
};

/// "pps" or "ppk".
std::string_view to_string(BallotStage s) noexcept;

}  // namespace siaga::scenario
