#pragma once
// A road network as read from OpenStreetMap data, before it becomes a scenario's roads: nodes with
// their OSM ids, and directed edges (one per direction of travel) with length, class and speed
// limit. Read from OSMnx GraphML or from OSM XML/PBF (through libosmium); then reduced to its
// largest strongly connected part, so that every node can reach every other. See docs/import.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "siaga/geo/road_graph.hpp"
#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/scenario.hpp"

namespace siaga::ingest {

/// A node of the network: an OSM node (an intersection, a dead end, or a way's end).
struct NetworkNode {
  std::uint64_t osm_id = 0;  ///< the OpenStreetMap node id
  geo::GeoPoint at;          ///< WGS 84 degrees
};

/// A road from one node to another, travelled from -> to only (a two-way road is two edges).
struct NetworkEdge {
  std::uint32_t from = 0;  ///< index into RoadNetwork::nodes
  std::uint32_t to = 0;    ///< index into RoadNetwork::nodes
  double length_m = 0.0;   ///< along the road, metres (> 0)
  geo::RoadClass road_class = geo::RoadClass::kVillage;
  std::optional<double> maxspeed_kmh;  ///< posted limit, km/h, where tagged
  std::string highway;                 ///< the OSM highway value the class came from
};

/// Nodes and directed edges.
struct RoadNetwork {
  std::vector<NetworkNode> nodes;
  std::vector<NetworkEdge> edges;

  /// The index of the node with this OSM id, or nullopt. Linear: build a map for many look-ups.
  std::optional<std::uint32_t> find(std::uint64_t osm_id) const noexcept;
};

/// A network read from a file, and what of the file was left out or guessed (one problem each,
/// or one per kind with a count), for the caller to print.
struct RoadImport {
  RoadNetwork network;
  std::vector<scenario::Problem> warnings;
};

/// Reads an OSMnx GraphML file (keys declared in <key> elements; node data x, y; edge data length,
/// highway, maxspeed, geometry; OSMnx writes one edge per direction of travel, so a directed graph
/// is taken as it is and an undirected one gets both directions). A `highway` list such as
/// "['residential', 'tertiary']" takes the class of its first kept value (as OSMnx's own speed
/// imputation does); a `maxspeed` list its lowest. Throws ScenarioError with every problem at
/// file:line:column: XML that is not well-formed, undeclared keys, nodes without coordinates,
/// edges to unknown nodes, lengths that are not positive numbers.
RoadImport read_graphml(const std::filesystem::path& file, std::string shown_name);
/// As read_graphml, from GraphML text.
RoadImport parse_graphml(std::string_view text, std::string shown_name);

/// Reads OpenStreetMap XML (.osm, .osm.bz2, .osm.gz) or PBF (.osm.pbf, .pbf) with libosmium. Keeps
/// the ways whose highway value has a road class (road_class_of_highway), splits them at nodes
/// shared with other kept ways and at their ends, and gives each piece its length along the way
/// (geo::distance_m between consecutive nodes), the way's class and maxspeed, and one edge per
/// direction allowed (way_direction). Throws ScenarioError naming file:line:column for XML that is
/// not well-formed, the file for other read errors.
RoadImport read_osm(const std::filesystem::path& file, std::string shown_name);

/// What keep_largest_strong_component removed.
struct ComponentReport {
  std::size_t components = 0;     ///< strongly connected parts found
  std::size_t kept_nodes = 0;     ///< nodes of the largest part
  std::size_t kept_edges = 0;     ///< edges between them
  std::size_t dropped_nodes = 0;  ///< nodes of every other part
  std::size_t dropped_edges = 0;  ///< edges touching a dropped node
};

/// Keeps only the largest strongly connected part (Boost.Graph strong_components; ties go to the part
/// with the lowest node index), so that every place can be reached from every other: dead-end one-way
/// streets and fragments cut off at the extract's border would otherwise leave some TPS unreachable.
/// Node order is kept among the nodes kept.
ComponentReport keep_largest_strong_component(RoadNetwork& network);

/// The network as a road graph: node i is network node i, each edge one-way.
geo::RoadGraph to_road_graph(const RoadNetwork& network,
                             const geo::SpeedTable& speeds = geo::default_speeds());

/// The network as a scenario's roads: node ids are the OSM ids, each edge one-way with its speed
/// limit, default speeds.
scenario::Roads to_scenario_roads(const RoadNetwork& network);

}  // namespace siaga::ingest
