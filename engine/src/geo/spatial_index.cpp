// Boost 1.74's Geometry reaches Boost.Math's constants, which include a header Boost itself has
// deprecated; without this its #pragma message is noise in every build log.
#define BOOST_ALLOW_DEPRECATED_HEADERS

#include "siaga/geo/spatial_index.hpp"

#include <boost/geometry/algorithms/comparable_distance.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/geometry/strategies/strategies.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>
#include <vector>

#include "siaga/core/error.hpp"
#include "siaga/geo/geodesy.hpp"

namespace siaga::geo {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point = bg::model::point<double, 2, bg::cs::cartesian>;  // projected metres: (x east, y north)
using Value = std::pair<Point, std::uint32_t>;                 // point and its index in the input

constexpr double kRadPerDeg = std::numbers::pi / 180.0;

}  // namespace

struct NearestNodeIndex::Impl {
  double x_scale = 0.0;  // metres per degree of longitude at the mean latitude
  double y_scale = 0.0;  // metres per degree of latitude
  bgi::rtree<Value, bgi::rstar<16>> tree;

  Point project(GeoPoint p) const { return Point(x_scale * p.lon, y_scale * p.lat); }
};

NearestNodeIndex::NearestNodeIndex(std::span<const GeoPoint> points) {
  SIAGA_CHECK(points.size() < std::numeric_limits<std::uint32_t>::max(), "too many points to index");
  auto impl = std::make_shared<Impl>();
  double lat_sum = 0.0;
  for (const GeoPoint& p : points) lat_sum += p.lat;
  const double mean_lat = points.empty() ? 0.0 : lat_sum / static_cast<double>(points.size());
  impl->y_scale = kEarthRadiusM * kRadPerDeg;
  impl->x_scale = impl->y_scale * std::cos(mean_lat * kRadPerDeg);
  std::vector<Value> values;
  values.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i)
    values.emplace_back(impl->project(points[i]), static_cast<std::uint32_t>(i));
  // The range constructor bulk-loads (packs) the tree: faster to build and to query than inserting.
  impl->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
  impl_ = std::move(impl);
}

std::size_t NearestNodeIndex::size() const noexcept { return impl_->tree.size(); }

std::uint32_t NearestNodeIndex::nearest(GeoPoint p) const {
  SIAGA_CHECK(size() > 0, "nearest() on an empty index");
  const Point q = impl_->project(p);
  // The tree returns one of the nearest points, not the lowest index among equals (duplicate nodes
  // and grid midpoints do tie). So ask for the m nearest: if one of them is farther than the
  // nearest, every point tied with the nearest is among them; if all m tie, ask for more.
  std::vector<Value> found;
  for (std::size_t m = 4;; m *= 4) {
    found.clear();
    impl_->tree.query(bgi::nearest(q, static_cast<unsigned>(std::min(m, size()))), std::back_inserter(found));
    double best_d = std::numeric_limits<double>::infinity();
    std::uint32_t best = 0;
    std::size_t ties = 0;
    for (const Value& v : found) {
      const double d = bg::comparable_distance(q, v.first);  // the tree's own metric, so ties agree
      if (d < best_d) {
        best_d = d;
        best = v.second;
        ties = 1;
      } else if (d == best_d) {
        best = std::min(best, v.second);
        ++ties;
      }
    }
    if (ties < found.size() || found.size() == size()) return best;
  }
}

}  // namespace siaga::geo
