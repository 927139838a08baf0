#include "siaga/geo/road_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"
#include "siaga/core/random_stream.hpp"

namespace siaga::geo {
namespace {

// A region like the synthetic ones: villages uniform in a box at Jawa Timur's density (about 5.6 km2
// each), each reporting to the nearest of `kec` kecamatan centres (taken at villages), each of those
// to the nearest of `kab` kabupaten centres (taken at kecamatan centres, moved 300 m north so that
// not every hub coincides with a village).
std::vector<RoadAnchor> region(std::size_t villages, std::size_t kec, std::size_t kab,
                               std::uint64_t seed = 11) {
  RandomStream s({seed, 0, 0, 99});
  const double side_deg = std::sqrt(5.6 * static_cast<double>(villages)) / 111.0;
  std::vector<RoadAnchor> a(villages);
  for (RoadAnchor& r : a) r.at = {uniform(s, -7.6, -7.6 + side_deg), uniform(s, 112.0, 112.0 + side_deg)};
  auto nearest = [&](GeoPoint p, std::size_t first, std::size_t count) {
    std::size_t best = first;
    double best_d = 1e300;
    for (std::size_t k = first; k < first + count; ++k) {
      const double d = std::hypot(a[k].at.lat - p.lat, a[k].at.lon - p.lon);
      if (d < best_d) best_d = d, best = k;
    }
    return static_cast<std::uint32_t>(best);
  };
  for (std::size_t k = 0; k < kec; ++k)
    a.push_back({a[k * villages / kec].at, AnchorLevel::kKecamatan, kNoAnchor, 0.0});
  for (std::size_t b = 0; b < kab; ++b) {
    GeoPoint p = a[villages + b * kec / kab].at;
    p.lat += 0.0027;
    a.push_back({p, AnchorLevel::kKabupaten, kNoAnchor, 0.0});
  }
  for (std::size_t v = 0; v < villages; ++v) a[v].parent = nearest(a[v].at, villages, kec);
  for (std::size_t k = 0; k < kec; ++k)
    a[villages + k].parent = nearest(a[villages + k].at, villages + kec, kab);
  return a;
}

GeneratedRoads generate(const std::vector<RoadAnchor>& anchors, std::size_t total, std::uint64_t seed = 1) {
  RoadGeneratorOptions o;
  o.total_nodes = total;
  o.seed = seed;
  return generate_roads(anchors, o);
}

// Planarity in the generator's exact integer plane: do closed segments ab and cd share a point other
// than a common endpoint (a crossing, a touching, a node on another edge, a collinear overlap)?
// The generator keeps |x|, |y| below 1e9, so each product stays below 4e18 and fits in int64.
int orientation(PlanarPoint a, PlanarPoint b, PlanarPoint c) {
  const std::int64_t v = (std::int64_t{b.x} - a.x) * (std::int64_t{c.y} - a.y) -
                         (std::int64_t{b.y} - a.y) * (std::int64_t{c.x} - a.x);
  return (v > 0) - (v < 0);
}
bool within(PlanarPoint a, PlanarPoint b, PlanarPoint p) {  // p collinear with ab: inside its box?
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}
bool same(PlanarPoint a, PlanarPoint b) { return a.x == b.x && a.y == b.y; }

bool conflict(const GeneratedRoads& g, const RoadEdge& e, const RoadEdge& f) {
  const PlanarPoint a = g.planar[e.from], b = g.planar[e.to], c = g.planar[f.from], d = g.planar[f.to];
  const std::set<std::uint32_t> ends{e.from, e.to, f.from, f.to};
  if (ends.size() == 2) return true;  // the same road twice
  if (ends.size() == 3) {
    // A shared endpoint: they conflict only if they overlap along one line.
    const PlanarPoint p = (e.from == f.from || e.from == f.to) ? a : b;
    const PlanarPoint q = same(p, a) ? b : a, r = same(p, c) ? d : c;
    if (orientation(p, q, r) != 0) return false;
    return (std::int64_t{q.x} - p.x) * (std::int64_t{r.x} - p.x) +
               (std::int64_t{q.y} - p.y) * (std::int64_t{r.y} - p.y) >
           0;
  }
  const int o1 = orientation(a, b, c), o2 = orientation(a, b, d), o3 = orientation(c, d, a),
            o4 = orientation(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (o1 == 0 && within(a, b, c)) || (o2 == 0 && within(a, b, d)) || (o3 == 0 && within(c, d, a)) ||
         (o4 == 0 && within(c, d, b));
}

// Every pair, O(E^2): the reference.
std::size_t conflicts_brute_force(const GeneratedRoads& g) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < g.edges.size(); ++i)
    for (std::size_t j = i + 1; j < g.edges.size(); ++j) n += conflict(g, g.edges[i], g.edges[j]);
  return n;
}

// The same, exactly, in about O(E): edges go into every grid cell their bounding box touches, and only
// edges sharing a cell are compared (two segments that meet share the cell of the meeting point).
std::size_t conflicts_by_grid(const GeneratedRoads& g) {
  double mean = 0;
  for (const RoadEdge& e : g.edges)
    mean += std::hypot(double(g.planar[e.from].x) - g.planar[e.to].x,
                       double(g.planar[e.from].y) - g.planar[e.to].y);
  const double cell = std::max(1.0, 2 * mean / static_cast<double>(g.edges.size()));
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
  for (std::uint32_t k = 0; k < g.edges.size(); ++k) {
    const PlanarPoint a = g.planar[g.edges[k].from], b = g.planar[g.edges[k].to];
    const auto x0 = static_cast<std::int64_t>(std::floor(std::min(a.x, b.x) / cell));
    const auto x1 = static_cast<std::int64_t>(std::floor(std::max(a.x, b.x) / cell));
    const auto y0 = static_cast<std::int64_t>(std::floor(std::min(a.y, b.y) / cell));
    const auto y1 = static_cast<std::int64_t>(std::floor(std::max(a.y, b.y) / cell));
    for (std::int64_t x = x0; x <= x1; ++x)
      for (std::int64_t y = y0; y <= y1; ++y)
        cells[(static_cast<std::uint64_t>(x) << 32) ^ static_cast<std::uint32_t>(y)].push_back(k);
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> found;
  for (const auto& [key, list] : cells)
    for (std::size_t i = 0; i < list.size(); ++i)
      for (std::size_t j = i + 1; j < list.size(); ++j)
        if (conflict(g, g.edges[list[i]], g.edges[list[j]]))
          found.emplace(std::min(list[i], list[j]), std::max(list[i], list[j]));
  return found.size();
}

// Nodes reachable from `start` over edges that `usable` accepts.
template <class Usable>
std::vector<char> reachable(const GeneratedRoads& g, std::uint32_t start, Usable usable) {
  std::vector<std::vector<std::uint32_t>> adj(g.nodes.size());
  for (const RoadEdge& e : g.edges)
    if (usable(e)) adj[e.from].push_back(e.to), adj[e.to].push_back(e.from);
  std::vector<char> seen(g.nodes.size(), 0);
  std::queue<std::uint32_t> q;
  q.push(start), seen[start] = 1;
  while (!q.empty()) {
    const std::uint32_t u = q.front();
    q.pop();
    for (std::uint32_t v : adj[u])
      if (!seen[v]) seen[v] = 1, q.push(v);
  }
  return seen;
}

double straight_m(const GeneratedRoads& g, const RoadEdge& e) {
  return std::hypot(double(g.planar[e.from].x) - g.planar[e.to].x,
                    double(g.planar[e.from].y) - g.planar[e.to].y) /
         kPlanarUnitsPerMetre;
}

TEST(RoadGenerator, TheSameSeedGivesTheSameGraph) {
  const auto anchors = region(120, 10, 2);
  const GeneratedRoads a = generate(anchors, 1500, 7), b = generate(anchors, 1500, 7);
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    EXPECT_EQ(a.nodes[i].lat, b.nodes[i].lat);
    EXPECT_EQ(a.nodes[i].lon, b.nodes[i].lon);
  }
  for (std::size_t k = 0; k < a.edges.size(); ++k) {
    EXPECT_EQ(a.edges[k].from, b.edges[k].from);
    EXPECT_EQ(a.edges[k].to, b.edges[k].to);
    EXPECT_EQ(a.edges[k].length_m, b.edges[k].length_m);
    EXPECT_EQ(a.edges[k].road_class, b.edges[k].road_class);
  }
}

TEST(RoadGenerator, AnotherSeedGivesAnotherGraph) {
  const auto anchors = region(120, 10, 2);
  const GeneratedRoads a = generate(anchors, 1500, 7), b = generate(anchors, 1500, 8);
  std::size_t moved = 0;
  for (std::size_t i = 0; i < a.nodes.size(); ++i) moved += a.nodes[i].lat != b.nodes[i].lat;
  // The anchors' nodes (numbered first) stay; every intermediate node is drawn anew.
  const std::size_t anchor_nodes = *std::max_element(a.anchor_node.begin(), a.anchor_node.end()) + 1;
  EXPECT_EQ(moved, a.nodes.size() - anchor_nodes);
}

TEST(RoadGenerator, TheCrossingCheckFindsCrossingsTouchesAndOverlaps) {
  // The checks below must be able to fail: a graph with one crossing, one node on an edge and one
  // collinear overlap.
  GeneratedRoads g;
  g.planar = {{0, 0}, {10, 10}, {0, 10}, {10, 0}, {20, 0}, {15, 0}, {30, 0}, {40, 0}};
  g.nodes.resize(g.planar.size());
  g.edges = {{0, 1}, {2, 3}, {3, 4}, {5, 6}, {6, 7}};
  // 0-1 x 2-3 cross; node 5 lies on 3-4 and 3-4 overlaps 5-6.
  EXPECT_EQ(conflicts_brute_force(g), 2u);
  EXPECT_EQ(conflicts_by_grid(g), 2u);
}

TEST(RoadGenerator, TheGraphIsPlanarExactly) {
  const GeneratedRoads g = generate(region(80, 8, 2), 900);
  EXPECT_EQ(conflicts_brute_force(g), 0u);
  EXPECT_EQ(conflicts_by_grid(g), 0u);
}

TEST(RoadGenerator, TheGraphIsConnected) {
  const GeneratedRoads g = generate(region(200, 16, 2), 2400);
  const auto seen = reachable(g, 0, [](const RoadEdge&) { return true; });
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(g.nodes.size()));
}

TEST(RoadGenerator, AProvinceSizedGraphIsPlanarConnectedAndOfTheAskedSize) {
  const auto anchors = region(8'500, 666, 38);
  const GeneratedRoads g = generate(anchors, 100'000);
  EXPECT_EQ(g.nodes.size(), 100'000u);
  EXPECT_EQ(g.edges.size(), 150'000u);  // mean degree 3: 3 x 100,000 / 2
  EXPECT_EQ(conflicts_by_grid(g), 0u);
  const auto seen = reachable(g, 0, [](const RoadEdge&) { return true; });
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 100'000);
}

TEST(RoadGenerator, TheMeanDegreeIsTheTarget) {
  const auto anchors = region(200, 16, 2);
  for (double target : {2.8, 3.0, 3.4}) {
    RoadGeneratorOptions o;
    o.total_nodes = 2400, o.mean_degree = target;
    const GeneratedRoads g = generate_roads(anchors, o);
    const double degree = 2.0 * static_cast<double>(g.edges.size()) / static_cast<double>(g.nodes.size());
    // Edges are added one at a time up to round(target x n / 2): the degree is exact to 1/n.
    EXPECT_NEAR(degree, target, 1.0 / 2400) << "target " << target;
  }
}

TEST(RoadGenerator, EachEdgeIsItsStraightLengthTimesADrawnDetour) {
  const GeneratedRoads g = generate(region(200, 16, 2), 2400);
  double sum = 0;
  for (const RoadEdge& e : g.edges) {
    const double f = e.length_m / straight_m(g, e);
    EXPECT_GE(f, 1.0 - 1e-12);
    EXPECT_LE(f, 1.2 + 1e-12);
    sum += f;
  }
  // Factors are U(1.0, 1.2): mean 1.1, standard deviation 0.2 / sqrt(12); their mean over m edges is
  // within 4 standard errors of 1.1 unless the draw is wrong (two-sided probability 6e-5).
  const double m = static_cast<double>(g.edges.size());
  EXPECT_NEAR(sum / m, 1.1, 4 * 0.2 / std::sqrt(12.0) / std::sqrt(m));
}

TEST(RoadGenerator, RoutesAreAsCircuitousAsRuralRoads) {
  // Rural route circuity (road distance / straight distance between places) is about 1.2-1.4; the
  // graph's own detours (about 1.24) times the per-edge factor (mean 1.1) give about 1.35.
  const GeneratedRoads g = generate(region(400, 32, 3), 4800);
  const double c = mean_route_circuity(g, 16, 1'000, 30'000);
  EXPECT_GT(c, 1.2);
  EXPECT_LT(c, 1.5);
}

TEST(RoadGenerator, NodesAreAsManyAsAskedAndKeepTheirSpacing) {
  const auto anchors = region(60, 6, 1);
  const GeneratedRoads g = generate(anchors, 700);
  ASSERT_EQ(g.nodes.size(), 700u);
  ASSERT_EQ(g.planar.size(), 700u);
  ASSERT_EQ(g.node_anchor.size(), 700u);
  const double spacing = 25.0 * kPlanarUnitsPerMetre;
  for (std::size_t i = anchors.size(); i < g.planar.size(); ++i)
    for (std::size_t j = 0; j < g.planar.size(); ++j)
      if (j != i) {
        const double d =
            std::hypot(double(g.planar[i].x) - g.planar[j].x, double(g.planar[i].y) - g.planar[j].y);
        ASSERT_GE(d, spacing) << "nodes " << i << " and " << j;
      }
}

TEST(RoadGenerator, AnchorsKeepTheirCoordinatesAndCoincidentAnchorsShareANode) {
  auto anchors = region(30, 3, 1);
  anchors.push_back({anchors[5].at, AnchorLevel::kKecamatan, kNoAnchor, 0.0});  // a hub on a village
  const GeneratedRoads g = generate(anchors, 300);
  ASSERT_EQ(g.anchor_node.size(), anchors.size());
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    EXPECT_EQ(g.nodes[g.anchor_node[i]].lat, anchors[i].at.lat);
    EXPECT_EQ(g.nodes[g.anchor_node[i]].lon, anchors[i].at.lon);
  }
  EXPECT_EQ(g.anchor_node.back(), g.anchor_node[5]);
  // Anchor nodes come first; every later node was placed around an anchor with a positive weight.
  const std::uint32_t anchor_nodes = *std::max_element(g.anchor_node.begin(), g.anchor_node.end()) + 1;
  for (std::size_t n = anchor_nodes; n < g.nodes.size(); ++n)
    EXPECT_GT(anchors[g.node_anchor[n]].weight, 0.0);
}

TEST(RoadGenerator, TheHierarchyRoadsAreDriveableAndEveryClassAppears) {
  const auto anchors = region(200, 16, 3);
  const GeneratedRoads g = generate(anchors, 2400);
  std::array<std::size_t, kRoadClassCount> count{};
  for (const RoadEdge& e : g.edges) ++count[static_cast<std::size_t>(e.road_class)];
  for (std::size_t c = 0; c < kRoadClassCount; ++c)
    EXPECT_GT(count[c], 0u) << to_string(static_cast<RoadClass>(c));
  // By car (no trails), every place reaches every other: the village -> kecamatan -> kabupaten roads
  // are never trails.
  const auto by_car =
      reachable(g, g.anchor_node[0], [](const RoadEdge& e) { return e.road_class != RoadClass::kTrail; });
  for (std::size_t i = 0; i < anchors.size(); ++i) EXPECT_TRUE(by_car[g.anchor_node[i]]) << "anchor " << i;
}

TEST(RoadGenerator, TrailsAreTheDrawnShareOfVillageRoads) {
  const GeneratedRoads g = generate(region(400, 32, 3), 4800);
  std::size_t trails = 0, minor = 0;
  for (const RoadEdge& e : g.edges) {
    trails += e.road_class == RoadClass::kTrail;
    minor += e.road_class == RoadClass::kTrail || e.road_class == RoadClass::kVillage;
  }
  // Each village road is a trail with probability 0.05, independently: Binomial(minor, 0.05); the
  // count lies within 4 standard deviations of its mean unless the draw is wrong.
  const double mean = 0.05 * static_cast<double>(minor), sd = std::sqrt(mean * 0.95);
  EXPECT_NEAR(static_cast<double>(trails), mean, 4 * sd);
}

TEST(RoadGenerator, BadInputIsRejectedWithAClearMessage) {
  auto expect_error = [](std::vector<RoadAnchor> anchors, RoadGeneratorOptions o, const std::string& text) {
    try {
      (void)generate_roads(anchors, o);
      ADD_FAILURE() << "no error; expected: " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  RoadGeneratorOptions o;
  o.total_nodes = 10;
  expect_error({}, o, "no places to connect");
  o.total_nodes = 2;
  expect_error(region(5, 1, 1), o, "2 nodes are fewer than the 6 distinct places");
  auto bad_parent = region(5, 1, 1);
  bad_parent[0].parent = 99;
  o.total_nodes = 50;
  expect_error(bad_parent, o, "place 0 has a parent that is not another place");
  o.detour_min = 1.3, o.detour_max = 1.2;
  expect_error(region(5, 1, 1), o, "detour factors");
}

}  // namespace
}  // namespace siaga::geo
