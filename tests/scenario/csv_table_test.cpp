#include "siaga/scenario/csv_table.hpp"

#include <gtest/gtest.h>

#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"

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

TEST(CsvTable, SkipsAByteOrderMark) {
  const CsvTable t = CsvTable::parse(
      "\xEF\xBB\xBF"
      "code,name\n35,Jawa Timur\n",
      "t.csv");
  EXPECT_EQ(t.header()[0], "code") << "the mark is no part of the first column's name";
  EXPECT_EQ(t.column("code"), 0u);
  EXPECT_EQ(t.cell(0, 1), "Jawa Timur");
}

TEST(CsvTable, DetectsSemicolonsFromTheHeaderLine) {
  const CsvTable t = CsvTable::parse("code;name;note\n35;Jawa Timur;\"a, b; c\"\n", "t.csv");
  EXPECT_EQ(t.separator(), ';');
  ASSERT_EQ(t.header().size(), 3u);
  EXPECT_EQ(t.cell(0, 1), "Jawa Timur");
  EXPECT_EQ(t.cell(0, 2), "a, b; c");
  const CsvTable commas = CsvTable::parse("a,b\n\"x;y\",2\n", "t.csv");
  EXPECT_EQ(commas.separator(), ',');
  EXPECT_EQ(commas.cell(0, 0), "x;y");
}

TEST(CsvTable, KeepsUtf8Text) {
  const CsvTable t = CsvTable::parse(
      "name\nK\xC3\xA9"
      "dung \xE2\x80\x93 \xF0\x9F\x97\xB3\n",
      "t.csv");
  EXPECT_EQ(t.cell(0, 0),
            "K\xC3\xA9"
            "dung \xE2\x80\x93 \xF0\x9F\x97\xB3");
}

TEST(CsvTable, NamesTheFirstByteThatIsNotUtf8) {
  try {
    // Latin-1 e-acute (0xE9), as a spreadsheet saving "CSV" in a Western locale writes it.
    (void)CsvTable::parse(
        "code,name\n35.01,Kota\n35.02,K\xE9"
        "dung\n35.03,B\xE9"
        "\n",
        "t.csv");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "t.csv:3:2: not UTF-8 (byte 0xE9); save the file as UTF-8");
  }
  for (const char* bad : {"a\n\xC0\xAF\n", "a\n\xED\xA0\x80\n", "a\n\xF4\x90\x80\x80\n", "a\n\xE2\x80\n"}) {
    EXPECT_THROW((void)CsvTable::parse(bad, "t.csv"), ScenarioError)
        << "overlong, surrogate, too high, cut short";
  }
}

// Every problem a Record reports while reading `column` of each row as a whole number (or number).
std::vector<std::string> number_problems(const std::string& csv, bool whole) {
  const CsvTable t = CsvTable::parse(csv, "t.csv");
  Problems problems;
  for (std::size_t r = 0; r < t.row_count(); ++r) {
    Record rec = Record::of_csv(t, r, problems);
    if (whole)
      (void)rec.integer("n", Need::kRequired);
    else
      (void)rec.number("n", Need::kRequired);
  }
  std::vector<std::string> lines;
  for (const Problem& p : problems.list()) lines.push_back(p.line());
  return lines;
}

TEST(CsvTable, RefusesThousandsSeparatorsInWholeNumbers) {
  const auto lines = number_problems("id;n\na;1.234\nb;1,234\nc;12.345.678\nd;1.5\ne;1234\n", true);
  const std::vector<std::string> expected{
      "t.csv:2:2 (n): '1.234' looks like a number with a thousands separator; write 1234",
      "t.csv:3:2 (n): '1,234' looks like a number with a thousands separator; write 1234",
      "t.csv:4:2 (n): '12.345.678' looks like a number with a thousands separator; write 12345678",
      "t.csv:5:2 (n): must be a whole number, got '1.5'"};
  EXPECT_EQ(lines, expected);
}

TEST(CsvTable, RefusesEveryCommaInANumberButReadsDecimalPoints) {
  const auto lines = number_problems(
      "id;n\na;1.234\nb;1,234\nc;12.345,6\nd;-7,547743\ne;1,234.5\nf;1,234,567\ng;x,y\n", false);
  const std::vector<std::string> expected{
      "t.csv:3:2 (n): '1,234' has a comma, which is not read in numbers; write 1234 if it is a thousands "
      "separator, or 1.234 if it is a decimal comma",
      "t.csv:4:2 (n): '12.345,6' looks like a number with thousands separators and a decimal comma; write "
      "12345.6",
      "t.csv:5:2 (n): '-7,547743' has a decimal comma; write -7.547743",
      "t.csv:6:2 (n): '1,234.5' looks like a number with a thousands separator; write 1234.5",
      "t.csv:7:2 (n): '1,234,567' looks like a number with thousands separators; write 1234567",
      "t.csv:8:2 (n): must be a finite number, got 'x,y'"};
  EXPECT_EQ(lines, expected) << "1.234 is a valid decimal for a number field";
}

}  // namespace
}  // namespace siaga::scenario
