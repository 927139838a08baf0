#include "siaga/ingest/road_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <limits>

#include "siaga/core/error.hpp"

namespace siaga::ingest {

std::optional<std::uint32_t> RoadNetwork::find(std::uint64_t osm_id) const noexcept {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].osm_id == osm_id) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

ComponentReport keep_largest_strong_component(RoadNetwork& network) {
  ComponentReport report;
  const std::size_t n = network.nodes.size();
  if (n == 0) return report;
  SIAGA_CHECK(n < std::numeric_limits<std::uint32_t>::max(), "too many road nodes");
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(n);
  for (const NetworkEdge& e : network.edges) boost::add_edge(e.from, e.to, g);
  std::vector<std::size_t> component(n);
  report.components = boost::strong_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::size_t> size(report.components, 0);
  for (const std::size_t c : component) ++size[c];
  // The largest part; among equals the one holding the lowest node, so the choice does not depend
  // on how Boost numbers the parts.
  std::size_t best = component[0];
  for (std::size_t v = 0; v < n; ++v)
    if (size[component[v]] > size[best]) best = component[v];

  std::vector<std::uint32_t> new_index(n, std::numeric_limits<std::uint32_t>::max());
  std::vector<NetworkNode> nodes;
  for (std::size_t v = 0; v < n; ++v) {
    if (component[v] != best) continue;
    new_index[v] = static_cast<std::uint32_t>(nodes.size());
    nodes.push_back(network.nodes[v]);
  }
  std::vector<NetworkEdge> edges;
  for (NetworkEdge& e : network.edges) {
    if (component[e.from] != best || component[e.to] != best) continue;
    e.from = new_index[e.from];
    e.to = new_index[e.to];
    edges.push_back(std::move(e));
  }
  report.kept_nodes = nodes.size();
  report.kept_edges = edges.size();
  report.dropped_nodes = n - nodes.size();
  report.dropped_edges = network.edges.size() - edges.size();
  network.nodes = std::move(nodes);
  network.edges = std::move(edges);
  return report;
}

namespace {

std::vector<geo::RoadEdge> one_way_edges(const RoadNetwork& network) {
  std::vector<geo::RoadEdge> edges;
  edges.reserve(network.edges.size());
  for (const NetworkEdge& e : network.edges) {
    geo::RoadEdge r;
    r.from = e.from;
    r.to = e.to;
    r.length_m = e.length_m;
    r.road_class = e.road_class;
    r.oneway = true;
    r.maxspeed_kmh = e.maxspeed_kmh;
    edges.push_back(r);
  }
  return edges;
}

}  // namespace

geo::RoadGraph to_road_graph(const RoadNetwork& network, const geo::SpeedTable& speeds) {
  std::vector<geo::GeoPoint> points;
  points.reserve(network.nodes.size());
  for (const NetworkNode& n : network.nodes) points.push_back(n.at);
  return geo::RoadGraph(std::move(points), one_way_edges(network), speeds);
}

scenario::Roads to_scenario_roads(const RoadNetwork& network) {
  scenario::Roads roads;
  roads.nodes.reserve(network.nodes.size());
  for (const NetworkNode& n : network.nodes) roads.nodes.push_back({n.osm_id, n.at});
  roads.edges = one_way_edges(network);
  return roads;
}

}  // namespace siaga::ingest
