#include "siaga/geo/spatial_index.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "siaga/geo/geodesy.hpp"

namespace siaga::geo {
namespace {

// The documented projection, written out independently: x = (R pi / 180) cos(phi0) lon,
// y = (R pi / 180) lat, phi0 the mean latitude of the indexed points. Returns squared metres.
struct Projection {
  double x_scale;
  double y_scale;
  explicit Projection(const std::vector<GeoPoint>& points) {
    double sum = 0.0;
    for (const GeoPoint& p : points) sum += p.lat;
    const double deg = std::numbers::pi / 180.0;
    y_scale = kEarthRadiusM * deg;
    x_scale = y_scale * std::cos(sum / static_cast<double>(points.size()) * deg);
  }
  double squared(GeoPoint a, GeoPoint b) const {
    const double dx = x_scale * a.lon - x_scale * b.lon;
    const double dy = y_scale * a.lat - y_scale * b.lat;
    return dx * dx + dy * dy;
  }
};

// Brute force: the lowest index among the points at the least projected distance.
std::uint32_t brute_nearest(const std::vector<GeoPoint>& points, const Projection& proj, GeoPoint q) {
  std::uint32_t best = 0;
  for (std::uint32_t i = 1; i < points.size(); ++i)
    if (proj.squared(q, points[i]) < proj.squared(q, points[best])) best = i;
  return best;
}

TEST(NearestNodeIndex, MatchesBruteForceOnRandomPoints) {
  std::mt19937_64 rng(2024);
  auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1p-53;
  };
  // A kabupaten-sized box in East Java, and queries reaching beyond it.
  std::vector<GeoPoint> points;
  for (int i = 0; i < 3000; ++i) points.push_back({uniform(-8.0, -7.2), uniform(112.4, 113.3)});
  const NearestNodeIndex index(points);
  ASSERT_EQ(index.size(), points.size());
  const Projection proj(points);
  for (int i = 0; i < 2000; ++i) {
    const GeoPoint q{uniform(-8.3, -6.9), uniform(112.1, 113.6)};
    const std::uint32_t got = index.nearest(q);
    ASSERT_EQ(got, brute_nearest(points, proj, q)) << "query " << i;
    // And the projection ranks as the sphere does, up to its tiny distortion over a kabupaten.
    double best_m = distance_m(q, points[0]);
    for (const GeoPoint& p : points) best_m = std::min(best_m, distance_m(q, p));
    EXPECT_LE(distance_m(q, points[got]), best_m * (1.0 + 1e-3) + 1e-6);
  }
}

TEST(NearestNodeIndex, TiesGoToTheLowestIndex) {
  // Mirror images about the query: x = -s a and s a, so the squared distances are equal bit for bit.
  const GeoPoint west{0.0, -0.001};
  const GeoPoint east{0.0, 0.001};
  const GeoPoint middle{0.0, 0.0};
  EXPECT_EQ(NearestNodeIndex(std::vector<GeoPoint>{west, east}).nearest(middle), 0u);
  EXPECT_EQ(NearestNodeIndex(std::vector<GeoPoint>{east, west}).nearest(middle), 0u);
  // Duplicates: many copies of one place (more than any first batch the index asks the tree for).
  std::vector<GeoPoint> points{{1.0, 1.0}, {2.0, 2.0}};
  for (int i = 0; i < 40; ++i) points.push_back({-7.25, 112.75});
  points.push_back({3.0, 3.0});
  for (int i = 0; i < 10; ++i) points.push_back({-7.25, 112.75});
  EXPECT_EQ(NearestNodeIndex(points).nearest({-7.2501, 112.7501}), 2u);
}

TEST(NearestNodeIndex, SinglePointIsAlwaysTheAnswer) {
  const NearestNodeIndex index(std::vector<GeoPoint>{{-7.0, 112.0}});
  EXPECT_EQ(index.nearest({5.0, 95.0}), 0u);
  EXPECT_EQ(index.nearest({-7.0, 112.0}), 0u);
}

}  // namespace
}  // namespace siaga::geo
