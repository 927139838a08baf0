#include "siaga/ingest/road_network.hpp"

#include <gtest/gtest.h>
#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>

#include <cstdio>
#include <map>
#include <set>

#include "ingest_test_support.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/ingest/highway.hpp"

namespace siaga::ingest {
namespace {

using geo::RoadClass;
using geo::Vehicle;
using testing::problems_of;
using testing::ScratchDir;

// A small part of a city, with OSM ids above 2^32:
//   A - B - C   Jalan Utama, secondary, two-way, maxspeed 25 mph
//       |   |   B - E residential, two-way, maxspeed 10; C - D - E residential one-way C -> E
//       E - D   (written E, D, C with oneway=-1; D is no intersection)
//   C -> F      tertiary one-way into a two-way F - G that cannot lead back (not strongly connected)
//   A - H       a footway (not kept); G - X a road to a node the extract does not have.
constexpr std::uint64_t kA = 10'000'000'001, kB = 10'000'000'002, kC = 10'000'000'003, kD = 10'000'000'004,
                        kE = 10'000'000'005, kF = 10'000'000'006, kG = 10'000'000'007, kH = 10'000'000'008;
const std::map<std::uint64_t, geo::GeoPoint> kPoints{{kA, {-7.2900, 112.7800}}, {kB, {-7.2900, 112.7820}},
                                                     {kC, {-7.2900, 112.7840}}, {kD, {-7.2880, 112.7841}},
                                                     {kE, {-7.2881, 112.7821}}, {kF, {-7.2920, 112.7860}},
                                                     {kG, {-7.2930, 112.7870}}, {kH, {-7.2910, 112.7790}}};

struct Way {
  std::int64_t id;
  std::vector<std::uint64_t> nodes;
  std::vector<std::pair<const char*, const char*>> tags;
};
const std::vector<Way> kWays{
    {1001, {kA, kB, kC}, {{"highway", "secondary"}, {"name", "Jalan Utama"}, {"maxspeed", "25 mph"}}},
    {1002, {kE, kD, kC}, {{"highway", "residential"}, {"oneway", "-1"}}},
    {1003, {kE, kB}, {{"highway", "residential"}, {"maxspeed", "10"}}},
    {1004, {kC, kF}, {{"highway", "tertiary"}, {"oneway", "yes"}}},
    {1005, {kF, kG}, {{"highway", "residential"}}},
    {1006, {kA, kH}, {{"highway", "footway"}}},
    {1007, {kG, 10'000'000'099}, {{"highway", "residential"}}},
};

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7f", x);
  return buf;
}

std::string osm_xml() {
  std::string s = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"siaga test\">\n";
  for (const auto& [id, p] : kPoints)
    s += "  <node id=\"" + std::to_string(id) + "\" lat=\"" + number(p.lat) + "\" lon=\"" + number(p.lon) +
         "\"/>\n";
  for (const Way& w : kWays) {
    s += "  <way id=\"" + std::to_string(w.id) + "\">\n";
    for (const std::uint64_t n : w.nodes) s += "    <nd ref=\"" + std::to_string(n) + "\"/>\n";
    for (const auto& [k, v] : w.tags) s += "    <tag k=\"" + std::string(k) + "\" v=\"" + v + "\"/>\n";
    s += "  </way>\n";
  }
  return s + "</osm>\n";
}

// The points as the OSM file stores them (7 decimals), so lengths agree to the last bit.
geo::GeoPoint stored(std::uint64_t id) {
  const geo::GeoPoint p = kPoints.at(id);
  return {std::stod(number(p.lat)), std::stod(number(p.lon))};
}
double metres(std::uint64_t a, std::uint64_t b) { return geo::distance_m(stored(a), stored(b)); }

// The same network as OSMnx writes it: one edge per direction, keys declared, lists in Python
// notation, and a node Z that no edge reaches.
std::string graphml() {
  std::string s = R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d9" for="edge" attr.name="maxspeed" attr.type="string"/>
<key id="d8" for="edge" attr.name="length" attr.type="string"/>
<key id="d7" for="edge" attr.name="oneway" attr.type="string"/>
<key id="d6" for="edge" attr.name="highway" attr.type="string"/>
<key id="d5" for="node" attr.name="x" attr.type="string"/>
<key id="d4" for="node" attr.name="y" attr.type="string"/>
<graph edgedefault="directed">
)";
  auto node = [&](std::uint64_t id) {
    const geo::GeoPoint p = stored(id);
    s += "<node id=\"" + std::to_string(id) + "\">\n  <data key=\"d4\">" + number(p.lat) +
         "</data>\n  <data key=\"d5\">" + number(p.lon) + "</data>\n</node>\n";
  };
  for (const std::uint64_t id : {kA, kB, kC, kE, kF, kG}) node(id);
  s +=
      "<node id=\"13644831476\">\n  <data key=\"d4\">-7.3</data>\n  <data key=\"d5\">112.8</data>\n</node>\n";
  auto edge = [&](std::uint64_t u, std::uint64_t v, double length, const std::string& highway,
                  const std::string& oneway, const std::string& maxspeed) {
    char len[32];
    std::snprintf(len, sizeof len, "%.17g", length);
    s += "<edge source=\"" + std::to_string(u) + "\" target=\"" + std::to_string(v) + "\" id=\"0\">\n";
    s += "  <data key=\"d6\">" + highway + "</data>\n  <data key=\"d7\">" + oneway + "</data>\n";
    if (!maxspeed.empty()) s += "  <data key=\"d9\">" + maxspeed + "</data>\n";
    s += "  <data key=\"d8\">" + std::string(len) + "</data>\n</edge>\n";
  };
  for (const auto& [u, v] : {std::pair{kA, kB}, std::pair{kB, kC}, std::pair{kC, kB}, std::pair{kB, kA}})
    edge(u, v, metres(u, v), "secondary", "False", "25 mph");
  edge(kC, kE, metres(kE, kD) + metres(kD, kC), "residential", "True", "");
  edge(kE, kB, metres(kE, kB), "['residential', 'living_street']", "False", "['10', '20']");
  edge(kB, kE, metres(kE, kB), "['residential', 'living_street']", "False", "['10', '20']");
  edge(kC, kF, metres(kC, kF), "tertiary", "True", "");
  edge(kF, kG, metres(kF, kG), "residential", "False", "");
  edge(kG, kF, metres(kF, kG), "residential", "False", "");
  return s + "</graph></graphml>\n";
}

// Every edge as "from->to class" with OSM ids, sorted: what two readings must agree on.
std::multiset<std::string> edge_set(const RoadNetwork& n) {
  std::multiset<std::string> out;
  for (const NetworkEdge& e : n.edges)
    out.insert(std::to_string(n.nodes[e.from].osm_id) + "->" + std::to_string(n.nodes[e.to].osm_id) + " " +
               std::string(geo::to_string(e.road_class)) +
               (e.maxspeed_kmh ? " max " + number(*e.maxspeed_kmh) : std::string()));
  return out;
}

// Travel times (ms) between every pair of nodes, by OSM ids, for one vehicle.
std::map<std::pair<std::uint64_t, std::uint64_t>, Tick> all_times(const RoadNetwork& n, Vehicle v) {
  const geo::RoadGraph g = to_road_graph(n);
  std::map<std::pair<std::uint64_t, std::uint64_t>, Tick> out;
  for (std::uint32_t a = 0; a < n.nodes.size(); ++a)
    for (std::uint32_t b = 0; b < n.nodes.size(); ++b)
      out[{n.nodes[a].osm_id, n.nodes[b].osm_id}] = g.travel_time(a, b, v);
  return out;
}

TEST(HighwayTable, KeepsRoadsVehiclesAndWalkersUseWithTheirClass) {
  EXPECT_EQ(road_class_of_highway("trunk"), RoadClass::kArterial);
  EXPECT_EQ(road_class_of_highway("primary_link"), RoadClass::kArterial);
  EXPECT_EQ(road_class_of_highway("tertiary"), RoadClass::kCollector);
  EXPECT_EQ(road_class_of_highway("unclassified"), RoadClass::kLocal);
  EXPECT_EQ(road_class_of_highway("living_street"), RoadClass::kVillage);
  EXPECT_EQ(road_class_of_highway("track"), RoadClass::kTrail);
  for (const char* dropped :
       {"footway", "steps", "cycleway", "pedestrian", "construction", "proposed", "platform", ""})
    EXPECT_EQ(road_class_of_highway(dropped), std::nullopt) << dropped;
}

TEST(HighwayTable, ReadsMaxspeedInKmhMphAndListsAsTheLowest) {
  EXPECT_EQ(parse_maxspeed_kmh("40"), 40.0);
  EXPECT_EQ(parse_maxspeed_kmh("40 km/h"), 40.0);
  EXPECT_NEAR(*parse_maxspeed_kmh("25 mph"), 40.2336, 1e-9);
  EXPECT_EQ(parse_maxspeed_kmh("60;40"), 40.0);
  for (const char* none : {"none", "signals", "walk", "ID:urban", "0", "-5", "300", "10 knots", ""})
    EXPECT_EQ(parse_maxspeed_kmh(none), std::nullopt) << none;
}

TEST(HighwayTable, OneWayStreetsRoundaboutsAndMotorwaysGoOneWay) {
  EXPECT_EQ(way_direction("residential", "yes", ""), WayDirection::kForward);
  EXPECT_EQ(way_direction("residential", "1", ""), WayDirection::kForward);
  EXPECT_EQ(way_direction("residential", "true", ""), WayDirection::kForward);
  EXPECT_EQ(way_direction("residential", "-1", ""), WayDirection::kBackward);
  EXPECT_EQ(way_direction("primary", "", "roundabout"), WayDirection::kForward);
  EXPECT_EQ(way_direction("motorway", "", ""), WayDirection::kForward);
  EXPECT_EQ(way_direction("motorway_link", "no", ""), WayDirection::kBoth) << "an explicit no wins";
  EXPECT_EQ(way_direction("residential", "reversible", ""), WayDirection::kBoth);
  EXPECT_EQ(way_direction("residential", "", ""), WayDirection::kBoth);
}

TEST(OsmXml, SplitsWaysAtIntersectionsRespectingOneWayStreets) {
  ScratchDir dir;
  const RoadImport r = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  const RoadNetwork& n = r.network;
  std::set<std::uint64_t> ids;
  for (const NetworkNode& node : n.nodes) ids.insert(node.osm_id);
  EXPECT_EQ(ids, (std::set<std::uint64_t>{kA, kB, kC, kE, kF, kG}))
      << "D is no intersection; H is on a footway";
  const std::multiset<std::string> expected{
      "10000000001->10000000002 collector max 40.2336000",
      "10000000002->10000000001 collector max 40.2336000",
      "10000000002->10000000003 collector max 40.2336000",
      "10000000003->10000000002 collector max 40.2336000",
      "10000000003->10000000005 village",  // one-way, written against its direction with oneway=-1
      "10000000005->10000000002 village max 10.0000000",
      "10000000002->10000000005 village max 10.0000000",
      "10000000003->10000000006 collector",
      "10000000006->10000000007 village",
      "10000000007->10000000006 village"};
  EXPECT_EQ(edge_set(n), expected);
  const auto ce = std::find_if(n.edges.begin(), n.edges.end(), [&](const NetworkEdge& e) {
    return n.nodes[e.from].osm_id == kC && n.nodes[e.to].osm_id == kE;
  });
  ASSERT_NE(ce, n.edges.end());
  EXPECT_DOUBLE_EQ(ce->length_m, metres(kC, kD) + metres(kD, kE)) << "along the way, through D";
  EXPECT_EQ(ce->highway, "residential");
  std::vector<std::string> warnings;
  for (const auto& w : r.warnings) warnings.push_back(w.line());
  const std::vector<std::string> expected_warnings{
      "area.osm: 1 ways with a highway value that is not kept were left out: footway 1",
      "area.osm: 1 node references have no node in the file (the extract cuts the way); the ways were read "
      "in "
      "pieces (the first: node 10000000099 of way 1007)"};
  EXPECT_EQ(warnings, expected_warnings);
}

TEST(OsmXml, KeepsTheLargestStronglyConnectedPartAndReportsTheRest) {
  ScratchDir dir;
  RoadImport r = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  const ComponentReport report = keep_largest_strong_component(r.network);
  EXPECT_EQ(report.components, 2u) << "{A, B, C, E} and {F, G}: F and G cannot lead back";
  EXPECT_EQ(report.kept_nodes, 4u);
  EXPECT_EQ(report.kept_edges, 7u);
  EXPECT_EQ(report.dropped_nodes, 2u);
  EXPECT_EQ(report.dropped_edges, 3u) << "C -> F and both ways between F and G";
  EXPECT_EQ(r.network.nodes[0].osm_id, kA) << "node order is kept";
  EXPECT_FALSE(r.network.find(kF).has_value());
}

TEST(OsmXml, TravelTimesRespectOneWayStreetsAndSpeedLimits) {
  ScratchDir dir;
  RoadImport r = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  const RoadNetwork& n = r.network;
  const geo::RoadGraph g = to_road_graph(n);
  const std::uint32_t b = *n.find(kB), c = *n.find(kC), e = *n.find(kE);
  // C -> E along the one-way street at village speed (motorbike 20 km/h); E -> C must go round
  // through B: E -> B capped at 10 km/h, then B -> C on the collector (motorbike 30 km/h).
  const Tick c_to_e = geo::edge_time(metres(kC, kD) + metres(kD, kE), 20.0);
  EXPECT_EQ(g.travel_time(c, e, Vehicle::kMotorbike), c_to_e);
  const Tick e_to_c = geo::edge_time(metres(kE, kB), 10.0) + geo::edge_time(metres(kB, kC), 30.0);
  EXPECT_EQ(g.travel_time(e, c, Vehicle::kMotorbike), e_to_c);
  EXPECT_EQ(g.travel_time(e, b, Vehicle::kFoot), geo::edge_time(metres(kE, kB), 4.0))
      << "walkers ignore the limit";
}

TEST(OsmPbf, AFileWrittenWithLibosmiumReadsAsItsXml) {
  ScratchDir dir;
  {
    using namespace osmium::builder::attr;
    osmium::memory::Buffer buffer{1024, osmium::memory::Buffer::auto_grow::yes};
    for (const auto& [id, p] : kPoints) {
      const geo::GeoPoint q = stored(id);
      osmium::builder::add_node(buffer, _id(static_cast<osmium::object_id_type>(id)), _version(1),
                                _location(osmium::Location{q.lon, q.lat}));
    }
    for (const Way& w : kWays) {
      std::vector<osmium::object_id_type> refs(w.nodes.begin(), w.nodes.end());
      osmium::builder::add_way(buffer, _id(w.id), _version(1), _nodes(refs), _tags(w.tags));
    }
    osmium::io::Writer writer{(dir.path() / "area.osm.pbf").string(), osmium::io::Header{},
                              osmium::io::overwrite::allow};
    writer(std::move(buffer));
    writer.close();
  }
  const RoadImport pbf = read_osm(dir.path() / "area.osm.pbf", "area.osm.pbf");
  const RoadImport xml = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  EXPECT_EQ(edge_set(pbf.network), edge_set(xml.network));
  EXPECT_EQ(all_times(pbf.network, Vehicle::kCar), all_times(xml.network, Vehicle::kCar));
}

TEST(OsmXml, BadFilesAreNamedWithLineAndColumn) {
  ScratchDir dir;
  const auto broken =
      dir.write("broken.osm",
                "<?xml version='1.0'?>\n<osm version=\"0.6\">\n  <node id=\"1\" lat=\"-7\" lon=\"112\">\n"
                "  </way>\n</osm>\n");
  EXPECT_EQ(problems_of([&] { (void)read_osm(broken, "broken.osm"); }),
            std::vector<std::string>{"broken.osm:4:5: not well-formed OSM XML: mismatched tag"});
  EXPECT_EQ(problems_of([&] { (void)read_osm(dir.path() / "none.osm", "none.osm"); }),
            std::vector<std::string>{"none.osm: cannot open the OSM file (" +
                                     (dir.path() / "none.osm").string() + ")"});
  EXPECT_EQ(
      problems_of([&] { (void)read_osm(dir.write("roads.txt", ""), "roads.txt"); }),
      std::vector<std::string>{"roads.txt: unknown OSM file format: the name must end in .osm, .osm.gz, "
                               ".osm.bz2 (XML) or .osm.pbf (PBF)"});
  const auto garbage = dir.write("garbage.osm.pbf", "this is not protocol buffers");
  const auto lines = problems_of([&] { (void)read_osm(garbage, "garbage.osm.pbf"); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("garbage.osm.pbf: cannot read the PBF data: ", 0), 0u) << lines[0];
}

TEST(OsmnxGraphml, ReadsOneEdgePerDirectionWithListsAndSpeedLimits) {
  ScratchDir dir;
  const RoadImport r = read_graphml(dir.write("area.graphml", graphml()), "area.graphml");
  EXPECT_EQ(r.network.nodes.size(), 7u);
  EXPECT_EQ(r.network.find(13'644'831'476).value_or(99), 6u) << "ids beyond 2^32 are kept";
  EXPECT_TRUE(r.warnings.empty());
  RoadImport osm = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  EXPECT_EQ(edge_set(r.network), edge_set(osm.network))
      << "the first kept highway of a list gives the class, the lowest maxspeed the limit";
}

TEST(OsmnxGraphml, AgreesWithOsmXmlOnTravelTimesBetweenTheSameOsmNodes) {
  ScratchDir dir;
  RoadImport from_graphml = read_graphml(dir.write("area.graphml", graphml()), "area.graphml");
  RoadImport from_osm = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  const ComponentReport g = keep_largest_strong_component(from_graphml.network);
  const ComponentReport o = keep_largest_strong_component(from_osm.network);
  EXPECT_EQ(g.dropped_nodes, 3u) << "F, G and the lone node";
  EXPECT_EQ(o.dropped_nodes, 2u);
  EXPECT_EQ(g.kept_edges, o.kept_edges);
  for (const Vehicle v : {Vehicle::kFoot, Vehicle::kMotorbike, Vehicle::kCar, Vehicle::kTruck}) {
    const auto a = all_times(from_graphml.network, v);
    const auto b = all_times(from_osm.network, v);
    ASSERT_EQ(a.size(), 16u);
    EXPECT_EQ(a, b) << geo::to_string(v);
  }
}

TEST(OsmnxGraphml, NamesEveryProblemWithLineAndColumn) {
  const std::string text = R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d8" for="edge" attr.name="length" attr.type="string"/>
<key id="d6" for="edge" attr.name="highway" attr.type="string"/>
<key id="d5" for="node" attr.name="x" attr.type="string"/>
<key id="d4" for="node" attr.name="y" attr.type="string"/>
<graph edgedefault="directed">
<node id="1"><data key="d4">-7.29</data><data key="d5">112.78</data></node>
<node id="2"><data key="d4">-7.29</data></node>
<node id="n3"><data key="d4">-7.29</data><data key="d5">112.78</data></node>
<node id="4"><data key="d4">-95</data><data key="d5">112.78</data><data key="d9">x</data></node>
<edge source="1" target="5"><data key="d8">10</data><data key="d6">residential</data></edge>
<edge source="1" target="2"><data key="d8">ten</data><data key="d6">residential</data></edge>
<edge source="2" target="1"><data key="d8">10</data><data key="d6">footway</data></edge>
</graph></graphml>
)";
  const std::vector<std::string> expected{
      "bad.graphml:11:67: data key 'd9' is not declared in a <key>",
      "bad.graphml:9:1: node 2 has no x (longitude)",
      "bad.graphml:10:1: node id 'n3' is not an OSM node id (a whole number from 0 to 2^63 - 1)",
      "bad.graphml:11:1: node 4: y (latitude) must be a number from -90 to 90, got '-95'",
      "bad.graphml:12:1: edge 1 -> 5: no node 5",
      "bad.graphml:13:1: edge 1 -> 2: length must be a number of metres >= 0, got 'ten'"};
  EXPECT_EQ(problems_of([&] { (void)parse_graphml(text, "bad.graphml"); }), expected);
  EXPECT_EQ(
      problems_of([] { (void)parse_graphml("<graphml><graph>\n<node id=\"1\">\n</graph>", "cut.graphml"); }),
      std::vector<std::string>{"cut.graphml:3:3: not well-formed XML: mismatched tag"});
}

TEST(OsmnxGraphml, ReportsEdgesLeftOutAndLengthsMeasured) {
  const std::string text = R"(<graphml><key id="h" for="edge" attr.name="highway"/>
<key id="x" for="node" attr.name="x"/><key id="y" for="node" attr.name="y"/>
<graph edgedefault="undirected">
<node id="1"><data key="y">0</data><data key="x">0</data></node>
<node id="2"><data key="y">0</data><data key="x">0.001</data></node>
<edge source="1" target="2"><data key="h">['steps', 'footway']</data></edge>
<edge source="1" target="2"><data key="h">track</data></edge>
</graph></graphml>)";
  const RoadImport r = parse_graphml(text, "u.graphml");
  ASSERT_EQ(r.network.edges.size(), 2u) << "an undirected edge is read both ways";
  EXPECT_EQ(r.network.edges[0].road_class, RoadClass::kTrail);
  EXPECT_NEAR(r.network.edges[0].length_m, geo::distance_m({0, 0}, {0, 0.001}), 1e-9)
      << "no length: straight";
  std::vector<std::string> lines;
  for (const auto& w : r.warnings) lines.push_back(w.line());
  const std::vector<std::string> expected{
      "u.graphml: 1 edges with no kept highway value were left out: '['steps', 'footway']' (the first at "
      "u.graphml:6:1)",
      "u.graphml: 1 edges had no length and were measured along their geometry or straight (the first at "
      "u.graphml:7:1)"};
  EXPECT_EQ(lines, expected);
}

TEST(RoadNetwork, BecomesScenarioRoadsWithItsOsmIds) {
  ScratchDir dir;
  RoadImport r = read_osm(dir.write("area.osm", osm_xml()), "area.osm");
  keep_largest_strong_component(r.network);
  const scenario::Roads roads = to_scenario_roads(r.network);
  ASSERT_EQ(roads.nodes.size(), 4u);
  EXPECT_EQ(roads.nodes[1].id, kB);
  ASSERT_EQ(roads.edges.size(), 7u);
  for (const geo::RoadEdge& e : roads.edges) EXPECT_TRUE(e.oneway) << "one edge per direction";
  EXPECT_EQ(roads.edges[0].maxspeed_kmh, r.network.edges[0].maxspeed_kmh);
}

}  // namespace
}  // namespace siaga::ingest
