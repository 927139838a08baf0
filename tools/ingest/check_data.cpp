// A developer check, not a test: reads a directory of real public data (the layout is
// admin/*.csv, boundaries/*.geojson, roads/*.graphml|*.osm, police/*.geojson) with the ingest
// readers and prints what they gave: counts kept and dropped, warnings, and, for every area
// that has both a GraphML and an OSM XML file of the same name, how far their travel times agree
// between the OSM nodes both keep. Usage: siaga_ingest_check DATA_DIR

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "siaga/ingest/admin_table.hpp"
#include "siaga/ingest/boundaries.hpp"
#include "siaga/ingest/police_posts.hpp"
#include "siaga/ingest/road_network.hpp"
#include "siaga/ingest/vulnerability.hpp"

namespace fs = std::filesystem;
using namespace siaga;
using namespace siaga::ingest;

namespace {

std::vector<fs::path> files(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void print_warnings(const std::vector<scenario::Problem>& warnings, std::size_t max = 6) {
  for (std::size_t i = 0; i < warnings.size() && i < max; ++i)
    std::printf("    warning: %s\n", warnings[i].line().c_str());
  if (warnings.size() > max) std::printf("    ... %zu warnings in all\n", warnings.size());
}

void admin(const fs::path& dir) {
  for (const fs::path& f : files(dir / "admin", ".csv")) {
    const AdminTable t = read_admin_table(f, f.filename().string());
    std::size_t kota = 0, kelurahan = 0;
    for (const AdminArea& a : t.areas) {
      kota += a.kota;
      kelurahan +=
          a.level == AdminLevel::kDesaKelurahan && a.village_kind == scenario::VillageKind::kKelurahan;
    }
    std::printf(
        "%s: %zu provinsi, %zu kabupaten/kota (%zu kota), %zu kecamatan, %zu desa/kelurahan (%zu kelurahan); "
        "%zu warnings\n",
        f.filename().c_str(), t.count(AdminLevel::kProvinsi), t.count(AdminLevel::kKabupatenKota), kota,
        t.count(AdminLevel::kKecamatan), t.count(AdminLevel::kDesaKelurahan), kelurahan, t.warnings.size());
    print_warnings(t.warnings, 10);
    const AdminTable sby = read_admin_table(f, f.filename().string(), "35.78");
    long tps = 0;
    std::vector<std::string> ids;
    for (const AdminArea& a : sby.areas)
      if (a.tps_count)
        for (int k = 1; k <= *a.tps_count; ++k) ids.push_back(a.code + "-" + std::to_string(k));
    tps = static_cast<long>(ids.size());
    const auto cats = draw_categories(ids, kJawaTimurShares, 1);
    std::array<int, 4> n{};
    for (const auto c : cats) ++n[static_cast<std::size_t>(c)];
    std::printf(
        "  filtered to 35.78 (Kota Surabaya): %zu rows, %ld TPS; default categories (Jawa Timur shares, seed "
        "1): "
        "%d / %d / %d / %d\n",
        sby.areas.size(), tps, n[0], n[1], n[2], n[3]);
  }
}

void boundaries(const fs::path& dir) {
  for (const fs::path& f : files(dir / "boundaries", ".geojson")) {
    const auto b = read_boundaries(f, f.filename().string());
    double area = 0.0;
    std::size_t multi = 0, holes = 0, inside = 0;
    for (const Boundary& x : b) {
      area += area_m2(x);
      multi += x.polygons.size() > 1;
      for (const Polygon& p : x.polygons) holes += p.holes.size();
      inside += contains(x, inside_point(x));
    }
    std::printf("%s: %zu areas (%zu multi-part, %zu holes), %.1f km^2; inside points inside: %zu of %zu\n",
                f.filename().c_str(), b.size(), multi, holes, area / 1e6, inside, b.size());
  }
}

struct Reading {
  RoadImport import;
  ComponentReport components;
};

Reading roads_of(const fs::path& f) {
  Reading r{f.extension() == ".graphml" ? read_graphml(f, f.filename().string())
                                        : read_osm(f, f.filename().string()),
            {}};
  const std::size_t nodes = r.import.network.nodes.size(), edges = r.import.network.edges.size();
  r.components = keep_largest_strong_component(r.import.network);
  std::printf(
      "%s: read %zu nodes, %zu directed edges; largest strongly connected part %zu nodes, %zu edges "
      "(dropped %zu nodes, %zu edges, %zu parts)\n",
      f.filename().c_str(), nodes, edges, r.components.kept_nodes, r.components.kept_edges,
      r.components.dropped_nodes, r.components.dropped_edges, r.components.components);
  print_warnings(r.import.warnings);
  return r;
}

void compare(const RoadNetwork& a, const RoadNetwork& b, const std::string& name) {
  std::unordered_map<std::uint64_t, std::uint32_t> in_b;
  for (std::uint32_t i = 0; i < b.nodes.size(); ++i) in_b[b.nodes[i].osm_id] = i;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> common;  // (index in a, index in b)
  for (std::uint32_t i = 0; i < a.nodes.size(); ++i)
    if (const auto it = in_b.find(a.nodes[i].osm_id); it != in_b.end()) common.emplace_back(i, it->second);
  std::printf("%s: %zu OSM nodes in both largest parts (GraphML %zu, OSM %zu)\n", name.c_str(), common.size(),
              a.nodes.size(), b.nodes.size());
  const geo::RoadGraph ga = to_road_graph(a), gb = to_road_graph(b);
  for (const geo::Vehicle v : {geo::Vehicle::kMotorbike, geo::Vehicle::kCar, geo::Vehicle::kFoot}) {
    std::vector<Tick> ta(ga.node_count()), tb(gb.node_count());
    geo::DijkstraWorkspace ws;
    std::vector<double> rel;
    std::size_t equal = 0, within_1s = 0, pairs = 0;
    const std::size_t sources = std::min<std::size_t>(100, common.size());
    for (std::size_t s = 0; s < sources; ++s) {
      const auto [ia, ib] = common[s * common.size() / sources];
      const geo::PathSource sa{ia, 0}, sb{ib, 0};
      ga.shortest_times({&sa, 1}, v, geo::kUnreachable, ta, ws);
      gb.shortest_times({&sb, 1}, v, geo::kUnreachable, tb, ws);
      for (const auto& [ja, jb] : common) {
        if (ja == ia) continue;
        ++pairs;
        const Tick x = ta[ja], y = tb[jb];
        equal += x == y;
        within_1s += std::llabs(x - y) <= 1000;
        rel.push_back(std::abs(static_cast<double>(x - y)) / static_cast<double>(std::max<Tick>(1, y)));
      }
    }
    std::sort(rel.begin(), rel.end());
    const auto q = [&](double p) {
      return rel.empty() ? 0.0 : rel[static_cast<std::size_t>(p * (rel.size() - 1))];
    };
    const std::size_t within_1pct =
        static_cast<std::size_t>(std::upper_bound(rel.begin(), rel.end(), 0.01) - rel.begin());
    std::printf(
        "  %s: %zu pairs from %zu sources: %.2f%% equal to the ms, %.2f%% within 1 s, %.2f%% within 1%%; "
        "relative difference median %.2g, 99th percentile %.2g, max %.2g\n",
        std::string(geo::to_string(v)).c_str(), pairs, sources, 100.0 * equal / pairs,
        100.0 * within_1s / pairs, 100.0 * within_1pct / pairs, q(0.5), q(0.99),
        rel.empty() ? 0.0 : rel.back());
  }
}

void roads(const fs::path& dir) {
  std::map<std::string, Reading> graphml, osm;
  for (const fs::path& f : files(dir / "roads", ".graphml")) graphml.emplace(f.stem().string(), roads_of(f));
  for (const fs::path& f : files(dir / "roads", ".osm")) osm.emplace(f.stem().string(), roads_of(f));
  for (const auto& [name, g] : graphml)
    if (const auto it = osm.find(name); it != osm.end())
      compare(g.import.network, it->second.import.network, name);
}

void police(const fs::path& dir) {
  for (const fs::path& f : files(dir / "police", ".geojson")) {
    // The kecamatan of the same kota, when the boundaries directory has them (kec_kota_<name>).
    std::vector<Boundary> kecamatan;
    const std::string stem = f.stem().string();
    const std::string city = stem.substr(0, stem.find('_'));
    const fs::path kec = dir / "boundaries" / ("kec_kota_" + city + ".geojson");
    if (fs::exists(kec)) kecamatan = read_boundaries(kec, kec.filename().string());
    const PolicePosts p = read_police_posts(f, f.filename().string(), kecamatan);
    std::map<std::string, int> kinds, reasons;
    for (const PolicePost& post : p.posts) ++kinds[std::string(to_string(post.kind))];
    for (const DroppedPost& d : p.dropped) ++reasons[d.reason];
    std::printf("%s (kecamatan from %s): %zu posts kept, %zu features merged into them, %zu dropped\n",
                f.filename().c_str(), fs::exists(kec) ? kec.filename().c_str() : "none", p.posts.size(),
                p.merged, p.dropped.size());
    for (const auto& [k, n] : kinds) std::printf("    kept %s: %d\n", k.c_str(), n);
    for (const auto& [r, n] : reasons) std::printf("    dropped, %s: %d\n", r.c_str(), n);
    for (const PolicePost& post : p.posts)
      if (!post.merged.empty())
        std::printf("    merged into %s (%s): %zu\n", post.name.c_str(), post.id.c_str(), post.merged.size());
    for (const std::size_t i : p.outside) std::printf("    in no kecamatan: %s\n", p.posts[i].name.c_str());
    std::string without;
    for (const std::size_t k : p.kecamatan_without_polsek) without += " " + kecamatan[k].name;
    std::printf("    kecamatan without a Polsek point (%zu):%s\n", p.kecamatan_without_polsek.size(),
                without.c_str());
    print_warnings(p.warnings, 40);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  try {
    const fs::path dir = argv[1];
    admin(dir);
    boundaries(dir);
    roads(dir);
    police(dir);
  } catch (const scenario::ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
