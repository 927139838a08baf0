// OSMnx GraphML, read with expat (the XML parser libosmium already brings): GraphML is a small
// vocabulary (key, graph, node, edge, data), so a streaming parser and a few maps are all it takes.

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>

#include "geojson.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/ingest/highway.hpp"
#include "siaga/ingest/road_network.hpp"

namespace siaga::ingest {
namespace {

using scenario::Problem;
using scenario::Problems;
using scenario::ScenarioError;

// Shortest length given to an edge whose length is 0 (OSMnx writes 0 between two nodes at the same
// place): the road graph needs positive lengths, and 0.1 m is below any travel time that matters.
constexpr double kMinLengthM = 0.1;

struct Element {
  std::string where;                                  // file:line:column of its start tag
  std::string a, b;                                   // node: id; edge: source, target
  std::unordered_map<std::string, std::string> data;  // key id -> text
};

struct Key {
  std::string domain;  // "node", "edge", "graph", "all"
  std::string name;    // attr.name
};

class GraphmlParser {
 public:
  explicit GraphmlParser(std::string shown_name) : file_(std::move(shown_name)) {}

  void parse(std::string_view text) {
    const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> owner(XML_ParserCreate("UTF-8"),
                                                                             &XML_ParserFree);
    XML_Parser p = owner.get();
    if (!p) throw std::bad_alloc();
    parser_ = p;
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, &GraphmlParser::on_start, &GraphmlParser::on_end);
    XML_SetCharacterDataHandler(p, &GraphmlParser::on_text);
    bool ok = true;
    // XML_Parse takes an int length: feed large files in pieces.
    constexpr std::size_t kChunk = 1 << 24;
    for (std::size_t at = 0; ok && at < text.size(); at += kChunk) {
      const std::size_t n = std::min(kChunk, text.size() - at);
      ok = XML_Parse(p, text.data() + at, static_cast<int>(n), 0) == XML_STATUS_OK;
    }
    if (ok) ok = XML_Parse(p, nullptr, 0, 1) == XML_STATUS_OK;
    if (!ok)
      throw ScenarioError(here(),
                          "not well-formed XML: " + std::string(XML_ErrorString(XML_GetErrorCode(p))));
    parser_ = nullptr;
    if (!saw_graph_) problems_.add(file_, "has no <graph> element (is it GraphML?)");
  }

  RoadImport finish();

 private:
  std::string here() const {
    return file_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) + ":" +
           std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
  }

  static const char* attribute(const XML_Char** atts, std::string_view name) {
    for (std::size_t i = 0; atts[i]; i += 2)
      if (name == atts[i]) return atts[i + 1];
    return nullptr;
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** atts) {
    static_cast<GraphmlParser*>(self)->start(name, atts);
  }
  static void on_end(void* self, const XML_Char* name) { static_cast<GraphmlParser*>(self)->end(name); }
  static void on_text(void* self, const XML_Char* s, int len) {
    auto* me = static_cast<GraphmlParser*>(self);
    if (me->in_data_) me->text_.append(s, static_cast<std::size_t>(len));
  }

  void start(std::string_view name, const XML_Char** atts) {
    if (name == "key") {
      const char* id = attribute(atts, "id");
      const char* attr_name = attribute(atts, "attr.name");
      const char* domain = attribute(atts, "for");
      if (!id || !attr_name) {
        problems_.add(here(), "a <key> needs an id and an attr.name");
        return;
      }
      keys_[id] = Key{domain ? domain : "all", attr_name};
    } else if (name == "graph") {
      if (saw_graph_) problems_.add(here(), "a second <graph>: only one graph per file is read");
      saw_graph_ = true;
      const char* d = attribute(atts, "edgedefault");
      undirected_ = d && std::string_view(d) == "undirected";
    } else if (name == "node" || name == "edge") {
      Element e;
      e.where = here();
      const bool node = name == "node";
      const char* a = attribute(atts, node ? "id" : "source");
      const char* b = node ? "" : attribute(atts, "target");
      if (!a || !b) {
        problems_.add(e.where, node ? "a <node> needs an id" : "an <edge> needs a source and a target");
        return;
      }
      e.a = a;
      e.b = b;
      (node ? nodes_ : edges_).push_back(std::move(e));
      current_ = node ? &nodes_.back() : &edges_.back();
    } else if (name == "data") {
      const char* key = attribute(atts, "key");
      if (!key) {
        problems_.add(here(), "a <data> needs a key");
        return;
      }
      if (!keys_.contains(key))
        problems_.add(here(), "data key '" + std::string(key) + "' is not declared in a <key>");
      data_key_ = key;
      in_data_ = true;
      text_.clear();
    }
  }

  void end(std::string_view name) {
    if (name == "data") {
      if (in_data_ && current_) current_->data[data_key_] = text_;
      in_data_ = false;
    } else if (name == "node" || name == "edge") {
      current_ = nullptr;
    }
  }

  // The key id of an attribute name for nodes or edges, or empty.
  std::string key_of(std::string_view domain, std::string_view attr_name) const {
    for (const auto& [id, key] : keys_)
      if (key.name == attr_name && (key.domain == domain || key.domain == "all")) return id;
    return {};
  }

  std::string file_;
  XML_Parser parser_ = nullptr;
  Problems problems_;
  std::map<std::string, Key> keys_;
  std::vector<Element> nodes_, edges_;
  Element* current_ = nullptr;  // the open <node> or <edge> (none opens inside another), or null
  bool in_data_ = false;
  bool saw_graph_ = false;
  bool undirected_ = false;
  std::string data_key_, text_;
};

std::optional<double> to_double(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// OSMnx writes a list attribute as Python prints it: "['residential', 'tertiary']".
std::vector<std::string> values(std::string_view s) {
  std::vector<std::string> out;
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    s = s.substr(1, s.size() - 2);
    while (!s.empty()) {
      const auto comma = s.find(',');
      std::string_view item = s.substr(0, comma);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\'' || item.front() == '"'))
        item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\'' || item.back() == '"'))
        item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  } else if (!s.empty()) {
    out.emplace_back(s);
  }
  return out;
}

// The length of a WKT LINESTRING (lon lat, ...), metres; nullopt if it is not one.
std::optional<double> linestring_length_m(std::string_view wkt) {
  const auto open = wkt.find('(');
  const auto close = wkt.rfind(')');
  if (wkt.rfind("LINESTRING", 0) != 0 || open == std::string_view::npos || close == std::string_view::npos)
    return std::nullopt;
  std::string_view body = wkt.substr(open + 1, close - open - 1);
  std::optional<geo::GeoPoint> last;
  double sum = 0.0;
  while (!body.empty()) {
    const auto comma = body.find(',');
    std::string_view pair = body.substr(0, comma);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto space = pair.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto lon = to_double(pair.substr(0, space));
    const auto lat = to_double(pair.substr(space + 1));
    if (!lon || !lat) return std::nullopt;
    const geo::GeoPoint p{*lat, *lon};
    if (last) sum += geo::distance_m(*last, p);
    last = p;
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  return sum;
}

// Counts of one kind of leftover, with the first place it happened.
struct Tally {
  std::size_t count = 0;
  std::string first;
  void add(const std::string& where) {
    if (count++ == 0) first = where;
  }
};

RoadImport GraphmlParser::finish() {
  RoadImport out;
  RoadNetwork& net = out.network;
  const std::string x_key = key_of("node", "x"), y_key = key_of("node", "y");
  const std::string length_key = key_of("edge", "length"), highway_key = key_of("edge", "highway");
  const std::string maxspeed_key = key_of("edge", "maxspeed"), geometry_key = key_of("edge", "geometry");
  if (!nodes_.empty() && (x_key.empty() || y_key.empty()))
    problems_.add(file_, "declares no node key 'x' and 'y' (longitude and latitude, as OSMnx writes them)");

  std::unordered_map<std::string, std::uint32_t> index;
  for (const Element& e : nodes_) {
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(e.a.data(), e.a.data() + e.a.size(), id);
    if (ec != std::errc{} || end != e.a.data() + e.a.size() ||
        id > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      problems_.add(e.where,
                    "node id '" + e.a + "' is not an OSM node id (a whole number from 0 to 2^63 - 1)");
      continue;
    }
    auto coordinate = [&](const std::string& key, const char* what, double lo,
                          double hi) -> std::optional<double> {
      const auto it = key.empty() ? e.data.end() : e.data.find(key);
      if (it == e.data.end()) {
        problems_.add(e.where, "node " + e.a + " has no " + what);
        return std::nullopt;
      }
      const auto v = to_double(it->second);
      if (!v || *v < lo || *v > hi) {
        problems_.add(e.where, "node " + e.a + ": " + what + " must be a number from " +
                                   std::to_string(int(lo)) + " to " + std::to_string(int(hi)) + ", got '" +
                                   it->second + "'");
        return std::nullopt;
      }
      return v;
    };
    const auto lon = coordinate(x_key, "x (longitude)", -180, 180);
    const auto lat = coordinate(y_key, "y (latitude)", -90, 90);
    if (!index.emplace(e.a, static_cast<std::uint32_t>(net.nodes.size())).second) {
      problems_.add(e.where, "duplicate node id " + e.a);
      continue;
    }
    net.nodes.push_back({id, geo::GeoPoint{lat.value_or(0.0), lon.value_or(0.0)}});
  }

  Tally zero_length, no_length, unknown_highway, no_highway, bad_maxspeed;
  std::string unknown_values;
  for (const Element& e : edges_) {
    const auto from = index.find(e.a);
    const auto to = index.find(e.b);
    if (from == index.end() || to == index.end()) {
      problems_.add(e.where, "edge " + e.a + " -> " + e.b + ": no node " + (from == index.end() ? e.a : e.b));
      continue;
    }
    NetworkEdge edge;
    edge.from = from->second;
    edge.to = to->second;
    // The class: the first listed highway value that names a kept road.
    const auto hw = highway_key.empty() ? e.data.end() : e.data.find(highway_key);
    std::vector<std::string> highways = hw == e.data.end() ? std::vector<std::string>{} : values(hw->second);
    if (highways.empty()) {
      // No highway at all: read as OSM's "road" (a road of unknown kind).
      no_highway.add(e.where);
      highways.push_back("road");
    }
    bool classified = false;
    for (const std::string& h : highways)
      if (const auto c = road_class_of_highway(h)) {
        edge.road_class = *c;
        edge.highway = h;
        classified = true;
        break;
      }
    if (!classified) {
      unknown_highway.add(e.where);
      if (unknown_values.find("'" + hw->second + "'") == std::string::npos && unknown_values.size() < 200)
        unknown_values += (unknown_values.empty() ? "'" : ", '") + hw->second + "'";
      continue;
    }
    // The length OSMnx measured along the road; else along the geometry; else straight.
    const auto len = length_key.empty() ? e.data.end() : e.data.find(length_key);
    if (len != e.data.end()) {
      const auto v = to_double(len->second);
      if (!v || *v < 0.0) {
        problems_.add(e.where, "edge " + e.a + " -> " + e.b +
                                   ": length must be a number of metres >= 0, got '" + len->second + "'");
        continue;
      }
      edge.length_m = *v;
    } else {
      no_length.add(e.where);
      const auto geometry = geometry_key.empty() ? e.data.end() : e.data.find(geometry_key);
      const auto along = geometry == e.data.end() ? std::nullopt : linestring_length_m(geometry->second);
      edge.length_m = along ? *along : geo::distance_m(net.nodes[edge.from].at, net.nodes[edge.to].at);
    }
    if (edge.length_m < kMinLengthM) {
      zero_length.add(e.where);
      edge.length_m = kMinLengthM;
    }
    if (const auto ms = maxspeed_key.empty() ? e.data.end() : e.data.find(maxspeed_key); ms != e.data.end()) {
      for (const std::string& v : values(ms->second)) {
        const auto kmh = parse_maxspeed_kmh(v);
        if (!kmh) {
          bad_maxspeed.add(e.where + " ('" + v + "')");
          continue;
        }
        if (!edge.maxspeed_kmh || *kmh < *edge.maxspeed_kmh) edge.maxspeed_kmh = kmh;
      }
    }
    if (undirected_) {
      NetworkEdge back = edge;
      std::swap(back.from, back.to);
      net.edges.push_back(std::move(back));
    }
    net.edges.push_back(std::move(edge));
  }
  problems_.throw_if_any();

  auto warn = [&](const Tally& t, const std::string& what) {
    if (t.count > 0)
      out.warnings.push_back(
          Problem{file_, std::to_string(t.count) + " " + what + " (the first at " + t.first + ")"});
  };
  warn(unknown_highway, "edges with no kept highway value were left out: " + unknown_values);
  warn(no_highway, "edges had no highway and were read as highway=road (local)");
  warn(no_length, "edges had no length and were measured along their geometry or straight");
  warn(zero_length, "edges shorter than 0.1 m were given 0.1 m");
  warn(bad_maxspeed, "maxspeed values name no speed in km/h or mph and were ignored");
  return out;
}

}  // namespace

RoadImport parse_graphml(std::string_view text, std::string shown_name) {
  GraphmlParser parser(std::move(shown_name));
  parser.parse(text);
  return parser.finish();
}

RoadImport read_graphml(const std::filesystem::path& file, std::string shown_name) {
  const std::string text = detail::read_text(file, shown_name, "GraphML file");
  return parse_graphml(text, std::move(shown_name));
}

}  // namespace siaga::ingest
