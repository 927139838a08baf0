#include "siaga/scenario/imported.hpp"

#include <fstream>
#include <sstream>
#include <unordered_map>

namespace siaga::scenario {
namespace {

// A ring as written: a list of [lon, lat] positions, closed, at least 4 of them.
bool read_ring(const Json& ring, const Path& path, std::vector<geo::GeoPoint>& out, Problems& problems) {
  if (!ring.is_array()) {
    problems.add(path.str(), "must be a list of [lon, lat] positions");
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Json& p = ring[i];
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
      problems.add(path[i].str(), "must be a position [lon, lat]");
      ok = false;
      continue;
    }
    const double lon = p[0].get<double>(), lat = p[1].get<double>();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      std::string what = "[";
      what += p[0].dump();
      what += ", ";
      what += p[1].dump();
      what += "] is not [lon, lat] within range (latitude and longitude swapped?)";
      problems.add(path[i].str(), std::move(what));
      ok = false;
      continue;
    }
    out.push_back({lat, lon});
  }
  if (!ok) return false;
  if (out.size() < 4) {
    problems.add(path.str(), "a ring needs at least 4 positions (the first repeated last)");
    return false;
  }
  if (out.front().lat != out.back().lat || out.front().lon != out.back().lon) {
    problems.add(path.str(), "the ring is not closed (its last position must repeat its first)");
    return false;
  }
  return true;
}

bool read_polygon(const Json& rings, const Path& path, AreaPolygon& out, Problems& problems) {
  if (!rings.is_array() || rings.empty()) {
    problems.add(path.str(), "a Polygon's coordinates must be a non-empty list of rings");
    return false;
  }
  bool ok = true;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    std::vector<geo::GeoPoint> ring;
    if (read_ring(rings[r], path[r], ring, problems))
      out.push_back(std::move(ring));
    else
      ok = false;
  }
  return ok;
}

Json read_geojson_file(const std::filesystem::path& file, const std::string& shown, const Path& path,
                       Problems& problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.add(path.str(), "cannot open the GeoJSON file '" + shown + "'");
    return Json();
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return Json::parse(text.str());
  } catch (const Json::parse_error& e) {
    problems.add(shown, std::string("not valid JSON: ") + e.what());
    return Json();
  }
}

}  // namespace

std::vector<AreaBoundary> read_area_boundaries(const Json& value, const Path& path,
                                               const std::filesystem::path& base_dir,
                                               const std::vector<std::string>& codes, Problems& problems) {
  std::vector<AreaBoundary> out;
  Json file_doc;
  const Json* doc = &value;
  std::string shown_prefix = path.str();
  if (value.is_string()) {
    const std::string relative = value.get<std::string>();
    file_doc = read_geojson_file(base_dir / relative, relative, path, problems);
    if (file_doc.is_null()) return out;
    doc = &file_doc;
  }
  if (!doc->is_object() || doc->value("type", "") != "FeatureCollection" || !doc->contains("features") ||
      !(*doc)["features"].is_array()) {
    problems.add(path.str(),
                 "must be a GeoJSON FeatureCollection, or the path of a GeoJSON file holding one");
    return out;
  }
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < codes.size(); ++i) index.emplace(codes[i], i);
  std::unordered_map<std::size_t, std::size_t> seen;  // area -> feature
  // Places in a file are named file:features[i]; inline ones by their dotted path.
  const Path features =
      value.is_string() ? Path{} / (value.get<std::string>() + ":features") : path / "features";
  const Json& list = (*doc)["features"];
  for (std::size_t f = 0; f < list.size(); ++f) {
    const Json& feature = list[f];
    const Path at = features[f];
    if (!feature.is_object() || !feature.contains("properties") || !feature["properties"].is_object()) {
      problems.add(at.str(), "must be a Feature with properties");
      continue;
    }
    const Json& props = feature["properties"];
    const Json* key = props.contains("code")   ? &props["code"]
                      : props.contains("kode") ? &props["kode"]
                                               : nullptr;
    if (key == nullptr || !key->is_string()) {
      problems.add((at / "properties").str(), "must name its area by a string property 'code' (or 'kode')");
      continue;
    }
    const auto it = index.find(key->get<std::string>());
    if (it == index.end()) {
      problems.add((at / "properties").str(),
                   "'" + key->get<std::string>() + "' is not an area of the region");
      continue;
    }
    if (const auto [s, fresh] = seen.emplace(it->second, f); !fresh) {
      problems.add((at / "properties").str(), "'" + key->get<std::string>() +
                                                  "' already has a shape (features[" +
                                                  std::to_string(s->second) + "])");
      continue;
    }
    const Json* geometry = feature.contains("geometry") ? &feature["geometry"] : nullptr;
    const std::string type = geometry && geometry->is_object() ? geometry->value("type", "") : "";
    if (type != "Polygon" && type != "MultiPolygon") {
      problems.add((at / "geometry").str(), "must be a Polygon or a MultiPolygon");
      continue;
    }
    const Json* coordinates = geometry->contains("coordinates") ? &(*geometry)["coordinates"] : nullptr;
    const Path cpath = at / "geometry" / "coordinates";
    if (coordinates == nullptr || !coordinates->is_array()) {
      problems.add(cpath.str(), "must be a list");
      continue;
    }
    AreaBoundary b;
    b.area = it->second;
    bool ok = true;
    if (type == "Polygon") {
      b.polygons.emplace_back();
      ok = read_polygon(*coordinates, cpath, b.polygons.back(), problems);
    } else {
      for (std::size_t p = 0; p < coordinates->size(); ++p) {
        b.polygons.emplace_back();
        ok = read_polygon((*coordinates)[p], cpath[p], b.polygons.back(), problems) && ok;
      }
      if (coordinates->empty()) {
        problems.add(cpath.str(), "a MultiPolygon needs at least one polygon");
        ok = false;
      }
    }
    if (ok) out.push_back(std::move(b));
  }
  return out;
}

Provenance read_provenance(Record r, Problems& problems) {
  Provenance p;
  p.recipe = r.text("recipe", Need::kOptional).value_or("");
  if (const Json* parts = r.raw("parts", Need::kOptional)) {
    if (!parts->is_array()) {
      r.problem("parts", "must be a list of parts");
    } else {
      for (std::size_t i = 0; i < parts->size(); ++i) {
        Record part = Record::of_json((*parts)[i], r.path("parts")[i], problems);
        DataPart d;
        d.part = part.text("part", Need::kRequired).value_or("");
        d.source = part.text("source", Need::kRequired).value_or("");
        if (const Json* counts = part.raw("counts", Need::kOptional)) {
          if (!counts->is_object()) {
            part.problem("counts", "must map names to whole numbers");
          } else {
            for (const auto& [name, n] : counts->items()) {
              if (n.is_number_integer())
                d.counts.emplace_back(name, n.get<std::int64_t>());
              else
                problems.add((part.path("counts") / name).str(), "must be a whole number");
            }
          }
        }
        if (const Json* notes = part.raw("notes", Need::kOptional)) {
          if (!notes->is_array()) part.problem("notes", "must be a list of strings");
          for (std::size_t k = 0; notes->is_array() && k < notes->size(); ++k) {
            if ((*notes)[k].is_string())
              d.notes.push_back((*notes)[k].get<std::string>());
            else
              problems.add(part.path("notes")[k].str(), "must be a string");
          }
        }
        part.finish();
        p.parts.push_back(std::move(d));
      }
    }
  }
  Record snaps = r.nested("snaps", Need::kOptional);
  if (auto t = snaps.number("threshold_m", Need::kOptional, {0})) p.snap_threshold_m = *t;
  if (auto n = snaps.integer("over_threshold", Need::kOptional, 0))
    p.snaps_over = static_cast<std::size_t>(*n);
  if (const Json* longest = snaps.raw("longest", Need::kOptional)) {
    if (!longest->is_array()) snaps.problem("longest", "must be a list of snaps");
    for (std::size_t i = 0; longest->is_array() && i < longest->size(); ++i) {
      Record s = Record::of_json((*longest)[i], snaps.path("longest")[i], problems);
      Snap snap;
      snap.kind = s.text("kind", Need::kRequired).value_or("");
      snap.id = s.text("id", Need::kRequired).value_or("");
      snap.metres = s.number("metres", Need::kRequired, {0}).value_or(0);
      s.finish();
      p.longest_snaps.push_back(std::move(snap));
    }
  }
  snaps.finish();
  r.finish();
  return p;
}

Json boundary_geometry(const std::vector<AreaPolygon>& polygons) {
  auto polygon = [](const AreaPolygon& rings) {
    Json out = Json::array();
    for (const auto& ring : rings) {
      Json r = Json::array();
      for (const geo::GeoPoint& p : ring) r.push_back(Json::array({p.lon, p.lat}));
      out.push_back(std::move(r));
    }
    return out;
  };
  if (polygons.size() == 1) return {{"type", "Polygon"}, {"coordinates", polygon(polygons.front())}};
  Json coordinates = Json::array();
  for (const AreaPolygon& p : polygons) coordinates.push_back(polygon(p));
  return {{"type", "MultiPolygon"}, {"coordinates", coordinates}};
}

}  // namespace siaga::scenario
