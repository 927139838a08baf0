#include "siaga/scenario/synthetic.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <utility>

#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"
#include "siaga/core/random_stream.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/scenario/csv_table.hpp"
#include "siaga/scenario/doctrine.hpp"
#include "siaga/scenario/forces_rule.hpp"
#include "siaga/scenario/problems.hpp"

#include "notes_text.hpp"

namespace siaga::scenario {
namespace {

using notes_text::format;
using notes_text::strip_dots;
using notes_text::thousands;

using Json = nlohmann::ordered_json;

// What the generator's random streams are for (StreamKey::purpose). Entities are village indices in
// code order (categories, voters, TPS nodes) or fixed small numbers (one stream for a whole draw).
constexpr std::uint32_t kPurposeVillagePlace = 0x5347'0001;
constexpr std::uint32_t kPurposeSeeds = 0x5347'0002;
constexpr std::uint32_t kPurposeTpsWeight = 0x5347'0003;
constexpr std::uint32_t kPurposeCategory = 0x5347'0004;
constexpr std::uint32_t kPurposeVoters = 0x5347'0005;
constexpr std::uint32_t kPurposeTpsNode = 0x5347'0006;
constexpr std::uint32_t kPurposeBhabin = 0x5347'0007;

constexpr double kDegree = std::numbers::pi / 180.0;
// Jawa Timur's ratios (docs/domain.md#counts, and the village table the real-place scenarios are built
// from): 8,494 villages in 666 kecamatan in 38 kabupaten/kota; 120,231 Pemilu 2024 TPS in 8,493
// villages; 60,751 Pilkada 2024 TPS for 8,494.
constexpr double kVillagesPerKecamatan = 8494.0 / 666.0;
constexpr double kKecamatanPerKabupaten = 666.0 / 38.0;
constexpr double kPemiluTpsPerVillage = 120231.0 / 8493.0;
constexpr double kPilkadaTpsPerVillage = 60751.0 / 8494.0;
// Indonesia (Kemendagri 2024): 514 kabupaten/kota in 38 provinsi.
constexpr double kKabupatenPerProvinsi = 514.0 / 38.0;
// Two-digit provinsi codes no real provinsi has (the real ones: 11-19, 21, 31-36, 51-53, 61-65, 71-76,
// 81-82, 91-96): a synthetic country's provinsi take these, west to east, so that no synthetic code
// can be mistaken for a real place.
constexpr std::array<const char*, 50> kUnusedProvinsiCodes{
    "22", "23", "24", "25", "26", "27", "28", "29", "30", "37", "38", "39", "40", "41", "42", "43", "44",
    "45", "46", "47", "48", "49", "50", "54", "55", "56", "57", "58", "59", "60", "66", "67", "68", "69",
    "70", "77", "78", "79", "80", "83", "84", "85", "86", "87", "88", "89", "90", "97", "98", "99"};

double round_to(double x, double per_unit) { return std::round(x * per_unit) / per_unit; }
double round6(double x) { return round_to(x, 1e6); }
double round1(double x) { return round_to(x, 10.0); }

// "96.5%" with at most two decimals.
std::string percent(double share) {
  std::string s = format("%.2f", 100.0 * share);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

// ---------------------------------------------------------------------------------------------
// Settings: the spec with the election kind's defaults filled in.

struct Settings {
  GeneratorSpec spec;
  const DoctrinePreset* preset = nullptr;
  std::vector<std::string> default_notes;
};

bool valid_identifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Settings resolve(const GeneratorSpec& in) {
  Settings st;
  st.spec = in;
  GeneratorSpec& s = st.spec;
  if (!valid_identifier(s.name))
    throw InputError("name '" + s.name + "': use letters, digits, '_' and '-' only");
  const bool pemilu = s.kind == ElectionKind::kPemilu;
  if (s.date.empty()) {
    s.date = pemilu ? "2024-02-14" : s.kind == ElectionKind::kPilkada ? "2024-11-27" : "2023-10-10";
    st.default_notes.push_back(pemilu ? "F: election day 2024-02-14, Pemilu 2024."
                               : s.kind == ElectionKind::kPilkada
                                   ? "F: election day 2024-11-27, the national Pilkada 2024 day."
                                   : "E: election day 2023-10-10, the Pilkades day of Kabupaten Pasuruan in "
                                     "2023 (pantura7.com, 4 May 2023), as an example.");
  }
  if (!is_valid_date(s.date)) throw InputError("date '" + s.date + "': expected YYYY-MM-DD");
  if (s.ballots_per_voter == 0) {
    s.ballots_per_voter = pemilu ? 5 : s.kind == ElectionKind::kPilkada ? 2 : 1;
    st.default_notes.push_back(pemilu ? "F: 5 ballots per voter (Pemilu 2019 and 2024, "
                                        "docs/domain.md#glossary)."
                               : s.kind == ElectionKind::kPilkada
                                   ? "F: 2 ballots per voter (governor and bupati/wali kota, Pilkada 2024)."
                                   : "F: 1 ballot per voter (the village head).");
  }
  if (s.ballots_per_voter < 1 || s.ballots_per_voter > 10)
    throw InputError("ballots per voter must lie in 1-10");
  if (s.voters_cap == 0) s.voters_cap = pemilu ? 300 : 600;
  if (s.voters_mean == 0) s.voters_mean = pemilu ? 250 : 470;
  if (s.voters_cap < 1 || s.voters_cap > 1000) throw InputError("the voter cap per TPS must lie in 1-1000");
  if (!(s.voters_mean >= 1 && s.voters_mean <= s.voters_cap))
    throw InputError("mean voters per TPS must lie between 1 and the cap (" + std::to_string(s.voters_cap) +
                     ")");
  if (!(s.voters_sd_share >= 0 && s.voters_sd_share <= 1))
    throw InputError("the voters' spread must lie in [0, 1]");
  if (s.pattern.empty()) s.pattern = pemilu ? "pemilu2024" : "pilkada2024";
  st.preset = find_doctrine_preset(s.pattern);
  if (st.preset == nullptr) throw InputError("pattern '" + s.pattern + "' is no doctrine preset");
  double sum = 0;
  for (double x : s.shares) {
    if (!(x >= 0 && std::isfinite(x))) throw InputError("category shares must be non-negative");
    sum += x;
  }
  if (!(std::abs(sum - 1.0) < 1e-6))
    throw InputError("category shares must sum to 1 (they sum to " + format("%g", sum) + ")");
  if (!(s.bhabinkamtibmas_share >= 0 && s.bhabinkamtibmas_share <= 1))
    throw InputError("the Bhabinkamtibmas share must lie in [0, 1]");
  if (!(s.guard_margin >= 0 && s.guard_margin <= 1)) throw InputError("the guard margin must lie in [0, 1]");
  if (!(s.reserve_share >= 0 && s.reserve_share < 1))
    throw InputError("the reserve share must lie in [0, 1)");
  if (s.brimob_headcount < 0) throw InputError("the Brimob headcount must not be negative");
  s.roads.seed = s.seed;
  return st;
}

// ---------------------------------------------------------------------------------------------
// The region as tables, from real rows or synthesised.

struct Kab {
  std::string code, name;
  bool kota = false;
  geo::GeoPoint at;
  std::vector<std::size_t> kecamatan;
};
struct Kec {
  std::string code, name;
  std::size_t kabupaten = 0;
  geo::GeoPoint at;
  std::vector<std::size_t> villages;
};
struct Vil {
  std::string code, name;
  VillageKind kind = VillageKind::kDesa;
  std::size_t kecamatan = 0;
  geo::GeoPoint at;
  int tps = 0, khusus = 0;
  std::optional<Category> category;
};
struct RegionTables {
  std::string provinsi_code, provinsi_name;
  std::vector<Kab> kabupaten;
  std::vector<Kec> kecamatan;
  std::vector<Vil> villages;
  std::vector<std::string> notes;  // how the region was made
  bool synthetic = false;
};

// A Kemendagri code with `parts` parts: 35, 35.14, 35.14.05 or 35.14.05.2001.
bool code_shape(const std::string& s, int parts) {
  static constexpr std::size_t kWidth[] = {2, 2, 2, 4};
  std::size_t at = 0;
  for (int p = 0; p < parts; ++p) {
    if (p > 0 && (at >= s.size() || s[at++] != '.')) return false;
    for (std::size_t i = 0; i < kWidth[p]; ++i, ++at)
      if (at >= s.size() || s[at] < '0' || s[at] > '9') return false;
  }
  return at == s.size();
}
bool valid_point(geo::GeoPoint p) { return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180; }
geo::GeoPoint rounded(geo::GeoPoint p) { return {round6(p.lat), round6(p.lon)}; }

RegionTables tables_from_rows(std::span<const VillageRow> rows_in) {
  if (rows_in.empty()) throw InputError("the villages table is empty");
  std::vector<const VillageRow*> rows;
  for (const VillageRow& r : rows_in) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->code < b->code; });

  Problems problems;
  RegionTables t;
  std::map<std::string, std::size_t> kab_index, kec_index;
  std::map<std::string, std::optional<geo::GeoPoint>> kab_at, kec_at;
  std::set<std::string> provinsi;
  std::string previous;
  for (const VillageRow* r : rows) {
    const std::string where = "village " + (r->code.empty() ? "(no code)" : r->code);
    const std::size_t errors = problems.size();
    if (!code_shape(r->code, 4)) problems.add(where, "code must look like 35.14.05.2001");
    if (!code_shape(r->kecamatan_code, 3) || !r->code.starts_with(r->kecamatan_code + "."))
      problems.add(where,
                   "kecamatan code '" + r->kecamatan_code + "' must be the village code's first three parts");
    if (!code_shape(r->kabupaten_code, 2) || !r->kecamatan_code.starts_with(r->kabupaten_code + "."))
      problems.add(where,
                   "kabupaten code '" + r->kabupaten_code + "' must be the kecamatan code's first two parts");
    if (!r->provinsi_code.empty() &&
        (!code_shape(r->provinsi_code, 1) || !r->kabupaten_code.starts_with(r->provinsi_code + ".")))
      problems.add(where, "provinsi code '" + r->provinsi_code + "' must be the kabupaten code's first part");
    if (r->code == previous) problems.add(where, "appears twice");
    previous = r->code;
    if (r->name.empty() || r->kecamatan_name.empty() || r->kabupaten_name.empty())
      problems.add(where, "village, kecamatan and kabupaten names must not be empty");
    if (!valid_point(r->at)) problems.add(where, "lat/lon out of range");
    if ((r->kecamatan_at && !valid_point(*r->kecamatan_at)) ||
        (r->kabupaten_at && !valid_point(*r->kabupaten_at)))
      problems.add(where, "kecamatan or kabupaten lat/lon out of range");
    if (r->tps < 0 || r->tps > 899) problems.add(where, "tps must lie in 0-899 (ids 001-899)");
    if (r->tps_khusus < 0 || r->tps_khusus > 99)
      problems.add(where, "tps_khusus must lie in 0-99 (ids 901-999)");
    if (problems.size() != errors) continue;

    if (!r->provinsi_code.empty()) provinsi.insert(r->provinsi_code + "\t" + r->provinsi_name);
    auto [kab_it, new_kab] = kab_index.try_emplace(r->kabupaten_code, t.kabupaten.size());
    if (new_kab) {
      Kab k;
      k.code = r->kabupaten_code, k.name = r->kabupaten_name;
      k.kota = r->kota.value_or(r->kabupaten_name.starts_with("Kota "));
      t.kabupaten.push_back(k);
      kab_at[k.code] = r->kabupaten_at;
    } else if (t.kabupaten[kab_it->second].name != r->kabupaten_name ||
               (r->kabupaten_at.has_value() != kab_at[r->kabupaten_code].has_value()) ||
               (r->kabupaten_at && (r->kabupaten_at->lat != kab_at[r->kabupaten_code]->lat ||
                                    r->kabupaten_at->lon != kab_at[r->kabupaten_code]->lon))) {
      problems.add(where,
                   "kabupaten " + r->kabupaten_code + " has another name or centroid in an earlier row");
    }
    auto [kec_it, new_kec] = kec_index.try_emplace(r->kecamatan_code, t.kecamatan.size());
    if (new_kec) {
      Kec k;
      k.code = r->kecamatan_code, k.name = r->kecamatan_name, k.kabupaten = kab_it->second;
      t.kabupaten[kab_it->second].kecamatan.push_back(t.kecamatan.size());
      t.kecamatan.push_back(k);
      kec_at[k.code] = r->kecamatan_at;
    } else if (t.kecamatan[kec_it->second].name != r->kecamatan_name ||
               (r->kecamatan_at.has_value() != kec_at[r->kecamatan_code].has_value()) ||
               (r->kecamatan_at && (r->kecamatan_at->lat != kec_at[r->kecamatan_code]->lat ||
                                    r->kecamatan_at->lon != kec_at[r->kecamatan_code]->lon))) {
      problems.add(where,
                   "kecamatan " + r->kecamatan_code + " has another name or centroid in an earlier row");
    }
    Vil v;
    v.code = r->code, v.name = r->name, v.kecamatan = kec_it->second, v.at = rounded(r->at);
    v.kind =
        r->kind.value_or(r->code[r->code.size() - 4] == '1' ? VillageKind::kKelurahan : VillageKind::kDesa);
    v.tps = r->tps, v.khusus = r->tps_khusus, v.category = r->category;
    t.kecamatan[kec_it->second].villages.push_back(t.villages.size());
    t.villages.push_back(v);
  }
  long long total = 0;
  for (const Vil& v : t.villages) total += v.tps + v.khusus;
  if (problems.empty() && total == 0) problems.add("villages", "no village has a TPS");
  if (provinsi.size() > 1) problems.add("villages", "the villages belong to more than one provinsi");
  problems.throw_if_any();

  if (provinsi.size() == 1) {
    const std::string& p = *provinsi.begin();
    t.provinsi_code = p.substr(0, p.find('\t')), t.provinsi_name = p.substr(p.find('\t') + 1);
  }
  // Centroids: given, or the mean of the villages.
  auto mean_of = [&t](const std::vector<std::size_t>& villages) {
    double lat = 0, lon = 0;
    for (std::size_t v : villages) lat += t.villages[v].at.lat, lon += t.villages[v].at.lon;
    return rounded({lat / villages.size(), lon / villages.size()});
  };
  for (Kec& k : t.kecamatan) k.at = kec_at[k.code] ? rounded(*kec_at[k.code]) : mean_of(k.villages);
  for (Kab& k : t.kabupaten) {
    std::vector<std::size_t> villages;
    for (std::size_t c : k.kecamatan)
      villages.insert(villages.end(), t.kecamatan[c].villages.begin(), t.kecamatan[c].villages.end());
    k.at = kab_at[k.code] ? rounded(*kab_at[k.code]) : mean_of(villages);
  }
  return t;
}

// A partial Fisher-Yates shuffle: `count` distinct indices out of 0..n-1, in drawing order.
std::vector<std::size_t> choose(RandomStream& s, std::size_t n, std::size_t count) {
  std::vector<std::size_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = i;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t j =
        i + std::min(n - i - 1, static_cast<std::size_t>(s.uniform01() * static_cast<double>(n - i)));
    std::swap(idx[i], idx[j]);
  }
  idx.resize(count);
  return idx;
}

// Largest-remainder apportionment of `total` by weights (all zero: equal shares).
std::vector<long long> apportion(long long total, const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  std::vector<long long> out(n, 0);
  if (n == 0 || total <= 0) return out;
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<std::pair<double, std::size_t>> rest(n);
  long long given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double q = sum > 0 ? static_cast<double>(total) * weights[i] / sum : static_cast<double>(total) / n;
    out[i] = static_cast<long long>(std::floor(q));
    given += out[i];
    rest[i] = {q - std::floor(q), i};
  }
  std::sort(rest.begin(), rest.end(),
            [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t k = 0; given < total; ++k, ++given) ++out[rest[k % n].second];
  return out;
}

RegionTables synthesize(const SyntheticRegion& unsized, const Settings& st) {
  const std::uint64_t seed = st.spec.seed;
  const SyntheticRegion r = with_default_sizes(unsized, st.spec.kind);
  if (r.villages < 1 || r.villages > 1'000'000) throw InputError("villages must lie in 1-1,000,000");
  const std::size_t kec = r.kecamatan, kab = r.kabupaten;
  if (kec > r.villages) throw InputError("kecamatan must be at most the number of villages");
  if (kab > kec) throw InputError("kabupaten must be at most the number of kecamatan");
  if (r.provinsi > kUnusedProvinsiCodes.size())
    throw InputError("provinsi must be at most " + std::to_string(kUnusedProvinsiCodes.size()) +
                     " (the two-digit codes no real provinsi has)");
  if (r.provinsi > kab) throw InputError("provinsi must be at most the number of kabupaten");
  if (kab > 99 * std::max<std::size_t>(r.provinsi, 1))
    throw InputError("kabupaten must be at most 99 per provinsi (two-digit codes): ask for more provinsi");
  const auto tps = static_cast<long long>(r.tps);
  if (tps < static_cast<long long>(r.villages)) throw InputError("TPS must be at least one per village");
  if (!(r.south >= -90 && r.north <= 90 && r.south < r.north && r.west >= -180 && r.east <= 180 &&
        r.west < r.east))
    throw InputError("the box must satisfy -90 <= south < north <= 90 and -180 <= west < east <= 180");
  if (!(r.tps_cv >= 0 && r.tps_cv <= 5))
    throw InputError("the TPS spread (coefficient of variation) must lie in [0, 5]");

  // Villages uniform in the box; kecamatan = the nearest of `kec` seed villages; kabupaten = the
  // nearest of `kab` seed kecamatan (by centroid). Distances in the local equirectangular plane.
  const double cos_lat = std::cos((r.south + r.north) / 2 * kDegree);
  auto dist2 = [cos_lat](geo::GeoPoint a, geo::GeoPoint b) {
    const double dx = (a.lon - b.lon) * cos_lat, dy = a.lat - b.lat;
    return dx * dx + dy * dy;
  };
  std::vector<geo::GeoPoint> at(r.villages);
  {
    RandomStream s({seed, 0, 0, kPurposeVillagePlace});
    for (geo::GeoPoint& p : at) p = rounded({uniform(s, r.south, r.north), uniform(s, r.west, r.east)});
  }
  auto nearest_seed = [&](const std::vector<geo::GeoPoint>& points, const std::vector<geo::GeoPoint>& seeds) {
    std::vector<std::size_t> cell(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < seeds.size(); ++k)
        if (const double d = dist2(points[i], seeds[k]); d < best) best = d, cell[i] = k;
    }
    return cell;
  };
  auto centroids = [](const std::vector<geo::GeoPoint>& points, const std::vector<std::size_t>& cell,
                      std::size_t n) {
    std::vector<geo::GeoPoint> c(n, {0, 0});
    std::vector<double> count(n, 0);
    for (std::size_t i = 0; i < points.size(); ++i)
      c[cell[i]].lat += points[i].lat, c[cell[i]].lon += points[i].lon, ++count[cell[i]];
    for (std::size_t k = 0; k < n; ++k) c[k] = rounded({c[k].lat / count[k], c[k].lon / count[k]});
    return c;
  };
  RandomStream seeds_stream({seed, 0, 1, kPurposeSeeds});
  std::vector<geo::GeoPoint> kec_seeds;
  for (std::size_t i : choose(seeds_stream, r.villages, kec)) kec_seeds.push_back(at[i]);
  const std::vector<std::size_t> village_kec = nearest_seed(at, kec_seeds);  // each seed keeps its village
  const std::vector<geo::GeoPoint> kec_at = centroids(at, village_kec, kec);
  std::vector<geo::GeoPoint> kab_seeds;
  for (std::size_t i : choose(seeds_stream, kec, kab)) kab_seeds.push_back(kec_at[i]);
  const std::vector<std::size_t> kec_kab = nearest_seed(kec_at, kab_seeds);
  std::vector<std::size_t> village_kab(r.villages);
  for (std::size_t i = 0; i < r.villages; ++i) village_kab[i] = kec_kab[village_kec[i]];
  const std::vector<geo::GeoPoint> kab_at = centroids(at, village_kab, kab);

  // Number west to east, as codes are easier to follow on a map that way.
  auto west_to_east = [](const std::vector<geo::GeoPoint>& p) {
    std::vector<std::size_t> order(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&p](std::size_t a, std::size_t b) {
      return p[a].lon != p[b].lon ? p[a].lon < p[b].lon : p[a].lat > p[b].lat;
    });
    return order;
  };
  std::vector<std::vector<std::size_t>> kec_of_kab(kab), villages_of_kec(kec);
  for (std::size_t k : west_to_east(kec_at)) kec_of_kab[kec_kab[k]].push_back(k);
  for (std::size_t v : west_to_east(at)) villages_of_kec[village_kec[v]].push_back(v);

  // Provinces (only above 99 kabupaten, the most one province's two-digit codes hold): the
  // nearest-seed cells of randomly chosen kabupaten, again by centroid.
  const std::size_t prov = r.provinsi;
  std::vector<std::size_t> kab_prov(kab, 0);
  std::vector<geo::GeoPoint> prov_at(1);
  if (prov > 1) {
    std::vector<geo::GeoPoint> prov_seeds;
    for (std::size_t i : choose(seeds_stream, kab, prov)) prov_seeds.push_back(kab_at[i]);
    kab_prov = nearest_seed(kab_at, prov_seeds);
    std::vector<std::size_t> village_prov(r.villages);
    for (std::size_t i = 0; i < r.villages; ++i) village_prov[i] = kab_prov[village_kab[i]];
    prov_at = centroids(at, village_prov, prov);
  }
  std::vector<std::vector<std::size_t>> kab_of_prov(std::max<std::size_t>(prov, 1));
  for (std::size_t b : west_to_east(kab_at)) kab_of_prov[kab_prov[b]].push_back(b);

  RegionTables t;
  t.synthetic = true;
  if (prov <= 1) t.provinsi_code = "99", t.provinsi_name = "Provinsi Sintetis (synthetic)";
  const std::vector<std::size_t> prov_order = west_to_east(prov_at);
  for (std::size_t pi = 0; pi < prov_order.size(); ++pi) {
    const std::string prov_code = prov <= 1 ? std::string("99") : kUnusedProvinsiCodes[pi];
    if (kab_of_prov[prov_order[pi]].size() > 99)
      throw InputError("a synthetic provinsi got more than 99 kabupaten: ask for more provinsi");
    std::size_t kab_in_prov = 0;
    for (std::size_t b : kab_of_prov[prov_order[pi]]) {
      Kab K;
      K.code = prov_code + format(".%02zu", ++kab_in_prov);
      // One province keeps the names it always had; several name their kabupaten by full code.
      K.name = prov <= 1 ? format("Kabupaten Sintetis %02zu", kab_in_prov) : "Kabupaten Sintetis " + K.code;
      K.at = kab_at[b];
      if (kec_of_kab[b].size() > 99)
        throw InputError("a synthetic kabupaten got more than 99 kecamatan: ask for more kabupaten");
      for (std::size_t k : kec_of_kab[b]) {
        Kec C;
        C.code = K.code + format(".%02zu", K.kecamatan.size() + 1);
        C.name = "Sintetis " + (prov <= 1 ? C.code.substr(3) : C.code);
        C.kabupaten = t.kabupaten.size();
        C.at = kec_at[k];
        if (villages_of_kec[k].size() > 999)
          throw InputError("a synthetic kecamatan got more than 999 villages: ask for more kecamatan");
        for (std::size_t v : villages_of_kec[k]) {
          Vil V;
          V.code = C.code + format(".2%03zu", C.villages.size() + 1);
          V.name = "Desa Sintetis " + (prov <= 1 ? V.code.substr(3) : V.code);
          V.kecamatan = t.kecamatan.size();
          V.at = at[v];
          C.villages.push_back(t.villages.size());
          t.villages.push_back(V);
        }
        K.kecamatan.push_back(t.kecamatan.size());
        t.kecamatan.push_back(C);
      }
      t.kabupaten.push_back(K);
    }
  }
  // TPS per village: at least 1, the rest apportioned by lognormal weights.
  {
    RandomStream s({seed, 0, 3, kPurposeTpsWeight});
    std::vector<double> w(t.villages.size());
    for (double& x : w) x = r.tps_cv > 0 ? lognormal_mean_cv(s, 1.0, r.tps_cv) : 1.0;
    const std::vector<long long> extra = apportion(tps - static_cast<long long>(t.villages.size()), w);
    for (std::size_t v = 0; v < t.villages.size(); ++v) {
      if (1 + extra[v] > 899)
        throw InputError("a synthetic village got more than 899 TPS: ask for fewer TPS");
      t.villages[v].tps = static_cast<int>(1 + extra[v]);
    }
  }
  if (prov <= 1)
    t.notes.push_back(format(
        "E: synthetic region, every name fictional (provinsi code 99 is unused): %s villages uniform at "
        "random in the box %.4f..%.4f N, %.4f..%.4f E; %s kecamatan and %s kabupaten as the "
        "nearest-seed (Voronoi) cells of randomly chosen villages (default ratios: Jawa Timur's 12.75 "
        "villages per kecamatan and 17.5 kecamatan per kabupaten, D); centroids are the means of their "
        "villages.",
        thousands(static_cast<long long>(r.villages)).c_str(), r.south, r.north, r.west, r.east,
        thousands(static_cast<long long>(kec)).c_str(), thousands(static_cast<long long>(kab)).c_str()));
  else
    t.notes.push_back(format(
        "E: synthetic region, every name fictional: %s villages uniform at random in the box %.4f..%.4f N, "
        "%.4f..%.4f E; %s kecamatan, %s kabupaten and %s provinsi as the nearest-seed (Voronoi) cells of "
        "randomly chosen villages, kecamatan and kabupaten (default ratios: Jawa Timur's 12.75 villages per "
        "kecamatan and 17.5 kecamatan per kabupaten, Indonesia's 13.5 kabupaten per provinsi, D); "
        "centroids are the means of their villages. Provinsi codes are two-digit codes no real provinsi "
        "has (%s to %s, west to east), so that every code keeps the Kemendagri shape.",
        thousands(static_cast<long long>(r.villages)).c_str(), r.south, r.north, r.west, r.east,
        thousands(static_cast<long long>(kec)).c_str(), thousands(static_cast<long long>(kab)).c_str(),
        thousands(static_cast<long long>(prov)).c_str(), kUnusedProvinsiCodes[0],
        kUnusedProvinsiCodes[prov - 1]));
  t.notes.push_back(
      format("E: %s TPS, at least 1 per village, the rest apportioned by lognormal weights with coefficient "
             "of variation %.2f (Jawa Timur, Pemilu 2024: 14.2 TPS per village, coefficient of variation "
             "0.80, D from the KPU counts).",
             thousands(tps).c_str(), r.tps_cv));
  return t;
}

// One provinsi of a synthetic country: its kabupaten, kecamatan and villages, re-indexed, with the
// TPS they were given in the whole (so that a provinsi's scenario is its part of the country's).
RegionTables keep_provinsi(RegionTables all, const std::string& code) {
  RegionTables t;
  t.synthetic = all.synthetic;
  t.provinsi_code = code, t.provinsi_name = "Provinsi Sintetis " + code + " (synthetic)";
  for (Kab& k : all.kabupaten) {
    if (!k.code.starts_with(code + ".")) continue;
    std::vector<std::size_t> kecamatan = std::move(k.kecamatan);
    k.kecamatan.clear();
    for (std::size_t c : kecamatan) {
      Kec& kec = all.kecamatan[c];
      std::vector<std::size_t> villages = std::move(kec.villages);
      kec.villages.clear();
      kec.kabupaten = t.kabupaten.size();
      for (std::size_t v : villages) {
        all.villages[v].kecamatan = t.kecamatan.size();
        kec.villages.push_back(t.villages.size());
        t.villages.push_back(std::move(all.villages[v]));
      }
      k.kecamatan.push_back(t.kecamatan.size());
      t.kecamatan.push_back(std::move(kec));
    }
    t.kabupaten.push_back(std::move(k));
  }
  if (t.kabupaten.empty()) {
    std::string codes;
    for (const Kab& k : all.kabupaten)
      if (const std::string p = k.code.substr(0, 2); codes.find(p) == std::string::npos)
        codes += (codes.empty() ? "" : ", ") + p;
    throw InputError("no provinsi '" + code + "' in the region (its provinsi: " + codes + ")");
  }
  t.notes = std::move(all.notes);
  t.notes.push_back(
      format("E: only provinsi %s of that region: %s kabupaten, %s kecamatan, %s villages with "
             "the TPS the whole region gave them.",
             code.c_str(), thousands(static_cast<long long>(t.kabupaten.size())).c_str(),
             thousands(static_cast<long long>(t.kecamatan.size())).c_str(),
             thousands(static_cast<long long>(t.villages.size())).c_str()));
  return t;
}

// ---------------------------------------------------------------------------------------------
// The scenario document.

struct Tps {
  std::string id;
  std::size_t village = 0;
  int voters = 0;
  Category category = Category::kKurangRawan;
  std::uint32_t node = 0;
};

Json point_fields(Json obj, geo::GeoPoint p) {
  obj["lat"] = round6(p.lat);
  obj["lon"] = round6(p.lon);
  return obj;
}

std::string short_name(const std::string& kab_name) {
  for (const char* prefix : {"Kabupaten ", "Kota "})
    if (kab_name.starts_with(prefix)) return kab_name.substr(std::string_view(prefix).size());
  return kab_name;
}

// What a generated scenario's large tables are made from, kept for their row functions.
struct TableData {
  RegionTables t;
  std::vector<Tps> tps;
  geo::GeneratedRoads roads;
};

GeneratedScenario build(RegionTables t, const Settings& st) {
  const GeneratorSpec& s = st.spec;
  const std::size_t V = t.villages.size(), K = t.kecamatan.size(), B = t.kabupaten.size();

  // TPS: categories and voters drawn per village, in code order.
  std::vector<Tps> tps;
  const DiscreteDistribution category_of(s.shares);
  const double voters_sd = s.voters_mean * s.voters_sd_share;
  const int voters_min = std::max(1, static_cast<int>(std::lround(s.voters_mean / 2)));
  auto draw_voters = [&](RandomStream& rs) {
    const double x = voters_sd > 0 ? normal(rs, s.voters_mean, voters_sd) : s.voters_mean;
    return static_cast<int>(std::clamp<long>(std::lround(x), voters_min, s.voters_cap));
  };
  std::array<long long, kCategoryCount> drawn{}, fixed{};
  for (std::size_t v = 0; v < V; ++v) {
    const Vil& vil = t.villages[v];
    RandomStream cats({s.seed, 0, v, kPurposeCategory}), voters({s.seed, 0, v, kPurposeVoters});
    const std::string prefix = strip_dots(vil.code) + "-";
    for (int j = 1; j <= vil.tps; ++j) {
      Tps x;
      x.id = prefix + format("%03d", j), x.village = v;
      x.category = vil.category ? *vil.category : kAllCategories[category_of(cats)];
      ++(vil.category ? fixed : drawn)[static_cast<std::size_t>(x.category)];
      x.voters = draw_voters(voters);
      tps.push_back(x);
    }
    for (int j = 1; j <= vil.khusus; ++j) {
      Tps x;
      x.id = prefix + format("%03d", 900 + j), x.village = v, x.category = Category::kKhusus;
      ++fixed[static_cast<std::size_t>(Category::kKhusus)];
      x.voters = draw_voters(voters);
      tps.push_back(x);
    }
  }

  // Roads over the villages, kecamatan centres and kabupaten centres.
  std::vector<geo::RoadAnchor> anchors;
  for (const Vil& v : t.villages)
    anchors.push_back({v.at, geo::AnchorLevel::kVillage, static_cast<std::uint32_t>(V + v.kecamatan),
                       static_cast<double>(std::max(1, v.tps + v.khusus))});
  for (const Kec& k : t.kecamatan)
    anchors.push_back(
        {k.at, geo::AnchorLevel::kKecamatan, static_cast<std::uint32_t>(V + K + k.kabupaten), 0.0});
  for (const Kab& k : t.kabupaten)
    anchors.push_back({k.at, geo::AnchorLevel::kKabupaten, geo::kNoAnchor, 0.0});
  geo::RoadGeneratorOptions ro = s.roads;
  if (ro.total_nodes == 0)
    ro.total_nodes = std::max<std::size_t>(
        static_cast<std::size_t>(std::llround(V * kDefaultRoadNodesPerVillage)), anchors.size());
  const geo::GeneratedRoads roads = geo::generate_roads(anchors, ro);
  const double circuity = geo::mean_route_circuity(roads, 16, 1'000.0, 30'000.0);

  // Each TPS on a road node of its village, in a shuffled round robin.
  {
    std::vector<std::vector<std::uint32_t>> owned(V);
    for (std::uint32_t n = 0; n < roads.nodes.size(); ++n)
      if (roads.node_anchor[n] < V) owned[roads.node_anchor[n]].push_back(n);
    std::size_t next = 0;
    for (std::size_t v = 0; v < V; ++v) {
      std::vector<std::uint32_t>& nodes = owned[v];
      if (std::find(nodes.begin(), nodes.end(), roads.anchor_node[v]) == nodes.end())
        nodes.insert(nodes.begin(), roads.anchor_node[v]);
      RandomStream rs({s.seed, 0, v, kPurposeTpsNode});
      for (std::size_t i = nodes.size(); i > 1; --i)
        std::swap(nodes[i - 1],
                  nodes[std::min(i - 1, static_cast<std::size_t>(rs.uniform01() * static_cast<double>(i)))]);
      for (std::size_t j = 0; next < tps.size() && tps[next].village == v; ++next, ++j)
        tps[next].node = nodes[j % nodes.size()];
    }
  }

  // Forces: the rule shared with siaga import (scenario/forces_rule.hpp).
  auto kab_post = [&t](std::size_t b) { return "polres-" + strip_dots(t.kabupaten[b].code); };
  auto kodim_post = [&t](std::size_t b) { return "kodim-" + strip_dots(t.kabupaten[b].code); };
  auto kec_post = [&t](std::size_t k) { return "polsek-" + strip_dots(t.kecamatan[k].code); };
  ForcesRegion fr;
  for (std::size_t b = 0; b < B; ++b)
    fr.kabupaten.push_back({t.kabupaten[b].code, kab_post(b), kodim_post(b), t.kabupaten[b].kecamatan});
  for (std::size_t k = 0; k < K; ++k)
    fr.kecamatan.push_back({t.kecamatan[k].code, t.kecamatan[k].kabupaten, kec_post(k)});
  for (const Vil& v : t.villages) fr.villages.push_back({v.code, v.kecamatan, v.at});
  fr.tps.assign(K, std::array<long long, kCategoryCount>{});
  for (const Tps& x : tps) ++fr.tps[t.villages[x.village].kecamatan][static_cast<std::size_t>(x.category)];
  {
    RandomStream rs({s.seed, 0, 0, kPurposeBhabin});
    fr.bhabinkamtibmas = choose(
        rs, V, static_cast<std::size_t>(std::llround(s.bhabinkamtibmas_share * static_cast<double>(V))));
    std::sort(fr.bhabinkamtibmas.begin(), fr.bhabinkamtibmas.end());
  }
  ForcesOptions fo;
  fo.doctrine = st.preset->guards;
  fo.guard_margin = s.guard_margin, fo.reserve_share = s.reserve_share,
  fo.brimob_headcount = s.brimob_headcount;
  fo.tni_headcount.assign(B, std::max(0, s.tni_headcount));
  const ForcesRule rule = apply_forces_rule(fr, fo);
  const std::vector<std::size_t>& bhabin = fr.bhabinkamtibmas;
  const std::vector<std::vector<std::size_t>>& served = rule.served;
  const std::vector<int>&pool_doc = rule.pool_doctrine, &need_doc_kab = rule.need_doctrine;

  // The document, in the schema's order.
  Json doc;
  doc["format"] = "siaga-scenario/1";
  doc["name"] = s.name;
  long long total_tps = static_cast<long long>(tps.size());
  const std::string kind_name(to_string(s.kind));
  doc["description"] =
      !s.description.empty()
          ? s.description
          : format(
                "%s region generated by siaga generate (seed %llu): %s kabupaten, %s kecamatan, %s villages, "
                "%s TPS, %s road nodes; %s on %s. Its assumptions are in the notes.",
                t.synthetic ? "A synthetic" : "A", static_cast<unsigned long long>(s.seed),
                thousands(static_cast<long long>(B)).c_str(), thousands(static_cast<long long>(K)).c_str(),
                thousands(static_cast<long long>(V)).c_str(), thousands(total_tps).c_str(),
                thousands(static_cast<long long>(roads.nodes.size())).c_str(), kind_name.c_str(),
                s.date.c_str());

  std::vector<std::string> notes = s.notes;
  notes.insert(notes.end(), t.notes.begin(), t.notes.end());
  notes.insert(notes.end(), st.default_notes.begin(), st.default_notes.end());
  {
    std::string shares;
    for (std::size_t c = 0; c < kCategoryCount; ++c)
      shares += (c ? ", " : "") + std::string(to_string(kAllCategories[c])) + " " + percent(s.shares[c]);
    std::string counts;
    for (std::size_t c = 0; c < kCategoryCount; ++c)
      counts +=
          (c ? ", " : "") + thousands(drawn[c] + fixed[c]) + " " + std::string(to_string(kAllCategories[c]));
    long long n_drawn = 0, n_fixed = 0;
    for (std::size_t c = 0; c < kCategoryCount; ++c) n_drawn += drawn[c], n_fixed += fixed[c];
    std::string text;
    if (n_drawn > 0)
      text =
          format("E: the category of each of %s TPS is drawn independently with seed %llu from the shares %s",
                 thousands(n_drawn).c_str(), static_cast<unsigned long long>(s.seed), shares.c_str());
    if (n_fixed > 0)
      text += format("%s%s TPS have the category the villages table gives them (see the notes above)",
                     text.empty() ? "F/E: " : "; ", thousands(n_fixed).c_str());
    notes.push_back(text + "; the TPS are now " + counts + ".");
  }
  notes.push_back(format(
      "E: voters per TPS drawn from a normal distribution with mean %g (docs/domain.md#counts: about 250 "
      "in Pemilu 2024, about 470 in Pilkada 2024, D) and standard deviation %s of the mean (E), rounded "
      "and kept within %d-%d (the cap: Pemilu 300, Pilkada 2024 600, F).",
      s.voters_mean, percent(s.voters_sd_share).c_str(), voters_min, s.voters_cap));
  {
    std::array<std::size_t, geo::kRoadClassCount> by_class{};
    for (const geo::RoadEdge& e : roads.edges) ++by_class[static_cast<std::size_t>(e.road_class)];
    notes.push_back(format(
        "E: roads generated by siaga generate, no OpenStreetMap data: %s nodes (the %s village, kecamatan "
        "and kabupaten centroids, plus nodes scattered within %g x the distance to the nearest other "
        "centroid, %g m-%g m, at least %g m apart) and %s two-way edges (the Delaunay triangulation thinned "
        "to its Urquhart graph, plus the removed sides that save the longest detours until the mean degree "
        "is %.2f), planar and connected. Each edge is its straight length x a detour factor drawn uniformly "
        "in %g-%g%s",
        thousands(static_cast<long long>(roads.nodes.size())).c_str(),
        thousands(static_cast<long long>(anchors.size())).c_str(), ro.spread, ro.min_radius_m,
        ro.max_radius_m, ro.min_spacing_m, thousands(static_cast<long long>(roads.edges.size())).c_str(),
        2.0 * static_cast<double>(roads.edges.size()) / static_cast<double>(roads.nodes.size()),
        ro.detour_min, ro.detour_max,
        circuity > 0
            ? format("; routes between places 1-30 km apart measure %.2f x the straight line (rural circuity "
                     "about 1.2-1.4, E).",
                     circuity)
                  .c_str()
            : "."));
    notes.push_back(format(
        "E: road classes: arterial on the shortest paths between neighbouring kabupaten centres and from a "
        "kabupaten centre to its neighbouring centres (%zu edges); collector between neighbouring kecamatan "
        "centres and from a kecamatan centre to its kabupaten centre (%zu); local from a village to its "
        "kecamatan centre (%zu); village roads elsewhere (%zu), of which %s at random are trails, passable "
        "on foot or by motorbike only (%zu). No one-way roads. Speeds: the defaults of scenarios/README.md.",
        by_class[0], by_class[1], by_class[2], by_class[3], percent(ro.trail_share).c_str(), by_class[4]));
  }
  notes.push_back(
      "E: each TPS stands on a road node of its village (its centroid or a node scattered around it), "
      "assigned in a random round robin; each village's PPS at its centroid node.");
  notes.push_back(
      "E: a Polres at each kabupaten centroid and a Polsek (and the PPK) at each kecamatan centroid: the "
      "real stations' locations are not in the data.");
  {
    std::string pools;
    for (std::size_t b = 0; b < B && b < 4; ++b)
      pools += format("%s%s %d for a need of %d", b ? "; " : "", short_name(t.kabupaten[b].name).c_str(),
                      pool_doc[b], need_doc_kab[b]);
    if (B > 4) pools += "; ...";
    notes.push_back(
        format("D/E: each kabupaten's tps_guard pool holds what the doctrine plan needs (per kecamatan and "
               "category, ceil(TPS / Y) groups of X officers, scenarios/README.md) plus %s, rounded up (E): "
               "%s.",
               percent(s.guard_margin).c_str(), pools.c_str()));
  }
  {
    std::size_t covered = 0, several = 0;
    for (const auto& list : served) covered += list.size(), several += list.size() > 1 ? 1 : 0;
    notes.push_back(format(
        "D/E: %s Bhabinkamtibmas for %s villages (share %s: Jawa Timur, Pilkada 2024, 7,731 officers for "
        "8,494 "
        "villages, docs/domain.md#who-guards-what), each living in a village chosen at random with seed %llu "
        "(E); a village without its own is served by the nearest officer of its kecamatan (%s officers serve "
        "several villages), and one in a kecamatan with no officer has none (%s villages); each answers to "
        "its kecamatan's Polsek; motorbikes.",
        thousands(static_cast<long long>(bhabin.size())).c_str(),
        thousands(static_cast<long long>(V)).c_str(), percent(s.bhabinkamtibmas_share).c_str(),
        static_cast<unsigned long long>(s.seed), thousands(static_cast<long long>(several)).c_str(),
        thousands(static_cast<long long>(V - covered)).c_str()));
  }
  notes.push_back(format(
      "E: reserves are %s of the Polri officers of the operation (docs/domain.md#who-guards-what: "
      "14-27%%, D): %s of them spread over the Polsek by TPS count (at least %d each, motorbikes) "
      "and the rest in the Polres quick-response unit (at least %d, by car); %s",
      percent(s.reserve_share).c_str(), percent(kPolsekReserveShare).c_str(), kMinPolsekReserve,
      kMinQuickResponse,
      s.brimob_headcount > 0
          ? format("a Brimob unit of %d per Polres by truck, on standby there (%g min to mobilise, E; a "
                   "platoon is about 30 and an SSK company about 100, E).",
                   s.brimob_headcount, kBrimobMobilisationMinutes)
                .c_str()
          : "no Brimob."));
  notes.push_back(format(
      "E: teams: Polsek reserves patrol in pairs (%d), quick-response units and Brimob send squads of %d, "
      "TNI platoons of %d; the last team of a unit takes what is left over. TNI: %s. Polda reserve: %s.",
      kPolsekTeam, kSquad, kTniTeam,
      s.tni_headcount > 0
          ? format(
                "%d on call per kabupaten at its Kodim (at the kabupaten centre, E), by truck, mobilising in "
                "the default 60 min (docs/domain.md#who-guards-what: 1 SSK on call per district command, F)",
                s.tni_headcount)
                .c_str()
          : "none",
      s.polda_reserve_teams > 0
          ? format(
                "%d platoons of 30 held by the Polda, called in when the kabupaten's own units cannot cover, "
                "arriving at the first Polres after the default 2 h (docs/domain.md#moving-around: 1-3 h, E)",
                s.polda_reserve_teams)
                .c_str()
          : "none"));
  notes.push_back(
      "E: unit duty windows, severities and mobilisation times are the defaults of scenarios/README.md.");
  notes.push_back(standard_plans_note(*st.preset, rule));
  if (s.kind == ElectionKind::kPilkades) {
    notes.push_back(
        "E: Pilkades: no Pilkades pattern is published, so the plans start from the Pilkada 2024 local "
        "pattern; the ballot boxes go only to the village's PPS (the village election committee counts and "
        "recaps; no kecamatan stage).");
  }
  notes.push_back(
      "incidents: {}: every field takes its default (scenarios/README.md, 'Incidents and the day'): the "
      "default "
      "kinds, rates and escalation of docs/domain.md#where-siagas-defaults-come-from (E).");
  doc["notes"] = notes;
  std::vector<std::string> sources = s.sources;
  sources.push_back(
      format("Roads: generated by siaga generate with seed %llu over the centroids above; no OpenStreetMap "
             "data.",
             static_cast<unsigned long long>(s.seed)));
  doc["sources"] = sources;

  Json region;
  if (!t.provinsi_code.empty()) region["provinsi"] = {{"code", t.provinsi_code}, {"name", t.provinsi_name}};
  region["kabupaten"] = Json::array();
  for (const Kab& k : t.kabupaten)
    region["kabupaten"].push_back(
        point_fields({{"code", k.code}, {"name", k.name}, {"kind", k.kota ? "kota" : "kabupaten"}}, k.at));
  region["kecamatan"] = Json::array();
  for (std::size_t k = 0; k < K; ++k) {
    Json obj = point_fields({{"code", t.kecamatan[k].code},
                             {"name", t.kecamatan[k].name},
                             {"kabupaten", t.kabupaten[t.kecamatan[k].kabupaten].code}},
                            t.kecamatan[k].at);
    obj["ppk_node"] = roads.anchor_node[V + k];
    region["kecamatan"].push_back(obj);
  }
  // The four large tables are left empty here: their rows are made one at a time, when written.
  region["villages"] = Json::array();
  region["tps"] = Json::array();
  doc["region"] = region;

  Json election;
  election["kind"] = to_string(s.kind);
  election["date"] = s.date;
  election["setup_hour"] = 6;
  election["opening_hour"] = 7;
  election["closing_hour"] = 13;
  election["ballots_per_voter"] = s.ballots_per_voter;
  election["ballot_chain"] =
      s.kind == ElectionKind::kPilkades ? Json::array({"pps"}) : Json::array({"pps", "ppk"});
  doc["election"] = election;

  doc["roads"] = {{"nodes", Json::array()}, {"edges", Json::array()}};

  Json posts = Json::array();
  for (std::size_t b = 0; b < B; ++b) {
    Json p = point_fields(
        {{"id", kab_post(b)}, {"name", "Polres " + short_name(t.kabupaten[b].name)}, {"kind", "polres"}},
        t.kabupaten[b].at);
    p["node"] = roads.anchor_node[V + K + b];
    posts.push_back(p);
  }
  for (std::size_t k = 0; k < K; ++k) {
    Json p =
        point_fields({{"id", kec_post(k)}, {"name", "Polsek " + t.kecamatan[k].name}, {"kind", "polsek"}},
                     t.kecamatan[k].at);
    p["node"] = roads.anchor_node[V + k];
    posts.push_back(p);
  }
  if (s.tni_headcount > 0)
    for (std::size_t b = 0; b < B; ++b) {
      Json p = point_fields(
          {{"id", kodim_post(b)}, {"name", "Kodim " + short_name(t.kabupaten[b].name)}, {"kind", "kodim"}},
          t.kabupaten[b].at);
      p["node"] = roads.anchor_node[V + K + b];
      posts.push_back(p);
    }
  doc["forces"] = {{"posts", posts}, {"units", rule.units_doctrine}};
  if (s.polda_reserve_teams > 0 && B > 0)
    doc["forces"]["polda_reserve"] = {
        {"teams", s.polda_reserve_teams}, {"team_size", 30}, {"arrives_at", kab_post(0)}};

  doc["plans"] = standard_plans(*st.preset, rule);
  doc["incidents"] = Json::object();
  doc["experiment"] = {{"seed", 1}, {"replications", 1000}, {"confidence", 0.95}};

  auto data = std::make_shared<TableData>();
  data->tps = std::move(tps);
  data->roads = std::move(roads);
  data->t = std::move(t);
  const TableData* d = data.get();
  GeneratedScenario g;
  g.head = std::move(doc);
  g.tables.push_back({"region", "villages", V, [d](std::size_t v) {
                        const Vil& vil = d->t.villages[v];
                        Json obj = {{"code", vil.code},
                                    {"name", vil.name},
                                    {"kecamatan", d->t.kecamatan[vil.kecamatan].code}};
                        if (vil.kind == VillageKind::kKelurahan) obj["kind"] = "kelurahan";
                        obj = point_fields(obj, vil.at);
                        obj["node"] = d->roads.anchor_node[v];
                        return obj;
                      }});
  g.tables.push_back({"region", "tps", d->tps.size(), [d](std::size_t i) {
                        const Tps& x = d->tps[i];
                        return Json{{"id", x.id},
                                    {"village", d->t.villages[x.village].code},
                                    {"voters", x.voters},
                                    {"category", to_string(x.category)},
                                    {"node", x.node}};
                      }});
  g.tables.push_back({"roads", "nodes", d->roads.nodes.size(), [d](std::size_t n) {
                        return point_fields({{"id", n}}, d->roads.nodes[n]);
                      }});
  g.tables.push_back({"roads", "edges", d->roads.edges.size(), [d](std::size_t i) {
                        const geo::RoadEdge& e = d->roads.edges[i];
                        return Json{{"from", e.from},
                                    {"to", e.to},
                                    {"length_m", std::max(0.1, round1(e.length_m))},
                                    {"class", geo::to_string(e.road_class)}};
                      }});
  g.data = std::move(data);
  return g;
}

// ---------------------------------------------------------------------------------------------
// Writing.

void append_number(const Json& v, std::string& out) {
  if (v.is_number_integer() || v.is_number_unsigned()) {
    out += v.dump();
    return;
  }
  const double x = v.get<double>();
  SIAGA_CHECK(std::isfinite(x), "a scenario number must be finite");
  char buf[64];
  // The shortest fixed notation that reads back to the same double: values rounded to 6 or 1
  // decimals print as such, and never in exponent form.
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  SIAGA_CHECK(res.ec == std::errc{}, "number formatting failed");
  out.append(buf, res.ptr);
}

void append_compact(const Json& v, std::string& out) {
  if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : v.items()) {
      out += first ? "" : ", ";
      first = false;
      out += Json(key).dump(-1, ' ', false, Json::error_handler_t::strict);
      out += ": ";
      append_compact(value, out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      append_compact(v[i], out);
    }
    out += ']';
  } else if (v.is_number()) {
    append_number(v, out);
  } else {
    out += v.dump(-1, ' ', false, Json::error_handler_t::strict);
  }
}

bool holds_table(const Json& v) {
  if (v.is_array())
    return !v.empty() && std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
  if (v.is_object())
    for (const auto& [key, value] : v.items())
      if (holds_table(value)) return true;
  return false;
}

constexpr std::size_t kInlineWidth = 100;

// Where a document's streamed tables go while it is written: rows made one at a time, and the text
// handed to `sink` in pieces of about a MB.
struct Streamed {
  std::span<const GeneratedScenario::Table> tables;
  const std::function<void(std::string_view)>* sink = nullptr;

  const GeneratedScenario::Table* find(std::string_view section, std::string_view name) const {
    for (const auto& t : tables)
      if (t.section == section && t.name == name) return &t;
    return nullptr;
  }
  void flush(std::string& out, bool always = false) const {
    if (sink && (always || out.size() >= (1u << 20))) {
      (*sink)(out);
      out.clear();
    }
  }
};

void append_pretty(const Json& v, int indent, int depth, std::string& out, const Streamed* streamed = nullptr,
                   std::string_view key_of_v = {});

// A streamed table as append_pretty writes the array of its rows: one compact row per line.
void append_table(const GeneratedScenario::Table& t, int indent, std::string& out, const Streamed& streamed) {
  if (t.rows == 0) {
    out += "[]";
    return;
  }
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  out += "[\n";
  for (std::size_t i = 0; i < t.rows; ++i) {
    out += i ? ",\n" : "";
    out += pad;
    append_compact(t.row(i), out);
    streamed.flush(out);
  }
  out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
}

void append_pretty(const Json& v, int indent, int depth, std::string& out, const Streamed* streamed,
                   std::string_view key_of_v) {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  if (v.is_object() && !v.empty()) {
    if (depth >= 2 && !holds_table(v)) {
      std::string flat;
      append_compact(v, flat);
      if (flat.size() <= kInlineWidth) {
        out += flat;
        return;
      }
    }
    out += "{\n";
    bool first = true;
    for (const auto& [key, value] : v.items()) {
      out += first ? "" : ",\n";
      first = false;
      out += pad + Json(key).dump(-1, ' ', false, Json::error_handler_t::strict) + ": ";
      if (const auto* t = streamed && depth == 1 ? streamed->find(key_of_v, key) : nullptr)
        append_table(*t, indent + 2, out, *streamed);
      else
        append_pretty(value, indent + 2, depth + 1, out, streamed, key);
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
  } else if (v.is_array() && !v.empty()) {
    // Tables (lists of objects): one row per line. Short lists of plain values: on one line.
    const bool table = holds_table(v) && v.front().is_object();
    if (!table) {
      std::string flat;
      append_compact(v, flat);
      if (flat.size() <= kInlineWidth) {
        out += flat;
        return;
      }
    }
    out += "[\n";
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += i ? ",\n" : "";
      out += pad;
      if (table)
        append_compact(v[i], out);
      else
        append_pretty(v[i], indent + 2, depth + 1, out, streamed);
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
  } else {
    append_compact(v, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Presets.

std::vector<GeneratorPreset> make_presets() {
  std::vector<GeneratorPreset> p;
  {
    GeneratorPreset province{
        "province",
        "Jawa Timur-sized Pemilu 2024: 38 kabupaten, 666 kecamatan, 8,500 villages, 120,000 TPS, 100,000 "
        "road nodes, pemilu2024 doctrine",
        {},
        {}};
    province.region.villages = 8'500, province.region.kecamatan = 666, province.region.kabupaten = 38;
    province.region.tps = 120'000;
    // About Jawa Timur's land area (47,800 km2): 155 km x 309 km.
    province.region.south = -8.4, province.region.north = -7.0, province.region.west = 111.2,
    province.region.east = 114.0;
    province.spec.name = "province";
    province.spec.kind = ElectionKind::kPemilu;
    province.spec.roads.total_nodes = 100'000;
    province.spec.notes = {
        "The province preset (siaga generate --preset province): the province-scale scenario of every "
        "performance bar (docs/architecture.md#performance-bars). Sizes as Jawa Timur, Pemilu 2024 "
        "(docs/domain.md#counts: 8,494 villages, 120,666 TPS, F; 666 kecamatan and 38 kabupaten/kota in "
        "the Kemendagri codes), in a box of about Jawa Timur's land area (47,800 km2).",
        "D: category shares of Jawa Timur, Pemilu 2024: kurang rawan 96.5%, rawan 2.5%, sangat rawan 1.0% "
        "(docs/domain.md#security-patterns)."};
    p.push_back(province);
  }
  {
    GeneratorPreset national{
        "national",
        "Indonesia-sized Pemilu 2024: 38 provinsi, 514 kabupaten, 7,277 kecamatan, 84,000 villages, 820,000 "
        "TPS, about 990,000 road nodes, pemilu2024 doctrine",
        {},
        {}};
    national.region.villages = 84'000, national.region.kecamatan = 7'277, national.region.kabupaten = 514;
    national.region.provinsi = 38;
    national.region.tps = 820'000;
    // About Indonesia's land area (1,905,000 km2) as one square of land: 1,380 km x 1,380 km.
    national.region.south = -8.5, national.region.north = 3.9, national.region.west = 104.0,
    national.region.east = 116.4;
    national.spec.name = "national";
    national.spec.kind = ElectionKind::kPemilu;
    national.spec.notes = {
        "The national preset (siaga generate --preset national): the national-scale scenario of the "
        "performance bars (README.md#performance). Sizes as Indonesia, Pemilu 2024 (docs/domain.md#counts: "
        "820,161 TPS, F; 83,763 villages, 7,277 kecamatan, 514 kabupaten/kota and 38 provinsi in the "
        "Kemendagri codes of 2022-2024, E: not yet in docs/domain.md), in a box of about Indonesia's land "
        "area (1,905,000 km2) without its sea; "
        "`--provinsi CODE` keeps one of its provinsi.",
        "D: category shares of Jawa Timur, Pemilu 2024: kurang rawan 96.5%, rawan 2.5%, sangat rawan 1.0% "
        "(docs/domain.md#security-patterns), as no national shares are published for 2024."};
    p.push_back(national);
  }
  {
    GeneratorPreset small{
        "small", "sandbox-sized Pilkada: 1 kabupaten, 1 kecamatan, 3 villages, 8 TPS, 12 road nodes", {}, {}};
    small.region.villages = 3, small.region.kecamatan = 1, small.region.kabupaten = 1, small.region.tps = 8;
    small.spec.name = "small";
    small.spec.kind = ElectionKind::kPilkada;
    small.spec.roads.total_nodes = 12;
    // A hot spot's shares, so that a handful of TPS shows more than one category.
    small.spec.shares = {0.70, 0.26, 0.04, 0.0};
    small.spec.notes = {
        "The small preset (siaga generate --preset small): a sandbox-sized synthetic Pilkada.",
        "D: category shares of a hot spot, Sampang, Pilkada 2024: kurang rawan 70%, rawan 26%, sangat rawan "
        "4% (docs/domain.md#security-patterns)."};
    p.push_back(small);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Reading the villages table.

template <class T>
bool parse_number(const std::string& s, T& out) {
  const char* end = s.data() + s.size();
  const auto res = std::from_chars(s.data(), end, out);
  return res.ec == std::errc{} && res.ptr == end;
}

}  // namespace

std::span<const GeneratorPreset> generator_presets() {
  static const std::vector<GeneratorPreset> presets = make_presets();
  return presets;
}

const GeneratorPreset* find_generator_preset(std::string_view name) {
  for (const GeneratorPreset& p : generator_presets())
    if (p.name == name) return &p;
  return nullptr;
}

bool is_valid_date(std::string_view s) {
  auto digits = [s](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || digits(0, 4) < 0) return false;
  const int month = digits(5, 2), day = digits(8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

SyntheticRegion with_default_sizes(SyntheticRegion r, ElectionKind kind) {
  if (r.kecamatan == 0)
    r.kecamatan =
        std::max<std::size_t>(1, std::llround(static_cast<double>(r.villages) / kVillagesPerKecamatan));
  if (r.kabupaten == 0)
    r.kabupaten =
        std::max<std::size_t>(1, std::llround(static_cast<double>(r.kecamatan) / kKecamatanPerKabupaten));
  if (r.provinsi == 0)
    r.provinsi =
        r.kabupaten <= 99
            ? 1
            : std::max<std::size_t>((r.kabupaten + 98) / 99,
                                    std::llround(static_cast<double>(r.kabupaten) / kKabupatenPerProvinsi));
  if (r.tps == 0) {
    const double per_village = kind == ElectionKind::kPemilu ? kPemiluTpsPerVillage : kPilkadaTpsPerVillage;
    r.tps = static_cast<std::size_t>(std::llround(static_cast<double>(r.villages) * per_village));
  }
  return r;
}

GeneratedScenario generate(const SyntheticRegion& region, const GeneratorSpec& spec) {
  const Settings st = resolve(spec);
  if (!st.spec.only_provinsi.empty())
    return build(keep_provinsi(synthesize(region, st), st.spec.only_provinsi), st);
  return build(synthesize(region, st), st);
}

GeneratedScenario generate(std::span<const VillageRow> villages, const GeneratorSpec& spec) {
  const Settings st = resolve(spec);
  return build(tables_from_rows(villages), st);
}

std::size_t GeneratedScenario::rows(std::string_view section, std::string_view name) const {
  for (const Table& t : tables)
    if (t.section == section && t.name == name) return t.rows;
  return head.contains(section) && head[std::string(section)].contains(name)
             ? head[std::string(section)][std::string(name)].size()
             : 0;
}

nlohmann::ordered_json GeneratedScenario::document() const {
  nlohmann::ordered_json doc = head;
  for (const Table& t : tables) {
    nlohmann::ordered_json& rows = doc[t.section][t.name];
    for (std::size_t i = 0; i < t.rows; ++i) rows.push_back(t.row(i));
  }
  return doc;
}

void GeneratedScenario::write(const std::function<void(std::string_view)>& sink) const {
  const Streamed streamed{tables, &sink};
  std::string out;
  append_pretty(head, 0, 0, out, &streamed);
  out += '\n';
  streamed.flush(out, true);
}

nlohmann::ordered_json generate_scenario(const SyntheticRegion& region, const GeneratorSpec& spec) {
  return generate(region, spec).document();
}

nlohmann::ordered_json generate_scenario(std::span<const VillageRow> villages, const GeneratorSpec& spec) {
  return generate(villages, spec).document();
}

std::string format_scenario(const nlohmann::ordered_json& doc) {
  std::string out;
  append_pretty(doc, 0, 0, out);
  out += '\n';
  return out;
}

std::vector<VillageRow> read_villages_csv(const std::filesystem::path& file) {
  const CsvTable t = CsvTable::read(file, file.string());
  Problems problems;
  auto col = [&](std::string_view name, bool required) -> std::optional<std::size_t> {
    const auto c = t.column(name);
    if (!c && required) problems.add(t.name() + ":1", "missing column '" + std::string(name) + "'");
    return c;
  };
  const auto c_code = col("code", true), c_name = col("name", true), c_kind = col("kind", false);
  const auto c_kec = col("kecamatan_code", true), c_kec_name = col("kecamatan_name", true);
  const auto c_kec_lat = col("kecamatan_lat", false), c_kec_lon = col("kecamatan_lon", false);
  const auto c_kab = col("kabupaten_code", true), c_kab_name = col("kabupaten_name", true);
  const auto c_kab_kind = col("kabupaten_kind", false);
  const auto c_kab_lat = col("kabupaten_lat", false), c_kab_lon = col("kabupaten_lon", false);
  const auto c_prov = col("provinsi_code", false), c_prov_name = col("provinsi_name", false);
  const auto c_lat = col("lat", true), c_lon = col("lon", true), c_tps = col("tps", true);
  const auto c_khusus = col("tps_khusus", false), c_cat = col("category", false);
  problems.throw_if_any();

  std::vector<VillageRow> rows;
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    VillageRow v;
    auto text = [&](std::optional<std::size_t> c) -> std::string {
      return c ? t.cell(r, *c) : std::string();
    };
    auto number = [&](std::optional<std::size_t> c, bool required) -> std::optional<double> {
      if (!c || t.cell(r, *c).empty()) {
        if (required) problems.add(t.where(r, c.value_or(0)), "a number is required");
        return std::nullopt;
      }
      double x = 0;
      if (!parse_number(t.cell(r, *c), x) || !std::isfinite(x)) {
        problems.add(t.where(r, *c), "'" + t.cell(r, *c) + "' is not a number");
        return std::nullopt;
      }
      return x;
    };
    auto integer = [&](std::optional<std::size_t> c, bool required) -> int {
      if (!c || t.cell(r, *c).empty()) {
        if (required) problems.add(t.where(r, c.value_or(0)), "a whole number is required");
        return 0;
      }
      int x = 0;
      if (!parse_number(t.cell(r, *c), x) || x < 0)
        problems.add(t.where(r, *c), "'" + t.cell(r, *c) + "' is not a whole number >= 0");
      return x;
    };
    v.code = text(c_code), v.name = text(c_name);
    v.kecamatan_code = text(c_kec), v.kecamatan_name = text(c_kec_name);
    v.kabupaten_code = text(c_kab), v.kabupaten_name = text(c_kab_name);
    v.provinsi_code = text(c_prov), v.provinsi_name = text(c_prov_name);
    for (auto [c, name] : {std::pair{c_code, "code"},
                           {c_name, "name"},
                           {c_kec, "kecamatan_code"},
                           {c_kec_name, "kecamatan_name"},
                           {c_kab, "kabupaten_code"},
                           {c_kab_name, "kabupaten_name"}})
      if (t.cell(r, *c).empty()) problems.add(t.where(r, *c), std::string(name) + " must not be empty");
    if (const std::string k = text(c_kind); !k.empty()) {
      v.kind = village_kind_from_string(k);
      if (!v.kind) problems.add(t.where(r, *c_kind), "kind must be desa or kelurahan");
    }
    if (const std::string k = text(c_kab_kind); !k.empty()) {
      if (k != "kabupaten" && k != "kota")
        problems.add(t.where(r, *c_kab_kind), "kabupaten_kind must be kabupaten or kota");
      v.kota = k == "kota";
    }
    const auto lat = number(c_lat, true), lon = number(c_lon, true);
    if (lat && lon) v.at = {*lat, *lon};
    if (lat && (*lat < -90 || *lat > 90)) problems.add(t.where(r, *c_lat), "latitude must lie in -90..90");
    if (lon && (*lon < -180 || *lon > 180))
      problems.add(t.where(r, *c_lon), "longitude must lie in -180..180");
    const auto klat = number(c_kec_lat, false), klon = number(c_kec_lon, false);
    if (klat.has_value() != klon.has_value())
      problems.add(t.where(r), "give both kecamatan_lat and kecamatan_lon, or neither");
    if (klat && klon) v.kecamatan_at = geo::GeoPoint{*klat, *klon};
    const auto blat = number(c_kab_lat, false), blon = number(c_kab_lon, false);
    if (blat.has_value() != blon.has_value())
      problems.add(t.where(r), "give both kabupaten_lat and kabupaten_lon, or neither");
    if (blat && blon) v.kabupaten_at = geo::GeoPoint{*blat, *blon};
    v.tps = integer(c_tps, true);
    v.tps_khusus = integer(c_khusus, false);
    if (const std::string k = text(c_cat); !k.empty()) {
      v.category = category_from_string(k);
      if (!v.category) problems.add(t.where(r, *c_cat), "'" + k + "' is no category");
    }
    rows.push_back(std::move(v));
  }
  if (rows.empty()) problems.add(t.name(), "no villages");
  problems.throw_if_any();
  return rows;
}

}  // namespace siaga::scenario
