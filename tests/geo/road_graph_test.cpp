#include "siaga/geo/road_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <span>
#include <vector>

#include "geo/random_grid.hpp"

// Counts heap allocations, to check that warmed-up searches allocate nothing. Replacing the global
// operator new is the only portable way to observe this; it affects this test binary only. Not
// inlined: GCC 12 would otherwise see malloc'd memory reach free() through `delete` and warn.
namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

[[gnu::noinline]] void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace siaga::geo {
namespace {

constexpr Tick U = kUnreachable;

// The hand-drawn test network, with default_speeds() (km/h: arterial 5/40/50/35, collector
// 5/30/40/30, local 5/25/30/20, village 4/20/20/15, trail 4/10/0/0 for foot/motorbike/car/truck).
// At v km/h a metre takes 3600/v ms, so each edge's time is length * 3600 / v, rounded:
//
//   e0  0 - 1   arterial  1000 m   motorbike 90,000   car  72,000   truck 102,857 (102,857.14)
//   e1  1 - 2   collector 2500 m   motorbike 300,000  car 225,000   truck 300,000
//   e2  0 - 3   trail      600 m   motorbike 216,000  car, truck impassable (speed 0)
//   e3  3 -> 2  village    700 m   motorbike 126,000  car 126,000   truck 168,000   (oneway)
//   e4  2 - 4   local    250.3 m   motorbike 36,043 (36,043.2)  car 30,036  truck 45,054
//   node 5 has no road.
//
// Node 3 is reachable only over the trail (e3 leaves it one way), so cars and trucks never get there.
RoadGraph hand_graph() {
  std::vector<GeoPoint> nodes(6, GeoPoint{-7.6, 112.9});
  const std::vector<RoadEdge> edges{
      {0, 1, 1000.0, RoadClass::kArterial, false}, {1, 2, 2500.0, RoadClass::kCollector, false},
      {0, 3, 600.0, RoadClass::kTrail, false},     {3, 2, 700.0, RoadClass::kVillage, true},
      {2, 4, 250.3, RoadClass::kLocal, false},
  };
  return RoadGraph(std::move(nodes), edges, default_speeds());
}

std::vector<Tick> times_from(const RoadGraph& g, std::vector<PathSource> sources, Vehicle v,
                             Tick cutoff = kNever) {
  std::vector<Tick> out(g.node_count());
  DijkstraWorkspace ws;
  g.shortest_times(sources, v, cutoff, out, ws);
  return out;
}

using testing::random_grid;
using testing::random_grid_parts;

TEST(EdgeTime, IsLengthOverSpeedInMillisecondsRoundedToNearest) {
  EXPECT_EQ(edge_time(1000.0, 40.0), 90'000);   // 1000 m * 3600/40 ms per m
  EXPECT_EQ(edge_time(250.3, 25.0), 36'043);    // 36,043.2 rounds down
  EXPECT_EQ(edge_time(333.33, 40.0), 30'000);   // 29,999.7 rounds up
  EXPECT_EQ(edge_time(1000.0, 35.0), 102'857);  // 102,857.14...
  EXPECT_EQ(edge_time(1000.0, 0.0), kNever);    // impassable
  EXPECT_EQ(edge_time(1e300, 1.0), kNever);     // too long to represent: never arrives
}

TEST(RoadGraph, CountsNodesAndRoadEdgesAsGiven) {
  const RoadGraph g = hand_graph();
  EXPECT_EQ(g.node_count(), 6u);
  EXPECT_EQ(g.edge_count(), 5u);  // undirected edges once, though they are searched both ways
  EXPECT_EQ(g.speeds(), default_speeds());
  EXPECT_EQ(g.node(3).lat, -7.6);
}

TEST(RoadGraph, MotorbikeTimesMatchHandComputation) {
  // 0->1: 90,000. 0->3 over the trail: 216,000. 0->2: min(via 1: 90,000 + 300,000 = 390,000;
  // via the trail and the oneway: 216,000 + 126,000 = 342,000) = 342,000. 0->4: 342,000 + 36,043.
  EXPECT_EQ(times_from(hand_graph(), {{0, 0}}, Vehicle::kMotorbike),
            (std::vector<Tick>{0, 90'000, 342'000, 216'000, 378'043, U}));
}

TEST(RoadGraph, VehicleWithZeroTrailSpeedTakesTheLongWayOrCannotArrive) {
  // Car: 0->1 72,000; 0->2 only via 1: 72,000 + 225,000 = 297,000; 4: 297,000 + 30,036; 3 needs the trail.
  EXPECT_EQ(times_from(hand_graph(), {{0, 0}}, Vehicle::kCar),
            (std::vector<Tick>{0, 72'000, 297'000, U, 327'036, U}));
  // Truck: the long way to 2 is 102,857 + 300,000 = 402,857, slower than the motorbike's 342,000
  // over the trail; 4: 402,857 + 45,054 = 447,911.
  EXPECT_EQ(times_from(hand_graph(), {{0, 0}}, Vehicle::kTruck),
            (std::vector<Tick>{0, 102'857, 402'857, U, 447'911, U}));
  // From the trail's end back to 0 a truck cannot take the 600 m trail and drives round the oneway:
  // 3->2 168,000 + 2->1 300,000 + 1->0 102,857 = 570,857; the motorbike takes the trail: 216,000.
  EXPECT_EQ(hand_graph().travel_time(3, 0, Vehicle::kTruck), 570'857);
  EXPECT_EQ(hand_graph().travel_time(3, 0, Vehicle::kMotorbike), 216'000);
}

TEST(RoadGraph, ASpeedLimitCapsEveryVehicleButNotWalkers) {
  // 1000 m of arterial road: limited to 20 km/h (180,000 ms), and to 100 km/h, above every class
  // speed (motorbike 40: 90,000 ms; car 50: 72,000 ms).
  std::vector<RoadEdge> edges{{0, 1, 1000.0, RoadClass::kArterial, false},
                              {1, 2, 1000.0, RoadClass::kArterial, false}};
  edges[0].maxspeed_kmh = 20.0;
  edges[1].maxspeed_kmh = 100.0;
  const RoadGraph g(std::vector<GeoPoint>(3), edges, default_speeds());
  EXPECT_EQ(g.travel_time(0, 1, Vehicle::kMotorbike), 180'000);
  EXPECT_EQ(g.travel_time(0, 1, Vehicle::kCar), 180'000);
  EXPECT_EQ(g.travel_time(0, 1, Vehicle::kTruck), 180'000);
  EXPECT_EQ(g.travel_time(0, 1, Vehicle::kFoot), 720'000) << "walking at 5 km/h, whatever the limit";
  EXPECT_EQ(g.travel_time(1, 2, Vehicle::kMotorbike), 90'000);
  EXPECT_EQ(g.travel_time(1, 2, Vehicle::kCar), 72'000);
}

TEST(RoadGraph, OnewayEdgesAreNotTravelledBackwards) {
  const RoadGraph g = hand_graph();
  EXPECT_EQ(g.travel_time(3, 2, Vehicle::kMotorbike), 126'000);
  // Back from 2 to 3 goes round: 2->1 300,000, 1->0 90,000, 0->3 216,000.
  EXPECT_EQ(g.travel_time(2, 3, Vehicle::kMotorbike), 606'000);
}

TEST(RoadGraph, CutoffIsInclusiveAndStopsTheSearch) {
  const RoadGraph g = hand_graph();
  std::vector<Tick> out(g.node_count());
  DijkstraWorkspace ws;
  const PathSource from0{0, 0};
  g.shortest_times({&from0, 1}, Vehicle::kMotorbike, 342'000, out, ws);
  EXPECT_EQ(out, (std::vector<Tick>{0, 90'000, 342'000, 216'000, U, U}));
  EXPECT_EQ(ws.settled(), 4u);
  g.shortest_times({&from0, 1}, Vehicle::kMotorbike, 341'999, out, ws);
  EXPECT_EQ(out, (std::vector<Tick>{0, 90'000, U, 216'000, U, U}));  // the 390,000 detour is over too
  EXPECT_EQ(ws.settled(), 3u);
  g.shortest_times({&from0, 1}, Vehicle::kMotorbike, -1, out, ws);
  EXPECT_EQ(out, (std::vector<Tick>(6, U)));
}

TEST(RoadGraph, MultipleSourcesTakeTheBestOffsetPlusTravel) {
  // From 0 (start 100,000): 1 at 190,000, 3 at 316,000, 2 at 442,000. From 4 (start 0): 2 at
  // 36,043, 1 at 336,043, 0 at 426,043. The minimum per node:
  EXPECT_EQ(times_from(hand_graph(), {{0, 100'000}, {4, 0}}, Vehicle::kMotorbike),
            (std::vector<Tick>{100'000, 190'000, 36'043, 316'000, 0, U}));
}

TEST(RoadGraph, ASourceListedTwiceCountsWithItsSmallestOffset) {
  EXPECT_EQ(times_from(hand_graph(), {{0, 50'000}, {0, 10'000}}, Vehicle::kMotorbike),
            (std::vector<Tick>{10'000, 100'000, 352'000, 226'000, 388'043, U}));
}

TEST(RoadGraph, SourceStartingAfterTheCutoffReachesNothing) {
  EXPECT_EQ(times_from(hand_graph(), {{0, 500}}, Vehicle::kMotorbike, 499), (std::vector<Tick>(6, U)));
}

TEST(RoadGraph, NodeWithoutRoadsIsUnreachableAndReachesOnlyItself) {
  const RoadGraph g = hand_graph();
  for (const Vehicle v : {Vehicle::kFoot, Vehicle::kMotorbike, Vehicle::kCar, Vehicle::kTruck}) {
    EXPECT_EQ(g.travel_time(0, 5, v), U);
    EXPECT_EQ(times_from(g, {{5, 7}}, v), (std::vector<Tick>{U, U, U, U, U, 7}));
  }
}

TEST(RoadGraph, ReachListsExactlyTheNodesWithinCutoffInTimeOrder) {
  const RoadGraph g = random_grid(20, 15, 3);
  DijkstraWorkspace ws;
  std::vector<Tick> dense(g.node_count());
  for (const Tick cutoff : {Tick{0}, Tick{200'000}, Tick{1'000'000}, kNever}) {
    for (const Vehicle v : {Vehicle::kFoot, Vehicle::kMotorbike, Vehicle::kCar, Vehicle::kTruck}) {
      const std::vector<PathSource> sources{{17, 5'000}, {140, 0}};
      g.shortest_times(sources, v, cutoff, dense, ws);
      const auto reached = g.reach(sources, v, cutoff, ws);
      std::vector<Tick> from_reach(g.node_count(), U);
      Tick previous = 0;
      for (const ReachedNode& r : reached) {
        EXPECT_GE(r.time, previous);
        previous = r.time;
        EXPECT_EQ(from_reach[r.node], U) << "node listed twice: " << r.node;
        from_reach[r.node] = r.time;
      }
      EXPECT_EQ(from_reach, dense);
      EXPECT_EQ(ws.settled(), reached.size());
    }
  }
}

// The times reach_within defines, by brute force: relax every arc until nothing changes, entering
// a node only within its limit and the cutoff (Bellman-Ford over the roads as given).
std::vector<Tick> limited_times(const testing::GridParts& parts, std::span<const PathSource> sources,
                                const std::vector<Tick>& limit, Vehicle v, Tick cutoff) {
  std::vector<Tick> d(parts.nodes.size(), U);
  for (const PathSource& s : sources)
    if (s.start <= cutoff && s.start <= limit[s.node]) d[s.node] = std::min(d[s.node], s.start);
  const auto& speeds = default_speeds();
  for (bool changed = true; changed;) {
    changed = false;
    auto relax = [&](std::uint32_t a, std::uint32_t b, Tick w) {
      if (d[a] == U || w == kNever) return;
      const Tick t = d[a] + w;
      if (t <= cutoff && t <= limit[b] && t < d[b]) d[b] = t, changed = true;
    };
    for (const RoadEdge& e : parts.edges) {
      const Tick w =
          edge_time(e.length_m, speeds[static_cast<std::size_t>(e.road_class)][static_cast<std::size_t>(v)]);
      relax(e.from, e.to, w);
      if (!e.oneway) relax(e.to, e.from, w);
    }
  }
  return d;
}

TEST(RoadGraph, ReachWithinEntersANodeOnlyWithinItsLimit) {
  const testing::GridParts parts = random_grid_parts(20, 20, 21);
  const RoadGraph g(parts.nodes, parts.edges, default_speeds());
  DijkstraWorkspace ws;
  std::mt19937_64 rng(22);
  std::size_t cut_short = 0;
  for (int i = 0; i < 40; ++i) {
    const std::vector<PathSource> sources{{static_cast<std::uint32_t>(rng() % g.node_count()), 0},
                                          {static_cast<std::uint32_t>(rng() % g.node_count()), 30'000}};
    const Vehicle v = static_cast<Vehicle>(rng() % kVehicleCount);
    const Tick cutoff = i % 2 ? kNever : Tick{900'000};
    const auto free = g.reach(sources, v, cutoff, ws);
    std::vector<Tick> unlimited(g.node_count(), U);
    for (const ReachedNode& r : free) unlimited[r.node] = r.time;
    // Limits around the free times: some nodes closed (-1), some just below or at their time.
    std::vector<Tick> limit(g.node_count(), kNever);
    for (std::size_t n = 0; n < limit.size(); ++n) {
      const auto roll = rng() % 10;
      if (roll == 0) limit[n] = -1;
      if (roll == 1 && unlimited[n] != U) limit[n] = unlimited[n] - 1;
      if (roll == 2 && unlimited[n] != U) limit[n] = unlimited[n];
      if (roll == 3) limit[n] = static_cast<Tick>(rng() % 1'200'000);
    }
    const auto want = limited_times(parts, sources, limit, v, cutoff);
    std::vector<Tick> got(g.node_count(), U);
    Tick previous = 0;
    for (const ReachedNode& r : g.reach_within(sources, limit, v, cutoff, ws)) {
      EXPECT_GE(r.time, previous);
      previous = r.time;
      EXPECT_EQ(got[r.node], U) << "node listed twice: " << r.node;
      got[r.node] = r.time;
    }
    ASSERT_EQ(got, want) << "search " << i;
    cut_short += got != unlimited ? 1 : 0;
  }
  EXPECT_GT(cut_short, 30u) << "the limits changed what most searches found";
  // No limit is the plain search, and the workspace is left clean for it.
  const PathSource s{5, 0};
  std::vector<Tick> plain(g.node_count(), U), within(g.node_count(), U);
  for (const ReachedNode& r : g.reach({&s, 1}, Vehicle::kCar, kNever, ws)) plain[r.node] = r.time;
  for (const ReachedNode& r : g.reach_within({&s, 1}, {}, Vehicle::kCar, kNever, ws)) within[r.node] = r.time;
  EXPECT_EQ(within, plain);
  EXPECT_EQ(plain,
            limited_times(parts, {&s, 1}, std::vector<Tick>(g.node_count(), kNever), Vehicle::kCar, kNever));
}

TEST(RoadGraph, ReachTargetsStopsOnceEveryTargetIsSettledWithTheirFinalTimes) {
  const RoadGraph g = random_grid(30, 30, 5);
  DijkstraWorkspace ws, full_ws;
  std::mt19937_64 rng(8);
  std::size_t stopped_early = 0;
  for (int i = 0; i < 60; ++i) {
    const std::vector<PathSource> sources{{static_cast<std::uint32_t>(rng() % g.node_count()), 0}};
    std::vector<std::uint32_t> targets;
    for (std::size_t k = 0, n = 1 + rng() % 5; k < n; ++k)
      targets.push_back(static_cast<std::uint32_t>(rng() % g.node_count()));
    if (i % 3 == 0) targets.push_back(targets.front());  // a target named twice
    const Vehicle v = static_cast<Vehicle>(rng() % kVehicleCount);
    const Tick cutoff = i % 2 ? kNever : Tick{600'000};
    const auto full = g.reach(sources, v, cutoff, full_ws);
    std::vector<Tick> want(g.node_count(), U);
    for (const ReachedNode& r : full) want[r.node] = r.time;
    const auto part = g.reach_targets(sources, targets, v, cutoff, ws);
    ASSERT_LE(part.size(), full.size());
    std::vector<Tick> got(g.node_count(), U);
    for (std::size_t k = 0; k < part.size(); ++k) {
      EXPECT_EQ(part[k].node, full[k].node) << "a prefix of the whole search, in the same order";
      EXPECT_EQ(part[k].time, full[k].time);
      got[part[k].node] = part[k].time;
    }
    for (const std::uint32_t t : targets) EXPECT_EQ(got[t], want[t]) << "target " << t;
    // It stops right after the last target settles; a target out of reach makes it search all.
    std::size_t last = 0;
    bool all_reached = true;
    for (const std::uint32_t t : targets) {
      const auto it =
          std::find_if(full.begin(), full.end(), [t](const ReachedNode& r) { return r.node == t; });
      if (it == full.end())
        all_reached = false;
      else
        last = std::max(last, static_cast<std::size_t>(it - full.begin()));
    }
    EXPECT_EQ(part.size(), all_reached ? last + 1 : full.size());
    stopped_early += part.size() < full.size() ? 1 : 0;
  }
  EXPECT_GT(stopped_early, 10u) << "searches whose targets are all near end early";
  // The workspace is left clean: a plain search with it gives the same as a fresh one.
  const PathSource s{3, 0};
  const auto again = g.reach({&s, 1}, Vehicle::kMotorbike, kNever, ws);
  const auto fresh = g.reach({&s, 1}, Vehicle::kMotorbike, kNever, full_ws);
  ASSERT_EQ(again.size(), fresh.size());
  for (std::size_t k = 0; k < again.size(); ++k) EXPECT_EQ(again[k].time, fresh[k].time);
}

TEST(RoadGraph, ReusedWorkspaceGivesTheSameTimesAsAFreshOne) {
  const RoadGraph g = random_grid(25, 25, 9);
  DijkstraWorkspace reused;
  std::vector<Tick> a(g.node_count());
  std::mt19937_64 rng(4);
  for (int i = 0; i < 30; ++i) {
    const PathSource s{static_cast<std::uint32_t>(rng() % g.node_count()), static_cast<Tick>(rng() % 1000)};
    const auto v = static_cast<Vehicle>(rng() % kVehicleCount);
    const Tick cutoff = i % 3 == 0 ? kNever : static_cast<Tick>(rng() % 2'000'000);
    // Interleave sparse searches on the same workspace: they must leave nothing behind.
    (void)g.reach({&s, 1}, v, cutoff / 2, reused);
    g.shortest_times({&s, 1}, v, cutoff, a, reused);
    EXPECT_EQ(a, times_from(g, {s}, v, cutoff));
  }
}

TEST(RoadGraph, WarmedUpSearchesAllocateNothing) {
  const RoadGraph g = random_grid(30, 30, 5);
  DijkstraWorkspace ws;
  std::vector<Tick> out(g.node_count());
  const PathSource s{450, 0};
  g.shortest_times({&s, 1}, Vehicle::kMotorbike, kNever, out, ws);
  (void)g.reach({&s, 1}, Vehicle::kMotorbike, kNever, ws);
  const std::size_t before = g_allocations.load();
  g.shortest_times({&s, 1}, Vehicle::kMotorbike, kNever, out, ws);
  const auto reached = g.reach({&s, 1}, Vehicle::kMotorbike, kNever, ws);
  EXPECT_EQ(g_allocations.load(), before);
  EXPECT_GT(reached.size(), 100u);  // the searches did real work
}

TEST(RoadGraph, UndirectedEdgeTimesAreSymmetric) {
  const RoadGraph g = hand_graph();
  for (const Vehicle v : {Vehicle::kMotorbike, Vehicle::kCar}) {
    EXPECT_EQ(g.travel_time(0, 1, v), g.travel_time(1, 0, v));
    EXPECT_EQ(g.travel_time(2, 4, v), g.travel_time(4, 2, v));
  }
}

}  // namespace
}  // namespace siaga::geo
