#pragma once
// The road network as an immutable graph, and shortest travel times on it.
//
// Times are integer milliseconds end to end: every edge's time per vehicle is rounded once when the
// graph is built, and a path's time is the exact integer sum of its edges. So results do not depend
// on the order in which a search adds things up, and equal times compare equal.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "siaga/core/time.hpp"
#include "siaga/geo/road_types.hpp"

namespace siaga::geo {

/// The travel time reported where no path exists or the time exceeds the cutoff.
inline constexpr Tick kUnreachable = kNever;

/// Where a search starts: a node, and an offset (ms) added to every time from it, e.g. a unit's
/// mobilisation delay. Precondition: start >= 0.
struct PathSource {
  std::uint32_t node = 0;
  Tick start = 0;  ///< ms
};

/// Time (ms) to drive `length_m` metres at `speed_kmh` km/h: round(length_m / (speed_kmh / 3.6) *
/// 1000), the one rounding every edge gets. kNever if speed_kmh <= 0 (impassable) or the time does
/// not fit in a Tick.
Tick edge_time(double length_m, double speed_kmh) noexcept;

/// A node reached by a bounded search, and the time to reach it (ms, source offset included).
struct ReachedNode {
  std::uint32_t node = 0;
  Tick time = 0;  ///< ms
};

namespace detail {
/// One pending node in a search's priority queue.
struct HeapEntry {
  Tick time = 0;  ///< ms
  std::uint32_t node = 0;
};
}  // namespace detail

/// Reusable buffers for shortest-path searches; one per thread. Grows on its first queries and then
/// allocates nothing. Any workspace works with any graph.
class DijkstraWorkspace {
 public:
  /// How many nodes the last search settled (for benchmarks and diagnostics).
  std::size_t settled() const noexcept { return settled_; }

 private:
  friend class RoadGraph;
  std::vector<detail::HeapEntry> heap_;  // 4-ary min-heap on time with lazy deletion
  std::vector<Tick> dist_;               // for reach(): kUnreachable everywhere between searches
  std::vector<ReachedNode> reached_;     // for reach(): the answer of the last search
  std::vector<std::uint8_t> wanted_;     // for reach_targets(): 0 everywhere between searches
  std::size_t settled_ = 0;
  bool dist_clean_ = true;  // false while a reach() runs, so an interrupted one gets cleaned up
};

/// Roads between nodes, with per-vehicle travel times; immutable after construction and shared
/// read-only by all threads. Copies share the same data.
class RoadGraph {
 public:
  /// Builds the graph. Undirected edges are usable both ways, oneway edges only from -> to. An edge
  /// takes round(length_m / (speed_kmh / 3.6) * 1000) ms for a vehicle, where speed_kmh is its
  /// class's speed for the vehicle, capped by the edge's maxspeed_kmh for every vehicle but walking;
  /// a class whose speed is 0 for a vehicle is impassable for it. Precondition (the caller
  /// validates): node indices < nodes.size(), length_m > 0 and finite, speeds finite and >= 0,
  /// maxspeed_kmh > 0 where given, fewer than 2^31 edges.
  RoadGraph(std::vector<GeoPoint> nodes, std::span<const RoadEdge> edges, const SpeedTable& speeds);

  /// Number of nodes.
  std::size_t node_count() const noexcept { return nodes_.size(); }
  /// Number of road edges as given (an undirected edge counts once).
  std::size_t edge_count() const noexcept { return edge_count_; }
  /// Where node `i` is. Precondition: i < node_count().
  const GeoPoint& node(std::uint32_t i) const noexcept { return nodes_[i]; }
  /// The speeds (km/h) the graph was built with.
  const SpeedTable& speeds() const noexcept { return speeds_; }

  /// Multi-source shortest travel times (ms) for `vehicle`: out[v] = min over sources s of
  /// (s.start + time from s.node to v), or kUnreachable where there is no path or that time exceeds
  /// `cutoff` (inclusive: a time equal to the cutoff is kept). Explores nothing beyond the cutoff.
  /// Precondition: out.size() == node_count(), source nodes < node_count(), starts >= 0.
  void shortest_times(std::span<const PathSource> sources, Vehicle vehicle, Tick cutoff, std::span<Tick> out,
                      DijkstraWorkspace& ws) const;

  /// As shortest_times, but touches only what it reaches: returns the nodes within `cutoff` with
  /// their times (ms), in non-decreasing time order. Costs O(reached * log) instead of
  /// O(node_count()), which matters for many small searches on a large graph. The span lives in
  /// `ws` and is valid until ws is used again.
  std::span<const ReachedNode> reach(std::span<const PathSource> sources, Vehicle vehicle, Tick cutoff,
                                     DijkstraWorkspace& ws) const;

  /// As reach, with a limit per node as well: node v counts as reached only at a time (ms) of at most
  /// limit[v], and a node reached later than its limit is neither returned nor searched beyond. So a
  /// search that only has to beat times known from elsewhere stops where it cannot (NearestSources).
  /// An empty `limit` is no limit. Precondition: limit is empty or has node_count() entries.
  std::span<const ReachedNode> reach_within(std::span<const PathSource> sources, std::span<const Tick> limit,
                                            Vehicle vehicle, Tick cutoff, DijkstraWorkspace& ws) const;

  /// As reach, but stops as soon as every node of `targets` is settled: then each target has its
  /// final time, and the search has not paid for the rest of the area within `cutoff` (the nodes
  /// returned are those settled so far, a prefix of what reach() returns). A target not within the
  /// cutoff makes it the same search as reach().
  std::span<const ReachedNode> reach_targets(std::span<const PathSource> sources,
                                             std::span<const std::uint32_t> targets, Vehicle vehicle,
                                             Tick cutoff, DijkstraWorkspace& ws) const;

  /// Shortest travel time (ms) from one node to another, kUnreachable if none. Convenience:
  /// allocates a workspace; use shortest_times() or reach() in loops.
  Tick travel_time(std::uint32_t from, std::uint32_t to, Vehicle vehicle) const;

 private:
  struct Impl;  // the Boost.Graph CSR graph and the per-vehicle arc times; keeps Boost out of here

  // Readies a workspace's node arrays for a bounded search, and restores them after it.
  void begin_search(DijkstraWorkspace& ws) const;
  void end_search(DijkstraWorkspace& ws) const;

  std::vector<GeoPoint> nodes_;
  std::size_t edge_count_ = 0;
  SpeedTable speeds_{};
  std::shared_ptr<const Impl> impl_;
};

}  // namespace siaga::geo
