#pragma once
// Precomputed travel times from many sources (posts, units) to many targets (villages, TPS), built
// once per model in parallel and then read by every replication.
//
// Both tables are computed with TBB and are identical bit for bit for any thread count: searches
// are integer, TravelTable's rows are independent, and NearestSources keeps, per target, the k
// smallest (time, source index) pairs, a total order whose answer does not depend on the order in
// which candidates arrive (nor on which searches its pruning cut short: see the constructor).

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "siaga/core/time.hpp"
#include "siaga/geo/road_graph.hpp"
#include "siaga/geo/road_types.hpp"

namespace siaga::geo {

/// A source of travel: where it starts, how it moves, and an offset (ms, e.g. mobilisation) added to
/// every time from it. Precondition: start >= 0.
struct TravelSource {
  std::uint32_t node = 0;
  Vehicle vehicle = Vehicle::kMotorbike;
  Tick start = 0;  ///< ms
};

/// Dense travel times (ms), sources x targets, for small source sets (a kabupaten's posts).
class TravelTable {
 public:
  /// Row-major storage: one source's times to all targets are contiguous.
  using Matrix = Eigen::Matrix<Tick, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  /// Computes at(s, t) = sources[s].start + shortest time for sources[s].vehicle from sources[s].node
  /// to target_nodes[t], or kUnreachable if none or above `cutoff` (ms, inclusive). Precondition:
  /// nodes < g.node_count(), starts >= 0.
  TravelTable(const RoadGraph& g, std::span<const TravelSource> sources,
              std::span<const std::uint32_t> target_nodes, Tick cutoff = kNever);

  /// Number of sources (rows).
  std::size_t source_count() const noexcept { return static_cast<std::size_t>(times_.rows()); }
  /// Number of targets (columns).
  std::size_t target_count() const noexcept { return static_cast<std::size_t>(times_.cols()); }
  /// Travel time (ms) from a source to a target, kUnreachable if none. Precondition: indices in range.
  Tick at(std::size_t source, std::size_t target) const noexcept {
    return times_(static_cast<Eigen::Index>(source), static_cast<Eigen::Index>(target));
  }
  /// One source's times (ms) to every target, in target order.
  std::span<const Tick> row(std::size_t source) const noexcept {
    return {times_.data() + source * target_count(), target_count()};
  }
  /// The whole table (ms).
  const Matrix& matrix() const noexcept { return times_; }

 private:
  Matrix times_;
};

/// One of a target's nearest sources: its index in the sources span and its travel time (ms).
struct NearestSource {
  std::uint32_t source = 0;
  Tick time = 0;  ///< ms
};

/// For each target, its k nearest sources within a cutoff, sorted by (time, source index). Scales to
/// the country (7,000 sources x 820,000 targets on a million nodes): no dense matrix is formed, each
/// node keeps only its k + 1 nearest so far, and a source's search stops where k + 1 nearer sources
/// are already known, so a node is reached about k (1 + log2(sources / k) / 2) times per vehicle
/// (about 20 on the national preset), not once per source within the cutoff.
class NearestSources {
 public:
  /// Computes the lists. Times include each source's start offset; `cutoff` (ms) is inclusive.
  /// Sources whose times tie are ordered by index, so the lowest indices win the last places.
  /// Times above 2^32 - 1 ms (49.7 days) count as beyond the cutoff. Memory while it runs: 8 (k + 1)
  /// bytes per node (and per distinct target node when the sources use several vehicles), and 16
  /// bytes per label a block of searches finds.
  /// Precondition: nodes < g.node_count(), starts >= 0, fewer than 2^32 - 1 sources.
  NearestSources(const RoadGraph& g, std::span<const TravelSource> sources,
                 std::span<const std::uint32_t> target_nodes, std::size_t k, Tick cutoff);

  /// Number of targets.
  std::size_t target_count() const noexcept { return offsets_.size() - 1; }
  /// A target's nearest sources, at most k, nearest first. Precondition: target < target_count().
  std::span<const NearestSource> of(std::size_t target) const noexcept {
    return {entries_.data() + offsets_[target], entries_.data() + offsets_[target + 1]};
  }
  /// Total number of (target, source) pairs kept.
  std::size_t size() const noexcept { return entries_.size(); }
  /// Whether more sources than k lay within the cutoff of the target, so that the count, not the
  /// cutoff, ended its list.
  bool truncated(std::size_t target) const noexcept { return truncated_[target] != 0; }
  /// Every pair kept, target after target (entry i of the whole list; of(t) is a slice of it).
  std::span<const NearestSource> entries() const noexcept { return entries_; }

 private:
  std::vector<std::size_t> offsets_;     // CSR: target t's list is entries_[offsets_[t], offsets_[t + 1])
  std::vector<NearestSource> entries_;   // all lists, target by target
  std::vector<std::uint8_t> truncated_;  // per target
};

/// The way back for every pair `nearest` kept: entry i (in entries() order) is the time (ms) from
/// the target's node to its source's node by the source's vehicle, searched on `reversed` (the road
/// graph with every one-way edge turned round) from the source, kUnreachable beyond `cutoff`.
std::vector<Tick> return_times(const RoadGraph& reversed, std::span<const TravelSource> sources,
                               std::span<const std::uint32_t> target_nodes, const NearestSources& nearest,
                               Tick cutoff);

}  // namespace siaga::geo
