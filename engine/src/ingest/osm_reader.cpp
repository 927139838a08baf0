// OpenStreetMap XML and PBF through libosmium: ways with their node locations in one pass, then
// split into edges here.
//
// Why split at intersections rather than keep every node: a way's inner nodes only shape the
// road; routing needs the places where roads meet. Splitting there gives the same shortest times
// between intersections with about a third of the nodes (Sukolilo: 4,237 of the file's 11,142),
// which is what every Dijkstra search and travel table pays for. OSMnx's simplified graphs keep a
// subset of these nodes (they also join ways that merely continue one another), so every GraphML
// node of an area is a node here too and the two readings can be compared node by node. Places
// (villages, TPS, posts) are then placed on the nearest intersection or dead end.

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "geojson.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/ingest/highway.hpp"
#include "siaga/ingest/road_network.hpp"

namespace siaga::ingest {
namespace {

using scenario::Problem;
using scenario::ScenarioError;

// A run of consecutive nodes of one kept way whose locations are known.
struct Piece {
  std::vector<std::uint64_t> ids;
  std::vector<geo::GeoPoint> at;
  geo::RoadClass road_class = geo::RoadClass::kVillage;
  std::string highway;
  std::optional<double> maxspeed_kmh;
  WayDirection direction = WayDirection::kBoth;
};

class WayCollector : public osmium::handler::Handler {
 public:
  void way(const osmium::Way& w) {
    const char* highway = w.tags().get_value_by_key("highway");
    if (!highway) return;
    const auto road_class = road_class_of_highway(highway);
    // area=yes marks a square or a parking lot drawn as a highway polygon: no road to follow.
    const char* area = w.tags().get_value_by_key("area");
    if (!road_class || (area && std::string_view(area) == "yes")) {
      ++left_out[road_class ? std::string(highway) + " (area=yes)" : std::string(highway)];
      return;
    }
    ++kept_ways;
    Piece piece;
    piece.road_class = *road_class;
    piece.highway = highway;
    const char* oneway = w.tags().get_value_by_key("oneway");
    const char* junction = w.tags().get_value_by_key("junction");
    piece.direction = way_direction(highway, oneway ? oneway : "", junction ? junction : "");
    if (const char* maxspeed = w.tags().get_value_by_key("maxspeed")) {
      piece.maxspeed_kmh = parse_maxspeed_kmh(maxspeed);
      if (!piece.maxspeed_kmh && bad_maxspeed++ == 0)
        first_bad_maxspeed = "way " + std::to_string(w.id()) + " ('" + maxspeed + "')";
    }
    auto flush = [&] {
      if (piece.ids.size() >= 2) pieces.push_back(piece);
      piece.ids.clear();
      piece.at.clear();
    };
    for (const osmium::NodeRef& ref : w.nodes()) {
      if (ref.ref() < 0) {
        negative_ids = true;
        continue;
      }
      const auto id = static_cast<std::uint64_t>(ref.ref());
      if (!ref.location().valid()) {
        // A node the extract does not hold (a way cut at its border): the way is read in pieces.
        if (missing_nodes++ == 0)
          first_missing = "node " + std::to_string(id) + " of way " + std::to_string(w.id());
        flush();
        continue;
      }
      if (!piece.ids.empty() && piece.ids.back() == id) continue;  // a node listed twice in a row
      piece.ids.push_back(id);
      piece.at.push_back({ref.location().lat(), ref.location().lon()});
    }
    flush();
  }

  std::vector<Piece> pieces;
  std::map<std::string, std::size_t> left_out;  // highway value -> ways
  std::size_t kept_ways = 0;
  std::size_t missing_nodes = 0, bad_maxspeed = 0;
  std::string first_missing, first_bad_maxspeed;
  bool negative_ids = false;
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

RoadImport read_osm(const std::filesystem::path& file, std::string shown_name) {
  const std::string name = file.filename().string();
  if (!(ends_with(name, ".osm") || ends_with(name, ".osm.gz") || ends_with(name, ".osm.bz2") ||
        ends_with(name, ".pbf")))
    throw ScenarioError(shown_name,
                        "unknown OSM file format: the name must end in .osm, .osm.gz, .osm.bz2 "
                        "(XML) or .osm.pbf (PBF)");
  if (!std::filesystem::is_regular_file(file))
    throw ScenarioError(shown_name, "cannot open the OSM file (" + file.string() + ")");

  WayCollector ways;
  try {
    osmium::io::Reader reader{osmium::io::File{file.string()},
                              osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations{index};
    locations.ignore_errors();  // missing nodes are counted and reported, not fatal
    osmium::apply(reader, locations, ways);
    reader.close();
  } catch (const osmium::xml_error& e) {
    throw ScenarioError(shown_name + ":" + std::to_string(e.line) + ":" + std::to_string(e.column + 1),
                        "not well-formed OSM XML: " + e.error_string);
  } catch (const osmium::pbf_error& e) {
    throw ScenarioError(shown_name, std::string("cannot read the PBF data: ") + e.what());
  } catch (const std::exception& e) {
    throw ScenarioError(shown_name, std::string("cannot read the OSM data: ") + e.what());
  }
  if (ways.negative_ids)
    throw ScenarioError(shown_name,
                        "has negative node ids (objects not yet uploaded to OpenStreetMap); "
                        "upload or renumber them first");

  // Graph nodes: where kept ways meet (a node used twice, by two ways or one way crossing itself)
  // and where a piece ends.
  std::unordered_map<std::uint64_t, std::uint32_t> uses;
  for (const Piece& p : ways.pieces)
    for (std::size_t i = 0; i < p.ids.size(); ++i)
      uses[p.ids[i]] += (i == 0 || i + 1 == p.ids.size()) ? 2 : 1;

  RoadImport out;
  RoadNetwork& net = out.network;
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  auto node = [&](std::uint64_t id, geo::GeoPoint at) {
    const auto [it, fresh] = index.emplace(id, static_cast<std::uint32_t>(net.nodes.size()));
    if (fresh) net.nodes.push_back({id, at});
    return it->second;
  };
  std::size_t loops = 0;
  for (const Piece& p : ways.pieces) {
    std::uint32_t start = node(p.ids[0], p.at[0]);
    double length = 0.0;
    for (std::size_t i = 1; i < p.ids.size(); ++i) {
      length += geo::distance_m(p.at[i - 1], p.at[i]);
      if (uses[p.ids[i]] < 2) continue;
      const std::uint32_t end = node(p.ids[i], p.at[i]);
      if (end == start) {
        ++loops;  // a closed way touching nothing else leads nowhere
      } else {
        NetworkEdge e{start, end, std::max(length, 0.1), p.road_class, p.maxspeed_kmh, p.highway};
        if (p.direction != WayDirection::kBackward) net.edges.push_back(e);
        if (p.direction != WayDirection::kForward) {
          std::swap(e.from, e.to);
          net.edges.push_back(std::move(e));
        }
      }
      start = end;
      length = 0.0;
    }
  }

  std::string left_out;
  std::size_t left_out_ways = 0;
  for (const auto& [value, n] : ways.left_out) {
    left_out += (left_out.empty() ? "" : ", ") + value + " " + std::to_string(n);
    left_out_ways += n;
  }
  if (left_out_ways > 0)
    out.warnings.push_back(
        Problem{shown_name, std::to_string(left_out_ways) +
                                " ways with a highway value that is not kept were left out: " + left_out});
  if (ways.missing_nodes > 0)
    out.warnings.push_back(
        Problem{shown_name, std::to_string(ways.missing_nodes) +
                                " node references have no node in the file (the extract cuts "
                                "the way); the ways were read in pieces (the first: " +
                                ways.first_missing + ")"});
  if (ways.bad_maxspeed > 0)
    out.warnings.push_back(
        Problem{shown_name, std::to_string(ways.bad_maxspeed) +
                                " ways have a maxspeed that names no speed in km/h or mph; "
                                "read without a limit (the first: " +
                                ways.first_bad_maxspeed + ")"});
  if (loops > 0)
    out.warnings.push_back(
        Problem{shown_name, std::to_string(loops) + " closed ways that meet no other road were left out"});
  return out;
}

}  // namespace siaga::ingest
