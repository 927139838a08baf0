// Routing benchmarks: single-source Dijkstra, dense travel tables and k-nearest-source lists on
// synthetic grid-like road graphs of about 1,000, 10,000 and 100,000 nodes.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "siaga/geo/road_graph.hpp"
#include "siaga/geo/travel_table.hpp"

namespace {

using siaga::Tick;
using namespace siaga::geo;

// A square grid of about `nodes` nodes, 150 m apart, shaped like a rural road network: an arterial
// every 20th row and column, a collector every 5th, village roads between; 4% of links are trails,
// 3% oneway, 5% missing. Lengths are 150 m stretched by up to 40% for bends. Fixed seed.
std::unique_ptr<RoadGraph> make_grid(std::int64_t nodes) {
  const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(nodes))));
  std::mt19937_64 rng(static_cast<std::uint64_t>(side));
  std::vector<GeoPoint> points;
  points.reserve(static_cast<std::size_t>(side) * static_cast<std::size_t>(side));
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) points.push_back({-8.0 + 0.00135 * y, 112.0 + 0.00136 * x});
  std::vector<RoadEdge> edges;
  auto id = [side](int x, int y) { return static_cast<std::uint32_t>(y * side + x); };
  auto add = [&](std::uint32_t a, std::uint32_t b, int line) {
    const std::uint64_t r = rng() % 100;
    if (r < 5) return;
    RoadClass c = line % 20 == 0  ? RoadClass::kArterial
                  : line % 5 == 0 ? RoadClass::kCollector
                                  : RoadClass::kVillage;
    if (c == RoadClass::kVillage && r < 9) c = RoadClass::kTrail;
    const double length = 150.0 * (1.0 + static_cast<double>(rng() % 400) / 1000.0);
    edges.push_back({a, b, length, c, r >= 97});
  };
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      if (x + 1 < side) add(id(x, y), id(x + 1, y), y);
      if (y + 1 < side) add(id(x, y), id(x, y + 1), x);
    }
  return std::make_unique<RoadGraph>(std::move(points), edges, default_speeds());
}

// Graphs are built once per size and shared by the benchmarks (building is not what is measured).
const RoadGraph& grid(std::int64_t nodes) {
  static std::map<std::int64_t, std::unique_ptr<RoadGraph>> cache;
  auto& g = cache[nodes];
  if (!g) g = make_grid(nodes);
  return *g;
}

// Spread-out nodes, picked by a fixed stride so every run uses the same ones.
std::vector<std::uint32_t> spread(const RoadGraph& g, std::size_t count) {
  std::vector<std::uint32_t> out;
  const std::size_t stride = g.node_count() / count;
  for (std::size_t i = 0; i < count; ++i) out.push_back(static_cast<std::uint32_t>(i * stride + stride / 2));
  return out;
}

std::vector<TravelSource> mixed_sources(const RoadGraph& g, std::size_t count) {
  std::vector<TravelSource> sources;
  for (const std::uint32_t n : spread(g, count))
    sources.push_back(
        {n, static_cast<Vehicle>(1 + sources.size() % 3), static_cast<Tick>(sources.size() % 4) * 60'000});
  return sources;
}

// One full single-source search per iteration (no cutoff), motorbike; items = nodes settled.
void BM_DijkstraSingleSource(benchmark::State& state) {
  const RoadGraph& g = grid(state.range(0));
  const std::vector<std::uint32_t> sources = spread(g, 16);
  std::vector<Tick> out(g.node_count());
  DijkstraWorkspace ws;
  std::size_t i = 0;
  std::int64_t settled = 0;
  for (auto _ : state) {
    const PathSource s{sources[i++ % sources.size()], 0};
    g.shortest_times({&s, 1}, Vehicle::kMotorbike, siaga::kNever, out, ws);
    benchmark::DoNotOptimize(out.data());
    settled += static_cast<std::int64_t>(ws.settled());
  }
  state.SetItemsProcessed(settled);
  state.counters["nodes"] = static_cast<double>(g.node_count());
}
BENCHMARK(BM_DijkstraSingleSource)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

// A dense table of 32 sources (motorbike, car, truck; staggered starts) to every 8th node, on all
// cores; items = table entries.
void BM_TravelTableBuild(benchmark::State& state) {
  const RoadGraph& g = grid(state.range(0));
  const std::vector<TravelSource> sources = mixed_sources(g, 32);
  const std::vector<std::uint32_t> targets = spread(g, g.node_count() / 8);
  for (auto _ : state) {
    const TravelTable table(g, sources, targets);
    benchmark::DoNotOptimize(table.matrix().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sources.size() * targets.size()));
  state.counters["sources"] = static_cast<double>(sources.size());
  state.counters["targets"] = static_cast<double>(targets.size());
}
BENCHMARK(BM_TravelTableBuild)
    ->Arg(1'000)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Province proportions scaled down tenfold in sources and targets (900 x 12,000 on 100,000 nodes),
// k = 5 within 30 minutes; items = sources searched.
void BM_NearestSourcesBuild(benchmark::State& state) {
  const RoadGraph& g = grid(state.range(0));
  const std::vector<TravelSource> sources = mixed_sources(g, g.node_count() / 111);
  const std::vector<std::uint32_t> targets = spread(g, g.node_count() * 12 / 100);
  std::size_t kept = 0;
  for (auto _ : state) {
    const NearestSources nearest(g, sources, targets, 5, 30 * siaga::kTicksPerMinute);
    kept = nearest.size();
    benchmark::DoNotOptimize(kept);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sources.size()));
  state.counters["sources"] = static_cast<double>(sources.size());
  state.counters["targets"] = static_cast<double>(targets.size());
  state.counters["kept"] = static_cast<double>(kept);
}
BENCHMARK(BM_NearestSourcesBuild)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
