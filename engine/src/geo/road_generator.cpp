#include "siaga/geo/road_generator.hpp"

#include <algorithm>
#include <boost/polygon/voronoi.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>

#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"
#include "siaga/core/random_stream.hpp"

namespace siaga::geo {
namespace {

// What the generator's random streams are for (StreamKey::purpose); entity is the anchor index for
// placement and 0 for the per-edge draws, which run in the final edge order.
constexpr std::uint32_t kPurposePlace = 0x524f'0001;
constexpr std::uint32_t kPurposeDetour = 0x524f'0002;
constexpr std::uint32_t kPurposeTrail = 0x524f'0003;

constexpr double kEarthRadiusM = 6'371'008.8;  // mean radius (IUGG R1)
constexpr double kDegree = std::numbers::pi / 180.0;
// Planar coordinates must stay well inside int32 so that squared distances fit in int64 and Boost's
// exact predicates hold: +-10^9 decimetres is +-100,000 km.
constexpr double kMaxPlanar = 1e9;

using Index = std::uint32_t;

// Equirectangular projection about a reference point: exact enough for generating roads (the
// east-west scale error is below 0.3% over the 2 degrees of latitude of Jawa Timur).
struct Projection {
  double lat0 = 0, lon0 = 0, units_per_deg_x = 0, units_per_deg_y = 0;

  explicit Projection(std::span<const RoadAnchor> anchors) {
    double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
    for (const RoadAnchor& a : anchors) {
      lat_min = std::min(lat_min, a.at.lat), lat_max = std::max(lat_max, a.at.lat);
      lon_min = std::min(lon_min, a.at.lon), lon_max = std::max(lon_max, a.at.lon);
    }
    lat0 = (lat_min + lat_max) / 2, lon0 = (lon_min + lon_max) / 2;
    units_per_deg_y = kEarthRadiusM * kDegree * kPlanarUnitsPerMetre;
    units_per_deg_x = units_per_deg_y * std::cos(lat0 * kDegree);
  }
  PlanarPoint to_plane(GeoPoint p) const {
    const double x = std::round((p.lon - lon0) * units_per_deg_x);
    const double y = std::round((p.lat - lat0) * units_per_deg_y);
    if (!(std::abs(x) < kMaxPlanar && std::abs(y) < kMaxPlanar))
      throw InputError("road generator: the places span too wide a region to project");
    return {static_cast<std::int32_t>(x), static_cast<std::int32_t>(y)};
  }
  GeoPoint to_geo(PlanarPoint p) const {
    return {lat0 + p.y / units_per_deg_y, lon0 + p.x / units_per_deg_x};
  }
};

std::int64_t squared_distance(PlanarPoint a, PlanarPoint b) {
  const std::int64_t dx = std::int64_t{a.x} - b.x, dy = std::int64_t{a.y} - b.y;
  return dx * dx + dy * dy;
}
double distance(PlanarPoint a, PlanarPoint b) {
  return std::sqrt(static_cast<double>(squared_distance(a, b)));
}
std::uint64_t point_key(PlanarPoint p) {
  return (std::uint64_t{static_cast<std::uint32_t>(p.x)} << 32) | static_cast<std::uint32_t>(p.y);
}

// A uniform grid over the plane with one linked list of nodes per occupied cell: answers "is any
// node within r of p" for r up to the cell size in O(1) expected time.
class SpacingGrid {
 public:
  explicit SpacingGrid(double cell_units) : cell_(std::max(1.0, cell_units)) {}
  void insert(PlanarPoint p, Index node) {
    const auto [it, fresh] = head_.try_emplace(cell_key(cell_of(p.x), cell_of(p.y)), node);
    if (next_.size() <= node) next_.resize(node + 1, kEnd);
    next_[node] = fresh ? kEnd : it->second;
    it->second = node;
  }
  bool any_within(PlanarPoint p, double r, const std::vector<PlanarPoint>& points) const {
    const std::int64_t cx = cell_of(p.x), cy = cell_of(p.y);
    const double r2 = r * r;
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = head_.find(cell_key(cx + dx, cy + dy));
        if (it == head_.end()) continue;
        for (Index n = it->second; n != kEnd; n = next_[n])
          if (static_cast<double>(squared_distance(points[n], p)) < r2) return true;
      }
    return false;
  }

 private:
  static constexpr Index kEnd = std::numeric_limits<Index>::max();
  std::int64_t cell_of(std::int32_t v) const { return static_cast<std::int64_t>(std::floor(v / cell_)); }
  static std::uint64_t cell_key(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint64_t>(cy & 0xFFFF'FFFF);
  }
  double cell_;
  std::unordered_map<std::uint64_t, Index> head_;
  std::vector<Index> next_;
};

// One Delaunay edge (a < b) with its squared length; ordered by (length, a, b), a strict total order,
// so "the longest side of a face" is unique and never belongs to the minimum spanning tree.
struct DelaunayEdge {
  Index a = 0, b = 0;
  std::int64_t length2 = 0;
  bool removed = false;  // the longest side of some face (not in the Urquhart graph)
  double detour = 0;     // removed sides: the smallest (other sides' sum / own length) of its faces
  friend bool longer(const DelaunayEdge& x, const DelaunayEdge& y) {
    return std::tie(x.length2, x.a, x.b) > std::tie(y.length2, y.a, y.b);
  }
};

// The Delaunay graph of distinct points (the dual of their Voronoi diagram) and its faces, each a
// list of edge indices (triangles, or polygons where points are cocircular).
struct Delaunay {
  std::vector<DelaunayEdge> edges;
  std::vector<std::vector<Index>> faces;
};

Delaunay delaunay(const std::vector<PlanarPoint>& points, bool with_faces) {
  using VPoint = boost::polygon::point_data<std::int32_t>;
  std::vector<VPoint> sites;
  sites.reserve(points.size());
  for (const PlanarPoint& p : points) sites.emplace_back(p.x, p.y);
  boost::polygon::voronoi_diagram<double> vd;
  boost::polygon::construct_voronoi(sites.begin(), sites.end(), &vd);

  Delaunay d;
  d.edges.reserve(vd.edges().size() / 2);
  for (const auto& e : vd.edges()) {
    const auto i = static_cast<Index>(e.cell()->source_index());
    const auto j = static_cast<Index>(e.twin()->cell()->source_index());
    if (i < j) {
      // Remember the Delaunay edge on both Voronoi half-edges (their colour field) for the faces.
      const auto id = static_cast<std::size_t>(d.edges.size());
      e.color(id);
      e.twin()->color(id);
      d.edges.push_back({i, j, squared_distance(points[i], points[j])});
    }
  }
  if (with_faces) {
    // Each finite Voronoi vertex is a Delaunay face; its incident Voronoi edges are the face's sides.
    d.faces.reserve(vd.vertices().size());
    for (const auto& v : vd.vertices()) {
      std::vector<Index> face;
      const auto* e = v.incident_edge();
      do {
        face.push_back(static_cast<Index>(e->color()));
        e = e->rot_next();
      } while (e != v.incident_edge());
      d.faces.push_back(std::move(face));
    }
  }
  return d;
}

// Union-find over node indices, for the connectivity check.
struct DisjointSets {
  std::vector<Index> parent;
  explicit DisjointSets(std::size_t n) : parent(n) {
    for (std::size_t i = 0; i < n; ++i) parent[i] = static_cast<Index>(i);
  }
  Index find(Index x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  bool unite(Index a, Index b) {
    a = find(a), b = find(b);
    if (a == b) return false;
    parent[std::max(a, b)] = std::min(a, b);
    return true;
  }
};

// Adjacency in compressed rows, for shortest paths by road length.
struct Adjacency {
  std::vector<Index> offset;  // n + 1
  std::vector<Index> edge;    // edge index of each arc
  std::vector<Index> target;

  Adjacency(std::size_t n, const std::vector<RoadEdge>& edges) : offset(n + 1, 0) {
    for (const RoadEdge& e : edges) ++offset[e.from + 1], ++offset[e.to + 1];
    for (std::size_t i = 0; i < n; ++i) offset[i + 1] += offset[i];
    edge.resize(offset[n]);
    target.resize(offset[n]);
    std::vector<Index> fill(offset.begin(), offset.end() - 1);
    for (Index k = 0; k < edges.size(); ++k) {
      const RoadEdge& e = edges[k];
      edge[fill[e.from]] = k, target[fill[e.from]++] = e.to;
      edge[fill[e.to]] = k, target[fill[e.to]++] = e.from;
    }
  }
};

// Dijkstra from one source that stops once every target is settled, reusing its arrays between runs;
// then walks the shortest-path tree back from each target.
class PathFinder {
 public:
  PathFinder(const Adjacency& adj, const std::vector<RoadEdge>& edges)
      : adj_(adj),
        edges_(edges),
        dist_(adj.offset.size() - 1, kInf),
        via_(dist_.size(), kNone),
        wanted_(dist_.size(), 0) {}

  // Shortest paths from `source` until every target is settled (or nothing more can be reached).
  void run(Index source, const std::vector<Index>& targets) {
    for (Index t : touched_) dist_[t] = kInf, via_[t] = kNone;
    touched_.clear();
    source_ = source;
    std::size_t left = 0;
    for (Index t : targets)
      if (t != source && !wanted_[t]) wanted_[t] = 1, ++left;
    using Item = std::pair<double, Index>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    dist_[source] = 0;
    touched_.push_back(source);
    heap.push({0.0, source});
    while (!heap.empty() && left > 0) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d > dist_[u]) continue;
      if (wanted_[u]) wanted_[u] = 0, --left;
      for (Index k = adj_.offset[u]; k < adj_.offset[u + 1]; ++k) {
        const Index v = adj_.target[k];
        const double nd = d + edges_[adj_.edge[k]].length_m;
        if (nd < dist_[v]) {
          if (dist_[v] == kInf) touched_.push_back(v);
          dist_[v] = nd, via_[v] = adj_.edge[k];
          heap.push({nd, v});
        }
      }
    }
    for (Index t : targets) wanted_[t] = 0;
  }

  // Calls mark(edge) for every edge on the path found by the last run() from its source to `target`.
  template <class Mark>
  void walk(Index target, Mark&& mark) const {
    for (Index v = target; v != source_ && via_[v] != kNone;) {
      const RoadEdge& e = edges_[via_[v]];
      mark(via_[v]);
      v = e.from == v ? e.to : e.from;
    }
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  static constexpr Index kNone = std::numeric_limits<Index>::max();
  const Adjacency& adj_;
  const std::vector<RoadEdge>& edges_;
  std::vector<double> dist_;
  std::vector<Index> via_;
  std::vector<char> wanted_;
  std::vector<Index> touched_;
  Index source_ = 0;
};

// Largest-remainder apportionment of `total` items by weights (all zero: equal shares).
std::vector<std::size_t> apportion(std::size_t total, std::span<const double> weights) {
  const std::size_t n = weights.size();
  std::vector<std::size_t> out(n, 0);
  if (n == 0 || total == 0) return out;
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> quota(n);
  for (std::size_t i = 0; i < n; ++i)
    quota[i] = sum > 0 ? static_cast<double>(total) * weights[i] / sum : static_cast<double>(total) / n;
  std::size_t given = 0;
  std::vector<std::pair<double, std::size_t>> remainder(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::size_t>(std::floor(quota[i]));
    given += out[i];
    remainder[i] = {quota[i] - std::floor(quota[i]), i};
  }
  std::sort(remainder.begin(), remainder.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  for (std::size_t k = 0; given < total; ++k, ++given) ++out[remainder[k % n].second];
  return out;
}

void check_input(std::span<const RoadAnchor> anchors, const RoadGeneratorOptions& o) {
  if (anchors.empty()) throw InputError("road generator: no places to connect");
  if (anchors.size() >= std::numeric_limits<Index>::max() / 2)
    throw InputError("road generator: too many places");
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const RoadAnchor& a = anchors[i];
    const std::string where = "road generator: place " + std::to_string(i);
    if (!(a.at.lat >= -90 && a.at.lat <= 90 && a.at.lon >= -180 && a.at.lon <= 180))
      throw InputError(where + " has no valid latitude/longitude");
    if (a.parent != kNoAnchor && (a.parent >= anchors.size() || a.parent == i))
      throw InputError(where + " has a parent that is not another place");
    if (!(a.weight >= 0 && std::isfinite(a.weight))) throw InputError(where + " has a negative weight");
  }
  if (!(o.mean_degree >= 2.0 && o.mean_degree <= 6.0))
    throw InputError("road generator: the mean degree must lie in [2, 6]");
  if (!(o.detour_min >= 1.0 && o.detour_max >= o.detour_min && o.detour_max <= 5.0))
    throw InputError("road generator: detour factors must satisfy 1 <= min <= max <= 5");
  if (!(o.trail_share >= 0 && o.trail_share <= 1))
    throw InputError("road generator: the trail share must lie in [0, 1]");
  if (!(o.spread > 0 && o.min_radius_m > 0 && o.max_radius_m >= o.min_radius_m && o.min_spacing_m >= 0 &&
        std::isfinite(o.spread) && std::isfinite(o.max_radius_m) && std::isfinite(o.min_spacing_m)))
    throw InputError("road generator: spread, radii and spacing must be positive and finite");
}

}  // namespace

GeneratedRoads generate_roads(std::span<const RoadAnchor> anchors, const RoadGeneratorOptions& o) {
  check_input(anchors, o);
  const Projection proj(anchors);
  GeneratedRoads g;

  // 1. Anchors: one node per distinct point.
  std::unordered_map<std::uint64_t, Index> node_at;
  g.anchor_node.resize(anchors.size());
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const PlanarPoint p = proj.to_plane(anchors[i].at);
    const auto [it, fresh] = node_at.try_emplace(point_key(p), static_cast<Index>(g.planar.size()));
    if (fresh) {
      g.planar.push_back(p);
      g.nodes.push_back(anchors[i].at);
      g.node_anchor.push_back(static_cast<Index>(i));
    }
    g.anchor_node[i] = it->second;
  }
  const std::size_t distinct = g.planar.size();
  if (o.total_nodes < distinct)
    throw InputError("road generator: " + std::to_string(o.total_nodes) + " nodes are fewer than the " +
                     std::to_string(distinct) + " distinct places");
  if (o.total_nodes >= std::numeric_limits<Index>::max() / 4)
    throw InputError("road generator: too many nodes");

  // 2. How far each anchor's disc reaches: a share of the distance to its nearest other anchor node
  // (a Delaunay neighbour), clamped.
  std::vector<double> nearest(distinct, std::numeric_limits<double>::infinity());
  if (distinct > 1)
    for (const DelaunayEdge& e : delaunay(g.planar, false).edges) {
      const double d = distance(g.planar[e.a], g.planar[e.b]);
      nearest[e.a] = std::min(nearest[e.a], d), nearest[e.b] = std::min(nearest[e.b], d);
    }

  // 3. Intermediate nodes, apportioned to anchors by weight and scattered uniformly in each disc,
  // never closer than min_spacing to another node.
  std::vector<double> weights(anchors.size());
  for (std::size_t i = 0; i < anchors.size(); ++i) weights[i] = anchors[i].weight;
  const std::vector<std::size_t> quota = apportion(o.total_nodes - distinct, weights);
  const double spacing = o.min_spacing_m * kPlanarUnitsPerMetre;
  SpacingGrid grid(spacing);
  for (Index n = 0; n < distinct; ++n) grid.insert(g.planar[n], n);
  g.planar.reserve(o.total_nodes), g.nodes.reserve(o.total_nodes), g.node_anchor.reserve(o.total_nodes);
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    if (quota[i] == 0) continue;
    RandomStream s({o.seed, 0, i, kPurposePlace});
    const PlanarPoint c = g.planar[g.anchor_node[i]];
    const double reach = std::isfinite(nearest[g.anchor_node[i]]) ? o.spread * nearest[g.anchor_node[i]]
                                                                  : o.max_radius_m * kPlanarUnitsPerMetre;
    const double base =
        std::clamp(reach, o.min_radius_m * kPlanarUnitsPerMetre, o.max_radius_m * kPlanarUnitsPerMetre);
    for (std::size_t k = 0; k < quota[i]; ++k) {
      double radius = base;
      for (int attempt = 1;; ++attempt) {
        const double angle = 2 * std::numbers::pi * s.uniform01();
        const double r = radius * std::sqrt(s.uniform01());
        const double x = std::round(c.x + r * std::cos(angle)), y = std::round(c.y + r * std::sin(angle));
        if (std::abs(x) >= kMaxPlanar || std::abs(y) >= kMaxPlanar) continue;
        const PlanarPoint p{static_cast<std::int32_t>(x), static_cast<std::int32_t>(y)};
        if (!grid.any_within(p, spacing, g.planar) && !node_at.contains(point_key(p))) {
          const auto n = static_cast<Index>(g.planar.size());
          node_at.emplace(point_key(p), n);
          grid.insert(p, n);
          g.planar.push_back(p);
          g.nodes.push_back(proj.to_geo(p));
          g.node_anchor.push_back(static_cast<Index>(i));
          break;
        }
        if (attempt % 16 == 0) radius *= 1.5;  // the disc is crowded: widen it
      }
    }
  }
  const std::size_t n = g.planar.size();

  // 4. The Urquhart graph: drop the longest side of every Delaunay face, remembering how long a detour
  // its face would force instead (the other sides' length over its own).
  std::vector<std::pair<Index, Index>> chosen;
  if (n > 1) {
    Delaunay d = delaunay(g.planar, true);
    for (const std::vector<Index>& face : d.faces) {
      Index longest = face.front();
      double perimeter = 0;
      for (Index e : face) {
        perimeter += std::sqrt(static_cast<double>(d.edges[e].length2));
        if (longer(d.edges[e], d.edges[longest])) longest = e;
      }
      DelaunayEdge& l = d.edges[longest];
      const double own = std::sqrt(static_cast<double>(l.length2));
      const double detour = (perimeter - own) / own;
      l.detour = l.removed ? std::min(l.detour, detour) : detour;
      l.removed = true;
    }
    // 5. Add back removed sides, largest forced detour first, until the mean degree reaches its target;
    // only sides no longer than twice the local road length, so that no road jumps across a gap.
    std::vector<double> local_sum(n, 0.0);
    std::vector<Index> local_count(n, 0);
    for (const DelaunayEdge& e : d.edges)
      if (!e.removed) {
        chosen.emplace_back(e.a, e.b);
        const double len = std::sqrt(static_cast<double>(e.length2));
        local_sum[e.a] += len, local_sum[e.b] += len, ++local_count[e.a], ++local_count[e.b];
      }
    const auto target = static_cast<std::size_t>(std::llround(o.mean_degree * static_cast<double>(n) / 2.0));
    std::vector<Index> extra;
    for (Index k = 0; k < d.edges.size(); ++k) {
      const DelaunayEdge& e = d.edges[k];
      if (!e.removed) continue;
      const double scale = std::max(local_sum[e.a] / std::max<Index>(local_count[e.a], 1),
                                    local_sum[e.b] / std::max<Index>(local_count[e.b], 1));
      if (std::sqrt(static_cast<double>(e.length2)) <= 2.0 * scale) extra.push_back(k);
    }
    std::sort(extra.begin(), extra.end(), [&](Index x, Index y) {
      const DelaunayEdge &ex = d.edges[x], &ey = d.edges[y];
      return ex.detour != ey.detour ? ex.detour > ey.detour : std::tie(ex.a, ex.b) < std::tie(ey.a, ey.b);
    });
    for (std::size_t k = 0; k < extra.size() && chosen.size() < target; ++k)
      chosen.emplace_back(d.edges[extra[k]].a, d.edges[extra[k]].b);
  }
  std::sort(chosen.begin(), chosen.end());

  // 6. Lengths: straight distance times a detour factor drawn per edge.
  {
    RandomStream s({o.seed, 0, 0, kPurposeDetour});
    g.edges.reserve(chosen.size());
    for (const auto& [a, b] : chosen) {
      const double straight_m = distance(g.planar[a], g.planar[b]) / kPlanarUnitsPerMetre;
      const double f = o.detour_max > o.detour_min ? uniform(s, o.detour_min, o.detour_max) : o.detour_min;
      RoadEdge e;
      e.from = a, e.to = b, e.length_m = std::max(0.1, straight_m * f), e.road_class = RoadClass::kVillage;
      g.edges.push_back(e);
    }
  }
  {
    DisjointSets sets(n);
    std::size_t parts = n;
    for (const RoadEdge& e : g.edges) parts -= sets.unite(e.from, e.to);
    SIAGA_CHECK(parts == 1, "the generated road graph must be connected");
  }

  // 7. Classes along shortest paths between the hubs of the hierarchy.
  const Adjacency adj(n, g.edges);
  PathFinder finder(adj, g.edges);
  auto upgrade = [&g](RoadClass c) {
    return [&g, c](Index e) {
      if (static_cast<int>(c) < static_cast<int>(g.edges[e].road_class)) g.edges[e].road_class = c;
    };
  };
  std::vector<Index> kab_hubs, all_hubs;
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    const Index node = g.anchor_node[i];
    if (anchors[i].level == AnchorLevel::kKabupaten) kab_hubs.push_back(node);
    if (anchors[i].level != AnchorLevel::kVillage) all_hubs.push_back(node);
  }
  auto unique_sorted = [](std::vector<Index>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  unique_sorted(kab_hubs), unique_sorted(all_hubs);
  std::vector<char> is_kab(n, 0);
  for (Index h : kab_hubs) is_kab[h] = 1;
  // The neighbours of hubs among hubs: the Urquhart graph of the hub points.
  auto hub_links = [&g](const std::vector<Index>& hubs) {
    std::vector<std::pair<Index, Index>> links;
    if (hubs.size() < 2) return links;
    std::vector<PlanarPoint> points;
    for (Index h : hubs) points.push_back(g.planar[h]);
    Delaunay d = delaunay(points, true);
    for (const std::vector<Index>& face : d.faces) {
      Index longest = face.front();
      for (Index e : face)
        if (longer(d.edges[e], d.edges[longest])) longest = e;
      d.edges[longest].removed = true;
    }
    for (const DelaunayEdge& e : d.edges)
      if (!e.removed) links.emplace_back(hubs[e.a], hubs[e.b]);
    return links;
  };
  // Targets per source node and class, so that one Dijkstra serves every path from a hub.
  std::vector<std::vector<Index>> arterial(n), collector(n), local(n);
  for (const auto& [a, b] : hub_links(kab_hubs)) arterial[a].push_back(b);
  for (const auto& [a, b] : hub_links(all_hubs)) {
    if (is_kab[a] || is_kab[b])
      arterial[is_kab[a] ? a : b].push_back(is_kab[a] ? b : a);
    else
      collector[a].push_back(b);
  }
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    if (anchors[i].parent == kNoAnchor) continue;
    const Index hub = g.anchor_node[anchors[i].parent], self = g.anchor_node[i];
    if (hub == self) continue;
    // Roads run from the hub out to the places that report to it.
    if (anchors[i].level == AnchorLevel::kVillage)
      local[hub].push_back(self);
    else
      collector[hub].push_back(self);
  }
  std::vector<Index> targets;
  for (Index src = 0; src < n; ++src) {
    if (arterial[src].empty() && collector[src].empty() && local[src].empty()) continue;
    targets = arterial[src];
    targets.insert(targets.end(), collector[src].begin(), collector[src].end());
    targets.insert(targets.end(), local[src].begin(), local[src].end());
    finder.run(src, targets);
    for (Index t : arterial[src]) finder.walk(t, upgrade(RoadClass::kArterial));
    for (Index t : collector[src]) finder.walk(t, upgrade(RoadClass::kCollector));
    for (Index t : local[src]) finder.walk(t, upgrade(RoadClass::kLocal));
  }

  // 8. Trails: a share of the remaining village roads, drawn per edge.
  {
    RandomStream s({o.seed, 0, 0, kPurposeTrail});
    for (RoadEdge& e : g.edges)
      if (e.road_class == RoadClass::kVillage && bernoulli(s, o.trail_share))
        e.road_class = RoadClass::kTrail;
  }
  return g;
}

double mean_route_circuity(const GeneratedRoads& g, std::size_t sources, double min_m, double max_m) {
  std::vector<Index> anchors(g.anchor_node.begin(), g.anchor_node.end());
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  if (anchors.size() < 2 || sources == 0 || g.nodes.empty()) return 0.0;
  const Adjacency adj(g.nodes.size(), g.edges);
  PathFinder finder(adj, g.edges);
  double sum = 0;
  std::size_t pairs = 0;
  const std::size_t step = std::max<std::size_t>(1, anchors.size() / sources);
  for (std::size_t i = 0; i < anchors.size() && i / step < sources; i += step) {
    const Index src = anchors[i];
    std::vector<Index> targets;
    for (Index t : anchors) {
      const double straight = distance(g.planar[src], g.planar[t]) / kPlanarUnitsPerMetre;
      if (t != src && straight >= min_m && straight <= max_m) targets.push_back(t);
    }
    if (targets.empty()) continue;
    finder.run(src, targets);
    for (Index t : targets) {
      double road = 0;
      finder.walk(t, [&](Index e) { road += g.edges[e].length_m; });
      sum += road / (distance(g.planar[src], g.planar[t]) / kPlanarUnitsPerMetre);
      ++pairs;
    }
  }
  return pairs ? sum / static_cast<double>(pairs) : 0.0;
}

}  // namespace siaga::geo
