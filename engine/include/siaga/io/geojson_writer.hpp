#pragma once
// The places of a result as GeoJSON (RFC 7946: WGS 84, [lon, lat], exterior rings counter-clockwise
// and holes clockwise), for QGIS and for the report's map: villages (their polygons where the
// scenario has them, else their centroids), TPS and posts, each with its figures as properties.
// Files hold one feature per line, so that a large region stays readable and diffable.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "siaga/experiment/experiment.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::io {

/// One polygon with RFC 7946's orientation: the exterior counter-clockwise, holes clockwise (by
/// the sign of the shoelace area in lon/lat); rings reversed as needed, points otherwise as given.
scenario::AreaPolygon rfc7946_oriented(const scenario::AreaPolygon& polygon);

/// An area's polygons as a GeoJSON geometry (Polygon, or MultiPolygon for several), oriented by
/// rfc7946_oriented().
nlohmann::ordered_json area_geometry(const std::vector<scenario::AreaPolygon>& polygons);

/// Where a TPS is drawn: its own lat/lon if the scenario gives one, else its road node's.
geo::GeoPoint tps_position(const scenario::Model& model, std::size_t tps);

/// A FeatureCollection's text from features, one per line.
std::string feature_collection_text(std::span<const nlohmann::ordered_json> features);

/// villages.geojson: one feature per village, id its code, geometry its polygon(s) where the
/// scenario has them (region.boundaries.villages) and its centroid otherwise; properties as given
/// (one object per village: the villages.csv columns) plus kecamatan_code and kabupaten_code.
std::string villages_geojson(const scenario::Model& model,
                             std::span<const nlohmann::ordered_json> properties);

/// tps.geojson: one point feature per TPS at tps_position(), id its id, properties as given (one
/// object per TPS: the tps.csv columns).
std::string tps_geojson(const scenario::Model& model, std::span<const nlohmann::ordered_json> properties);

/// posts.geojson: one point feature per post, id its id; properties id, name, kind, kecamatan_code
/// and kecamatan_name (io::post_kecamatan()), units and officers (its dispatchable units, after
/// the plan's reserves moved), then per day dispatches_per_day, busy_officer_hours_per_day and
/// utilization (busy over on-duty officer-hours; null when none was on duty).
std::string posts_geojson(const scenario::Model& model, const experiment::ExperimentResult& result);

}  // namespace siaga::io
