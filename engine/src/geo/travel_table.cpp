#include "siaga/geo/travel_table.hpp"

#include <atomic>
#include <memory>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
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

// A source that reached a target within the cutoff, not yet known to be among its k nearest.
struct Candidate {
  std::uint32_t target = 0;
  std::uint32_t source = 0;
  Tick time = 0;
};

// Per-thread state of the source searches; the workspace makes each search allocation-free.
struct SearchLocal {
  DijkstraWorkspace ws;
  std::vector<Candidate> found;
};

// The order of a target's list: by time, then by source index (a total order: indices are unique).
bool nearer(const NearestSource& a, const NearestSource& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.source < b.source);
}

// NearestSources processes sources in blocks: search a block in parallel, then fold its candidates
// into each target's kept list. A block's candidate buffer is bounded by about this many entries
// (16 bytes each), so memory stays near what is kept even with a generous cutoff.
constexpr std::size_t kCandidateBudget = std::size_t{1} << 22;
constexpr std::size_t kMinBlock = 32;    // keeps both cores busy within a block
constexpr std::size_t kMaxBlock = 4096;  // keeps the first estimate of a block's yield honest

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
  const TargetsByNode targets(g.node_count(), target_nodes);
  const std::size_t target_count = target_nodes.size();
  truncated_.assign(target_count, 0);
  if (k == 0 || sources.empty() || target_count == 0) return;
  // A target's list was cut when a source within the cutoff did not make it; written from several
  // threads, so each flag is atomic (relaxed: only set, read after the searches join).
  std::unique_ptr<std::atomic<std::uint8_t>[]> cut(new std::atomic<std::uint8_t>[target_count]);
  for (std::size_t t = 0; t < target_count; ++t) cut[t].store(0, std::memory_order_relaxed);

  // kept[t]: target t's best so far, sorted by nearer(), at most k. Read-only while a block is
  // searched, written only while it is merged, so no locks are needed.
  std::vector<std::vector<NearestSource>> kept(target_count);
  std::vector<std::uint32_t> count(target_count, 0);  // candidates per target in this block; 0 between
  std::vector<std::size_t> bucket_end(target_count);  // after the scatter: end of target t's bucket
  std::vector<std::uint32_t> touched;                 // targets with candidates in this block
  std::vector<NearestSource> buckets;                 // this block's candidates, grouped by target
  tbb::enumerable_thread_specific<SearchLocal> search_locals;
  tbb::enumerable_thread_specific<std::vector<NearestSource>> merge_scratch;

  std::size_t block = kMinBlock;
  for (std::size_t begin = 0; begin < sources.size();) {
    const std::size_t end = std::min(sources.size(), begin + block);

    // 1. Search each source of the block; offer every target it reaches that it could still enter.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        SearchLocal& local = search_locals.local();
                        for (std::size_t s = range.begin(); s != range.end(); ++s) {
                          const TravelSource& src = sources[s];
                          const PathSource from{src.node, src.start};
                          const auto source = static_cast<std::uint32_t>(s);
                          for (const ReachedNode& r : g.reach({&from, 1}, src.vehicle, cutoff, local.ws)) {
                            for (const std::uint32_t t : targets.at(r.node)) {
                              // A full list whose last entry is nearer cannot take this source.
                              const std::vector<NearestSource>& list = kept[t];
                              if (list.size() == k && !nearer({source, r.time}, list.back())) {
                                cut[t].store(1, std::memory_order_relaxed);
                                continue;
                              }
                              local.found.push_back({t, source, r.time});
                            }
                          }
                        }
                      });

    // 2. Group the candidates by target (counting sort). Their order inside a group depends on the
    //    thread schedule; the sort in step 3 removes that dependence.
    touched.clear();
    std::size_t total = 0;
    for (const SearchLocal& local : search_locals) {
      for (const Candidate& c : local.found)
        if (count[c.target]++ == 0) touched.push_back(c.target);
      total += local.found.size();
    }
    buckets.resize(total);
    std::size_t next = 0;
    for (const std::uint32_t t : touched) {
      bucket_end[t] = next;
      next += count[t];
    }
    for (SearchLocal& local : search_locals) {
      for (const Candidate& c : local.found) buckets[bucket_end[c.target]++] = {c.source, c.time};
      local.found.clear();
    }

    // 3. Merge each touched target's candidates into its kept list, keeping the k nearest.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, touched.size()),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        std::vector<NearestSource>& merged = merge_scratch.local();
                        for (std::size_t i = range.begin(); i != range.end(); ++i) {
                          const std::uint32_t t = touched[i];
                          const auto last = buckets.begin() + static_cast<std::ptrdiff_t>(bucket_end[t]);
                          const auto first = last - static_cast<std::ptrdiff_t>(count[t]);
                          const auto take = std::min<std::size_t>(k, count[t]);
                          if (kept[t].size() + count[t] > k) cut[t].store(1, std::memory_order_relaxed);
                          const auto mid = first + static_cast<std::ptrdiff_t>(take);
                          if (mid == last) {
                            std::sort(first, last, nearer);
                          } else {
                            std::partial_sort(first, mid, last, nearer);
                          }
                          std::vector<NearestSource>& list = kept[t];
                          merged.clear();
                          auto a = list.begin();
                          auto b = first;
                          while (merged.size() < k && (a != list.end() || b != mid)) {
                            if (b == mid || (a != list.end() && nearer(*a, *b))) {
                              merged.push_back(*a++);
                            } else {
                              merged.push_back(*b++);
                            }
                          }
                          list.assign(merged.begin(), merged.end());
                        }
                      });
    for (const std::uint32_t t : touched) count[t] = 0;

    // 4. Size the next block so its buffer stays near the budget. Later blocks offer fewer
    //    candidates (lists fill up), so blocks grow. The block size cannot change the result.
    const std::size_t per_source = std::max<std::size_t>(1, total / (end - begin));
    block = std::clamp(kCandidateBudget / per_source, kMinBlock, kMaxBlock);
    begin = end;
  }

  for (std::size_t t = 0; t < target_count; ++t) truncated_[t] = cut[t].load(std::memory_order_relaxed);

  // Compact into CSR and let the per-target vectors go.
  for (std::size_t t = 0; t < target_count; ++t) offsets_[t + 1] = offsets_[t] + kept[t].size();
  entries_.reserve(offsets_.back());
  for (std::vector<NearestSource>& list : kept) {
    entries_.insert(entries_.end(), list.begin(), list.end());
    std::vector<NearestSource>().swap(list);
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
