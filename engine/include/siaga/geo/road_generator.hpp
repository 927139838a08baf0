#pragma once
// A synthetic road graph over given places (village centroids, kecamatan and kabupaten centres):
// planar, connected, with rural detours and a road hierarchy. Used where no real road data exists
// (no OpenStreetMap extract is available for Jawa Timur or Jepara; PROVENANCE.md).
//
// How: the places are projected to a plane (equirectangular, decimetres); intermediate nodes are
// scattered in a disc around each place; the Delaunay triangulation of all nodes is taken as the
// dual of Boost.Polygon's Voronoi diagram; the Urquhart graph (Delaunay minus the longest side of
// every face) keeps it sparse, planar and connected (it contains the minimum spanning tree); the
// removed sides whose face would force the longest detour are added back until the mean degree
// reaches its target. Each road is its straight length times a detour factor drawn per edge.
// Classes follow the hierarchy: shortest paths between kabupaten centres (and from a kabupaten centre
// to its neighbouring centres) are arterial, between kecamatan centres and from a kecamatan centre to
// its kabupaten centre collector, from a village to its kecamatan centre local, the rest village
// roads, a share of which are trails. Every draw comes from siaga's random streams: the same anchors,
// options and seed give the same graph on every machine.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "siaga/geo/road_types.hpp"

namespace siaga::geo {

/// Where a place stands in the administrative hierarchy; it decides the class of the roads to it.
enum class AnchorLevel : std::uint8_t { kVillage, kKecamatan, kKabupaten };

/// "No anchor": a place without a parent hub.
inline constexpr std::uint32_t kNoAnchor = 0xFFFF'FFFFu;

/// A place that must lie on the road graph.
struct RoadAnchor {
  GeoPoint at;                                ///< where it is, WGS 84 degrees
  AnchorLevel level = AnchorLevel::kVillage;  ///< village, kecamatan centre or kabupaten centre
  std::uint32_t parent = kNoAnchor;  ///< index of the hub it reports to (village -> kecamatan centre,
                                     ///< kecamatan centre -> kabupaten centre), or kNoAnchor
  double weight = 1.0;               ///< relative share (>= 0) of the intermediate nodes scattered around it
};

/// How the graph is generated. The defaults are the assumptions (E) a scenario's notes state.
struct RoadGeneratorOptions {
  std::size_t total_nodes = 0;  ///< nodes in all, anchors included; at least the distinct anchors
  std::uint64_t seed = 1;       ///< the random streams' seed
  double mean_degree = 3.0;     ///< target mean node degree (rural road networks: about 2.5-3.5)
  double detour_min = 1.0;      ///< road length / straight length of one edge: uniform in [detour_min,
  double detour_max = 1.2;      ///< detour_max] (E); with the graph's own detours, routes measure about 1.35
  double trail_share = 0.05;    ///< share of village roads that are trails (foot, trail bike)
  double spread = 0.5;          ///< disc radius around an anchor, as a share of its nearest-anchor distance
                        ///< (0.5: discs of nearest neighbours just touch, so nodes stay near their place)
  double min_radius_m = 150.0;   ///< smallest disc radius, metres
  double max_radius_m = 3000.0;  ///< largest disc radius, metres
  double min_spacing_m = 25.0;   ///< no intermediate node closer than this to another node, metres
};

/// A node in the generator's plane: equirectangular projection about the anchors' bounding box
/// centre, in decimetres (kPlanarUnitsPerMetre). Planarity is exact in these integer coordinates.
struct PlanarPoint {
  std::int32_t x = 0;  ///< east, decimetres
  std::int32_t y = 0;  ///< north, decimetres
};

/// Planar units per metre.
inline constexpr double kPlanarUnitsPerMetre = 10.0;

/// The generated graph.
struct GeneratedRoads {
  std::vector<GeoPoint> nodes;  ///< node i at nodes[i]; an anchor's node keeps its exact coordinates
  std::vector<RoadEdge> edges;  ///< two-way, from < to, sorted by (from, to); length in metres
  std::vector<std::uint32_t> anchor_node;  ///< the node of each anchor (anchors at one point share it)
  std::vector<std::uint32_t> node_anchor;  ///< for each node, the anchor it belongs to (it was placed
                                           ///< around it, or is its node)
  std::vector<PlanarPoint> planar;         ///< each node in the plane, decimetres
};

/// Generates the graph: anchors first (in order; anchors at the same point share a node), then the
/// intermediate nodes. Throws InputError if the anchors or options are unusable (no anchors, a bad
/// parent or weight, total_nodes below the distinct anchors, options out of range).
GeneratedRoads generate_roads(std::span<const RoadAnchor> anchors, const RoadGeneratorOptions& options);

/// The route circuity of a generated graph: the mean ratio of shortest road distance to straight
/// distance over pairs of anchor nodes between min_m and max_m metres apart, searched from up to
/// `sources` anchor nodes spread over the anchor list. 0 if no pair qualifies.
double mean_route_circuity(const GeneratedRoads& roads, std::size_t sources, double min_m, double max_m);

}  // namespace siaga::geo
