#include "siaga/scenario/forces_rule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "siaga/geo/geodesy.hpp"

#include "notes_text.hpp"

namespace siaga::scenario {
namespace {

using notes_text::format;
using notes_text::strip_dots;
using notes_text::thousands;

int guard_need(const std::array<GuardPattern, kCategoryCount>& guards,
               const std::array<long long, kCategoryCount>& tps) {
  long long need = 0;
  for (std::size_t c = 0; c < kCategoryCount; ++c)
    if (tps[c] > 0) need += (tps[c] + guards[c].tps - 1) / guards[c].tps * guards[c].officers;
  return static_cast<int>(need);
}

int with_margin(int need, double margin) {
  return need + static_cast<int>(std::ceil(static_cast<double>(need) * margin - 1e-9));
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

}  // namespace

ForcesRule apply_forces_rule(const ForcesRegion& t, const ForcesOptions& s) {
  const std::size_t V = t.villages.size(), K = t.kecamatan.size(), B = t.kabupaten.size();
  ForcesRule out;
  std::vector<long long> kec_tps(K, 0), kab_tps(B, 0);
  for (std::size_t k = 0; k < K; ++k) {
    for (const long long n : t.tps[k]) kec_tps[k] += n;
    kab_tps[t.kecamatan[k].kabupaten] += kec_tps[k];
  }
  const std::array<GuardPattern, kCategoryCount>& doctrine = s.doctrine;
  std::array<GuardPattern, kCategoryCount>& mobile = out.mobile;
  mobile = doctrine;
  const std::size_t kr = static_cast<std::size_t>(Category::kKurangRawan);
  mobile[kr].tps *= 2, mobile[kr].linmas *= 2;
  std::vector<int> need_doc(K), need_mob(K), need_mob_kab(B, 0);
  std::vector<int>&pool_doc = out.pool_doctrine, &pool_mob = out.pool_mobile,
  &need_doc_kab = out.need_doctrine;
  pool_doc.assign(B, 0), pool_mob.assign(B, 0), need_doc_kab.assign(B, 0);
  for (std::size_t k = 0; k < K; ++k) {
    need_doc[k] = guard_need(doctrine, t.tps[k]), need_mob[k] = guard_need(mobile, t.tps[k]);
    need_doc_kab[t.kecamatan[k].kabupaten] += need_doc[k],
        need_mob_kab[t.kecamatan[k].kabupaten] += need_mob[k];
  }
  std::vector<int>&reserve = out.polsek_reserve, &quick = out.quick_response;
  reserve.assign(K, 0), quick.assign(B, 0);
  std::vector<std::vector<int>> teams(K);  // mobile_reserve: team headcounts per kecamatan
  std::vector<int> reserve_mob(K, 0);
  long long& freed_total = out.freed;
  for (std::size_t b = 0; b < B; ++b) {
    pool_doc[b] = with_margin(need_doc_kab[b], s.guard_margin),
    pool_mob[b] = with_margin(need_mob_kab[b], s.guard_margin);
    const int reserves =
        static_cast<int>(std::ceil(pool_doc[b] * s.reserve_share / (1 - s.reserve_share) - 1e-9));
    quick[b] =
        std::max(kMinQuickResponse, static_cast<int>(std::ceil((1 - kPolsekReserveShare) * reserves - 1e-9)));
    const ForcesRegion::Kabupaten& kab = t.kabupaten[b];
    std::vector<double> freed_weight;
    for (std::size_t k : kab.kecamatan) {
      const double share = kab_tps[b] > 0 ? static_cast<double>(kec_tps[k]) / kab_tps[b] : 0.0;
      reserve[k] =
          std::max(kMinPolsekReserve, static_cast<int>(std::lround(kPolsekReserveShare * reserves * share)));
      reserve_mob[k] = reserve[k];
      freed_weight.push_back(need_doc[k] - need_mob[k]);
    }
    const int freed = pool_doc[b] - pool_mob[b];
    freed_total += freed;
    const std::vector<long long> per_kec = apportion(freed, freed_weight);
    for (std::size_t i = 0; i < kab.kecamatan.size(); ++i) {
      const std::size_t k = kab.kecamatan[i];
      const long long f = per_kec[i];
      if (f == 1) ++reserve_mob[k];  // a lone officer joins the Polsek reserve
      for (long long m = 0; f >= 2 && m < f / 2; ++m) teams[k].push_back(m + 1 == f / 2 && f % 2 ? 3 : 2);
    }
  }
  const std::vector<std::size_t>& bhabin = t.bhabinkamtibmas;
  // Villages without an officer of their own are served by the nearest officer of their kecamatan
  // (Jawa Timur: 7,731 for 8,494 villages); a kecamatan with no officer has none.
  std::vector<std::vector<std::size_t>>& served = out.served;
  served.assign(bhabin.size(), {});
  {
    std::vector<std::size_t> officer_of(V, SIZE_MAX);
    std::vector<std::vector<std::size_t>> in_kecamatan(K);
    for (std::size_t i = 0; i < bhabin.size(); ++i) {
      served[i].push_back(bhabin[i]);
      officer_of[bhabin[i]] = i;
      in_kecamatan[t.villages[bhabin[i]].kecamatan].push_back(i);
    }
    for (std::size_t v = 0; v < V; ++v) {
      if (officer_of[v] != SIZE_MAX) continue;
      std::size_t best = SIZE_MAX;
      double best_m = 0;
      for (const std::size_t i : in_kecamatan[t.villages[v].kecamatan]) {
        const double m = geo::distance_m(t.villages[bhabin[i]].at, t.villages[v].at);
        if (best == SIZE_MAX || m < best_m) best = i, best_m = m;
      }
      if (best != SIZE_MAX) served[best].push_back(v);
    }
  }
  auto tni_of = [&s](std::size_t b) { return b < s.tni_headcount.size() ? s.tni_headcount[b] : 0; };
  auto units = [&](bool mobile_plan) {
    Json list = Json::array();
    for (std::size_t b = 0; b < B; ++b) {
      const std::string code = strip_dots(t.kabupaten[b].code);
      const std::string& polres = t.kabupaten[b].polres_post;
      const int pool = mobile_plan ? pool_mob[b] : pool_doc[b];
      if (pool > 0)
        list.push_back(
            {{"id", "guards-" + code}, {"kind", "tps_guard"}, {"headcount", pool}, {"post", polres}});
      list.push_back({{"id", "qr-" + code},
                      {"kind", "polres_quick_response"},
                      {"headcount", quick[b]},
                      {"team_size", std::min(kSquad, quick[b])},
                      {"post", polres},
                      {"vehicle", "car"}});
      if (s.brimob_headcount > 0)
        list.push_back({{"id", "brimob-" + code},
                        {"kind", "brimob"},
                        {"headcount", s.brimob_headcount},
                        {"team_size", std::min(kSquad, s.brimob_headcount)},
                        {"post", polres},
                        {"vehicle", "truck"},
                        {"mobilisation_minutes", kBrimobMobilisationMinutes}});
      if (tni_of(b) > 0)
        list.push_back({{"id", "tni-" + code},
                        {"kind", "tni_support"},
                        {"headcount", tni_of(b)},
                        {"team_size", std::min(kTniTeam, tni_of(b))},
                        {"post", t.kabupaten[b].kodim_post},
                        {"vehicle", "truck"}});
    }
    for (std::size_t k = 0; k < K; ++k) {
      const std::string code = strip_dots(t.kecamatan[k].code);
      const int headcount = mobile_plan ? reserve_mob[k] : reserve[k];
      list.push_back({{"id", "reserve-" + code},
                      {"kind", "polsek_reserve"},
                      {"headcount", headcount},
                      {"team_size", std::min(kPolsekTeam, headcount)},
                      {"post", t.kecamatan[k].polsek_post}});
      if (mobile_plan)
        for (std::size_t m = 0; m < teams[k].size(); ++m)
          list.push_back({{"id", "mobile-" + code + "-" + std::to_string(m + 1)},
                          {"kind", "polsek_reserve"},
                          {"headcount", teams[k][m]},
                          {"post", t.kecamatan[k].polsek_post}});
    }
    for (std::size_t i = 0; i < bhabin.size(); ++i) {
      const ForcesRegion::Village& vil = t.villages[bhabin[i]];
      Json unit = {{"id", "bhabin-" + strip_dots(vil.code)},
                   {"kind", "bhabinkamtibmas"},
                   {"headcount", 1},
                   {"post", t.kecamatan[vil.kecamatan].polsek_post}};
      if (served[i].size() == 1) {
        unit["village"] = vil.code;
      } else {
        Json codes = Json::array();
        for (const std::size_t v : served[i]) codes.push_back(t.villages[v].code);
        unit["villages"] = codes;
      }
      list.push_back(unit);
    }
    return list;
  };
  out.units_doctrine = units(false);
  if (freed_total > 0) out.units_mobile = units(true);
  for (std::size_t b = 0; b < B; ++b) {
    out.guards += pool_doc[b];
    out.reserves += quick[b];
    out.brimob += s.brimob_headcount;
    out.tni += tni_of(b);
  }
  for (const int r : reserve) out.reserves += r;
  out.bhabinkamtibmas = static_cast<long long>(bhabin.size());
  return out;
}

std::vector<std::size_t> bhabinkamtibmas_fewest_tps_shared(std::span<const long long> tps,
                                                           std::span<const bool> kelurahan,
                                                           std::span<const std::size_t> kecamatan,
                                                           std::size_t count) {
  const std::size_t n = tps.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (kelurahan[a] != kelurahan[b]) return static_cast<bool>(kelurahan[a]);
    return tps[a] < tps[b];
  });
  std::vector<bool> has(n, true);
  std::size_t kecamatan_count = 0;
  for (const std::size_t k : kecamatan) kecamatan_count = std::max(kecamatan_count, k + 1);
  std::vector<std::size_t> left(kecamatan_count, 0);  // officers left per kecamatan
  for (const std::size_t k : kecamatan) ++left[k];
  std::size_t without = 0;
  const std::size_t wanted = count >= n ? 0 : n - count;
  for (const std::size_t v : order) {
    if (without == wanted) break;
    if (left[kecamatan[v]] <= 1) continue;  // the last officer of a kecamatan stays
    has[v] = false;
    --left[kecamatan[v]];
    ++without;
  }
  std::vector<std::size_t> out;
  for (std::size_t v = 0; v < n; ++v)
    if (has[v]) out.push_back(v);
  return out;
}

Json standard_plans(const DoctrinePreset& preset, const ForcesRule& rule) {
  const std::string pattern(preset.name);
  const std::array<GuardPattern, kCategoryCount>& mobile = rule.mobile;
  const std::size_t kr = static_cast<std::size_t>(Category::kKurangRawan);
  Json plans;
  plans["doctrine"] = {
      {"description", format("The %s doctrine as published: %s.", pattern.c_str(), preset.source.data())},
      {"pattern", pattern}};
  Json mob = {{"description",
               format("Fewer static guards at kurang rawan TPS (%d-%d-%d) and a larger mobile reserve: the "
                      "officers freed patrol in teams from the Polsek.",
                      mobile[kr].officers, mobile[kr].tps, mobile[kr].linmas)},
              {"pattern", pattern}};
  mob["guards"] = {
      {"kurang_rawan",
       {{"officers", mobile[kr].officers}, {"tps", mobile[kr].tps}, {"linmas", mobile[kr].linmas}}}};
  if (rule.freed > 0) {
    mob["overrides"] = {{"forces", {{"units", rule.units_mobile}}}};
    plans["mobile_reserve"] = mob;
  }
  Json ret;
  // Until the area is calm: the village quiet for a while, and in rawan and sangat rawan areas a
  // stand-by of some hours first (the Kapolres's answer in Pasrepan, 2023).
  auto quiet = [](int officers, int quiet_minutes, int min_stay_minutes, int max_hours) {
    return Json{{"policy", "until_quiet"},
                {"officers", officers},
                {"area", "village"},
                {"quiet_minutes", quiet_minutes},
                {"min_stay_minutes", min_stay_minutes},
                {"max_hours", max_hours}};
  };
  ret["kurang_rawan"] = quiet(1, 60, 60, 3);
  ret["rawan"] = quiet(2, 90, 180, 6);
  ret["sangat_rawan"] = quiet(2, 120, 240, 8);
  ret["khusus"] = quiet(2, 120, 240, 8);
  plans["long_retention"] = {{"description",
                              "The doctrine's guards, kept after the count until the village has been quiet "
                              "for a while and, at rawan and sangat rawan TPS, for some hours in any case: "
                              "what residents asked in Pasrepan (2023) and the Kapolres answered."},
                             {"pattern", pattern},
                             {"retention", ret}};
  return plans;
}

std::string standard_plans_note(const DoctrinePreset& preset, const ForcesRule& rule) {
  const std::size_t kr = static_cast<std::size_t>(Category::kKurangRawan);
  const GuardPattern& kr_doc = preset.guards[kr];
  const std::array<GuardPattern, kCategoryCount>& mobile = rule.mobile;
  const std::string mobile_note =
      rule.freed > 0 ? format(
                           "'mobile_reserve' (E) guards kurang rawan TPS %d-%d-%d instead of %d-%d-%d; the "
                           "%s officers it frees (its pool keeps the same margin) form teams of 2 (3 where "
                           "odd; a lone officer joins the Polsek reserve) at the Polsek of the kecamatan "
                           "whose TPS they leave, so both plans field the same officers; its overrides "
                           "replace forces.units whole (a merge patch replaces lists).",
                           mobile[kr].officers, mobile[kr].tps, mobile[kr].linmas, kr_doc.officers,
                           kr_doc.tps, kr_doc.linmas, thousands(rule.freed).c_str())
                     : format(
                           "No 'mobile_reserve' plan: guarding kurang rawan TPS %d-%d-%d instead of "
                           "%d-%d-%d would free no officer here.",
                           mobile[kr].officers, mobile[kr].tps, mobile[kr].linmas, kr_doc.officers,
                           kr_doc.tps, kr_doc.linmas);
  return format(
      "plans: 'doctrine' is the %s preset (%s) with its retention and escort defaults. %s "
      "'long_retention' (E) keeps guards after the count until their village has had no incident for "
      "a while, after a shortest stay (kurang rawan 1 officer, quiet 60 min, at least 1 h, at most "
      "3 h; rawan 2, quiet 90 min, at least 3 h, at most 6 h; sangat rawan and khusus 2, quiet 120 "
      "min, at least 4 h, at most 8 h): what the 2023 Pasrepan dialogue asked for, and the "
      "Kapolres's answer that in rawan areas police stand by until it is judged safe "
      "(docs/domain.md#the-day).",
      preset.name.data(), preset.source.data(), mobile_note.c_str());
}

}  // namespace siaga::scenario
