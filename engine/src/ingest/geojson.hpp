#pragma once
// What the GeoJSON readers share (private to ingest/): reading a file, parsing it with syntax
// errors at line:column, naming places in it as file:json.path, and reading positions.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "siaga/geo/road_types.hpp"
#include "siaga/scenario/path.hpp"
#include "siaga/scenario/problems.hpp"

namespace siaga::ingest::detail {

/// The whole file as bytes, decompressed when its name ends in .gz (the committed road extracts are
/// gzip files); throws ScenarioError naming `shown_name` if it cannot be opened or decompressed.
std::string read_text(const std::filesystem::path& file, const std::string& shown_name,
                      std::string_view what);

/// Parses JSON text; a syntax error throws ScenarioError at "file:line:column".
scenario::Json parse_json(std::string_view text, const std::string& shown_name);

/// "file:features[3].geometry": how a problem in a GeoJSON file is placed.
std::string where(const std::string& shown_name, const scenario::Path& path);

/// The `features` of a FeatureCollection; reports and returns nullptr if `doc` is not one.
const scenario::Json* features(const scenario::Json& doc, const std::string& shown_name,
                               scenario::Problems& problems);

/// A GeoJSON position [lon, lat] (a third value, the height, is ignored) as a point, WGS 84
/// degrees; reports what is wrong at `path` and returns nullopt if it is not one.
std::optional<geo::GeoPoint> position(const scenario::Json& value, const std::string& shown_name,
                                      const scenario::Path& path, scenario::Problems& problems);

/// A property as text: a string as is, a whole number written out; nullopt if absent or null.
std::optional<std::string> text_property(const scenario::Json& properties, std::string_view key);

}  // namespace siaga::ingest::detail
