#include "siaga/experiment/sweep_grid.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "siaga/core/error.hpp"

namespace siaga::experiment {
namespace {

// The message parse_sweep_axis throws for `spec` (empty if it does not throw).
std::string error_of(const std::string& spec) {
  try {
    parse_sweep_axis(spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(SweepGrid, ARangeIncludesItsEnd) {
  const SweepAxis axis = parse_sweep_axis("plans.doctrine.retention.rawan.hours=0:6:1");
  EXPECT_EQ(axis.values, (std::vector<double>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(axis.spelling, "plans.doctrine.retention.rawan.hours");
  EXPECT_EQ(axis.path.str(), "plans.doctrine.retention.rawan.hours");
  EXPECT_EQ(axis.path.steps().size(), 5u);
}

TEST(SweepGrid, ARangeStopsBeforeAnEndItDoesNotReach) {
  EXPECT_EQ(parse_sweep_axis("x=0:7:2").values, (std::vector<double>{0, 2, 4, 6}));
  EXPECT_EQ(parse_sweep_axis("x=1:1:5").values, (std::vector<double>{1}));
  EXPECT_EQ(parse_sweep_axis("x=-3:-1:1").values, (std::vector<double>{-3, -2, -1}));
}

TEST(SweepGrid, ADecimalStepHasElevenValuesEndingExactlyAtOne) {
  const std::vector<double> v = parse_sweep_axis("x=0:1:0.1").values;
  ASSERT_EQ(v.size(), 11u);
  EXPECT_EQ(v.back(), 1.0);
  // a + k*s, not repeated addition: summing 0.1 seven times gives 0.7999999999999999.
  EXPECT_EQ(v[7], 7 * 0.1);
  EXPECT_EQ(v[3], 3 * 0.1);
}

TEST(SweepGrid, ARangeEndsAtTheEndAsWrittenWhenTheStepsMissItByAnUlp) {
  // 0.1 + 3 * 0.2 is 0.7000000000000001 in doubles; the sweep runs the 0.7 the user wrote.
  const std::vector<double> v = parse_sweep_axis("x=0.1:0.7:0.2").values;
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v.back(), 0.7);
}

TEST(SweepGrid, ARangeMayHaveTenThousandValuesButNotMore) {
  EXPECT_EQ(parse_sweep_axis("x=1:10000:1").values.size(), 10'000u);
  EXPECT_EQ(error_of("x=0:10000:1"), "--set 'x=0:10000:1': the range has 10001 values (at most 10000)");
  EXPECT_EQ(error_of("x=-1e308:1e308:1"),
            "--set 'x=-1e308:1e308:1': the range has too many values (at most 10000)");
}

TEST(SweepGrid, AListKeepsItsValuesInOrder) {
  EXPECT_EQ(parse_sweep_axis("x=1,2,5").values, (std::vector<double>{1, 2, 5}));
  EXPECT_EQ(parse_sweep_axis("x=2.5").values, (std::vector<double>{2.5}));
  EXPECT_EQ(parse_sweep_axis("x= 3, -1.5 ,+4,1e2").values, (std::vector<double>{3, -1.5, 4, 100}));
}

TEST(SweepGrid, APathWithListPositionsIsParsed) {
  const SweepAxis axis = parse_sweep_axis("forces.units[2].headcount=4,8");
  EXPECT_EQ(axis.spelling, "forces.units[2].headcount");
  EXPECT_EQ(axis.path.str(), "forces.units[2].headcount");
}

TEST(SweepGrid, NamesEveryProblemWithItsSet) {
  EXPECT_EQ(error_of("x"), "--set 'x': expected PATH=VALUES");
  EXPECT_EQ(error_of("x="), "--set 'x=': expected at least one value after '='");
  EXPECT_EQ(error_of("x.y=0:6"), "--set 'x.y=0:6': a range is a:b:s (from, to, step)");
  EXPECT_EQ(error_of("x=0:1:1:1"), "--set 'x=0:1:1:1': a range is a:b:s (from, to, step)");
  EXPECT_EQ(error_of("x=1:0:1"), "--set 'x=1:0:1': the range is empty (1 > 0)");
  EXPECT_EQ(error_of("x=0:1:0"), "--set 'x=0:1:0': the step must be positive");
  EXPECT_EQ(error_of("x=0:1:-1"), "--set 'x=0:1:-1': the step must be positive");
  EXPECT_EQ(error_of("x=a"), "--set 'x=a': 'a' is not a number");
  EXPECT_EQ(error_of("x=0:b:1"), "--set 'x=0:b:1': 'b' is not a number");
  EXPECT_EQ(error_of("x=1,2x"), "--set 'x=1,2x': '2x' is not a number");
  EXPECT_EQ(error_of("x=0x10"), "--set 'x=0x10': '0x10' is not a number");
  EXPECT_EQ(error_of("x=1,,2"), "--set 'x=1,,2': an empty value in the list");
  EXPECT_EQ(error_of("x=1,"), "--set 'x=1,': an empty value in the list");
  EXPECT_EQ(error_of("x=nan"), "--set 'x=nan': 'nan' is not a finite number");
  EXPECT_EQ(error_of("x=1e999"), "--set 'x=1e999': '1e999' is not a finite number");
}

TEST(SweepGrid, PassesOnThePathsOwnProblems) {
  EXPECT_EQ(error_of("x..y=1"), "--set 'x..y=1': path 'x..y': empty field name at character 3");
  EXPECT_EQ(error_of("=1"), "--set '=1': path '': empty path at character 1");
  EXPECT_EQ(error_of("x y=1"), "--set 'x y=1': path 'x y': expected '.' or '[' at character 2");
}

TEST(SweepGrid, TheFirstAxisVariesSlowest) {
  const std::vector<SweepAxis> axes{parse_sweep_axis("a=1,2"), parse_sweep_axis("b=10:30:10"),
                                    parse_sweep_axis("c=7")};
  const std::vector<std::vector<double>> expected{{1, 10, 7}, {1, 20, 7}, {1, 30, 7},
                                                  {2, 10, 7}, {2, 20, 7}, {2, 30, 7}};
  EXPECT_EQ(grid_points(axes), expected);
}

TEST(SweepGrid, OneAxisIsItsValuesAndNoAxisIsOnePoint) {
  const std::vector<SweepAxis> one{parse_sweep_axis("a=3,1")};
  EXPECT_EQ(grid_points(one), (std::vector<std::vector<double>>{{3}, {1}}));
  EXPECT_EQ(grid_points({}), (std::vector<std::vector<double>>{{}}));
}

TEST(SweepGrid, RefusesAGridOfMoreThanAMillionPoints) {
  const SweepAxis big = parse_sweep_axis("a=1:1000:1");
  const std::vector<SweepAxis> axes{big, big, parse_sweep_axis("b=1,2")};
  try {
    grid_points(axes);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "--set: the grid has more than 1000000 points; sweep fewer values");
  }
}

}  // namespace
}  // namespace siaga::experiment
