// The report from a results folder: safe text and JSON, numbers for people, what a bad folder
// gets (one error naming the file and what is wrong, nothing written), the same bytes each time.
// What the page draws is checked in a real browser (tests/browser/report_test.mjs).

#include "siaga/report/report.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "html_text.hpp"
#include "io/io_test_support.hpp"
#include "siaga/core/error.hpp"
#include "siaga/experiment/compare.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/study_outputs.hpp"
#include "siaga/report/assets.hpp"

namespace siaga::report {
namespace {

namespace fs = std::filesystem;
using io::testing::read_file;
using io::testing::ScratchDir;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A real experiment on `model`, its results written to `dir`.
void write_results(const scenario::Model& model, const std::shared_ptr<const scenario::Model>& shared,
                   const fs::path& dir) {
  experiment::ExperimentOptions o;
  o.seed = 5;
  o.replications = 40;
  o.threads = 1;
  const experiment::ExperimentResult r = experiment::run_experiment(shared, o);
  io::write_experiment_outputs(dir, model, r, 0.95, "0123456789abcdef", "9.9.9", false);
}

std::shared_ptr<const scenario::Model> model_with(const std::string& village_name) {
  auto doc = scenario::ScenarioDocument::load(io::testing::data_dir() / "minimal.json").json();
  doc["region"]["villages"][0]["name"] = village_name;
  doc["region"]["kecamatan"][1]["name"] = "Kecamatan \u00d1g\u00e0nt\u00fcngan \u2028 </script>";
  return scenario::compile(scenario::resolve(scenario::ScenarioDocument::parse(doc.dump(), "m.json", ".")));
}

TEST(EscapeHtml, EscapesMarkupAndQuotesAndKeepsUnicode) {
  EXPECT_EQ(escape_html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escape_html("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
  EXPECT_EQ(escape_html("Ñgàntüngan ꦗꦮ"), "Ñgàntüngan ꦗꦮ");
}

TEST(JsonForScript, CannotCloseItsElementAndReadsBackUnchanged) {
  const nlohmann::ordered_json value = {{"name", "</script><!-- & \u2028 \u2029 Ñ"}, {"n", 1.5}};
  const std::string text = json_for_script(value);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find('>'), std::string::npos);
  EXPECT_EQ(text.find('&'), std::string::npos);
  EXPECT_EQ(text.find("\u2028"), std::string::npos);
  EXPECT_EQ(text.find("\u2029"), std::string::npos);
  EXPECT_NE(text.find("\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(text.find("Ñ"), std::string::npos) << "other Unicode as written";
  EXPECT_EQ(nlohmann::ordered_json::parse(text), value);
}

TEST(PercentIntervalText, FormatsSharesAsPeopleReadThem) {
  // The browser test holds report.js's formatter to these same strings.
  EXPECT_EQ(percent_interval_text(0.012, 0.004, 0.03), "1.2% [0.4, 3.0]");
  EXPECT_EQ(percent_interval_text(0.5, 0.469, 0.531), "50.0% [46.9, 53.1]");
  EXPECT_EQ(percent_interval_text(0, 0, 0.0185), "0.00% [0.00, 1.85]");
  EXPECT_EQ(percent_interval_text(kNaN, 0, 1), "n/a");
  EXPECT_EQ(percent_text(0.0123), "1.23%");
  EXPECT_EQ(interval_text(18073, 18033, 18113), "18,073 [18,033, 18,113]");
}

TEST(TableHtml, EscapesTextCellsAndRightAlignsNumbers) {
  const std::string t = table_html({"<h>"}, {{text_cell("<b>"), number_cell("1,234")}}, "wide");
  EXPECT_NE(t.find("<th>&lt;h&gt;</th>"), std::string::npos);
  EXPECT_NE(t.find("<td>&lt;b&gt;</td>"), std::string::npos);
  EXPECT_NE(t.find("<td class=\"num\">1,234</td>"), std::string::npos);
}

TEST(ReportAssets, EmbedTheLibrariesAndThePage) {
  for (const char* name : {"report.html", "report.css", "report.js", "leaflet.js", "leaflet.css", "chart.js"})
    EXPECT_FALSE(report_asset(name).empty()) << name;
  EXPECT_NE(report_asset("leaflet.js").find("Leaflet"), std::string_view::npos);
  EXPECT_NE(report_asset("chart.js").find("Chart.js v3"), std::string_view::npos);
}

TEST(RenderReport, IsOnePageThatLoadsNothingAndEscapesEveryName) {
  const ScratchDir scratch;
  const auto model = model_with("<script>alert(1)</script>");
  write_results(*model, model, scratch.path());
  const std::string page = render_report(scratch.path());
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>"));
  // Nothing that a browser would load: no source maps, no stylesheet images, no external script.
  EXPECT_EQ(page.find("sourceMappingURL"), std::string::npos);
  EXPECT_EQ(page.find("url(images/"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos) << "the page forbids loading anything";
  // The hostile name only escaped: in the JSON as \u003c..., never as markup.
  EXPECT_EQ(page.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), std::string::npos);
  // A Unicode kecamatan name as written in the tables, its </script> escaped, U+2028 kept in text.
  EXPECT_NE(page.find("Kecamatan Ñgàntüngan \u2028 &lt;/script&gt;"), std::string::npos);
  // Every section, in the order.
  std::size_t at = 0;
  for (const char* id : {"id=\"scenario\"", "id=\"headline\"", "id=\"response\"", "id=\"hours\"",
                         "id=\"risk-map\"", "id=\"kecamatan\"", "id=\"units\"", "id=\"riskiest\""}) {
    const std::size_t next = page.find(id, at);
    EXPECT_NE(next, std::string::npos) << id << " missing or out of order";
    if (next != std::string::npos) at = next;
  }
  EXPECT_EQ(render_report(scratch.path()), page) << "the same folder gives the same bytes";
}

TEST(RenderReport, NamesAMissingFile) {
  const ScratchDir scratch;
  const auto model = io::testing::minimal_model();
  write_results(*model, model, scratch.path());
  fs::remove(scratch / "tps.csv");
  try {
    render_report(scratch.path());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (scratch.path() / "tps.csv").string() +
                                         ": missing (a results folder holds what siaga run, compare or sweep "
                                         "wrote with --out)");
  }
}

TEST(RenderReport, NamesAMissingColumnAndABadNumber) {
  const ScratchDir scratch;
  const auto model = io::testing::minimal_model();
  write_results(*model, model, scratch.path());
  const std::string units = read_file(scratch / "units.csv");
  io::testing::write_plain(scratch / "units.csv", "unit_id,kind\nx,brimob\n");
  try {
    render_report(scratch.path());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (scratch.path() / "units.csv").string() + ": no column 'post'");
  }
  io::testing::write_plain(scratch / "units.csv", units);
  std::string kecamatan = read_file(scratch / "kecamatan.csv");
  const std::size_t line2 = kecamatan.find('\n') + 1;
  // The first row's villages (its 5th field) made unreadable.
  std::size_t field = line2;
  for (int i = 0; i < 4; ++i) field = kecamatan.find(',', field) + 1;
  kecamatan.replace(field, kecamatan.find(',', field) - field, "many");
  io::testing::write_plain(scratch / "kecamatan.csv", kecamatan);
  try {
    render_report(scratch.path());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              (scratch.path() / "kecamatan.csv").string() + ":2:5 (villages): 'many' is not a number");
  }
}

TEST(RenderReport, NamesAFolderThatHoldsNoResults) {
  const ScratchDir scratch;
  try {
    render_report(scratch.path());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a results folder: it has no summary.json"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(render_report(scratch / "nosuch"), InputError);
}

TEST(WriteReport, KeepsAnExistingFileAndWritesNothingFromABadFolder) {
  const ScratchDir scratch;
  const auto model = io::testing::minimal_model();
  write_results(*model, model, scratch / "out");
  io::testing::write_plain(scratch / "mine.html", "mine");
  try {
    write_report(scratch / "out", scratch / "mine.html", false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              io::testing::quoted(scratch / "mine.html") + " exists; pass --force to overwrite it");
  }
  EXPECT_EQ(read_file(scratch / "mine.html"), "mine");
  write_report(scratch / "out", scratch / "mine.html", true);
  EXPECT_TRUE(read_file(scratch / "mine.html").starts_with("<!DOCTYPE html>"));

  fs::remove(scratch / "out" / "summary.json");
  fs::remove(scratch / "out" / "scenario.json");
  EXPECT_THROW(write_report(scratch / "out", scratch / "new.html", false), InputError);
  EXPECT_FALSE(fs::exists(scratch / "new.html"));
}

TEST(RenderReport, PutsPlansSideBySideForAComparison) {
  const ScratchDir scratch;
  const auto doc = scenario::ScenarioDocument::load(io::testing::data_dir() / "minimal.json");
  experiment::ExperimentOptions o;
  o.seed = 2;
  o.replications = 30;
  o.threads = 1;
  const experiment::Comparison c = experiment::compare_plans(doc, doc.plan_names(), o);
  // compare.csv, compare.json and each plan's files, as `siaga compare --out` writes them.
  io::write_comparison_outputs(scratch.path(), c, "h", "v", false);
  EXPECT_TRUE(fs::exists(scratch / "plans" / "longer" / "tps.geojson"));
  EXPECT_TRUE(fs::exists(scratch / "compare.csv"));
  EXPECT_TRUE(fs::exists(scratch / "compare.json"));
  const std::string page = render_report(scratch.path());
  EXPECT_NE(page.find("id=\"comparison\""), std::string::npos);
  EXPECT_NE(page.find("longer"), std::string::npos);
  EXPECT_NE(page.find("data-pick=\"1\""), std::string::npos) << "a picker for the second plan";
  EXPECT_NE(page.find("not distinguishable"), std::string::npos);
}

}  // namespace
}  // namespace siaga::report
