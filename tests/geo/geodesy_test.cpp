#include "siaga/geo/geodesy.hpp"

#include <gtest/gtest.h>

#include <numbers>

namespace siaga::geo {
namespace {

TEST(Geodesy, OneDegreeOfLatitudeIsRTimesPiOver180) {
  // Along a meridian the great circle is the meridian itself: 6,371,008.8 m * pi / 180
  // = 111,195.0802 m per degree, wherever the degree lies.
  EXPECT_NEAR(distance_m({0.0, 0.0}, {1.0, 0.0}), 111'195.0802, 1e-3);
  EXPECT_NEAR(distance_m({-8.0, 112.5}, {-7.0, 112.5}), 111'195.0802, 1e-3);
}

TEST(Geodesy, EquatorToPoleIsAQuarterCircumference) {
  EXPECT_NEAR(distance_m({0.0, 30.0}, {90.0, 30.0}), kEarthRadiusM * std::numbers::pi / 2.0, 1e-6);
}

TEST(Geodesy, AntipodesAreHalfACircumferenceApart) {
  // The haversine term reaches 1 here; rounding past 1 must not turn the distance into NaN.
  EXPECT_NEAR(distance_m({-7.25, 112.75}, {7.25, -67.25}), kEarthRadiusM * std::numbers::pi, 1e-6);
}

TEST(Geodesy, OneDegreeOfLongitudeOnTheEquatorEqualsOneOfLatitude) {
  EXPECT_NEAR(distance_m({0.0, 100.0}, {0.0, 101.0}), 111'195.0802, 1e-3);
}

TEST(Geodesy, ShortEastWestHopShrinksWithCosineOfLatitude) {
  // For 0.01 degree at 60 S the great circle is R cos(60) * 0.01 * pi / 180 = 555.975 m to well
  // under a millimetre (the chord bows poleward by ~1e-9 relative at this length).
  EXPECT_NEAR(distance_m({-60.0, 10.0}, {-60.0, 10.01}), 555.975398, 1e-4);
}

TEST(Geodesy, DistanceIsSymmetricAndZeroToItself) {
  const GeoPoint a{-7.6453, 112.9075};
  const GeoPoint b{-6.5887, 110.6684};
  EXPECT_EQ(distance_m(a, b), distance_m(b, a));
  EXPECT_EQ(distance_m(a, a), 0.0);
}

}  // namespace
}  // namespace siaga::geo
