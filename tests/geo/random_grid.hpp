#pragma once
// A test graph shared by the geo tests: a jittered grid with random classes, lengths, some oneways
// and gaps, plus one isolated node (the last), so that some sources and targets cannot reach each
// other. std::mt19937_64 is fine here: it only makes test input.

#include <random>
#include <utility>
#include <vector>

#include "siaga/geo/road_graph.hpp"

namespace siaga::geo::testing {

/// The nodes and edges of random_grid, for tests that need to know the roads themselves.
struct GridParts {
  std::vector<GeoPoint> nodes;
  std::vector<RoadEdge> edges;
};

inline GridParts random_grid_parts(int width, int height, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  GridParts parts;
  auto id = [width](int x, int y) { return static_cast<std::uint32_t>(y * width + x); };
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) parts.nodes.push_back({-7.5 + 0.002 * y, 112.5 + 0.002 * x});
  auto add = [&](std::uint32_t a, std::uint32_t b) {
    if (rng() % 10 == 0) return;  // a gap
    const auto road_class = static_cast<RoadClass>(rng() % kRoadClassCount);
    const double length = 50.0 + static_cast<double>(rng() % 950'000) / 1000.0;
    const bool oneway = rng() % 8 == 0;
    if (oneway && rng() % 2 == 0) std::swap(a, b);
    parts.edges.push_back({a, b, length, road_class, oneway});
  };
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      if (x + 1 < width) add(id(x, y), id(x + 1, y));
      if (y + 1 < height) add(id(x, y), id(x, y + 1));
    }
  parts.nodes.push_back({-7.0, 113.0});
  return parts;
}

inline RoadGraph random_grid(int width, int height, std::uint64_t seed) {
  GridParts parts = random_grid_parts(width, height, seed);
  return RoadGraph(std::move(parts.nodes), parts.edges, default_speeds());
}

}  // namespace siaga::geo::testing
