#include "siaga/geo/road_graph.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "siaga/core/error.hpp"

namespace siaga::geo {

// Why not boost::dijkstra_shortest_paths: the graph is Boost.Graph's CSR graph, but the search is
// written here on its out_edges()/target() interface. Boost 1.74's Dijkstra variants each allocate
// per call (the heap's index_in_heap array of node_count() entries, built with scoped_array, and the
// heap's vector), so a query cannot be allocation-free with a reusable workspace; they can stop at
// a cutoff only by throwing from a visitor; the multi-source form (sources whose preset distances
// act as offsets) exists only in the colour-map variant, whose colour and distance maps must be
// initialised over every node on each call, which is what reach() avoids (9,000 small searches on 100,000
// nodes). A 4-ary heap with lazy deletion, kept in the workspace, does all of this in about 60 lines.

namespace {

// Arc bundle: which road edge (index into the constructor's span) an arc was made from.
struct Arc {
  std::uint32_t road_edge = 0;
};

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc, boost::no_property,
                                               std::uint32_t, std::uint32_t>;

using detail::HeapEntry;

// 4-ary min-heap on time in a plain vector: half the depth of a binary heap, the four 16-byte
// children of a node share one cache line, and sifting moves a hole instead of swapping.
constexpr std::size_t kArity = 4;

void heap_push(std::vector<HeapEntry>& h, HeapEntry e) {
  std::size_t hole = h.size();
  h.push_back(e);
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (h[parent].time <= e.time) break;
    h[hole] = h[parent];
    hole = parent;
  }
  h[hole] = e;
}

HeapEntry heap_pop(std::vector<HeapEntry>& h) noexcept {
  const HeapEntry top = h.front();
  const HeapEntry last = h.back();
  h.pop_back();
  const std::size_t n = h.size();
  if (n == 0) return top;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c)
      if (h[c].time < h[best].time) best = c;
    if (h[best].time >= last.time) break;
    h[hole] = h[best];
    hole = best;
  }
  h[hole] = last;
  return top;
}

// Times never reach kNever, so kUnreachable stays unambiguous even with an unbounded cutoff.
constexpr Tick kMaxCutoff = kNever - 1;

}  // namespace

struct RoadGraph::Impl {
  Csr graph;
  std::array<std::vector<Tick>, kVehicleCount> arc_time;  // ms per arc (CSR edge index); kNever: impassable
};

Tick edge_time(double length_m, double speed_kmh) noexcept {
  if (!(speed_kmh > 0.0)) return kNever;
  const double ms = length_m / (speed_kmh / 3.6) * 1000.0;
  // 2^62 ms (146 million years) is beyond any cutoff, and below it the conversion cannot overflow.
  if (!(ms < 0x1p62)) return kNever;
  return static_cast<Tick>(std::llround(ms));
}

RoadGraph::RoadGraph(std::vector<GeoPoint> nodes, std::span<const RoadEdge> edges, const SpeedTable& speeds)
    : nodes_(std::move(nodes)), edge_count_(edges.size()), speeds_(speeds) {
  SIAGA_CHECK(nodes_.size() < std::numeric_limits<std::uint32_t>::max(), "too many road nodes");
  SIAGA_CHECK(edges.size() < (std::size_t{1} << 31), "too many road edges");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::vector<Arc> bundles;
  arcs.reserve(2 * edges.size());
  bundles.reserve(2 * edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const RoadEdge& e = edges[i];
    SIAGA_CHECK(e.from < nodes_.size() && e.to < nodes_.size(), "road edge names a node that does not exist");
    const Arc bundle{static_cast<std::uint32_t>(i)};
    arcs.emplace_back(e.from, e.to);
    bundles.push_back(bundle);
    if (!e.oneway) {
      arcs.emplace_back(e.to, e.from);
      bundles.push_back(bundle);
    }
  }
  auto impl = std::make_shared<Impl>();
  impl->graph = Csr(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), bundles.begin(),
                    static_cast<std::uint32_t>(nodes_.size()));
  const Csr& g = impl->graph;
  for (auto& times : impl->arc_time) times.assign(boost::num_edges(g), kNever);
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const std::size_t arc = boost::get(boost::edge_index, g, *it);
    const RoadEdge& e = edges[g[*it].road_edge];
    const auto& row = speeds_[static_cast<std::size_t>(e.road_class)];
    for (std::size_t v = 0; v < kVehicleCount; ++v) {
      // A speed limit binds drivers and riders; a walker is far below any posted limit anyway.
      const bool capped = e.maxspeed_kmh && static_cast<Vehicle>(v) != Vehicle::kFoot;
      impl->arc_time[v][arc] = edge_time(e.length_m, capped ? std::min(row[v], *e.maxspeed_kmh) : row[v]);
    }
  }
  impl_ = std::move(impl);
}

namespace {

// The search proper. `dist` maps a node to its best time so far (kUnreachable if none) and is
// already seeded with the sources, which are in `heap`. `on_settle(node, time)` is called once per
// node in non-decreasing time order. Nothing beyond `cutoff`, or beyond `limit(node)` at a node, is
// ever pushed, so the search ends by itself when the heap empties: no visitor has to throw to stop it.
template <class Dist, class Limit, class OnSettle>
std::size_t run_dijkstra(const Csr& g, const Tick* arc_time, std::vector<HeapEntry>& heap, Dist&& dist,
                         Tick cutoff, Limit&& limit, OnSettle&& on_settle) {
  std::size_t settled = 0;
  while (!heap.empty()) {
    const HeapEntry top = heap_pop(heap);
    // Lazy deletion: a node is pushed again whenever its time improves; the older entries are stale.
    // Times only ever strictly improve, so exactly one entry per node matches.
    if (top.time != dist(top.node)) continue;
    ++settled;
    if constexpr (std::is_same_v<decltype(on_settle(top.node, top.time)), bool>) {
      if (on_settle(top.node, top.time)) return settled;  // the caller has what it needs
    } else {
      on_settle(top.node, top.time);
    }
    // room >= 0 because top.time <= cutoff; comparing against it avoids overflow on kNever arcs.
    const Tick room = cutoff - top.time;
    for (auto [it, end] = boost::out_edges(top.node, g); it != end; ++it) {
      const Tick w = arc_time[boost::get(boost::edge_index, g, *it)];
      if (w > room) continue;  // impassable (kNever) or beyond the cutoff
      const Tick t = top.time + w;
      const std::uint32_t v = boost::target(*it, g);
      Tick& best = dist(v);
      if (t < best && t <= limit(v)) {
        best = t;
        heap_push(heap, HeapEntry{t, v});
      }
    }
  }
  return settled;
}

// The limit of a search without per-node limits: the cutoff alone decides.
constexpr auto kNoLimit = [](std::uint32_t) { return kMaxCutoff; };

// Seeds the heap from the sources; `dist(node)` gives a reference to the node's best time.
template <class Dist, class Limit>
void seed(std::span<const PathSource> sources, std::size_t node_count, Tick cutoff,
          std::vector<HeapEntry>& heap, Dist&& dist, Limit&& limit) {
  heap.clear();
  for (const PathSource& s : sources) {
    SIAGA_CHECK(s.node < node_count, "path source names a node that does not exist");
    SIAGA_CHECK(s.start >= 0, "path source starts before time 0");
    if (s.start > cutoff || s.start > limit(s.node)) continue;
    Tick& best = dist(s.node);
    if (s.start < best) {
      best = s.start;
      heap_push(heap, HeapEntry{s.start, s.node});
    }
  }
}

}  // namespace

void RoadGraph::shortest_times(std::span<const PathSource> sources, Vehicle vehicle, Tick cutoff,
                               std::span<Tick> out, DijkstraWorkspace& ws) const {
  SIAGA_CHECK(out.size() == node_count(), "shortest_times: out must have one entry per node");
  std::fill(out.begin(), out.end(), kUnreachable);
  ws.settled_ = 0;
  if (cutoff < 0) return;
  cutoff = std::min(cutoff, kMaxCutoff);
  // `out` itself is the distance array: it has to be filled anyway, so the workspace needs no copy.
  Tick* dist = out.data();
  auto at = [dist](std::uint32_t v) -> Tick& { return dist[v]; };
  seed(sources, node_count(), cutoff, ws.heap_, at, kNoLimit);
  ws.settled_ = run_dijkstra(impl_->graph, impl_->arc_time[static_cast<std::size_t>(vehicle)].data(),
                             ws.heap_, at, cutoff, kNoLimit, [](std::uint32_t, Tick) {});
}

void RoadGraph::begin_search(DijkstraWorkspace& ws) const {
  ws.reached_.clear();
  ws.settled_ = 0;
  // dist_ is all kUnreachable between searches and only grows, so a search costs what it reaches,
  // not node_count(). If a previous search was interrupted (bad_alloc), start clean.
  if (!ws.dist_clean_ || ws.dist_.size() < node_count()) {
    ws.dist_.assign(std::max(ws.dist_.size(), node_count()), kUnreachable);
    ws.wanted_.assign(ws.dist_.size(), 0);
  }
  ws.dist_clean_ = false;
}

void RoadGraph::end_search(DijkstraWorkspace& ws) const {
  // Every node given a time was settled or still has an entry in the heap (a search stopped
  // early): resetting both restores the all-kUnreachable state.
  for (const ReachedNode& r : ws.reached_) ws.dist_[r.node] = kUnreachable;
  for (const HeapEntry& e : ws.heap_) ws.dist_[e.node] = kUnreachable;
  ws.heap_.clear();
  ws.dist_clean_ = true;
}

std::span<const ReachedNode> RoadGraph::reach(std::span<const PathSource> sources, Vehicle vehicle,
                                              Tick cutoff, DijkstraWorkspace& ws) const {
  return reach_within(sources, {}, vehicle, cutoff, ws);
}

std::span<const ReachedNode> RoadGraph::reach_within(std::span<const PathSource> sources,
                                                     std::span<const Tick> limit, Vehicle vehicle,
                                                     Tick cutoff, DijkstraWorkspace& ws) const {
  SIAGA_CHECK(limit.empty() || limit.size() == node_count(), "reach_within: one limit per node, or none");
  begin_search(ws);
  if (cutoff < 0) {
    end_search(ws);
    return {};
  }
  cutoff = std::min(cutoff, kMaxCutoff);
  Tick* dist = ws.dist_.data();
  auto at = [dist](std::uint32_t v) -> Tick& { return dist[v]; };
  std::vector<ReachedNode>& reached = ws.reached_;
  const Tick* arc_time = impl_->arc_time[static_cast<std::size_t>(vehicle)].data();
  auto on_settle = [&reached](std::uint32_t v, Tick t) { reached.push_back({v, t}); };
  if (limit.empty()) {
    seed(sources, node_count(), cutoff, ws.heap_, at, kNoLimit);
    ws.settled_ = run_dijkstra(impl_->graph, arc_time, ws.heap_, at, cutoff, kNoLimit, on_settle);
  } else {
    const Tick* lim = limit.data();
    auto at_most = [lim](std::uint32_t v) { return lim[v]; };
    seed(sources, node_count(), cutoff, ws.heap_, at, at_most);
    ws.settled_ = run_dijkstra(impl_->graph, arc_time, ws.heap_, at, cutoff, at_most, on_settle);
  }
  end_search(ws);
  return reached;
}

std::span<const ReachedNode> RoadGraph::reach_targets(std::span<const PathSource> sources,
                                                      std::span<const std::uint32_t> targets, Vehicle vehicle,
                                                      Tick cutoff, DijkstraWorkspace& ws) const {
  begin_search(ws);
  if (cutoff < 0) {
    end_search(ws);
    return {};
  }
  cutoff = std::min(cutoff, kMaxCutoff);
  std::size_t remaining = 0;
  for (const std::uint32_t t : targets) {
    SIAGA_CHECK(t < node_count(), "reach_targets: target node does not exist");
    if (!ws.wanted_[t]) ws.wanted_[t] = 1, ++remaining;
  }
  Tick* dist = ws.dist_.data();
  std::uint8_t* wanted = ws.wanted_.data();
  auto at = [dist](std::uint32_t v) -> Tick& { return dist[v]; };
  seed(sources, node_count(), cutoff, ws.heap_, at, kNoLimit);
  std::vector<ReachedNode>& reached = ws.reached_;
  if (remaining > 0)
    ws.settled_ = run_dijkstra(impl_->graph, impl_->arc_time[static_cast<std::size_t>(vehicle)].data(),
                               ws.heap_, at, cutoff, kNoLimit, [&](std::uint32_t v, Tick t) {
                                 reached.push_back({v, t});
                                 if (!wanted[v]) return false;
                                 wanted[v] = 0;
                                 return --remaining == 0;
                               });
  for (const std::uint32_t t : targets) wanted[t] = 0;
  end_search(ws);
  return reached;
}

Tick RoadGraph::travel_time(std::uint32_t from, std::uint32_t to, Vehicle vehicle) const {
  SIAGA_CHECK(to < node_count(), "travel_time: target node does not exist");
  DijkstraWorkspace ws;
  const PathSource source{from, 0};
  for (const ReachedNode& r : reach({&source, 1}, vehicle, kNever, ws))
    if (r.node == to) return r.time;
  return kUnreachable;
}

}  // namespace siaga::geo
