#include "siaga/geo/geodesy.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace siaga::geo {

double distance_m(GeoPoint a, GeoPoint b) noexcept {
  constexpr double kRadPerDeg = std::numbers::pi / 180.0;
  const double phi1 = a.lat * kRadPerDeg;
  const double phi2 = b.lat * kRadPerDeg;
  const double half_dphi = 0.5 * (phi2 - phi1);
  const double half_dlambda = 0.5 * (b.lon - a.lon) * kRadPerDeg;
  const double s_phi = std::sin(half_dphi);
  const double s_lambda = std::sin(half_dlambda);
  const double h = s_phi * s_phi + std::cos(phi1) * std::cos(phi2) * s_lambda * s_lambda;
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2.0 * kEarthRadiusM * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace siaga::geo
