#include "geojson.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <zlib.h>

namespace siaga::ingest::detail {

using scenario::Json;
using scenario::Path;
using scenario::Problems;
using scenario::ScenarioError;

std::string read_text(const std::filesystem::path& file, const std::string& shown_name,
                      std::string_view what) {
  if (file.extension() == ".gz") {
    gzFile z = gzopen(file.c_str(), "rb");
    if (z == nullptr)
      throw ScenarioError(shown_name, "cannot open the " + std::string(what) + " (" + file.string() + ")");
    std::string out;
    char buf[1 << 16];
    int n = 0;
    while ((n = gzread(z, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    int err = Z_OK;
    const std::string why = n < 0 ? gzerror(z, &err) : "";
    gzclose(z);
    if (n < 0) throw ScenarioError(shown_name, "cannot decompress the " + std::string(what) + ": " + why);
    return out;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ScenarioError(shown_name, "cannot open the " + std::string(what) + " (" + file.string() + ")");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Json parse_json(std::string_view text, const std::string& shown_name) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann reports a byte offset; a reader wants the line and column.
    const std::size_t offset = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
    const std::size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
    std::string what = e.what();
    const auto colon = what.rfind(": ");
    throw ScenarioError(shown_name + ":" + std::to_string(line) + ":" + std::to_string(column),
                        "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  }
}

std::string where(const std::string& shown_name, const Path& path) { return shown_name + ":" + path.str(); }

const Json* features(const Json& doc, const std::string& shown_name, Problems& problems) {
  if (!doc.is_object() || doc.value("type", Json()) != "FeatureCollection") {
    problems.add(shown_name,
                 "must be a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\")");
    return nullptr;
  }
  const auto it = doc.find("features");
  if (it == doc.end() || !it->is_array()) {
    problems.add(where(shown_name, Path{} / "features"), "must be a list of features");
    return nullptr;
  }
  return &*it;
}

std::optional<geo::GeoPoint> position(const Json& value, const std::string& shown_name, const Path& path,
                                      Problems& problems) {
  if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number()) {
    problems.add(where(shown_name, path),
                 "must be a position [longitude, latitude], got " + value.dump().substr(0, 40));
    return std::nullopt;
  }
  const double lon = value[0].get<double>();
  const double lat = value[1].get<double>();
  if (!(lon >= -180.0 && lon <= 180.0) || !(lat >= -90.0 && lat <= 90.0)) {
    // The usual cause: [lat, lon] written the other way round, which GeoJSON does not allow.
    problems.add(where(shown_name, path),
                 "longitude must be within -180..180 and latitude within -90..90, got " + value.dump() +
                     " (GeoJSON writes [longitude, latitude])");
    return std::nullopt;
  }
  return geo::GeoPoint{lat, lon};
}

std::optional<std::string> text_property(const Json& properties, std::string_view key) {
  if (!properties.is_object()) return std::nullopt;
  const auto it = properties.find(key);
  if (it == properties.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return it->dump();
  return std::nullopt;
}

}  // namespace siaga::ingest::detail
