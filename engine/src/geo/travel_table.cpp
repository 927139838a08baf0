#include "siaga/geo/travel_table.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <limits>

#include "siaga/core/error.hpp"

namespace siaga::geo {
namespace {

// The targets standing at each node (several TPS often share a village's node), in CSR form, so a
// search that reaches a node finds its targets without a pass over all targets.
class TargetsByNode {
 public:
  TargetsByNode(std::size_t node_count, std::span<const std::uint32_t> target_nodes)
      : first_(node_count + 1, 0), targets_(target_nodes.size()) {
    SIAGA_CHECK(target_nodes.size() < std::numeric_limits<std::uint32_t>::max(), "too many targets");
    for (const std::uint32_t n : target_nodes) {
      SIAGA_CHECK(n < node_count, "target names a node that does not exist");
      ++first_[n + 1];
    }
    for (std::size_t n = 0; n < node_count; ++n) first_[n + 1] += first_[n];
    std::vector<std::uint32_t> cursor(first_.begin(), first_.end() - 1);
    for (std::size_t t = 0; t < target_nodes.size(); ++t)
      targets_[cursor[target_nodes[t]]++] = static_cast<std::uint32_t>(t);
  }

  /// The targets (indices into target_nodes) at `node`, in increasing index order.
  std::span<const std::uint32_t> at(std::uint32_t node) const noexcept {
    return {targets_.data() + first_[node], targets_.data() + first_[node + 1]};
  }

 private:
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> targets_;
};

// A label: one source's time to a node, as (time << 32) | source, so that comparing keys orders
// labels by time, then source index: the order of a target's list.
using LabelKey = std::uint64_t;
constexpr LabelKey kNoLabel = std::numeric_limits<LabelKey>::max();

LabelKey label_key(Tick time, std::uint32_t source) noexcept {
  return (static_cast<LabelKey>(time) << 32) | source;
}
Tick label_time(LabelKey key) noexcept { return static_cast<Tick>(key >> 32); }
std::uint32_t label_source(LabelKey key) noexcept { return static_cast<std::uint32_t>(key); }

// Puts `key` into its place in a sorted row of `width` keys, dropping the row's last.
void insert_label(LabelKey* row, std::size_t width, LabelKey key) noexcept {
  std::size_t i = width - 1;
  if (key >= row[i]) return;
  for (; i > 0 && row[i - 1] > key; --i) row[i] = row[i - 1];
  row[i] = key;
}

// The order in which one vehicle's sources are searched: bit-reversed rank, so that the first
// blocks are spread over the whole list (over the whole region, where indices follow geography)
// and later searches find most of the map already held by nearer sources.
std::vector<std::uint32_t> spread_order(const std::vector<std::uint32_t>& members) {
  unsigned bits = 0;
  while ((std::size_t{1} << bits) < members.size()) ++bits;
  std::vector<std::uint32_t> order;
  order.reserve(members.size());
  for (std::size_t i = 0; i < (std::size_t{1} << bits); ++i) {
    std::size_t r = 0;
    for (unsigned b = 0; b < bits; ++b) r |= ((i >> b) & 1U) << (bits - 1 - b);
    if (r < members.size()) order.push_back(members[r]);
  }
  return order;
}

// Each node's nearest labels found so far, at most `width`, sorted; and per node the time a new
// label must not exceed to enter (kNever until the row is full).
class NodeRows {
 public:
  NodeRows(std::size_t node_count, std::size_t width)
      : width_(width), keys_(node_count * width, kNoLabel), limit_(node_count, kNever) {}

  void clear() {
    std::fill(keys_.begin(), keys_.end(), kNoLabel);
    std::fill(limit_.begin(), limit_.end(), kNever);
  }
  // Keeps the smallest keys offered, whatever the order they come in.
  void offer(std::uint32_t node, LabelKey key) noexcept {
    LabelKey* r = keys_.data() + std::size_t{node} * width_;
    insert_label(r, width_, key);
    if (r[width_ - 1] != kNoLabel) limit_[node] = label_time(r[width_ - 1]);
  }
  std::span<const LabelKey> row(std::uint32_t node) const noexcept {
    return {keys_.data() + std::size_t{node} * width_, width_};
  }
  std::span<const Tick> limits() const noexcept { return limit_; }

 private:
  std::size_t width_;
  std::vector<LabelKey> keys_;
  std::vector<Tick> limit_;
};

// A label one search found, to be offered to its node's row after the block.
struct Found {
  std::uint32_t node = 0;
  LabelKey key = 0;
};

// Per-thread state of the source searches; the workspace makes each search allocation-free.
struct SearchLocal {
  DijkstraWorkspace ws;
  std::vector<Found> found;
};

// Sources are searched in blocks, in parallel within a block, against the rows as the earlier
// blocks left them. Small first blocks let pruning start early (the first searches find nothing to
// stop them, and each buffers all it reaches); the block sizes cannot change the result, only how
// much is pruned.
constexpr std::size_t kFirstBlock = 2;
constexpr std::size_t kMaxBlock = 256;

// Fills `rows` with the nearest labels of `members` (sources of one vehicle), each search stopping
// where a row is full of strictly nearer labels.
void fill_rows(const RoadGraph& g, std::span<const TravelSource> sources,
               const std::vector<std::uint32_t>& members, Tick cutoff, NodeRows& rows,
               tbb::enumerable_thread_specific<SearchLocal>& locals) {
  const std::vector<std::uint32_t> order = spread_order(members);
  std::size_t block = kFirstBlock;
  for (std::size_t begin = 0; begin < order.size(); begin += block, block = std::min(2 * block, kMaxBlock)) {
    const std::size_t end = std::min(order.size(), begin + block);
    auto search = [&](const tbb::blocked_range<std::size_t>& range) {
      SearchLocal& local = locals.local();
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        const std::uint32_t s = order[i];
        const PathSource from{sources[s].node, sources[s].start};
        for (const ReachedNode& r :
             g.reach_within({&from, 1}, rows.limits(), sources[s].vehicle, cutoff, local.ws))
          local.found.push_back({r.node, label_key(r.time, s)});
      }
    };
    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 1), search);
    for (SearchLocal& local : locals) {
      for (const Found& f : local.found) rows.offer(f.node, f.key);
      local.found.clear();
    }
  }
}

// Times above this (ms, about 49.7 days) do not fit a label and count as beyond any cutoff.
constexpr Tick kMaxLabelTime = (Tick{1} << 32) - 1;

}  // namespace

TravelTable::TravelTable(const RoadGraph& g, std::span<const TravelSource> sources,
                         std::span<const std::uint32_t> target_nodes, Tick cutoff)
    : times_(static_cast<Eigen::Index>(sources.size()), static_cast<Eigen::Index>(target_nodes.size())) {
  const TargetsByNode targets(g.node_count(), target_nodes);
  const std::size_t target_count = target_nodes.size();
  tbb::enumerable_thread_specific<DijkstraWorkspace> workspaces;
  // One search per source: rows are independent, so the schedule cannot change a result. reach()
  // touches only what the search reaches, so a row costs O(targets + reached), not O(nodes).
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sources.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      DijkstraWorkspace& ws = workspaces.local();
                      for (std::size_t s = range.begin(); s != range.end(); ++s) {
                        const TravelSource& src = sources[s];
                        const PathSource from{src.node, src.start};
                        Tick* row = times_.data() + s * target_count;
                        std::fill(row, row + target_count, kUnreachable);
                        for (const ReachedNode& r : g.reach({&from, 1}, src.vehicle, cutoff, ws))
                          for (const std::uint32_t t : targets.at(r.node)) row[t] = r.time;
                      }
                    });
}

NearestSources::NearestSources(const RoadGraph& g, std::span<const TravelSource> sources,
                               std::span<const std::uint32_t> target_nodes, std::size_t k, Tick cutoff)
    : offsets_(target_nodes.size() + 1, 0) {
  SIAGA_CHECK(sources.size() < std::numeric_limits<std::uint32_t>::max(), "too many sources");
  const std::size_t node_count = g.node_count();
  for (const std::uint32_t n : target_nodes)
    SIAGA_CHECK(n < node_count, "target names a node that does not exist");
  const std::size_t target_count = target_nodes.size();
  truncated_.assign(target_count, 0);
  if (k == 0 || sources.empty() || target_count == 0 || cutoff < 0) return;
  cutoff = std::min(cutoff, kMaxLabelTime);

  // Each node keeps its k + 1 nearest labels found so far: k for the answer, one more to know
  // whether a source within the cutoff was left out. A search stops at a node whose row is full of
  // strictly nearer labels, and that is exact: if k + 1 sources reach node u sooner than source s
  // does, they reach every node beyond u, by the same vehicle, sooner than s does through u. So s
  // is never stopped on a shortest path to a node where it belongs to the k + 1 nearest, and finds
  // its exact time there; its other, longer times lose to nearer labels. The pruning is sound only
  // between sources of one vehicle, so each vehicle's sources fill the rows alone, and a target
  // node's rows of every vehicle are merged.
  const std::size_t width = k + 1;
  std::array<std::vector<std::uint32_t>, kVehicleCount> by_vehicle;
  for (std::size_t s = 0; s < sources.size(); ++s)
    by_vehicle[static_cast<std::size_t>(sources[s].vehicle)].push_back(static_cast<std::uint32_t>(s));
  const auto vehicles =
      std::count_if(by_vehicle.begin(), by_vehicle.end(), [](const auto& group) { return !group.empty(); });
  // With several vehicles, each target node's rows are merged into `merged` as each vehicle ends;
  // with one (most tiers), the rows are the answer.
  constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> slot;  // target node -> its row in `merged`
  std::vector<LabelKey> merged;
  if (vehicles > 1) {
    slot.assign(node_count, kNoSlot);
    std::uint32_t slots = 0;
    for (const std::uint32_t n : target_nodes)
      if (slot[n] == kNoSlot) slot[n] = slots++;
    merged.assign(std::size_t{slots} * width, kNoLabel);
  }

  NodeRows rows(node_count, width);
  tbb::enumerable_thread_specific<SearchLocal> locals;
  bool first = true;
  for (const std::vector<std::uint32_t>& members : by_vehicle) {
    if (members.empty()) continue;
    if (!first) rows.clear();
    first = false;
    fill_rows(g, sources, members, cutoff, rows, locals);
    if (vehicles > 1)
      for (std::size_t n = 0; n < node_count; ++n)
        if (slot[n] != kNoSlot)
          for (const LabelKey key : rows.row(static_cast<std::uint32_t>(n)))
            insert_label(merged.data() + std::size_t{slot[n]} * width, width, key);
  }
  auto answer = [&](std::uint32_t node) {
    return vehicles > 1 ? merged.data() + std::size_t{slot[node]} * width : rows.row(node).data();
  };

  // Every target takes its node's k nearest; a (k + 1)-th within the cutoff means the list was cut.
  for (std::size_t t = 0; t < target_count; ++t) {
    const LabelKey* row = answer(target_nodes[t]);
    std::size_t n = 0;
    while (n < k && row[n] != kNoLabel) ++n;
    offsets_[t + 1] = offsets_[t] + n;
    truncated_[t] = row[k] != kNoLabel ? 1 : 0;
  }
  entries_.reserve(offsets_.back());
  for (std::size_t t = 0; t < target_count; ++t) {
    const LabelKey* row = answer(target_nodes[t]);
    for (std::size_t j = 0; j < offsets_[t + 1] - offsets_[t]; ++j)
      entries_.push_back({label_source(row[j]), label_time(row[j])});
  }
}

}  // namespace siaga::geo

namespace siaga::geo {

std::vector<Tick> return_times(const RoadGraph& reversed, std::span<const TravelSource> sources,
                               std::span<const std::uint32_t> target_nodes, const NearestSources& nearest,
                               Tick cutoff) {
  // Each source's pairs: which entries of `nearest` name it, and the node of their target.
  std::vector<std::size_t> first(sources.size() + 1, 0);
  for (std::size_t t = 0; t < nearest.target_count(); ++t)
    for (const NearestSource& e : nearest.of(t)) ++first[e.source + 1];
  for (std::size_t s = 0; s < sources.size(); ++s) first[s + 1] += first[s];
  std::vector<std::pair<std::size_t, std::uint32_t>> pairs(first.back());  // (entry, target node)
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    std::size_t entry = 0;
    for (std::size_t t = 0; t < nearest.target_count(); ++t)
      for (const NearestSource& e : nearest.of(t)) pairs[next[e.source]++] = {entry++, target_nodes[t]};
  }
  std::vector<Tick> back(first.back(), kUnreachable);
  struct Local {
    DijkstraWorkspace ws;
    std::vector<Tick> at;  // per node: time of the current search, kUnreachable elsewhere
  };
  tbb::enumerable_thread_specific<Local> locals;
  // One search per source on the reversed graph gives every node's time back to it; each entry is
  // written by its source's search only.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, sources.size(), 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      Local& local = locals.local();
                      local.at.resize(reversed.node_count(), kUnreachable);
                      for (std::size_t s = range.begin(); s != range.end(); ++s) {
                        if (first[s] == first[s + 1]) continue;
                        const PathSource from{sources[s].node, 0};
                        const auto reached = reversed.reach({&from, 1}, sources[s].vehicle, cutoff, local.ws);
                        for (const ReachedNode& r : reached) local.at[r.node] = r.time;
                        for (std::size_t i = first[s]; i < first[s + 1]; ++i)
                          back[pairs[i].first] = local.at[pairs[i].second];
                        for (const ReachedNode& r : reached) local.at[r.node] = kUnreachable;
                      }
                    });
  return back;
}

}  // namespace siaga::geo
