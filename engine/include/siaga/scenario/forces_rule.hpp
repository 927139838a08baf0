#pragma once
// The forces rule of generated and imported scenarios: from the TPS per kecamatan and category,
// the doctrine's guards, the reserves, Brimob, TNI and the Bhabinkamtibmas, as scenario units, and
// the plans compared on them (doctrine, mobile_reserve, long_retention). `siaga generate` and
// `siaga import` both use it, so a region gets the same forces whichever way it was built; every
// figure is stated in the scenario's notes (docs/domain.md#where-siagas-defaults-come-from).

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/doctrine.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/vocabulary.hpp"

namespace siaga::scenario {

/// Reserves: this share of them at the Polsek (spread by TPS count), the rest in the Polres
/// quick-response unit (E).
inline constexpr double kPolsekReserveShare = 0.6;
/// Fewest officers of a Polsek reserve (E).
inline constexpr int kMinPolsekReserve = 2;
/// Fewest officers of a Polres quick-response unit (E).
inline constexpr int kMinQuickResponse = 6;
/// Team sizes (E): Polsek reserves patrol in pairs on motorbikes; a quick-response unit and Brimob
/// send squads (regu) of 10; the TNI's company moves in platoons of 30.
inline constexpr int kPolsekTeam = 2, kSquad = 10, kTniTeam = 30;
/// Minutes for a Brimob platoon on standby at the Polres to leave (E).
inline constexpr double kBrimobMobilisationMinutes = 30.0;

/// The region as the rule sees it: areas, the posts their units stand at, TPS counts.
struct ForcesRegion {
  /// A kabupaten/kota: its Polres and Kodim posts (ids of forces.posts) and its kecamatan.
  struct Kabupaten {
    std::string code;  ///< Kemendagri code, e.g. "35.71"
    std::string polres_post;
    std::string kodim_post;
    std::vector<std::size_t> kecamatan;  ///< indices into `kecamatan`
  };
  /// A kecamatan and its Polsek post.
  struct Kecamatan {
    std::string code;
    std::size_t kabupaten = 0;
    std::string polsek_post;
  };
  /// A village and where it is (Bhabinkamtibmas serve the nearest villages of their kecamatan).
  struct Village {
    std::string code;
    std::size_t kecamatan = 0;
    geo::GeoPoint at;
  };
  std::vector<Kabupaten> kabupaten;
  std::vector<Kecamatan> kecamatan;
  std::vector<Village> villages;
  /// TPS per kecamatan and (rated) category.
  std::vector<std::array<long long, kCategoryCount>> tps;
  /// Villages (indices, ascending) with a Bhabinkamtibmas of their own.
  std::vector<std::size_t> bhabinkamtibmas;
};

/// The rule's settings (defaults: the generator's, E).
struct ForcesOptions {
  std::array<GuardPattern, kCategoryCount> doctrine{};  ///< the plans' preset guards
  double guard_margin = 0.05;      ///< spare officers in each tps_guard pool, share of the need
  double reserve_share = 0.20;     ///< Polsek and Polres reserves, share of all Polri officers
  int brimob_headcount = 30;       ///< Brimob per Polres (a platoon); 0: none
  std::vector<int> tni_headcount;  ///< TNI on call per kabupaten (at its Kodim); 0: none there
};

/// What the rule gives: units under each plan, and the figures the notes state.
struct ForcesRule {
  std::array<GuardPattern, kCategoryCount> mobile{};  ///< mobile_reserve's guards (kurang rawan Y doubled)
  std::vector<int> need_doctrine;                     ///< officers the doctrine's guards need, per kabupaten
  std::vector<int> pool_doctrine;                     ///< tps_guard pool per kabupaten, doctrine plan
  std::vector<int> pool_mobile;                       ///< the same, mobile_reserve plan
  std::vector<int> quick_response;                    ///< per kabupaten
  std::vector<int> polsek_reserve;                    ///< per kecamatan
  long long freed = 0;                                ///< officers mobile_reserve frees from kurang rawan TPS
  /// For each Bhabinkamtibmas (ForcesRegion::bhabinkamtibmas order), the villages it serves: its
  /// own first, then villages without one whose nearest officer of their kecamatan it is.
  std::vector<std::vector<std::size_t>> served;
  Json units_doctrine;  ///< forces.units of the doctrine (and long_retention) plan
  Json units_mobile;    ///< forces.units of mobile_reserve
  /// Polri officers in the doctrine units, by what they do.
  long long guards = 0, reserves = 0, bhabinkamtibmas = 0, brimob = 0, tni = 0;
};

/// Applies the rule: per kabupaten a tps_guard pool holding what the doctrine needs plus the margin
/// (per kecamatan and category, ceil(TPS / Y) groups of X officers); reserves sized so that they
/// are `reserve_share` of the Polri officers, `kPolsekReserveShare` of them spread over the Polsek
/// by TPS (at least kMinPolsekReserve each) and the rest in the quick-response unit (at least
/// kMinQuickResponse); Brimob and TNI as asked; a Bhabinkamtibmas in each chosen village, serving
/// also the villages without one of its kecamatan to which it is the nearest. mobile_reserve guards
/// kurang rawan TPS X-2Y-2Z and turns the officers it frees into teams of 2 (3 where odd) at the
/// Polsek of the kecamatan they leave. Unit ids: guards-, qr-, brimob-, tni-<kabupaten code without
/// dots>, reserve-, mobile-<kecamatan>-n, bhabin-<village>.
ForcesRule apply_forces_rule(const ForcesRegion& region, const ForcesOptions& options);

/// Which villages have a Bhabinkamtibmas of their own when `count` officers serve the villages:
/// the others are the villages with the fewest TPS, kelurahan before desa (urban kelurahan lie close
/// together, near their Polsek), ties by position, never the last one of a kecamatan with an
/// officer (E). `tps` and `kelurahan` are per village, `kecamatan` its kecamatan index. Returns
/// indices, ascending.
std::vector<std::size_t> bhabinkamtibmas_fewest_tps_shared(std::span<const long long> tps,
                                                           std::span<const bool> kelurahan,
                                                           std::span<const std::size_t> kecamatan,
                                                           std::size_t count);

/// The three plans every generated or imported scenario compares: doctrine (the preset),
/// mobile_reserve (when it frees officers; its overrides replace forces.units) and long_retention.
Json standard_plans(const DoctrinePreset& preset, const ForcesRule& rule);

/// The sentence of the notes that describes the plans.
std::string standard_plans_note(const DoctrinePreset& preset, const ForcesRule& rule);

}  // namespace siaga::scenario
