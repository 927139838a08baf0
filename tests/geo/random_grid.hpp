#pragma once
// A test graph shared by the geo tests: a jittered grid with random classes, lengths, some oneways
// and gaps, plus one isolated node (the last), so that some sources and targets cannot reach each
// other. std::mt19937_64 is fine here: it only makes test input.

#include <random>
#include <utility>
#include <vector>

#include "siaga/geo/road_graph.hpp"

namespace siaga::geo::testing {

inline RoadGraph random_grid(int width, int height, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<GeoPoint> nodes;
  std::vector<RoadEdge> edges;
  auto id = [width](int x, int y) { return static_cast<std::uint32_t>(y * width + x); };
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) nodes.push_back({-7.5 + 0.002 * y, 112.5 + 0.002 * x});
  auto add = [&](std::uint32_t a, std::uint32_t b) {
    if (rng() % 10 == 0) return;  // a gap
    const auto road_class = static_cast<RoadClass>(rng() % kRoadClassCount);
    const double length = 50.0 + static_cast<double>(rng() % 950'000) / 1000.0;
    const bool oneway = rng() % 8 == 0;
    if (oneway && rng() % 2 == 0) std::swap(a, b);
    edges.push_back({a, b, length, road_class, oneway});
  };
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      if (x + 1 < width) add(id(x, y), id(x + 1, y));
      if (y + 1 < height) add(id(x, y), id(x, y + 1));
    }
  nodes.push_back({-7.0, 113.0});
  return RoadGraph(std::move(nodes), edges, default_speeds());
}

}  // namespace siaga::geo::testing
