#include "siaga/ingest/recipe.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "siaga/core/error.hpp"
#include "siaga/core/random_stream.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/geo/spatial_index.hpp"
#include "siaga/ingest/admin_table.hpp"
#include "siaga/ingest/boundaries.hpp"
#include "siaga/ingest/police_posts.hpp"
#include "siaga/ingest/road_network.hpp"
#include "siaga/scenario/doctrine.hpp"
#include "siaga/scenario/forces_rule.hpp"
#include "siaga/scenario/imported.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"
#include "siaga/scenario/synthetic.hpp"

#include "../scenario/notes_text.hpp"

namespace siaga::ingest {
namespace {

using scenario::notes_text::format;
using scenario::notes_text::strip_dots;
using scenario::notes_text::thousands;

namespace fs = std::filesystem;
using scenario::Json;
using scenario::Need;

// What the import's random streams are for (StreamKey::purpose); entities are village indices.
constexpr std::uint32_t kPurposeTpsSpread = 0x5249'0001;

// Fallback placement where a village has no polygon (or none of its polygon's nodes): the road nodes
// within this distance of its centroid (E).
constexpr double kAroundCentroidM = 1'000.0;
// How many of the longest snaps the provenance lists.
constexpr std::size_t kLongestSnaps = 20;

// A Kemendagri code of 1-3 parts: 35, 35.71, 35.71.01.
bool region_code(const std::string& s) {
  if (s.size() != 2 && s.size() != 5 && s.size() != 8) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i % 3 == 2 ? s[i] != '.' : (s[i] < '0' || s[i] > '9')) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The recipe.

Recipe::File file_field(scenario::Record& r, std::string_view key, Need need, const fs::path& base,
                        const std::string& shown, scenario::Problems& problems) {
  Recipe::File f;
  if (auto s = r.text(key, need)) {
    if (s->empty()) {
      r.problem(key, "must name a file");
    } else {
      f.written = *s;
      f.path = fs::path(*s).is_absolute() ? fs::path(*s) : base / *s;
      std::error_code ec;
      if (!fs::is_regular_file(f.path, ec))
        problems.add(shown + ": " + r.where(key), "no such file '" + f.path.string() + "'");
    }
  }
  return f;
}

}  // namespace

Recipe parse_recipe(std::string_view text, const fs::path& base_dir, std::string shown_name) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(shown_name + ": not valid JSON: " + e.what());
  }
  scenario::Problems problems;
  Recipe out;
  {
    scenario::Record r = scenario::Record::of_json(doc, scenario::Path{}, problems);
    if (auto f = r.text("format", Need::kRequired); f && *f != "siaga-recipe/1")
      r.problem("format", "must be \"siaga-recipe/1\"");
    if (auto s = r.text("name", Need::kRequired)) {
      out.name = *s;
      if (out.name.empty() || !std::all_of(out.name.begin(), out.name.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                   c == '-';
          }))
        r.problem("name", "use letters, digits, '_' and '-' only");
    }
    out.description = r.text("description", Need::kOptional).value_or("");
    auto strings = [&](std::string_view key, std::vector<std::string>& into) {
      if (const Json* list = r.raw(key, Need::kOptional)) {
        if (!list->is_array()) r.problem(key, "must be a list of strings");
        for (std::size_t i = 0; list->is_array() && i < list->size(); ++i) {
          if ((*list)[i].is_string())
            into.push_back((*list)[i].get<std::string>());
          else
            problems.add((r.path(key)[i]).str(), "must be a string");
        }
      }
    };
    strings("notes", out.notes);
    strings("sources", out.sources);
    out.seed = static_cast<std::uint64_t>(r.integer("seed", Need::kOptional, 0).value_or(1));

    scenario::Record region = r.nested("region", Need::kRequired);
    out.admin = file_field(region, "admin", Need::kRequired, base_dir, shown_name, problems);
    if (auto w = region.text("within", Need::kRequired)) {
      out.within = *w;
      if (!region_code(out.within))
        region.problem("within",
                       "must be a Kemendagri province, kabupaten or kecamatan code (35, 35.71, 35.71.01)");
    }
    region.finish();

    scenario::Record bounds = r.nested("boundaries", Need::kOptional);
    out.village_boundaries = file_field(bounds, "villages", Need::kOptional, base_dir, shown_name, problems);
    out.kecamatan_boundaries =
        file_field(bounds, "kecamatan", Need::kOptional, base_dir, shown_name, problems);
    bounds.finish();

    scenario::Record roads = r.nested("roads", Need::kOptional);
    out.roads = file_field(roads, "file", Need::kOptional, base_dir, shown_name, problems);
    out.road_nodes_per_village =
        roads.number("synthetic_nodes_per_village", Need::kOptional, {1.0, 1000.0}).value_or(0);
    if (out.roads.given() && out.road_nodes_per_village > 0)
      roads.problem("synthetic_nodes_per_village", "applies only without a road file");
    roads.finish();

    scenario::Record police = r.nested("police", Need::kOptional);
    out.police = file_field(police, "file", Need::kOptional, base_dir, shown_name, problems);
    police.finish();

    scenario::Record vul = r.nested("vulnerability", Need::kOptional);
    out.vulnerability = file_field(vul, "file", Need::kOptional, base_dir, shown_name, problems);
    if (vul.has("shares")) {
      const Json* s = vul.raw("shares", Need::kOptional);
      if (s->is_string()) {
        const std::string name = s->get<std::string>();
        if (name == "jawa_timur")
          out.shares = kJawaTimurShares, out.shares_name = name;
        else if (name == "national_pilkada2020")
          out.shares = kNationalPilkada2020Shares, out.shares_name = name;
        else
          vul.problem("shares", "unknown shares '" + name +
                                    "' (allowed: jawa_timur, national_pilkada2020, "
                                    "or four numbers)");
      } else if (s->is_array() && s->size() == 4 &&
                 std::all_of(s->begin(), s->end(), [](const Json& x) { return x.is_number(); })) {
        CategoryShares c{};
        double sum = 0;
        for (std::size_t i = 0; i < 4; ++i) sum += c[i] = (*s)[i].get<double>();
        if (std::any_of(c.begin(), c.end(), [](double x) { return !(x >= 0); }) || std::abs(sum - 1) > 1e-9)
          vul.problem("shares",
                      "four non-negative shares (kurang rawan, rawan, sangat rawan, khusus) summing to 1");
        out.shares = c, out.shares_name = "custom";
      } else {
        vul.problem("shares", "must be jawa_timur, national_pilkada2020, or four numbers summing to 1");
      }
      if (out.vulnerability.given()) vul.problem("shares", "give a vulnerability file or shares, not both");
    }
    vul.finish();

    scenario::Record el = r.nested("election", Need::kRequired);
    if (auto k = el.choice<scenario::ElectionKind>(
            "kind", Need::kRequired, scenario::election_kind_from_string, "pemilu, pilkada, pilkades"))
      out.kind = *k;
    out.date = el.text("date", Need::kOptional).value_or("");
    if (!out.date.empty() && !scenario::is_valid_date(out.date)) el.problem("date", "must be YYYY-MM-DD");
    out.ballots_per_voter =
        static_cast<int>(el.integer("ballots_per_voter", Need::kOptional, 1, 10).value_or(0));
    out.voters_mean = el.number("voters_mean", Need::kOptional, {1, 1000}).value_or(0);
    if (auto t = el.integer("tps_total", Need::kOptional, 1, 10'000'000)) out.tps_total = *t;
    if (auto t = el.number("tps_ratio", Need::kOptional, {0, 10, true})) out.tps_ratio = *t;
    if (out.tps_total && out.tps_ratio) el.problem("tps_ratio", "give tps_total or tps_ratio, not both");
    el.finish();

    out.doctrine = r.text("doctrine", Need::kOptional).value_or("");
    if (!out.doctrine.empty() && scenario::find_doctrine_preset(out.doctrine) == nullptr)
      r.problem("doctrine", "unknown doctrine preset '" + out.doctrine +
                                "' (allowed: pemilu2019, pilkada2020, pemilu2024, pilkada2024)");

    scenario::Record f = r.nested("forces", Need::kOptional);
    if (auto n = f.integer("bhabinkamtibmas", Need::kOptional, 0, 1'000'000)) out.bhabinkamtibmas = *n;
    if (auto n = f.integer("polri_total", Need::kOptional, 1, 10'000'000)) out.polri_total = *n;
    if (auto n = f.integer("tni_total", Need::kOptional, 0, 10'000'000)) out.tni_total = *n;
    out.brimob_per_polres =
        static_cast<int>(f.integer("brimob_per_polres", Need::kOptional, 0, 10'000).value_or(30));
    out.tni_per_kabupaten =
        static_cast<int>(f.integer("tni_per_kabupaten", Need::kOptional, 0, 10'000).value_or(100));
    out.polda_reserve_teams =
        static_cast<int>(f.integer("polda_reserve_teams", Need::kOptional, 0, 1'000).value_or(3));
    out.reserve_share = f.number("reserve_share", Need::kOptional, {0, 0.9}).value_or(0.20);
    out.guard_margin = f.number("guard_margin", Need::kOptional, {0, 1}).value_or(0.05);
    if (out.polri_total && f.has("reserve_share"))
      f.problem("reserve_share",
                "give polri_total or reserve_share, not both (polri_total sizes the reserves)");
    f.finish();
    out.snap_threshold_m = r.number("snap_threshold_m", Need::kOptional, {0, 1e6}).value_or(500.0);
    r.finish();
  }
  if (!problems.empty()) {
    const scenario::Problem& p = problems.list().front();
    const std::string where = p.where.starts_with(shown_name) ? p.where : shown_name + ": " + p.where;
    throw InputError(where + ": " + p.message);
  }
  return out;
}

Recipe read_recipe(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("cannot open the recipe '" + file.string() + "'");
  std::stringstream text;
  text << in.rdbuf();
  Recipe r = parse_recipe(text.str(), file.parent_path().empty() ? fs::path(".") : file.parent_path(),
                          file.filename().string());
  r.file = file;
  return r;
}

namespace {

// ---------------------------------------------------------------------------------------------
// The import.

// Largest-remainder apportionment of `total` over weights, at least `floor_each` each.
std::vector<long long> apportion(long long total, const std::vector<double>& weights, long long floor_each) {
  const std::size_t n = weights.size();
  std::vector<long long> out(n, floor_each);
  long long left = total - floor_each * static_cast<long long>(n);
  if (n == 0 || left <= 0) return out;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::pair<double, std::size_t>> rest(n);
  long long given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double q = sum > 0 ? static_cast<double>(left) * weights[i] / sum : static_cast<double>(left) / n;
    const auto whole = static_cast<long long>(std::floor(q));
    out[i] += whole, given += whole;
    rest[i] = {q - std::floor(q), i};
  }
  std::sort(rest.begin(), rest.end(),
            [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t k = 0; given < left; ++k, ++given) ++out[rest[k % n].second];
  return out;
}

scenario::AreaPolygon to_area_polygon(const Polygon& p) {
  scenario::AreaPolygon rings;
  rings.push_back(p.outer);
  for (const Ring& h : p.holes) rings.push_back(h);
  return rings;
}

Json feature_collection(const std::vector<Boundary>& boundaries, const std::vector<std::size_t>& which) {
  Json features = Json::array();
  for (std::size_t i : which) {
    std::vector<scenario::AreaPolygon> polys;
    for (const Polygon& p : boundaries[i].polygons) polys.push_back(to_area_polygon(p));
    features.push_back({{"type", "Feature"},
                        {"properties", {{"code", boundaries[i].key}}},
                        {"geometry", scenario::boundary_geometry(polys)}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

struct Snaps {
  std::vector<scenario::Snap> all;
  void add(std::string kind, std::string id, double m) { all.push_back({std::move(kind), std::move(id), m}); }
};

double round1(double x) { return std::round(x * 10.0) / 10.0; }

bool starts(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

}  // namespace

ImportResult import_scenario(const Recipe& recipe) {
  ImportResult result;
  std::vector<std::string>& report = result.report;
  std::vector<std::string> import_notes;
  Json parts = Json::array();
  auto part = [&parts](std::string name, std::string source, Json counts, std::vector<std::string> notes) {
    Json p = {{"part", std::move(name)}, {"source", std::move(source)}};
    if (!counts.empty()) p["counts"] = std::move(counts);
    if (!notes.empty()) p["notes"] = std::move(notes);
    parts.push_back(std::move(p));
  };

  // --- Villages and TPS counts from the admin table.
  // The whole province is read, so that a kecamatan's kabupaten and provinsi rows are there too.
  const AdminTable admin =
      read_admin_table(recipe.admin.path, recipe.admin.written, recipe.within.substr(0, 2));
  if (admin.find(recipe.within) == nullptr)
    throw InputError(recipe.admin.written + ": no area " + recipe.within + " (region.within)");
  std::vector<const AdminArea*> villages;
  for (const AdminArea& a : admin.areas)
    if (a.level == AdminLevel::kDesaKelurahan && a.code.starts_with(recipe.within + "."))
      villages.push_back(&a);
  for (const scenario::Problem& w : admin.warnings)
    if (w.message.find(recipe.within + ".") != std::string::npos ||
        w.where.find(recipe.within) != std::string::npos)
      report.push_back("admin: " + w.line());
  std::sort(villages.begin(), villages.end(), [](auto* a, auto* b) { return a->code < b->code; });
  if (villages.empty()) throw InputError(recipe.admin.written + ": no village under " + recipe.within);
  const std::size_t V = villages.size();
  const AdminArea* provinsi = admin.find(recipe.within.substr(0, 2));

  // Polygons.
  std::vector<Boundary> village_shapes, kecamatan_shapes;
  if (recipe.village_boundaries.given())
    village_shapes = read_boundaries(recipe.village_boundaries.path, recipe.village_boundaries.written);
  if (recipe.kecamatan_boundaries.given())
    kecamatan_shapes = read_boundaries(recipe.kecamatan_boundaries.path, recipe.kecamatan_boundaries.written);
  std::map<std::string, std::size_t> village_shape_of, kecamatan_shape_of;
  for (std::size_t i = 0; i < village_shapes.size(); ++i) village_shape_of[village_shapes[i].key] = i;
  for (std::size_t i = 0; i < kecamatan_shapes.size(); ++i) kecamatan_shape_of[kecamatan_shapes[i].key] = i;

  // Centroids and TPS counts, guessed where missing.
  std::vector<geo::GeoPoint> at(V);
  std::vector<std::string> guessed;
  std::size_t guessed_at = 0, guessed_tps = 0, with_polygon = 0;
  std::vector<double> pemilu_tps(V);
  for (std::size_t v = 0; v < V; ++v) {
    const AdminArea& a = *villages[v];
    const auto shape = village_shape_of.find(a.code);
    with_polygon += shape != village_shape_of.end() ? 1 : 0;
    if (a.centroid) {
      at[v] = *a.centroid;
    } else if (shape != village_shape_of.end()) {
      at[v] = inside_point(village_shapes[shape->second]);
      ++guessed_at;
      guessed.push_back(a.code + " " + a.name + ": no centroid; a point inside its polygon taken");
    } else {
      const AdminArea* kec = admin.find(a.parent_code);
      const AdminArea* kab = kec ? admin.find(kec->parent_code) : nullptr;
      const auto p = kec && kec->centroid   ? kec->centroid
                     : kab && kab->centroid ? kab->centroid
                                            : std::nullopt;
      if (!p)
        throw InputError(a.where + ": village " + a.code + " has no centroid, and neither has its kecamatan");
      at[v] = *p;
      ++guessed_at;
      guessed.push_back(a.code + " " + a.name + ": no centroid; its kecamatan's centroid taken");
    }
    pemilu_tps[v] = a.tps_count ? *a.tps_count : -1.0;
  }
  // A village without a count takes the mean of its kecamatan's (E).
  for (std::size_t v = 0; v < V; ++v) {
    if (pemilu_tps[v] >= 0) continue;
    double sum = 0, n = 0;
    for (std::size_t u = 0; u < V; ++u)
      if (u != v && pemilu_tps[u] >= 0 && villages[u]->parent_code == villages[v]->parent_code)
        sum += pemilu_tps[u], ++n;
    pemilu_tps[v] = n > 0 ? std::max(1.0, std::round(sum / n)) : 1.0;
    ++guessed_tps;
    guessed.push_back(villages[v]->code + " " + villages[v]->name + ": no TPS count; " +
                      format("%.0f", pemilu_tps[v]) + ", its kecamatan's mean, taken");
  }
  for (const std::string& g : guessed) report.push_back("guessed: " + g);
  long long pemilu_total = 0, special_total = 0;
  for (std::size_t v = 0; v < V; ++v) {
    pemilu_total += static_cast<long long>(pemilu_tps[v]);
    special_total += villages[v]->tps_special.value_or(0);
  }
  std::vector<long long> regular(V), special(V, 0);
  std::string tps_note;
  std::optional<long long> tps_total = recipe.tps_total;
  if (recipe.tps_ratio)
    tps_total = std::max<long long>(
        static_cast<long long>(V),
        std::llround(*recipe.tps_ratio * static_cast<double>(pemilu_total + special_total)));
  if (tps_total) {
    // Pilkada TPS are fewer and larger than Pemilu ones (up to 600 voters, not 300): the 2024 Pemilu
    // counts, special-location TPS included, are the weights of the published total.
    std::vector<double> w(V);
    for (std::size_t v = 0; v < V; ++v) w[v] = pemilu_tps[v] + villages[v]->tps_special.value_or(0);
    regular = apportion(*tps_total, w, 1);
    tps_note =
        (recipe.tps_ratio ? format("D/E: %s TPS: the region's Pemilu 2024 TPS times %.6g (Jawa Timur: 60,751 "
                                   "Pilkada 2024 TPS for 120,647 Pemilu 2024 TPS, docs/domain.md#counts). ",
                                   thousands(*tps_total).c_str(), *recipe.tps_ratio)
                          : std::string()) +
        format(
            "D/E: TPS per village: the total of %s TPS apportioned over the villages by their Pemilu 2024 "
            "counts (%s regular and %s special-location TPS, KPU via KawalPemilu), at least 1 each, by "
            "largest "
            "remainders (E); all are regular TPS, their categories drawn below.",
            thousands(*tps_total).c_str(), thousands(pemilu_total).c_str(), thousands(special_total).c_str());
  } else {
    for (std::size_t v = 0; v < V; ++v) {
      regular[v] = static_cast<long long>(pemilu_tps[v]);
      special[v] = std::min(99, villages[v]->tps_special.value_or(0));
    }
    tps_note = format(
        "F: TPS per village: the Pemilu 2024 counts (KPU via KawalPemilu): %s regular TPS and %s "
        "special-location "
        "TPS (numbered 901 and up), the latter rated khusus (E: a reading of the numbering).",
        thousands(pemilu_total).c_str(), thousands(special_total).c_str());
  }
  for (std::size_t v = 0; v < V; ++v)
    if (regular[v] > 899) throw InputError(villages[v]->code + ": more than 899 TPS");

  {
    std::set<std::string> kec_codes, kab_codes;
    for (const AdminArea* a : villages)
      kec_codes.insert(a->parent_code), kab_codes.insert(a->parent_code.substr(0, 5));
    Json counts = {{"rows_read", static_cast<long long>(admin.areas.size())},
                   {"villages", static_cast<long long>(V)},
                   {"kecamatan", static_cast<long long>(kec_codes.size())},
                   {"kabupaten", static_cast<long long>(kab_codes.size())},
                   {"guessed_centroid", static_cast<long long>(guessed_at)},
                   {"guessed_tps", static_cast<long long>(guessed_tps)}};
    part("villages", recipe.admin.written + " (within " + recipe.within + ")", counts, guessed);
    long long tps_all = 0;
    for (std::size_t v = 0; v < V; ++v) tps_all += regular[v] + special[v];
    Json tc = {{"pemilu2024_regular", pemilu_total}, {"pemilu2024_special", special_total}, {"tps", tps_all}};
    part("tps",
         tps_total ? "scaled to " + thousands(*tps_total) + " from " + recipe.admin.written
                   : recipe.admin.written,
         tc, {tps_note});
  }

  // --- The generator's scenario of these villages: region, election, roads over the centroids,
  // posts at the centroids; the import then replaces what it has better data for.
  std::vector<scenario::VillageRow> rows;
  for (std::size_t v = 0; v < V; ++v) {
    const AdminArea& a = *villages[v];
    const AdminArea* kec = admin.find(a.parent_code);
    const AdminArea* kab = kec ? admin.find(kec->parent_code) : nullptr;
    if (!kec || !kab)
      throw InputError(a.where + ": the village's kecamatan or kabupaten is not in the table");
    scenario::VillageRow r;
    r.code = a.code, r.name = a.name, r.kind = a.village_kind;
    r.kecamatan_code = kec->code, r.kecamatan_name = kec->name, r.kecamatan_at = kec->centroid;
    r.kabupaten_code = kab->code, r.kabupaten_name = kab->name, r.kota = kab->kota,
    r.kabupaten_at = kab->centroid;
    if (provinsi) r.provinsi_code = provinsi->code, r.provinsi_name = provinsi->name;
    r.at = at[v];
    r.tps = static_cast<int>(regular[v]);
    r.tps_khusus = static_cast<int>(special[v]);
    rows.push_back(std::move(r));
  }
  scenario::GeneratorSpec spec;
  spec.name = recipe.name;
  spec.description = recipe.description;
  spec.notes = recipe.notes;
  spec.sources = recipe.sources;
  spec.kind = recipe.kind;
  spec.date = recipe.date;
  spec.ballots_per_voter = recipe.ballots_per_voter;
  spec.voters_mean = recipe.voters_mean;
  spec.pattern = recipe.doctrine;
  spec.seed = recipe.seed;
  spec.brimob_headcount = recipe.brimob_per_polres;
  spec.tni_headcount = recipe.tni_per_kabupaten;
  spec.polda_reserve_teams = recipe.polda_reserve_teams;
  spec.guard_margin = recipe.guard_margin;
  spec.reserve_share = recipe.reserve_share;
  const bool real_roads = recipe.roads.given();
  if (real_roads)
    spec.roads.total_nodes = 3 * V;  // at least the anchors; the synthetic graph is replaced below
  else if (recipe.road_nodes_per_village > 0)
    spec.roads.total_nodes = static_cast<std::size_t>(std::llround(recipe.road_nodes_per_village * V));
  Json doc = scenario::generate_scenario(rows, spec);
  Json& region = doc["region"];
  const std::size_t K = region["kecamatan"].size(), B = region["kabupaten"].size();

  // --- Roads.
  std::vector<geo::GeoPoint> node_at;
  std::vector<std::uint64_t> node_id;
  std::vector<std::string> road_notes;
  if (real_roads) {
    const std::string& name = recipe.roads.written;
    const bool graphml = name.ends_with(".graphml") || name.ends_with(".graphml.gz");
    RoadImport imported = graphml ? read_graphml(recipe.roads.path, name) : read_osm(recipe.roads.path, name);
    for (const scenario::Problem& w : imported.warnings) report.push_back("roads: " + w.line());
    const std::size_t nodes_read = imported.network.nodes.size(), edges_read = imported.network.edges.size();
    const ComponentReport cr = keep_largest_strong_component(imported.network);
    const RoadNetwork& net = imported.network;
    for (const NetworkNode& n : net.nodes) node_at.push_back(n.at), node_id.push_back(n.osm_id);
    // Directed edges; a pair of opposite edges alike in length, class and limit is written once, two-way.
    std::map<std::tuple<std::uint32_t, std::uint32_t>, std::vector<std::size_t>> by_pair;
    for (std::size_t i = 0; i < net.edges.size(); ++i)
      by_pair[{net.edges[i].from, net.edges[i].to}].push_back(i);
    std::vector<bool> used(net.edges.size(), false);
    Json nodes = Json::array(), edges = Json::array();
    for (const NetworkNode& n : net.nodes)
      nodes.push_back({{"id", n.osm_id},
                       {"lat", std::round(n.at.lat * 1e6) / 1e6},
                       {"lon", std::round(n.at.lon * 1e6) / 1e6}});
    std::size_t two_way = 0, loops = 0;
    for (std::size_t i = 0; i < net.edges.size(); ++i) {
      if (!used[i] && net.edges[i].from == net.edges[i].to) {
        // A loop (a cul-de-sac's turning circle, as OSMnx keeps it) leads nowhere: left out.
        used[i] = true, ++loops;
        continue;
      }
      if (used[i]) continue;
      used[i] = true;
      const NetworkEdge& e = net.edges[i];
      bool oneway = true;
      if (auto it = by_pair.find({e.to, e.from}); it != by_pair.end())
        for (std::size_t j : it->second)
          if (!used[j] && round1(net.edges[j].length_m) == round1(e.length_m) &&
              net.edges[j].road_class == e.road_class && net.edges[j].maxspeed_kmh == e.maxspeed_kmh) {
            used[j] = true, oneway = false, ++two_way;
            break;
          }
      Json edge = {{"from", net.nodes[e.from].osm_id},
                   {"to", net.nodes[e.to].osm_id},
                   {"length_m", std::max(0.1, round1(e.length_m))},
                   {"class", geo::to_string(e.road_class)}};
      if (oneway) edge["oneway"] = true;
      if (e.maxspeed_kmh) edge["maxspeed_kmh"] = *e.maxspeed_kmh;
      edges.push_back(std::move(edge));
    }
    doc["roads"] = {{"nodes", nodes}, {"edges", edges}};
    road_notes.push_back(format(
        "F: roads: OpenStreetMap (%s), %s nodes and %s directed edges read; the largest of its %s strongly "
        "connected parts kept: %s nodes and %s directed edges, %s nodes and %s edges dropped "
        "(fragments cut off at the extract's border, dead-end one-way streets). Classes and one-way rules "
        "from the highway, oneway and junction tags, speed limits from maxspeed (docs/import.md); speeds: "
        "the "
        "defaults of scenarios/README.md. Written as %s two-way and %s one-way edges.",
        name.c_str(), thousands(static_cast<long long>(nodes_read)).c_str(),
        thousands(static_cast<long long>(edges_read)).c_str(),
        thousands(static_cast<long long>(cr.components)).c_str(),
        thousands(static_cast<long long>(cr.kept_nodes)).c_str(),
        thousands(static_cast<long long>(cr.kept_edges)).c_str(),
        thousands(static_cast<long long>(cr.dropped_nodes)).c_str(),
        thousands(static_cast<long long>(cr.dropped_edges)).c_str(),
        thousands(static_cast<long long>(two_way)).c_str(),
        thousands(static_cast<long long>(edges.size() - two_way)).c_str()));
    if (loops > 0) {
      report.push_back(format("roads: %zu loops (edges from a node to itself) left out", loops));
      road_notes.back() +=
          format(" %zu loops (an edge from a node back to itself, a turning circle) left out.", loops);
    }
    if (cr.dropped_nodes > 0)
      report.push_back(
          format("roads: %zu nodes and %zu edges outside the largest strongly connected part dropped "
                 "(%zu parts)",
                 cr.dropped_nodes, cr.dropped_edges, cr.components));
    part("roads", name,
         {{"nodes_read", static_cast<long long>(nodes_read)},
          {"edges_read", static_cast<long long>(edges_read)},
          {"components", static_cast<long long>(cr.components)},
          {"nodes_kept", static_cast<long long>(cr.kept_nodes)},
          {"edges_kept", static_cast<long long>(cr.kept_edges)},
          {"nodes_dropped", static_cast<long long>(cr.dropped_nodes)},
          {"edges_dropped", static_cast<long long>(cr.dropped_edges)},
          {"loops_dropped", static_cast<long long>(loops)}},
         {"the largest strongly connected part kept, so that every place can reach every other"});
    std::vector<std::string> sources;
    for (const Json& s : doc["sources"])
      if (!starts(s.get<std::string>(), "Roads: generated by siaga generate"))
        sources.push_back(s.get<std::string>());
    doc["sources"] = sources;
  } else {
    for (const Json& n : doc["roads"]["nodes"])
      node_at.push_back({n["lat"].get<double>(), n["lon"].get<double>()}),
          node_id.push_back(n["id"].get<std::uint64_t>());
    part("roads",
         "generated over the village, kecamatan and kabupaten centroids (no road data for the region)",
         {{"nodes_kept", static_cast<long long>(node_at.size())},
          {"edges_kept", static_cast<long long>(doc["roads"]["edges"].size())},
          {"nodes_dropped", 0},
          {"edges_dropped", 0}},
         {"synthetic: see the notes (geo/road_generator)"});
  }
  const geo::NearestNodeIndex nearest(node_at);
  Snaps snaps;
  auto snap = [&](const char* kind, const std::string& id, geo::GeoPoint p) {
    const std::uint32_t n = nearest.nearest(p);
    snaps.add(kind, id, geo::distance_m(p, node_at[n]));
    return n;
  };

  // --- Village PPS, PPK and posts on their nearest road node (the synthetic graph has them on their
  // own anchor nodes already).
  if (real_roads) {
    for (Json& v : region["villages"])
      v["node"] = node_id[snap("village", v["code"].get<std::string>(),
                               {v["lat"].get<double>(), v["lon"].get<double>()})];
    for (Json& k : region["kecamatan"])
      k["ppk_node"] = node_id[snap("ppk", k["code"].get<std::string>(),
                                   {k["lat"].get<double>(), k["lon"].get<double>()})];
  }

  // --- Police stations.
  std::vector<std::string> post_notes;
  if (recipe.police.given()) {
    const PolicePosts pp = read_police_posts(recipe.police.path, recipe.police.written, kecamatan_shapes);
    for (const scenario::Problem& w : pp.warnings) {
      // Only what concerns the region's kecamatan: the file may cover a whole city.
      bool ours = false;
      for (const Json& k : region["kecamatan"])
        ours |= w.line().find(k["code"].get<std::string>()) != std::string::npos;
      if (ours) report.push_back("posts: " + w.line());
    }
    std::map<std::string, std::size_t> kec_index, kab_index;
    for (std::size_t k = 0; k < K; ++k) kec_index[region["kecamatan"][k]["code"].get<std::string>()] = k;
    for (std::size_t b = 0; b < B; ++b) kab_index[region["kabupaten"][b]["code"].get<std::string>()] = b;
    auto norm = [](std::string s) {
      std::string o;
      for (char c : s)
        if (c != ' ') o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return o;
    };
    std::map<std::string, std::size_t> post_of;  // post id -> index in forces.posts
    Json& posts = doc["forces"]["posts"];
    for (std::size_t i = 0; i < posts.size(); ++i) post_of[posts[i]["id"].get<std::string>()] = i;
    std::size_t placed = 0, outside = 0, extra = 0;
    std::set<std::string> moved;
    // The Polres named after its kabupaten first (Polrestabes Surabaya before Polres Pelabuhan
    // Tanjung Perak, which stands in Surabaya too but serves the port).
    std::set<std::string> kab_names;
    for (const Json& k : region["kabupaten"]) {
      std::string n = k["name"].get<std::string>();
      for (const char* prefix : {"Kabupaten ", "Kota "})
        if (n.starts_with(prefix)) n = n.substr(std::string_view(prefix).size());
      kab_names.insert(norm(n));
    }
    std::vector<const PolicePost*> ordered;
    for (const PolicePost& p : pp.posts) ordered.push_back(&p);
    std::stable_partition(ordered.begin(), ordered.end(), [&](const PolicePost* p) {
      return p->kind != PoliceKind::kPolres || kab_names.count(norm(p->place)) > 0;
    });
    for (const PolicePost* pptr : ordered) {
      const PolicePost& p = *pptr;
      std::string kec_code;
      if (p.kecamatan) kec_code = kecamatan_shapes[*p.kecamatan].key;
      if (kec_code.empty())  // no kecamatan polygons: the Polsek's place names its kecamatan
        for (std::size_t k = 0; k < K; ++k)
          if (norm(region["kecamatan"][k]["name"].get<std::string>()) == norm(p.place))
            kec_code = region["kecamatan"][k]["code"].get<std::string>();
      std::string target;
      if (p.kind == PoliceKind::kPolsek && kec_index.count(kec_code))
        target = "polsek-" + strip_dots(kec_code);
      if (p.kind == PoliceKind::kPolres && kec_code.size() >= 5 && kab_index.count(kec_code.substr(0, 5)))
        target = "polres-" + strip_dots(kec_code.substr(0, 5));
      if (target.empty()) {
        ++outside;
        continue;
      }
      if (moved.count(target)) {
        ++extra;
        report.push_back("posts: " + p.name + " (" + p.id + ") is a second " +
                         std::string(to_string(p.kind)) + " for " + target + ": not used");
        continue;
      }
      moved.insert(target);
      Json& post = posts[post_of[target]];
      post["name"] = p.name;
      post["lat"] = std::round(p.at.lat * 1e6) / 1e6;
      post["lon"] = std::round(p.at.lon * 1e6) / 1e6;
      ++placed;
      post_notes.push_back(p.name + " at " + p.id + " (" + p.source_name + ")");
    }
    std::vector<std::string> defaulted;
    for (const Json& post : posts) {
      const std::string id = post["id"].get<std::string>();
      if ((starts(id, "polsek-") || starts(id, "polres-")) && !moved.count(id)) defaulted.push_back(id);
    }
    for (const std::string& d : defaulted)
      report.push_back("posts: " + d + " has no station in " + recipe.police.written +
                       ": left at the centroid");
    report.push_back(
        format("posts: %zu stations placed, %zu merged as duplicates, %zu dropped (not stations), "
               "%zu outside the region, %zu defaulted to a centroid",
               placed, pp.merged, pp.dropped.size(), outside, defaulted.size()));
    std::vector<std::string> pnotes = post_notes;
    for (const DroppedPost& d : pp.dropped)
      pnotes.push_back("dropped " + d.where + " " + d.name + ": " + d.reason);
    part("posts", recipe.police.written,
         {{"read", static_cast<long long>(pp.posts.size() + pp.merged + pp.dropped.size())},
          {"kept", static_cast<long long>(pp.posts.size())},
          {"merged", static_cast<long long>(pp.merged)},
          {"dropped", static_cast<long long>(pp.dropped.size())},
          {"placed", static_cast<long long>(placed)},
          {"outside_region", static_cast<long long>(outside)},
          {"defaulted", static_cast<long long>(defaulted.size())}},
         pnotes);
    import_notes.push_back(format(
        "F/E: posts: %zu of the region's Polres and Polsek stand at the OpenStreetMap police stations of %s "
        "(names read as docs/import.md says, duplicates within 300 m merged, matched to the kecamatan they "
        "stand in); %zu with no station in the file stand at their area's centroid (E); Kodim posts at the "
        "kabupaten centroid (E). Each post on its nearest road node.",
        placed, recipe.police.written.c_str(), defaulted.size()));
  } else {
    import_notes.push_back(
        "E: a Polres at each kabupaten centroid and a Polsek (and the PPK) at each kecamatan centroid, each "
        "on "
        "its nearest road node: the real stations' locations are not in the data.");
  }
  if (real_roads || recipe.police.given())
    for (Json& post : doc["forces"]["posts"])
      post["node"] = node_id[snap("post", post["id"].get<std::string>(),
                                  {post["lat"].get<double>(), post["lon"].get<double>()})];

  // --- TPS placement: spread over the road nodes inside the village's polygon, else around its centroid.
  {
    std::map<std::string, std::size_t> village_index;
    for (std::size_t v = 0; v < V; ++v) village_index[region["villages"][v]["code"].get<std::string>()] = v;
    std::vector<std::vector<std::uint32_t>> inside(V);
    std::vector<bool> has_shape(V, false);
    if (!village_shapes.empty()) {
      // Only this region's polygons, so that a node in a neighbour outside the region is nobody's.
      std::vector<Boundary> mine;
      std::vector<std::size_t> mine_village;
      for (std::size_t v = 0; v < V; ++v)
        if (auto it = village_shape_of.find(villages[v]->code); it != village_shape_of.end()) {
          mine.push_back(village_shapes[it->second]), mine_village.push_back(v), has_shape[v] = true;
        }
      const BoundaryIndex index(mine);
      for (std::uint32_t n = 0; n < node_at.size(); ++n)
        if (auto b = index.find(node_at[n])) inside[mine_village[*b]].push_back(n);
    }
    // The generator's own TPS nodes (around the centroid on its synthetic graph), per village.
    std::vector<std::vector<std::uint64_t>> generated(V);
    std::map<std::uint64_t, std::uint32_t> index_of_id;
    for (std::uint32_t n = 0; n < node_id.size(); ++n) index_of_id[node_id[n]] = n;
    Json& tps = region["tps"];
    std::vector<std::vector<std::size_t>> tps_of(V);
    for (std::size_t t = 0; t < tps.size(); ++t) {
      const std::size_t v = village_index.at(tps[t]["village"].get<std::string>());
      tps_of[v].push_back(t);
      if (!real_roads) generated[v].push_back(tps[t]["node"].get<std::uint64_t>());
    }
    std::size_t in_polygon = 0, around = 0, on_pps = 0, distinct_short = 0;
    for (std::size_t v = 0; v < V; ++v) {
      if (tps_of[v].empty()) continue;
      std::vector<std::uint32_t> nodes = inside[v];
      const char* how = "polygon";
      if (nodes.empty() && !real_roads) {
        // The synthetic graph scatters each village's nodes around its centroid: keep the generator's.
        for (std::size_t j = 0; j < tps_of[v].size(); ++j) tps[tps_of[v][j]]["node"] = generated[v][j];
        around += tps_of[v].size();
        continue;
      }
      if (nodes.empty()) {
        how = "around";
        for (std::uint32_t n = 0; n < node_at.size(); ++n)
          if (geo::distance_m(at[v], node_at[n]) <= kAroundCentroidM) nodes.push_back(n);
      }
      if (nodes.empty()) {
        how = "pps";
        nodes.push_back(index_of_id.at(region["villages"][v]["node"].get<std::uint64_t>()));
      }
      RandomStream rs({recipe.seed, 0, v, kPurposeTpsSpread});
      for (std::size_t i = nodes.size(); i > 1; --i)
        std::swap(nodes[i - 1],
                  nodes[std::min(i - 1, static_cast<std::size_t>(rs.uniform01() * static_cast<double>(i)))]);
      if (nodes.size() < tps_of[v].size()) ++distinct_short;
      for (std::size_t j = 0; j < tps_of[v].size(); ++j) {
        const std::uint32_t n = nodes[j % nodes.size()];
        tps[tps_of[v][j]]["node"] = node_id[n];
        if (std::string_view(how) == "pps")
          snaps.add("tps", tps[tps_of[v][j]]["id"].get<std::string>(), geo::distance_m(at[v], node_at[n]));
      }
      (std::string_view(how) == "polygon"  ? in_polygon
       : std::string_view(how) == "around" ? around
                                           : on_pps) += tps_of[v].size();
    }
    import_notes.push_back(format(
        "E: TPS placement (the TPS's own locations are not in the data): each village's TPS are spread over "
        "the "
        "road nodes inside its polygon in a random order drawn with seed %llu, one TPS per node while there "
        "are "
        "nodes enough (%s TPS); a village without a polygon or without a node in it puts them on the nodes "
        "within %g m of its centroid%s (%s TPS), or on its PPS node (%s TPS). %s villages have more TPS than "
        "nodes to spread them over, so some share a node. Each village's PPS stands on the road node nearest "
        "its centroid; each PPK on the node nearest its kecamatan's centroid.",
        static_cast<unsigned long long>(recipe.seed), thousands(static_cast<long long>(in_polygon)).c_str(),
        kAroundCentroidM, real_roads ? "" : " (on the synthetic graph: the nodes scattered around it)",
        thousands(static_cast<long long>(around)).c_str(), thousands(static_cast<long long>(on_pps)).c_str(),
        thousands(static_cast<long long>(distinct_short)).c_str()));
    part("placement", "siaga import",
         {{"tps_in_polygon", static_cast<long long>(in_polygon)},
          {"tps_around_centroid", static_cast<long long>(around)},
          {"tps_on_pps_node", static_cast<long long>(on_pps)},
          {"villages_with_polygon", static_cast<long long>(with_polygon)},
          {"villages_without_polygon", static_cast<long long>(V - with_polygon)}},
         {});
  }

  // --- Boundaries, inline (the scenario stands alone; shipped scenarios are embedded).
  {
    std::vector<std::size_t> vw, kw;
    for (std::size_t v = 0; v < V; ++v)
      if (auto it = village_shape_of.find(villages[v]->code); it != village_shape_of.end())
        vw.push_back(it->second);
    for (const Json& k : region["kecamatan"])
      if (auto it = kecamatan_shape_of.find(k["code"].get<std::string>()); it != kecamatan_shape_of.end())
        kw.push_back(it->second);
    if (!vw.empty() || !kw.empty()) {
      Json b = Json::object();
      if (!vw.empty()) b["villages"] = feature_collection(village_shapes, vw);
      if (!kw.empty()) b["kecamatan"] = feature_collection(kecamatan_shapes, kw);
      region["boundaries"] = b;
    }
    if (recipe.village_boundaries.given())
      part("village_boundaries", recipe.village_boundaries.written,
           {{"read", static_cast<long long>(village_shapes.size())},
            {"kept", static_cast<long long>(vw.size())},
            {"villages_without", static_cast<long long>(V - vw.size())}},
           {});
    if (recipe.kecamatan_boundaries.given())
      part("kecamatan_boundaries", recipe.kecamatan_boundaries.written,
           {{"read", static_cast<long long>(kecamatan_shapes.size())},
            {"kept", static_cast<long long>(kw.size())}},
           {});
    if (V - vw.size() > 0 && recipe.village_boundaries.given())
      report.push_back(format("boundaries: %zu villages have no polygon in %s", V - vw.size(),
                              recipe.village_boundaries.written.c_str()));
  }

  // --- Vulnerability.
  Json& tps = region["tps"];
  std::vector<scenario::Category> category(tps.size(), scenario::Category::kKurangRawan);
  std::string vul_note;
  {
    std::vector<std::string> ids;
    std::vector<std::size_t> regular_tps;
    for (std::size_t t = 0; t < tps.size(); ++t) {
      const std::string id = tps[t]["id"].get<std::string>();
      if (std::stoi(id.substr(id.size() - 3)) >= 901)
        category[t] = scenario::Category::kKhusus;
      else
        ids.push_back(id), regular_tps.push_back(t);
    }
    if (recipe.vulnerability.given()) {
      const VulnerabilityTable table =
          read_vulnerability(recipe.vulnerability.path, recipe.vulnerability.written);
      std::size_t matched = 0;
      std::set<std::string> used;
      for (std::size_t t = 0; t < tps.size(); ++t) {
        const std::string key = table.key == VulnerabilityKey::kTps ? tps[t]["id"].get<std::string>()
                                                                    : tps[t]["village"].get<std::string>();
        if (const VulnerabilityRow* row = table.find(key)) {
          category[t] = row->category, ++matched, used.insert(key);
          if (row->score) tps[t]["score"] = *row->score;
        }
      }
      const std::size_t unused = table.rows.size() - used.size();
      if (unused > 0)
        report.push_back(format("vulnerability: %zu rows name no TPS or village of the region", unused));
      if (matched < tps.size())
        report.push_back(format("vulnerability: %zu TPS have no row: kurang rawan", tps.size() - matched));
      vul_note = format("F: TPS categories from %s (%zu of %zu TPS matched; the others kurang rawan, E).",
                        recipe.vulnerability.written.c_str(), matched, tps.size());
      part("vulnerability", recipe.vulnerability.written,
           {{"rows", static_cast<long long>(table.rows.size())},
            {"tps_matched", static_cast<long long>(matched)},
            {"rows_unused", static_cast<long long>(unused)}},
           {});
    } else {
      const bool jatim = recipe.within.substr(0, 2) == "35";
      const CategoryShares shares = recipe.shares ? *recipe.shares
                                    : jatim       ? kJawaTimurShares
                                                  : kNationalPilkada2020Shares;
      const std::string name = recipe.shares ? recipe.shares_name
                               : jatim       ? "jawa_timur"
                                             : "national_pilkada2020";
      const std::vector<scenario::Category> drawn = draw_categories(ids, shares, recipe.seed);
      for (std::size_t i = 0; i < ids.size(); ++i) category[regular_tps[i]] = drawn[i];
      const auto counts = category_counts(ids.size(), shares);
      vul_note = format(
          "D/E: no published vulnerability per TPS for the region: the categories of its %s regular TPS are "
          "drawn with seed %llu in exact counts from %s (kurang rawan %.1f%%, rawan %.1f%%, sangat rawan "
          "%.1f%%, "
          "khusus %.1f%%; docs/import.md): %s kurang rawan, %s rawan, %s sangat rawan, %s khusus.",
          thousands(static_cast<long long>(ids.size())).c_str(), static_cast<unsigned long long>(recipe.seed),
          name == "jawa_timur"             ? "Jawa Timur's published shares of Pemilu 2024"
          : name == "national_pilkada2020" ? "the national Pilkada 2020 shares"
                                           : "the recipe's shares",
          100 * shares[0], 100 * shares[1], 100 * shares[2], 100 * shares[3],
          thousands(static_cast<long long>(counts[0])).c_str(),
          thousands(static_cast<long long>(counts[1])).c_str(),
          thousands(static_cast<long long>(counts[2])).c_str(),
          thousands(static_cast<long long>(counts[3])).c_str());
      part("vulnerability", "drawn from the " + name + " shares (seed " + std::to_string(recipe.seed) + ")",
           {{"tps_drawn", static_cast<long long>(ids.size())}}, {});
    }
    for (std::size_t t = 0; t < tps.size(); ++t) tps[t]["category"] = scenario::to_string(category[t]);
  }

  // --- Forces: the generator's rule (scenario/forces_rule.hpp) on the import's categories, with the
  // Bhabinkamtibmas where the published count puts them and the reserves sized to the published strength.
  const std::string pattern = !recipe.doctrine.empty()                         ? recipe.doctrine
                              : recipe.kind == scenario::ElectionKind::kPemilu ? "pemilu2024"
                                                                               : "pilkada2024";
  const scenario::DoctrinePreset& preset = *scenario::find_doctrine_preset(pattern);
  scenario::ForcesRegion fr;
  std::map<std::string, std::size_t> kec_idx, vil_idx;
  for (std::size_t b = 0; b < B; ++b) {
    const std::string code = region["kabupaten"][b]["code"].get<std::string>();
    fr.kabupaten.push_back({code, "polres-" + strip_dots(code), "kodim-" + strip_dots(code), {}});
  }
  for (std::size_t k = 0; k < K; ++k) {
    const std::string code = region["kecamatan"][k]["code"].get<std::string>();
    std::size_t b = 0;
    while (b < B && fr.kabupaten[b].code != region["kecamatan"][k]["kabupaten"].get<std::string>()) ++b;
    fr.kabupaten[b].kecamatan.push_back(k);
    fr.kecamatan.push_back({code, b, "polsek-" + strip_dots(code)});
    kec_idx[code] = k;
  }
  std::vector<long long> tps_per_village(V, 0);
  std::vector<bool> kelurahan(V);
  std::vector<std::size_t> village_kec(V);
  for (std::size_t v = 0; v < V; ++v) {
    const Json& vj = region["villages"][v];
    vil_idx[vj["code"].get<std::string>()] = v;
    village_kec[v] = kec_idx.at(vj["kecamatan"].get<std::string>());
    kelurahan[v] = vj.value("kind", "desa") == "kelurahan";
    fr.villages.push_back(
        {vj["code"].get<std::string>(), village_kec[v], {vj["lat"].get<double>(), vj["lon"].get<double>()}});
  }
  fr.tps.assign(K, std::array<long long, scenario::kCategoryCount>{});
  for (std::size_t t = 0; t < tps.size(); ++t) {
    const std::size_t v = vil_idx.at(tps[t]["village"].get<std::string>());
    ++tps_per_village[v];
    ++fr.tps[village_kec[v]][static_cast<std::size_t>(category[t])];
  }
  const auto bhabin_count = static_cast<std::size_t>(std::min<long long>(
      static_cast<long long>(V), recipe.bhabinkamtibmas
                                     ? *recipe.bhabinkamtibmas
                                     : std::llround(scenario::kJatimBhabinkamtibmasShare * V)));
  std::unique_ptr<bool[]> kel(new bool[V]);
  for (std::size_t v = 0; v < V; ++v) kel[v] = kelurahan[v];
  fr.bhabinkamtibmas = scenario::bhabinkamtibmas_fewest_tps_shared(
      tps_per_village, std::span<const bool>(kel.get(), V), village_kec, bhabin_count);
  scenario::ForcesOptions fo;
  fo.doctrine = preset.guards;
  fo.guard_margin = recipe.guard_margin;
  fo.reserve_share = recipe.reserve_share;
  fo.brimob_headcount = recipe.brimob_per_polres;
  fo.tni_headcount.assign(B, recipe.tni_per_kabupaten);
  scenario::ForcesRule rule = scenario::apply_forces_rule(fr, fo);
  std::string strength_note;
  if (recipe.polri_total) {
    // The published strength is read as the officers of the Polres and Polsek on the operation: TPS
    // guards and reserves. The Bhabinkamtibmas (village officers, counted on their own) and the
    // Polda's Brimob come on top (E). The rule sizes reserves as a share of guards + reserves, so the
    // share is (T - guards) / T, corrected twice for the rounding up per Polsek and Polres.
    const long long t = *recipe.polri_total;
    const bool solved = t > rule.guards;
    if (solved) {
      double share = static_cast<double>(t - rule.guards) / static_cast<double>(t);
      for (int pass = 0; pass < 3; ++pass) {
        fo.reserve_share = std::clamp(share, 0.0, 0.9);
        rule = scenario::apply_forces_rule(fr, fo);
        const double got = static_cast<double>(rule.reserves), want = static_cast<double>(t - rule.guards);
        if (got <= 0 || std::abs(got - want) < 1) break;
        const double ratio = want / got;  // reserves scale with s / (1 - s): adjust that odds
        const double odds = share / (1 - share) * ratio;
        share = odds / (1 + odds);
      }
    }
    const long long operation = rule.guards + rule.reserves;
    strength_note = format(
        "D/E: forces checked against the published strength (docs/domain.md#counts: %s Polri%s), read as the "
        "Polres and Polsek officers of the operation, TPS guards and reserves, with the %s Bhabinkamtibmas "
        "and "
        "the Brimob counted on their own (E): TPS guard pools %s (the doctrine's need plus the margin) and "
        "reserves %s make %s (%+lld against the published figure: reserves are rounded per Polsek)%s; with "
        "Bhabinkamtibmas and %s Brimob, %s Polri officers in all. The reserves are %.1f%% of the guards and "
        "reserves (docs/domain.md#reserves: 14-27%%).",
        thousands(t).c_str(), recipe.tni_total ? (", " + thousands(*recipe.tni_total) + " TNI").c_str() : "",
        thousands(rule.bhabinkamtibmas).c_str(), thousands(rule.guards).c_str(),
        thousands(rule.reserves).c_str(), thousands(operation).c_str(), operation - t,
        solved ? "" : " (the guards alone exceed it: the reserves keep the default share)",
        thousands(rule.brimob).c_str(),
        thousands(rule.guards + rule.reserves + rule.bhabinkamtibmas + rule.brimob).c_str(),
        100.0 * fo.reserve_share);
    report.push_back(format("forces: TPS guards and reserves %s Polri (published %s), reserve share %.1f%%%s",
                            thousands(operation).c_str(), thousands(t).c_str(), 100.0 * fo.reserve_share,
                            solved ? "" : ": the guards alone exceed the published strength"));
  }
  if (recipe.tni_total) {
    const long long on_call = rule.tni;
    strength_note += format(
        "%sD/E: TNI: %s on call at the Kodim posts (%d per kabupaten, 1 SSK per district command, F) of the "
        "%s "
        "published for the operation (%.0f%%; docs/domain.md: about a third of the contingent stays on "
        "standby, "
        "the rest guards alongside the police and is not modelled as units).",
        strength_note.empty() ? "" : " ", thousands(on_call).c_str(), recipe.tni_per_kabupaten,
        thousands(*recipe.tni_total).c_str(),
        *recipe.tni_total > 0 ? 100.0 * static_cast<double>(on_call) / static_cast<double>(*recipe.tni_total)
                              : 0.0);
  }
  doc["forces"]["units"] = rule.units_doctrine;
  doc["plans"] = scenario::standard_plans(preset, rule);
  {
    std::size_t covered = 0, several = 0, most = 0;
    for (const auto& list : rule.served)
      covered += list.size(), several += list.size() > 1, most = std::max(most, list.size());
    import_notes.push_back(format(
        "D/E: %s Bhabinkamtibmas for %s villages%s. Which villages have none (E, docs/import.md): the %s "
        "with the "
        "fewest TPS, kelurahan before desa (urban kelurahan lie close together, near their Polsek), never "
        "the "
        "last one of a kecamatan; each is served by the nearest officer of its kecamatan, so %s officers "
        "serve "
        "several villages (at most %zu); %s villages have none. Each answers to its kecamatan's Polsek; "
        "motorbikes.",
        thousands(static_cast<long long>(bhabin_count)).c_str(), thousands(static_cast<long long>(V)).c_str(),
        recipe.bhabinkamtibmas
            ? " (the published count, docs/domain.md#who-guards-what)"
            : " (Jawa Timur's share, 7,731 for 8,494 villages, docs/domain.md#who-guards-what)",
        thousands(static_cast<long long>(V - bhabin_count)).c_str(),
        thousands(static_cast<long long>(several)).c_str(), most,
        thousands(static_cast<long long>(V - covered)).c_str()));
  }
  {
    std::string pools;
    for (std::size_t b = 0; b < B && b < 4; ++b)
      pools += format("%s%s %d for a need of %d", b ? "; " : "",
                      region["kabupaten"][b]["name"].get<std::string>().c_str(), rule.pool_doctrine[b],
                      rule.need_doctrine[b]);
    if (B > 4) pools += "; ...";
    import_notes.push_back(format(
        "D/E: each kabupaten's tps_guard pool holds what the doctrine plan needs (per kecamatan and "
        "category, "
        "ceil(TPS / Y) groups of X officers) plus %.0f%%, rounded up (E): %s. Reserves: %.1f%% of the Polri "
        "officers, %.0f%% of them at the Polsek by TPS count (at least %d each), the rest in the Polres "
        "quick-response unit (at least %d); Brimob %d per Polres; TNI %d per Kodim; teams as "
        "scenarios/README.md.",
        100 * recipe.guard_margin, pools.c_str(), 100 * fo.reserve_share, 100 * scenario::kPolsekReserveShare,
        scenario::kMinPolsekReserve, scenario::kMinQuickResponse, recipe.brimob_per_polres,
        recipe.tni_per_kabupaten));
  }
  if (!strength_note.empty()) import_notes.push_back(strength_note);
  import_notes.push_back(vul_note);
  import_notes.push_back(tps_note);
  import_notes.push_back(scenario::standard_plans_note(preset, rule));

  // --- Notes: the generator's, less those the import replaced, then the import's own.
  {
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < doc["notes"].size(); ++i) {
      const std::string s = doc["notes"][i].get<std::string>();
      const bool replaced =
          i >= recipe.notes.size() &&
          (starts(s, "E: the category of each of") || starts(s, "F/E: ") || starts(s, "E: each TPS stands") ||
           starts(s, "E: a Polres at each") || starts(s, "D/E: each kabupaten's tps_guard pool") ||
           (starts(s, "D/E: ") && s.find("Bhabinkamtibmas for") != std::string::npos) ||
           starts(s, "E: reserves are") || starts(s, "plans: 'doctrine'") ||
           (real_roads && (starts(s, "E: roads generated") || starts(s, "E: road classes:"))));
      if (!replaced) notes.push_back(s);
    }
    notes.insert(notes.end(), road_notes.begin(), road_notes.end());
    notes.insert(notes.end(), import_notes.begin(), import_notes.end());
    notes.push_back(
        format("Built by siaga import from the recipe %s (format siaga-recipe/1, docs/import.md); "
               "what it read, dropped and guessed is in `provenance`.",
               recipe.file.filename().string().c_str()));
    doc["notes"] = notes;
  }
  if (recipe.description.empty())
    doc["description"] = format(
        "%s of %s, built by siaga import: %s kabupaten/kota, %s kecamatan, %s villages, %s TPS, %s road "
        "nodes "
        "(%s). Its assumptions are in the notes, where each part came from in provenance.",
        std::string(scenario::to_string(recipe.kind)).c_str(), recipe.within.c_str(),
        thousands(static_cast<long long>(B)).c_str(), thousands(static_cast<long long>(K)).c_str(),
        thousands(static_cast<long long>(V)).c_str(), thousands(static_cast<long long>(tps.size())).c_str(),
        thousands(static_cast<long long>(node_at.size())).c_str(),
        real_roads ? "OpenStreetMap" : "synthetic over the real centroids");

  // --- Snaps and provenance.
  std::stable_sort(snaps.all.begin(), snaps.all.end(),
                   [](const scenario::Snap& a, const scenario::Snap& b) { return a.metres > b.metres; });
  std::size_t over = 0;
  for (const scenario::Snap& s : snaps.all) over += s.metres > recipe.snap_threshold_m ? 1 : 0;
  Json longest = Json::array();
  for (std::size_t i = 0; i < snaps.all.size() && i < std::max(kLongestSnaps, over); ++i) {
    if (i >= kLongestSnaps && snaps.all[i].metres <= recipe.snap_threshold_m) break;
    longest.push_back(
        {{"kind", snaps.all[i].kind}, {"id", snaps.all[i].id}, {"metres", round1(snaps.all[i].metres)}});
  }
  for (const scenario::Snap& s : snaps.all)
    if (s.metres > recipe.snap_threshold_m)
      report.push_back(
          format("snap: %s %s moved %.0f m onto its road node", s.kind.c_str(), s.id.c_str(), s.metres));
  Json prov = {{"recipe", recipe.file.empty() ? std::string("(recipe)") : recipe.file.filename().string()},
               {"parts", parts},
               {"snaps",
                {{"threshold_m", recipe.snap_threshold_m},
                 {"over_threshold", static_cast<long long>(over)},
                 {"longest", longest}}}};
  // The schema's order: provenance before the day's sections is not required; it goes last.
  doc["provenance"] = prov;
  result.doc = std::move(doc);
  return result;
}

}  // namespace siaga::ingest
