// The readers on the real data committed under data/ (data/CREDITS.md): the two readings of
// Kecamatan Sukolilo's roads, OSMnx GraphML and OSM XML, give the same travel times, as
// docs/import.md reports from the shared data.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "siaga/geo/road_graph.hpp"
#include "siaga/ingest/road_network.hpp"

namespace siaga::ingest {
namespace {

const std::filesystem::path kData = SIAGA_DATA_DIR;

struct Agreement {
  std::size_t pairs = 0;
  std::size_t within_1s = 0;
  double largest_relative = 0;
};

// Times from `sources` (GraphML node indices) to every GraphML node, on both graphs, by OSM id.
Agreement compare_times(const RoadNetwork& graphml, const RoadNetwork& osm, geo::Vehicle vehicle,
                        std::size_t sources) {
  std::unordered_map<std::uint64_t, std::uint32_t> in_osm;
  for (std::uint32_t i = 0; i < osm.nodes.size(); ++i) in_osm.emplace(osm.nodes[i].osm_id, i);
  const geo::RoadGraph a = to_road_graph(graphml), b = to_road_graph(osm);
  std::vector<Tick> ta(a.node_count()), tb(b.node_count());
  geo::DijkstraWorkspace wa, wb;
  Agreement out;
  for (std::size_t k = 0; k < sources; ++k) {
    const auto s = static_cast<std::uint32_t>(k * graphml.nodes.size() / sources);
    const geo::PathSource from_a{s, 0}, from_b{in_osm.at(graphml.nodes[s].osm_id), 0};
    a.shortest_times({&from_a, 1}, vehicle, kNever, ta, wa);
    b.shortest_times({&from_b, 1}, vehicle, kNever, tb, wb);
    for (std::uint32_t t = 0; t < graphml.nodes.size(); ++t) {
      if (t == s) continue;
      const Tick x = ta[t], y = tb[in_osm.at(graphml.nodes[t].osm_id)];
      ++out.pairs;
      if (std::abs(x - y) <= kTicksPerSecond) ++out.within_1s;
      out.largest_relative = std::max(
          out.largest_relative, std::abs(static_cast<double>(x - y)) / static_cast<double>(std::max(x, y)));
    }
  }
  return out;
}

TEST(CommittedData, SukolilosGraphmlAndOsmXmlGiveTheSameTravelTimes) {
  RoadImport graphml = read_graphml(kData / "roads/surabaya_sukolilo_drive.graphml.gz", "sukolilo.graphml");
  RoadImport osm = read_osm(kData / "roads/surabaya_sukolilo_drive.osm.gz", "sukolilo.osm");
  const ComponentReport g = keep_largest_strong_component(graphml.network);
  const ComponentReport o = keep_largest_strong_component(osm.network);
  EXPECT_EQ(g.kept_nodes, 3020u);
  EXPECT_EQ(o.kept_nodes, 3620u);
  // Every node of the GraphML's largest part is a node of the OSM reading's largest part.
  std::unordered_map<std::uint64_t, std::uint32_t> in_osm;
  for (std::uint32_t i = 0; i < osm.network.nodes.size(); ++i) in_osm.emplace(osm.network.nodes[i].osm_id, i);
  for (const NetworkNode& n : graphml.network.nodes) ASSERT_TRUE(in_osm.contains(n.osm_id)) << n.osm_id;
  // 30 sources spread over the node list, every vehicle that drives: docs/import.md found 99.68%
  // (motorbike) and 99.67% (car) of pairs within 1 s over 100 sources; the rest comes from edges
  // OSMnx joined across ways of several classes, which take one class for the whole edge.
  for (const geo::Vehicle v : {geo::Vehicle::kMotorbike, geo::Vehicle::kCar}) {
    const Agreement a = compare_times(graphml.network, osm.network, v, 30);
    EXPECT_EQ(a.pairs, 30u * 3019u);
    EXPECT_GE(static_cast<double>(a.within_1s) / static_cast<double>(a.pairs), 0.99) << geo::to_string(v);
    EXPECT_LT(a.largest_relative, 0.15) << geo::to_string(v);
  }
  // With one speed on every class, only lengths and topology count: every pair agrees within 1 s.
  geo::SpeedTable flat{};
  for (auto& row : flat) row.fill(30.0);
  RoadNetwork gn = graphml.network, on = osm.network;
  for (auto* n : {&gn, &on})
    for (NetworkEdge& e : n->edges) e.maxspeed_kmh.reset();
  const geo::RoadGraph a = to_road_graph(gn, flat), b = to_road_graph(on, flat);
  std::vector<Tick> ta(a.node_count()), tb(b.node_count());
  geo::DijkstraWorkspace wa, wb;
  for (std::uint32_t s : {0u, 1000u, 2000u}) {
    const geo::PathSource from_a{s, 0}, from_b{in_osm.at(gn.nodes[s].osm_id), 0};
    a.shortest_times({&from_a, 1}, geo::Vehicle::kMotorbike, kNever, ta, wa);
    b.shortest_times({&from_b, 1}, geo::Vehicle::kMotorbike, kNever, tb, wb);
    for (std::uint32_t t = 0; t < gn.nodes.size(); ++t)
      ASSERT_LE(std::abs(ta[t] - tb[in_osm.at(gn.nodes[t].osm_id)]), kTicksPerSecond) << s << " -> " << t;
  }
}

TEST(CommittedData, KotaKedirisGraphmlIsOneStronglyConnectedPart) {
  RoadImport kediri = read_graphml(kData / "roads/kota_kediri_drive.graphml.gz", "kediri.graphml");
  EXPECT_EQ(kediri.network.nodes.size(), 5636u);
  EXPECT_EQ(kediri.network.edges.size(), 14024u);
  const ComponentReport r = keep_largest_strong_component(kediri.network);
  EXPECT_EQ(r.dropped_nodes, 0u);
}

}  // namespace
}  // namespace siaga::ingest
