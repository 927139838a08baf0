#include <algorithm>
#include <numeric>

#include "geojson.hpp"
#include "siaga/geo/geodesy.hpp"
#include "siaga/ingest/police_posts.hpp"

namespace siaga::ingest {
namespace {

using scenario::Json;
using scenario::Path;
using scenario::Problem;
using scenario::Problems;

struct Candidate {
  PolicePost post;
  std::string key;  // place_key
};

// Union-find over candidates, the representative of a set always its lowest index (the first in
// the file), so the kept name and point do not depend on the order of the merges.
struct Sets {
  std::vector<std::size_t> parent;
  explicit Sets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

std::string reason(NameVerdict v) {
  switch (v) {
    case NameVerdict::kPosPolisi:
      return "pos polisi (its officers are counted at their Polsek)";
    case NameVerdict::kSpecialUnit:
      return "special unit (traffic, licensing, water police or staff; no election-day reserve)";
    default:
      return "name not recognised as a Polda, Polres, Polsek or Brimob station";
  }
}

}  // namespace

PolicePosts read_police_posts(const std::filesystem::path& file, std::string shown_name,
                              std::span<const Boundary> kecamatan, const PostMergeOptions& options) {
  const std::string text = detail::read_text(file, shown_name, "GeoJSON file");
  return parse_police_posts(text, std::move(shown_name), kecamatan, options);
}

PolicePosts parse_police_posts(std::string_view text, std::string shown_name,
                               std::span<const Boundary> kecamatan, const PostMergeOptions& options) {
  const Json doc = detail::parse_json(text, shown_name);
  Problems problems;
  const Json* features = detail::features(doc, shown_name, problems);
  problems.throw_if_any();
  PolicePosts out;
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const Path f = (Path{} / "features")[i];
    const Json& feature = (*features)[i];
    const std::string where = detail::where(shown_name, f);
    if (!feature.is_object()) {
      problems.add(where, "must be a GeoJSON Feature object");
      continue;
    }
    const Json properties = feature.contains("properties") ? feature["properties"] : Json();
    const auto geometry = feature.find("geometry");
    if (geometry == feature.end() || !geometry->is_object() ||
        geometry->value("type", std::string()) != "Point") {
      problems.add(detail::where(shown_name, f / "geometry"), "must be a Point");
      continue;
    }
    const auto coordinates = geometry->find("coordinates");
    const auto at = detail::position(coordinates == geometry->end() ? Json() : *coordinates, shown_name,
                                     f / "geometry" / "coordinates", problems);
    if (!at) continue;

    const auto element = detail::text_property(properties, "element");
    const auto osm_id = detail::text_property(properties, "id");
    const std::string id = element && osm_id ? *element + "/" + *osm_id : f.str();
    const std::string name = detail::text_property(properties, "name").value_or("");
    const auto facility = detail::text_property(properties, "facility_type");
    const auto amenity = detail::text_property(properties, "amenity");
    const std::string type = facility ? *facility : amenity ? *amenity : "police";
    if (type != "police") {
      out.dropped.push_back(
          {where, id, name, type == "fire_station" ? "fire station" : "not police (" + type + ")"});
      continue;
    }
    if (name.empty()) {
      out.dropped.push_back({where, id, name, "no name (its kind cannot be told)"});
      continue;
    }
    const PoliceName read = read_police_name(name);
    if (read.verdict != NameVerdict::kStation) {
      out.dropped.push_back({where, id, name, reason(read.verdict)});
      continue;
    }
    Candidate c;
    c.post.id = id;
    c.post.kind = read.kind;
    c.post.name = read.label;
    c.post.place = read.place;
    c.post.source_name = name;
    c.post.at = *at;
    c.key = place_key(read.kind, read.place);
    candidates.push_back(std::move(c));
  }
  problems.throw_if_any();

  // The same station mapped twice (as a node and as its building, or by two contributors): same kind
  // and place close together, or same kind very close whatever the names say. Pairwise: a city has
  // at most a few hundred stations.
  Sets sets(candidates.size());
  for (std::size_t a = 0; a < candidates.size(); ++a)
    for (std::size_t b = a + 1; b < candidates.size(); ++b) {
      const Candidate& x = candidates[a];
      const Candidate& y = candidates[b];
      if (x.post.kind != y.post.kind) continue;
      const double d = geo::distance_m(x.post.at, y.post.at);
      if ((x.key == y.key && d <= options.same_place_radius_m) || d <= options.any_name_radius_m)
        sets.unite(a, b);
    }
  std::vector<std::size_t> post_of(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::size_t root = sets.find(i);
    if (root == i) {
      post_of[i] = out.posts.size();
      out.posts.push_back(candidates[i].post);
    } else {
      out.posts[post_of[root]].merged.push_back(candidates[i].post.id);
      ++out.merged;
    }
  }

  if (!kecamatan.empty()) {
    const BoundaryIndex index(kecamatan);
    std::vector<bool> has_polsek(kecamatan.size(), false);
    for (std::size_t p = 0; p < out.posts.size(); ++p) {
      PolicePost& post = out.posts[p];
      post.kecamatan = index.find(post.at);
      if (!post.kecamatan) {
        out.outside.push_back(p);
        continue;
      }
      if (post.kind != PoliceKind::kPolsek) continue;
      has_polsek[*post.kecamatan] = true;
      const Boundary& k = kecamatan[*post.kecamatan];
      if (!k.name.empty() && place_key(post.kind, k.name) != place_key(post.kind, post.place))
        out.warnings.push_back(Problem{shown_name + ":" + post.id,
                                       post.name + " stands in kecamatan " + k.name + " (" + k.key + ")"});
    }
    for (std::size_t k = 0; k < kecamatan.size(); ++k)
      if (!has_polsek[k]) out.kecamatan_without_polsek.push_back(k);
  }
  return out;
}

}  // namespace siaga::ingest
