#include "siaga/scenario/path.hpp"

#include <gtest/gtest.h>

#include "siaga/core/error.hpp"

namespace siaga::scenario {
namespace {

TEST(Path, BuildsTheDottedSpelling) {
  const Path p = Path{} / "region" / "tps";
  EXPECT_EQ(p[12].str(), "region.tps[12]");
  EXPECT_EQ((p[12] / "village").str(), "region.tps[12].village");
  EXPECT_EQ(Path{}.str(), "(scenario)");
}

TEST(Path, ParsesWhatItPrints) {
  for (const char* s : {"plans.doctrine.retention.rawan.hours", "region.tps[12].village", "roads.edges[0]",
                        "a.b-c.d_e[3][4].f"})
    EXPECT_EQ(Path::parse(s).str(), s);
}

TEST(Path, RejectsMalformedPathsWithTheirPosition) {
  auto message = [](const char* s) {
    try {
      (void)Path::parse(s);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(""), "path '': empty path at character 1");
  EXPECT_EQ(message("plans..x"), "path 'plans..x': empty field name at character 7");
  EXPECT_EQ(message("region.tps[x]"),
            "path 'region.tps[x]': a list position is a whole number at character 11");
  EXPECT_EQ(message("plans.doctrine."),
            "path 'plans.doctrine.': a path ends with a field name or a list position "
            "at character 16");
  EXPECT_EQ(message("a b"), "path 'a b': expected '.' or '[' at character 2");
}

TEST(Path, FindsAndSetsExistingValuesOnly) {
  Json doc =
      Json::parse(R"({"plans": {"doctrine": {"retention": {"rawan": {"hours": 1.5}}}}, "tps": [{"v": 1}]})");
  const Path hours = Path::parse("plans.doctrine.retention.rawan.hours");
  ASSERT_NE(find(doc, hours), nullptr);
  EXPECT_EQ(find(doc, hours)->get<double>(), 1.5);
  set_existing(doc, hours, 3);
  EXPECT_EQ(find(doc, hours)->get<int>(), 3);
  set_existing(doc, Path::parse("tps[0].v"), 2);
  EXPECT_EQ(doc["tps"][0]["v"], 2);
  EXPECT_EQ(find(doc, Path::parse("tps[1]")), nullptr);
  try {
    set_existing(doc, Path::parse("plans.doctrine.retention.rawn.hours"), 2);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "plans.doctrine.retention.rawn: no such field in the scenario");
  }
}

}  // namespace
}  // namespace siaga::scenario
