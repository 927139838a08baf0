#include "siaga/scenario/csv_table.hpp"

#include <gtest/gtest.h>

#include "siaga/scenario/problems.hpp"

namespace siaga::scenario {
namespace {

TEST(CsvTable, SplitsQuotedFieldsAndKeepsLineNumbers) {
  const CsvTable t = CsvTable::parse("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\n4,\"multi\nline\",6\n", "t.csv");
  ASSERT_EQ(t.header().size(), 3u);
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, 1), "x, \"y\"");
  EXPECT_EQ(t.cell(1, 1), "multi\nline");
  EXPECT_EQ(t.where(0, 2), "t.csv:2:3");
  EXPECT_EQ(t.where(1), "t.csv:4") << "blank lines are skipped but counted";
  EXPECT_EQ(t.column("c"), 2u);
  EXPECT_FALSE(t.column("d").has_value());
}

TEST(CsvTable, ARowWithTheWrongNumberOfFieldsIsNamed) {
  try {
    (void)CsvTable::parse("a,b\n1,2\n3\n", "t.csv");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "t.csv:3: has 1 fields, the header has 2");
  }
}

TEST(CsvTable, AnUnterminatedQuoteIsNamed) {
  EXPECT_THROW((void)CsvTable::parse("a\n\"open\n", "t.csv"), ScenarioError);
}

}  // namespace
}  // namespace siaga::scenario
