#include "siaga/io/number_format.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace siaga::io {
namespace {

TEST(NumberFormat, KeepsWholeDigitsSeparatesThousandsAndDropsTrailingZeros) {
  EXPECT_EQ(format_number(18279.3), "18,279") << "never cut into the whole part";
  EXPECT_EQ(format_number(1234567.0), "1,234,567");
  EXPECT_EQ(format_number(643.33), "643");
  EXPECT_EQ(format_number(39.479), "39.5");
  EXPECT_EQ(format_number(0.0824), "0.0824");
  EXPECT_EQ(format_number(9.0), "9");
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(-1500.4), "-1,500");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "n/a");
}

TEST(NumberFormat, AnIntervalShowsItsHalfWidthToTwoDigits) {
  EXPECT_EQ(format_interval(18073.02, 18033.38, 18112.66), "18,073 [18,033, 18,113]");
  EXPECT_EQ(format_interval(30.66, 29.98, 31.33), "30.66 [29.98, 31.33]");
  EXPECT_EQ(format_interval(0.93, 0.92, 0.94), "0.930 [0.920, 0.940]");
  EXPECT_EQ(format_interval(-0.0001, -0.0002, 0.0), "-0.0001 [-0.0002, 0.0000]");
  EXPECT_EQ(format_interval(12.5, std::numeric_limits<double>::quiet_NaN(), 13.0), "12.5")
      << "without an interval, the mean alone";
  EXPECT_EQ(format_interval(2.0, 2.0, 2.0), "2.00 [2.00, 2.00]") << "a zero-width interval";
  EXPECT_EQ(format_fixed(-0.0004, 2), "0.00") << "no negative zero";
}

}  // namespace
}  // namespace siaga::io
