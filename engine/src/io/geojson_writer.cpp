#include "siaga/io/geojson_writer.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "siaga/core/error.hpp"
#include "siaga/io/report_tables.hpp"

namespace siaga::io {
namespace {

using Json = nlohmann::ordered_json;

// Twice the signed area of a ring in the lon/lat plane: positive when counter-clockwise. The
// plane is enough for a sign: no village ring crosses the antimeridian or a pole.
double signed_area2(const std::vector<geo::GeoPoint>& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    sum += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  return sum;
}

Json point(const geo::GeoPoint& at) {
  return Json{{"type", "Point"}, {"coordinates", Json::array({at.lon, at.lat})}};
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json feature(const std::string& id, Json geometry, Json properties) {
  Json f;
  f["type"] = "Feature";
  f["id"] = id;
  f["geometry"] = std::move(geometry);
  f["properties"] = std::move(properties);
  return f;
}

}  // namespace

scenario::AreaPolygon rfc7946_oriented(const scenario::AreaPolygon& polygon) {
  scenario::AreaPolygon out = polygon;
  for (std::size_t r = 0; r < out.size(); ++r) {
    const bool ccw = signed_area2(out[r]) > 0;
    const bool want_ccw = r == 0;  // the exterior; every later ring is a hole
    if (ccw != want_ccw) std::reverse(out[r].begin(), out[r].end());
  }
  return out;
}

nlohmann::ordered_json area_geometry(const std::vector<scenario::AreaPolygon>& polygons) {
  auto rings = [](const scenario::AreaPolygon& polygon) {
    Json out = Json::array();
    for (const auto& ring : rfc7946_oriented(polygon)) {
      Json r = Json::array();
      for (const geo::GeoPoint& p : ring) r.push_back(Json::array({p.lon, p.lat}));
      out.push_back(std::move(r));
    }
    return out;
  };
  Json g;
  if (polygons.size() == 1) {
    g["type"] = "Polygon";
    g["coordinates"] = rings(polygons.front());
    return g;
  }
  g["type"] = "MultiPolygon";
  Json& coordinates = g["coordinates"] = Json::array();
  for (const scenario::AreaPolygon& p : polygons) coordinates.push_back(rings(p));
  return g;
}

geo::GeoPoint tps_position(const scenario::Model& model, std::size_t tps) {
  const scenario::Tps& t = model.scenario().region.tps[tps];
  return t.at ? *t.at : model.roads().node(model.tps()[tps].node);
}

std::string feature_collection_text(std::span<const nlohmann::ordered_json> features) {
  // RFC 7946 fixes WGS 84 and drops "crs"; QGIS reads such a file as EPSG:4326.
  std::string out = "{\"type\": \"FeatureCollection\", \"features\": [\n";
  for (std::size_t i = 0; i < features.size(); ++i) {
    out += features[i].dump();
    out += i + 1 < features.size() ? ",\n" : "\n";
  }
  out += "]}\n";
  return out;
}

std::string villages_geojson(const scenario::Model& model,
                             std::span<const nlohmann::ordered_json> properties) {
  const scenario::Region& region = model.scenario().region;
  SIAGA_CHECK(properties.size() == region.villages.size(),
              "villages_geojson: one properties object per village");
  std::vector<const scenario::AreaBoundary*> boundary(region.villages.size(), nullptr);
  for (const scenario::AreaBoundary& b : region.village_boundaries)
    if (b.area < boundary.size() && !b.polygons.empty()) boundary[b.area] = &b;
  std::vector<Json> features;
  features.reserve(region.villages.size());
  for (std::size_t v = 0; v < region.villages.size(); ++v) {
    const scenario::Village& village = region.villages[v];
    const scenario::Kecamatan& kecamatan = region.kecamatan[village.kecamatan];
    Json props = properties[v];
    props["kecamatan_code"] = kecamatan.code;
    props["kabupaten_code"] = region.kabupaten[kecamatan.kabupaten].code;
    features.push_back(feature(village.code,
                               boundary[v] ? area_geometry(boundary[v]->polygons) : point(village.at),
                               std::move(props)));
  }
  return feature_collection_text(features);
}

std::string tps_geojson(const scenario::Model& model, std::span<const nlohmann::ordered_json> properties) {
  const auto& tps = model.scenario().region.tps;
  SIAGA_CHECK(properties.size() == tps.size(), "tps_geojson: one properties object per TPS");
  std::vector<Json> features;
  features.reserve(tps.size());
  for (std::size_t t = 0; t < tps.size(); ++t)
    features.push_back(feature(tps[t].id, point(tps_position(model, t)), properties[t]));
  return feature_collection_text(features);
}

std::string posts_geojson(const scenario::Model& model, const experiment::ExperimentResult& result) {
  const scenario::Scenario& s = model.scenario();
  const std::vector<std::size_t> kecamatan = post_kecamatan(s);
  const std::size_t post_count = s.forces.posts.size();
  std::vector<int> units(post_count, 0), officers(post_count, 0);
  std::vector<double> dispatches(post_count, 0);
  std::vector<std::int64_t> busy(post_count, 0), duty(post_count, 0);
  for (std::size_t u = 0; u < s.forces.units.size(); ++u) {
    const scenario::Unit& unit = s.forces.units[u];
    if (!unit.dispatchable) continue;
    ++units[unit.post];
    officers[unit.post] += unit.headcount;
    if (u < result.unit_dispatches.size()) {
      dispatches[unit.post] += static_cast<double>(result.unit_dispatches[u]);
      busy[unit.post] += result.unit_busy_officer_ms[u];
      duty[unit.post] += result.unit_duty_officer_ms[u];
    }
  }
  const double n = static_cast<double>(result.n());
  std::vector<Json> features;
  features.reserve(post_count);
  for (std::size_t p = 0; p < post_count; ++p) {
    const scenario::Post& post = s.forces.posts[p];
    Json props;
    props["id"] = post.id;
    props["name"] = post.name;
    props["kind"] = scenario::to_string(post.kind);
    props["kecamatan_code"] = s.region.kecamatan.empty() ? "" : s.region.kecamatan[kecamatan[p]].code;
    props["kecamatan_name"] = s.region.kecamatan.empty() ? "" : s.region.kecamatan[kecamatan[p]].name;
    props["units"] = units[p];
    props["officers"] = officers[p];
    props["dispatches_per_day"] = number_or_null(n > 0 ? dispatches[p] / n : NAN);
    props["busy_officer_hours_per_day"] = number_or_null(n > 0 ? to_hours(busy[p]) / n : NAN);
    props["utilization"] =
        number_or_null(duty[p] > 0 ? static_cast<double>(busy[p]) / static_cast<double>(duty[p]) : NAN);
    features.push_back(feature(post.id, point(post.at), std::move(props)));
  }
  return feature_collection_text(features);
}

}  // namespace siaga::io
