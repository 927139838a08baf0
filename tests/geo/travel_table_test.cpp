#include "siaga/geo/travel_table.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "geo/random_grid.hpp"

namespace siaga::geo {
namespace {

constexpr Tick U = kUnreachable;

using testing::random_grid;

std::vector<TravelSource> random_sources(const RoadGraph& g, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<TravelSource> sources;
  for (std::size_t i = 0; i < n; ++i) {
    // Starts in whole seconds up to 10 minutes, so equal times across sources are common.
    sources.push_back({static_cast<std::uint32_t>(rng() % g.node_count()),
                       static_cast<Vehicle>(rng() % kVehicleCount), static_cast<Tick>(rng() % 600) * 1000});
  }
  sources.push_back({static_cast<std::uint32_t>(g.node_count() - 1), Vehicle::kMotorbike, 0});  // isolated
  return sources;
}

std::vector<std::uint32_t> random_targets(const RoadGraph& g, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint32_t> targets;
  for (std::size_t i = 0; i < n; ++i) targets.push_back(static_cast<std::uint32_t>(rng() % g.node_count()));
  targets.push_back(targets.front());                                 // two targets on one node
  targets.push_back(static_cast<std::uint32_t>(g.node_count() - 1));  // isolated
  return targets;
}

TEST(TravelTable, EqualsPerSourceShortestTimes) {
  const RoadGraph g = random_grid(30, 20, 1);
  const auto sources = random_sources(g, 25, 2);
  const auto targets = random_targets(g, 60, 3);
  for (const Tick cutoff : {kNever, Tick{900'000}}) {
    const TravelTable table(g, sources, targets, cutoff);
    ASSERT_EQ(table.source_count(), sources.size());
    ASSERT_EQ(table.target_count(), targets.size());
    DijkstraWorkspace ws;
    std::vector<Tick> times(g.node_count());
    std::size_t reachable = 0;
    std::size_t unreachable = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const PathSource from{sources[s].node, sources[s].start};
      g.shortest_times({&from, 1}, sources[s].vehicle, cutoff, times, ws);
      for (std::size_t t = 0; t < targets.size(); ++t) {
        ASSERT_EQ(table.at(s, t), times[targets[t]]) << "source " << s << " target " << t;
        ASSERT_EQ(table.row(s)[t], times[targets[t]]);
        (times[targets[t]] == U ? unreachable : reachable)++;
      }
    }
    // The comparison is only meaningful if the table holds both kinds of entries.
    EXPECT_GT(reachable, 0u);
    EXPECT_GT(unreachable, 0u);
  }
}

TEST(TravelTable, IsIdenticalAtOneAndTwoThreads) {
  const RoadGraph g = random_grid(40, 40, 11);
  const auto sources = random_sources(g, 64, 12);
  const auto targets = random_targets(g, 200, 13);
  tbb::task_arena one(1);
  tbb::task_arena two(2);
  const TravelTable::Matrix a = one.execute([&] { return TravelTable(g, sources, targets).matrix(); });
  const TravelTable::Matrix b = two.execute([&] { return TravelTable(g, sources, targets).matrix(); });
  ASSERT_EQ(a.rows(), b.rows());
  ASSERT_EQ(a.cols(), b.cols());
  EXPECT_TRUE(a == b);
}

TEST(TravelTable, CutoffTurnsLongerTimesUnreachable) {
  const RoadGraph g = random_grid(20, 20, 21);
  const auto sources = random_sources(g, 10, 22);
  const auto targets = random_targets(g, 50, 23);
  const TravelTable full(g, sources, targets);
  const Tick cutoff = 600'000;
  const TravelTable cut(g, sources, targets, cutoff);
  std::size_t cut_off = 0;
  for (std::size_t s = 0; s < sources.size(); ++s)
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const Tick f = full.at(s, t);
      EXPECT_EQ(cut.at(s, t), f <= cutoff ? f : U);
      if (f != U && f > cutoff) ++cut_off;
    }
  EXPECT_GT(cut_off, 0u);
}

TEST(TravelTable, EmptySourcesOrTargetsGiveAnEmptyTable) {
  const RoadGraph g = random_grid(5, 5, 31);
  const std::vector<TravelSource> sources{{0, Vehicle::kCar, 0}};
  const std::vector<std::uint32_t> targets{1, 2};
  const TravelTable no_sources(g, {}, targets);
  EXPECT_EQ(no_sources.source_count(), 0u);
  EXPECT_EQ(no_sources.target_count(), 2u);
  const TravelTable no_targets(g, sources, {});
  EXPECT_EQ(no_targets.source_count(), 1u);
  EXPECT_EQ(no_targets.target_count(), 0u);
}

// The hand-checkable line 0 - 1 - 2 of arterial roads, 1000 m each: 90,000 ms per edge by motorbike.
RoadGraph line_graph() {
  const std::vector<RoadEdge> edges{{0, 1, 1000.0, RoadClass::kArterial, false},
                                    {1, 2, 1000.0, RoadClass::kArterial, false}};
  return RoadGraph(std::vector<GeoPoint>(3), edges, default_speeds());
}

std::vector<std::pair<std::uint32_t, Tick>> as_pairs(std::span<const NearestSource> list) {
  std::vector<std::pair<std::uint32_t, Tick>> out;
  for (const NearestSource& n : list) out.emplace_back(n.source, n.time);
  return out;
}

using Pairs = std::vector<std::pair<std::uint32_t, Tick>>;

TEST(NearestSources, SortsByTimeThenSourceIndexAndKeepsK) {
  const RoadGraph g = line_graph();
  // Times to node 1: source 0 (at 2) 90,000; 1 (at 0) 90,000; 2 (at 1, start 90,000) 90,000; 3 (at 1) 0.
  // Times to node 0: 0 180,000; 1 0; 2 180,000; 3 90,000.
  const std::vector<TravelSource> sources{{2, Vehicle::kMotorbike, 0},
                                          {0, Vehicle::kMotorbike, 0},
                                          {1, Vehicle::kMotorbike, 90'000},
                                          {1, Vehicle::kMotorbike, 0}};
  const std::vector<std::uint32_t> targets{1, 0};
  const NearestSources three(g, sources, targets, 3, kNever);
  ASSERT_EQ(three.target_count(), 2u);
  EXPECT_EQ(as_pairs(three.of(0)), (Pairs{{3, 0}, {0, 90'000}, {1, 90'000}}));  // 2 loses the tie
  EXPECT_EQ(as_pairs(three.of(1)), (Pairs{{1, 0}, {3, 90'000}, {0, 180'000}}));
  const NearestSources all(g, sources, targets, 10, kNever);
  EXPECT_EQ(as_pairs(all.of(0)), (Pairs{{3, 0}, {0, 90'000}, {1, 90'000}, {2, 90'000}}));
  EXPECT_EQ(all.size(), 8u);
}

TEST(NearestSources, SourcesTiedEverywhereKeepTheLowestIndicesWhateverOrderTheyAreSearchedIn) {
  // Forty identical sources tie at every node, so the answer is the k lowest indices, even though
  // the later searches find every row full of equal times.
  const RoadGraph g = line_graph();
  const std::vector<TravelSource> sources(40, TravelSource{0, Vehicle::kMotorbike, 0});
  const std::vector<std::uint32_t> targets{0, 1, 2};
  for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{39}, std::size_t{40}}) {
    const NearestSources near(g, sources, targets, k, kNever);
    for (std::size_t t = 0; t < targets.size(); ++t) {
      Pairs want;
      for (std::uint32_t s = 0; s < k; ++s) want.emplace_back(s, 90'000 * static_cast<Tick>(t));
      EXPECT_EQ(as_pairs(near.of(t)), want) << "k " << k << " target " << t;
      EXPECT_EQ(near.truncated(t), k < sources.size());
    }
  }
}

TEST(NearestSources, CarsNearerOnTheRoadDoNotStopAMotorbikeFromTheTrailBeyond) {
  // 0 -arterial- 1 -trail- 2: thirty cars reach node 1 first, but only the motorbike can ride on to
  // node 2, so it must be node 2's nearest even though every car beat it to node 1.
  const std::vector<RoadEdge> edges{{0, 1, 1000.0, RoadClass::kArterial, false},
                                    {1, 2, 500.0, RoadClass::kTrail, false}};
  const RoadGraph g(std::vector<GeoPoint>(3), edges, default_speeds());
  std::vector<TravelSource> sources(30, TravelSource{0, Vehicle::kCar, 0});
  sources.push_back({0, Vehicle::kMotorbike, 1'000});
  const std::vector<std::uint32_t> targets{1, 2};
  const NearestSources near(g, sources, targets, 2, kNever);
  EXPECT_EQ(as_pairs(near.of(0)), (Pairs{{0, 72'000}, {1, 72'000}}));
  EXPECT_TRUE(near.truncated(0));
  EXPECT_EQ(as_pairs(near.of(1)), (Pairs{{30, 1'000 + 90'000 + 180'000}}));
  EXPECT_FALSE(near.truncated(1));
}

TEST(NearestSources, LeavesOutSourcesBeyondTheCutoff) {
  const RoadGraph g = line_graph();
  const std::vector<TravelSource> sources{{2, Vehicle::kMotorbike, 0},
                                          {0, Vehicle::kMotorbike, 0},
                                          {1, Vehicle::kMotorbike, 90'000},
                                          {1, Vehicle::kMotorbike, 0}};
  const std::vector<std::uint32_t> targets{1, 0};
  const NearestSources near(g, sources, targets, 3, 90'000);
  EXPECT_EQ(as_pairs(near.of(0)), (Pairs{{3, 0}, {0, 90'000}, {1, 90'000}}));
  EXPECT_EQ(as_pairs(near.of(1)), (Pairs{{1, 0}, {3, 90'000}}));  // 0 and 2 need 180,000
}

TEST(NearestSources, KZeroKeepsNothing) {
  const RoadGraph g = line_graph();
  const std::vector<TravelSource> sources{{2, Vehicle::kMotorbike, 0}};
  const std::vector<std::uint32_t> targets{1, 0, 2};
  const NearestSources none(g, sources, targets, 0, kNever);
  EXPECT_EQ(none.target_count(), 3u);
  EXPECT_EQ(none.size(), 0u);
  for (std::size_t t = 0; t < 3; ++t) EXPECT_TRUE(none.of(t).empty());
}

// The k nearest by the definition: every (time, source) of a target's column of the dense table,
// sorted, the first k.
Pairs expected_nearest(const TravelTable& table, std::size_t target, std::size_t k) {
  std::vector<std::pair<Tick, std::uint32_t>> all;
  for (std::size_t s = 0; s < table.source_count(); ++s)
    if (table.at(s, target) != U) all.emplace_back(table.at(s, target), static_cast<std::uint32_t>(s));
  std::sort(all.begin(), all.end());
  Pairs out;
  for (std::size_t i = 0; i < std::min(k, all.size()); ++i) out.emplace_back(all[i].second, all[i].first);
  return out;
}

TEST(NearestSources, MatchesTheSortedDenseTable) {
  // 300 sources: more than the first search block, so lists are merged across blocks.
  const RoadGraph g = random_grid(30, 30, 41);
  auto sources = random_sources(g, 300, 42);
  const auto targets = random_targets(g, 80, 43);
  // Pairs of identical sources standing on targets: certain ties at time 0 for the order to settle.
  for (std::size_t i = 0; i < 5; ++i)
    for (int copy = 0; copy < 2; ++copy) sources.push_back({targets[i], Vehicle::kFoot, 0});
  for (const Tick cutoff : {kNever, Tick{700'000}}) {
    const TravelTable table(g, sources, targets, cutoff);
    for (const std::size_t k : {std::size_t{1}, std::size_t{4}, std::size_t{1000}}) {
      const NearestSources nearest(g, sources, targets, k, cutoff);
      ASSERT_EQ(nearest.target_count(), targets.size());
      std::size_t ties = 0;
      for (std::size_t t = 0; t < targets.size(); ++t) {
        const Pairs got = as_pairs(nearest.of(t));
        ASSERT_EQ(got, expected_nearest(table, t, k)) << "target " << t << " k " << k;
        EXPECT_EQ(nearest.truncated(t), expected_nearest(table, t, k + 1).size() > k) << "target " << t;
        for (std::size_t i = 1; i < got.size(); ++i) ties += got[i].second == got[i - 1].second;
      }
      if (k > 1) {
        EXPECT_GT(ties, 0u);  // equal times occurred, so the tie order was tested
      }
    }
  }
}

// Many sources of one vehicle, so that later blocks of searches are cut short by earlier ones (the
// pruning is exact only within a vehicle), over many graphs full of ties.
TEST(NearestSources, PrunedSearchesKeepTheExactNearestAndTheirCut) {
  std::size_t cut = 0;
  std::size_t whole = 0;
  for (std::uint64_t seed = 0; seed < 24; ++seed) {
    const RoadGraph g = random_grid(24, 24, 100 + seed);
    auto sources = random_sources(g, 500, 200 + seed);
    // Most on motorbikes; starts in whole minutes, so equal times are frequent.
    for (std::size_t s = 0; s < sources.size(); ++s) {
      if (s % 7 != 0) sources[s].vehicle = Vehicle::kMotorbike;
      sources[s].start = sources[s].start / 60'000 * 60'000;
    }
    const auto targets = random_targets(g, 120, 300 + seed);
    const Tick cutoff = seed % 3 == 0 ? kNever : Tick{400'000 + 100'000 * static_cast<Tick>(seed % 5)};
    const TravelTable table(g, sources, targets, cutoff);
    const std::size_t k = 1 + seed % 6;
    const NearestSources nearest(g, sources, targets, k, cutoff);
    for (std::size_t t = 0; t < targets.size(); ++t) {
      ASSERT_EQ(as_pairs(nearest.of(t)), expected_nearest(table, t, k)) << "seed " << seed << " target " << t;
      const bool more = expected_nearest(table, t, k + 1).size() > k;
      ASSERT_EQ(nearest.truncated(t), more) << "seed " << seed << " target " << t;
      (more ? cut : whole)++;
    }
  }
  EXPECT_GT(cut, 100u);
  EXPECT_GT(whole, 24u);  // at least the isolated target in every graph
}

TEST(NearestSources, IsIdenticalAtOneAndTwoThreads) {
  const RoadGraph g = random_grid(40, 40, 51);
  const auto sources = random_sources(g, 400, 52);
  const auto targets = random_targets(g, 300, 53);
  auto flatten = [&](const NearestSources& n) {
    std::vector<std::tuple<std::size_t, std::uint32_t, Tick>> out;
    for (std::size_t t = 0; t < n.target_count(); ++t)
      for (const NearestSource& e : n.of(t)) out.emplace_back(t, e.source, e.time);
    return out;
  };
  tbb::task_arena one(1);
  tbb::task_arena two(2);
  const auto a = one.execute([&] { return flatten(NearestSources(g, sources, targets, 5, 1'500'000)); });
  const auto b = two.execute([&] { return flatten(NearestSources(g, sources, targets, 5, 1'500'000)); });
  EXPECT_GT(a.size(), targets.size());
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace siaga::geo
