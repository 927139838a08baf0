// The tables behind the report (report_tables.hpp), its GeoJSON (geojson_writer.hpp) and
// scenario.json (scenario_facts.hpp), on the minimal fixture with hand-made counts.

#include "siaga/io/report_tables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "io/io_test_support.hpp"
#include "siaga/core/error.hpp"
#include "siaga/io/experiment_outputs.hpp"
#include "siaga/io/geojson_writer.hpp"
#include "siaga/io/scenario_facts.hpp"

namespace siaga::io {
namespace {

using Json = nlohmann::ordered_json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four days over the minimal scenario (6 TPS: satu-001, satu-002, dua-001, dua-002, tiga-001,
// tiga-002; kecamatan Utara holds Satu and Dua, Selatan holds Tiga).
experiment::ExperimentResult four_days(const scenario::Model& model) {
  experiment::ExperimentResult r;
  r.plan = "doctrine";
  r.seed = 3;
  r.replications.resize(4);
  for (std::size_t i = 0; i < 4; ++i) {
    r.replications[i][static_cast<std::size_t>(dynamics::Metric::kOfficerHoursDuty)] = 100.0 + 10.0 * i;
    r.replications[i][static_cast<std::size_t>(dynamics::Metric::kAnyEscalation)] = i == 0 ? 1 : 0;
  }
  r.tps_incident = {1, 0, 2, 2, 0, 4};
  r.tps_escalation = {0, 0, 2, 1, 0, 4};
  r.tps_late = {0, 0, 1, 0, 0, 1};
  r.tps_exposed = {0, 0, 0, 0, 0, 1};
  r.tps_incidents_sum = {1, 0, 3, 2, 0, 6};
  r.tps_escalations_sum = {0, 0, 2, 1, 0, 5};
  r.tps_late_sum = {0, 0, 1, 0, 0, 2};
  r.tps_exposed_sum = {0, 0, 0, 0, 0, 1};
  const std::size_t units = model.scenario().forces.units.size();
  r.unit_dispatches.assign(units, 0);
  for (auto* v : {&r.unit_busy_officer_ms, &r.unit_duty_officer_ms, &r.unit_overtime_officer_ms})
    v->assign(units, 0);
  // 12 incidents: 5 answered in minute 0, 3 in minute 12, 1 after two hours, 1 never (band 1);
  // 2 in band 2's minute 20.
  r.response_histogram[0][0] = 5;
  r.response_histogram[0][12] = 3;
  r.response_histogram[0][dynamics::kResponseHistogramMinutes] = 1;
  r.response_histogram[0][dynamics::kResponseHistogramBins - 1] = 1;
  r.response_histogram[1][20] = 2;
  r.incidents_by_hour[7][static_cast<std::size_t>(scenario::Phase::kVoting)] = 8;
  r.incidents_by_hour[25][static_cast<std::size_t>(scenario::Phase::kPostCount)] = 4;
  return r;
}

std::size_t column(const TextTable& t, const std::string& name) {
  const auto it = std::find(t.header.begin(), t.header.end(), name);
  EXPECT_NE(it, t.header.end()) << name;
  return static_cast<std::size_t>(it - t.header.begin());
}

TEST(ResponseTimesTable, HasEveryBinOfEveryBandWithTotalsAndPerDay) {
  const auto model = testing::minimal_model();
  const TextTable t = response_times_table(*model, four_days(*model));
  const std::size_t bands = model->scenario().incidents.response_targets.size();
  ASSERT_EQ(t.rows.size(), bands * dynamics::kResponseHistogramBins);
  EXPECT_EQ(t.header, (std::vector<std::string>{"band", "beyond_km", "target_minutes", "from_minutes",
                                                "to_minutes", "answered", "incidents", "incidents_per_day"}));
  const auto& first = t.rows[0];
  EXPECT_EQ(first[0], "1");
  EXPECT_EQ(first[3], "0");
  EXPECT_EQ(first[4], "1");
  EXPECT_EQ(first[6], "5");
  EXPECT_EQ(first[7], "1.25");
  const auto& over = t.rows[dynamics::kResponseHistogramMinutes];
  EXPECT_EQ(over[3], "120");
  EXPECT_EQ(over[4], "") << "open-ended";
  EXPECT_EQ(over[5], "1");
  const auto& never = t.rows[dynamics::kResponseHistogramBins - 1];
  EXPECT_EQ(never[3], "");
  EXPECT_EQ(never[5], "0") << "never answered";
  EXPECT_EQ(never[6], "1");
  ASSERT_GE(bands, 2u);
  EXPECT_EQ(t.rows[dynamics::kResponseHistogramBins + 20][6], "2");
  EXPECT_EQ(t.rows[dynamics::kResponseHistogramBins + 20][0], "2");
}

TEST(IncidentsByHourTable, GivesEveryHourAndPhase) {
  const auto model = testing::minimal_model();
  const TextTable t = incidents_by_hour_table(four_days(*model));
  ASSERT_EQ(t.rows.size(), dynamics::kDayHours * scenario::kPhaseCount);
  const auto& voting7 = t.rows[7 * scenario::kPhaseCount + 1];
  EXPECT_EQ(voting7[0], "7");
  EXPECT_EQ(voting7[1], "voting");
  EXPECT_EQ(voting7[2], "8");
  EXPECT_EQ(voting7[3], "2");
  EXPECT_EQ(t.rows[25 * scenario::kPhaseCount + 4][1], "post_count");
  EXPECT_EQ(t.rows[25 * scenario::kPhaseCount + 4][3], "1");
}

TEST(KecamatanTable, AddsItsTpsAndItsLocalUnits) {
  const auto model = testing::minimal_model();
  const TextTable t = kecamatan_table(*model, four_days(*model));
  ASSERT_EQ(t.rows.size(), 2u);
  const auto& utara = t.rows[0];
  EXPECT_EQ(utara[column(t, "kecamatan_name")], "Utara");
  EXPECT_EQ(utara[column(t, "tps")], "4");
  EXPECT_EQ(utara[column(t, "villages")], "2");
  // Utara's TPS: 1 + 0 + 3 + 2 incidents and 1 late over 4 days.
  EXPECT_EQ(utara[column(t, "incidents_per_day")], "1.5");
  EXPECT_EQ(utara[column(t, "late_per_day")], "0.25");
  EXPECT_EQ(utara[column(t, "late_share")], csv_number(1.0 / 6));
  const auto& selatan = t.rows[1];
  EXPECT_EQ(selatan[column(t, "incidents_per_day")], "1.5");
  EXPECT_EQ(selatan[column(t, "escalations_per_day")], "1.25");
  // Guards: every officer the plan stands at a kecamatan's TPS, the two adding up to the plan's.
  EXPECT_EQ(std::stoi(utara[column(t, "guards")]) + std::stoi(selatan[column(t, "guards")]),
            model->guard_officers_total());
  EXPECT_EQ(utara[column(t, "polsek")], "polsek-utara") << "a post without a name by its id";
  EXPECT_EQ(selatan[column(t, "polsek")], "polsek-selatan");
}

TEST(PostKecamatan, IsTheKecamatanOfTheNearestVillage) {
  const auto model = testing::minimal_model();
  const auto& posts = model->scenario().forces.posts;
  const std::vector<std::size_t> k = post_kecamatan(model->scenario());
  for (std::size_t p = 0; p < posts.size(); ++p) {
    if (posts[p].id == "polsek-utara") {
      EXPECT_EQ(k[p], 0u);
    }
    if (posts[p].id == "polsek-selatan") {
      EXPECT_EQ(k[p], 1u);
    }
  }
}

TEST(ReplicationsToSeparate, ScalesTheDaysByTheSquareOfWidthOverGap) {
  // Half-widths 0.05 and 0.05, a gap of 0.05: the widths must halve, so 4 x 100 days.
  EXPECT_EQ(replications_to_separate(0.10, 0.05, 0.15, 0.05, 0.00, 0.10, 100),
            std::optional<std::size_t>(400));
  // Rounded up to a block of 50: 100 x (0.06 / 0.05)^2 = 144 -> 150.
  EXPECT_EQ(replications_to_separate(0.10, 0.07, 0.13, 0.05, 0.02, 0.08, 100),
            std::optional<std::size_t>(150));
  EXPECT_EQ(replications_to_separate(0.1, 0.05, 0.15, 0.1, 0.05, 0.15, 100), std::nullopt)
      << "equal estimates";
  EXPECT_EQ(replications_to_separate(0.1, 0.05, 0.15, 0.05, 0.0, 0.1, 0), std::nullopt);
}

TEST(RiskiestTpsTable, ListsTpsThatEscalatedHighestFirstWithOverlaps) {
  const auto model = testing::minimal_model();
  const TextTable t = riskiest_tps_table(*model, four_days(*model), 0.95);
  // tiga-002 (4 of 4 days), dua-001 (2), dua-002 (1); the others never escalated.
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][column(t, "tps_id")], "tiga-002");
  EXPECT_EQ(t.rows[1][column(t, "tps_id")], "dua-001");
  EXPECT_EQ(t.rows[2][column(t, "tps_id")], "dua-002");
  EXPECT_EQ(t.rows[0][column(t, "p_escalation")], "1");
  // Four days give wide intervals: each overlaps the next, and a number of days is named.
  EXPECT_EQ(t.rows[0][column(t, "overlaps_next")], "1");
  EXPECT_FALSE(t.rows[0][column(t, "replications_to_separate")].empty());
  EXPECT_EQ(t.rows[2][column(t, "overlaps_next")], "") << "the last has no next";
}

TEST(KneeIndex, IsThePointFarthestFromTheChord) {
  // Risk falls fast, then slowly: the knee is the second point.
  const std::vector<double> x{0, 1, 2, 3, 4}, y{1, 0.3, 0.2, 0.1, 0};
  EXPECT_EQ(knee_index(x, y), std::optional<std::size_t>(1));
  // The same points in another order: the same point, by its index.
  const std::vector<double> xs{3, 1, 4, 0, 2}, ys{0.1, 0.3, 0, 1, 0.2};
  EXPECT_EQ(knee_index(xs, ys), std::optional<std::size_t>(1));
  // Units do not decide: officer-hours in thousands, risk in shares.
  const std::vector<double> xk{1000, 2000, 3000, 4000, 5000};
  EXPECT_EQ(knee_index(xk, y), std::optional<std::size_t>(1));
}

TEST(KneeIndex, NeedsThreePointsOffTheChord) {
  EXPECT_EQ(knee_index(std::vector<double>{0, 1}, std::vector<double>{1, 0}), std::nullopt);
  EXPECT_EQ(knee_index(std::vector<double>{0, 1, 2}, std::vector<double>{2, 1, 0}), std::nullopt)
      << "on the chord";
  EXPECT_EQ(knee_index(std::vector<double>{0, 1, kNaN, 3}, std::vector<double>{1, 0.2, 0.5, 0}),
            std::optional<std::size_t>(1))
      << "undefined points left out";
}

TEST(SweepCurveTable, GivesCostAndRiskWithIntervalsAndMarksTheKnee) {
  const auto model = testing::minimal_model();
  experiment::SweepResult sweep;
  sweep.axes.push_back(experiment::parse_sweep_axis("plans.doctrine.retention.rawan.hours=0:3:1"));
  const double risk_days[4] = {4, 1, 1, 0};  // days with an escalation, of 4
  for (int p = 0; p < 4; ++p) {
    experiment::SweepPoint point;
    point.values = {static_cast<double>(p)};
    point.result = four_days(*model);
    for (std::size_t i = 0; i < 4; ++i) {
      point.result.replications[i][static_cast<std::size_t>(dynamics::Metric::kOfficerHoursDuty)] =
          100.0 * (p + 1) + i;
      point.result.replications[i][static_cast<std::size_t>(dynamics::Metric::kAnyEscalation)] =
          i < risk_days[p] ? 1 : 0;
    }
    sweep.points.push_back(std::move(point));
  }
  const TextTable t = sweep_curve_table(sweep, 0.95);
  EXPECT_EQ(t.header[0], "plans.doctrine.retention.rawan.hours");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0][column(t, "officer_hours")], "101.5");
  EXPECT_EQ(t.rows[0][column(t, "risk")], "1");
  EXPECT_EQ(t.rows[1][column(t, "risk")], "0.25");
  EXPECT_LT(std::stod(t.rows[0][column(t, "officer_hours_low")]), 101.5);
  std::vector<std::string> knees;
  for (const auto& row : t.rows) knees.push_back(row[column(t, "knee")]);
  EXPECT_EQ(knees, (std::vector<std::string>{"0", "1", "0", "0"}));
}

TEST(Rfc7946Oriented, MakesExteriorsCounterClockwiseAndHolesClockwise) {
  // A clockwise square (seen from above, lon east, lat north) with a counter-clockwise hole.
  const scenario::AreaPolygon polygon{
      {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}},  // (lat, lon): north, east, south: clockwise
      {{0.2, 0.2}, {0.2, 0.4}, {0.4, 0.4}, {0.4, 0.2}, {0.2, 0.2}}};  // east, north, west: counter-clockwise
  const scenario::AreaPolygon out = rfc7946_oriented(polygon);
  // Shoelace in (lon, lat): positive when counter-clockwise.
  auto area = [](const std::vector<geo::GeoPoint>& ring) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
      s += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
    return s;
  };
  EXPECT_LT(area(polygon[0]), 0);
  EXPECT_GT(area(out[0]), 0);
  EXPECT_GT(area(polygon[1]), 0);
  EXPECT_LT(area(out[1]), 0);
  EXPECT_EQ(rfc7946_oriented(out)[0].front().lat, out[0].front().lat) << "already oriented: unchanged";
}

TEST(VillagesGeojson, DrawsPolygonsWhereTheScenarioHasThem) {
  auto doc = scenario::ScenarioDocument::load(testing::data_dir() / "minimal.json").json();
  // Satu as a clockwise square: written counter-clockwise in the file.
  doc["region"]["boundaries"]["villages"] =
      decltype(doc)::parse(R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"code": "99.01.01.2001"},
       "geometry": {"type": "Polygon", "coordinates": [[[109.98, -6.98], [110.0, -6.98], [110.0, -7.0],
                                                       [109.98, -7.0], [109.98, -6.98]]]}}]})");
  const auto model =
      scenario::compile(scenario::resolve(scenario::ScenarioDocument::parse(doc.dump(), "m.json", ".")));
  std::vector<Json> props(3, Json::object());
  const Json g = Json::parse(villages_geojson(*model, props));
  ASSERT_EQ(g["features"].size(), 3u);
  const Json& satu = g["features"][0]["geometry"];
  EXPECT_EQ(satu["type"], "Polygon");
  // Reversed to counter-clockwise: (109.98, -6.98) -> (109.98, -7.0) -> (110.0, -7.0) ...
  EXPECT_EQ(satu["coordinates"][0][1].dump(), "[109.98,-7.0]");
  EXPECT_EQ(g["features"][1]["geometry"]["type"], "Point") << "Dua has no polygon";
  EXPECT_EQ(g["features"][2]["properties"]["kecamatan_code"], "99.01.02");
}

TEST(PostsGeojson, GivesEachPostItsUnitsAndLoad) {
  const auto model = testing::minimal_model();
  const Json g = Json::parse(posts_geojson(*model, four_days(*model)));
  ASSERT_EQ(g["features"].size(), model->scenario().forces.posts.size());
  const Json& polres = g["features"][0];
  EXPECT_EQ(polres["id"], "polres");
  EXPECT_EQ(polres["properties"]["name"], "Polres Contoh");
  EXPECT_EQ(polres["geometry"]["coordinates"].dump(), "[110.0,-7.0]");
  EXPECT_TRUE(polres["properties"]["utilization"].is_null())
      << "no officer-hours on duty in the hand-made days";
}

TEST(ScenarioFacts, SaysWhatTheScenarioAndPlanAre) {
  const auto model = testing::minimal_model();
  const scenario::Model* const models[] = {model.get()};
  const Json j = scenario_facts(models, "0123456789abcdef", RunFacts{"run", 7, 200, 0.9, false, "1.2.3", {}});
  EXPECT_EQ(j.at("format"), "siaga-results-scenario/1");
  EXPECT_EQ(j.at("name"), "minimal");
  EXPECT_EQ(j.at("hash"), "0123456789abcdef");
  EXPECT_EQ(j.at("run").at("replications"), 200);
  EXPECT_EQ(j.at("region").at("tps"), 6);
  EXPECT_EQ(j.at("region").at("tps_by_category").at("rawan"), 2);
  EXPECT_EQ(j.at("region").at("tps_by_category").at("kurang_rawan"), 2);
  EXPECT_EQ(j.at("region").at("voters"), 250 + 260 + 240 + 230 + 300 + 280);
  ASSERT_EQ(j.at("plans").size(), 1u);
  EXPECT_EQ(j.at("plans").at(0).at("name"), "doctrine");
  EXPECT_EQ(j.at("plans").at(0).at("officers_at_tps"), model->guard_officers_total());
  EXPECT_TRUE(j.at("plans").at(0).at("guards").at("rawan").get<std::string>().find('-') != std::string::npos);
}

TEST(RetentionText, NamesThePolicyAndItsSettings) {
  scenario::PolicyChoice c;
  c.name = "fixed";
  c.settings = scenario::Json::parse(R"({"policy": "fixed", "officers": 1, "hours": 1.5})");
  EXPECT_EQ(retention_text(c), "fixed: officers 1, hours 1.5");
  c.name = "leave";
  c.settings = scenario::Json::parse(R"({"policy": "leave"})");
  EXPECT_EQ(retention_text(c), "leave");
}

}  // namespace
}  // namespace siaga::io
