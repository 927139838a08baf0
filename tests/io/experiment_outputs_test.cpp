#include "siaga/io/experiment_outputs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "siaga/core/error.hpp"

namespace siaga::io {
namespace {

using dynamics::Metric;
using Json = nlohmann::ordered_json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The 95% Wilson score interval of 3 successes in 10, by hand with z = 1.959963984540054:
//   p = 0.3, z^2 = 3.8414588, d = 1 + z^2/10 = 1.3841459,
//   centre = (0.3 + z^2/20) / d = 0.4920729 / 1.3841459 = 0.3555066,
//   half = z/d * sqrt(0.3*0.7/10 + z^2/400) = 1.4160097 * sqrt(0.0306036) = 0.2477153,
//   interval [0.1077913, 0.6032219] (0.10779126740630104 and 0.6032218525388545 in full).
constexpr double kWilson3of10Low = 0.10779126740630104, kWilson3of10High = 0.6032218525388545;
// The same for 1 in 10 and 4 in 10.
constexpr double kWilson1of10Low = 0.017876213095072924, kWilson1of10High = 0.40415002679523837;
constexpr double kWilson4of10Low = 0.1681803297062362, kWilson4of10High = 0.6873262302663417;

// Ten replications over the minimal scenario (6 TPS in villages Satu, Dua, Tiga) with known counts:
//   incidents 0, 1, ..., 9; escalations 2, 0, 0, 0, 1, 0, 0, 0, 0, 5 (any escalation on days 0, 4
//   and 9); any wait over 30 minutes on day 2 only; first response mean undefined (NaN) every day.
experiment::ExperimentResult sample_result(const scenario::Model& model) {
  experiment::ExperimentResult r;
  r.plan = "doctrine";
  r.seed = 42;
  r.partial = false;
  r.precision_reached = true;
  r.seconds = 1.5;
  r.threads = 2;
  const double escalations[10] = {2, 0, 0, 0, 1, 0, 0, 0, 0, 5};
  for (int i = 0; i < 10; ++i) {
    experiment::MetricRow row{};
    row[static_cast<std::size_t>(Metric::kIncidents)] = i;
    row[static_cast<std::size_t>(Metric::kEscalations)] = escalations[i];
    row[static_cast<std::size_t>(Metric::kAnyEscalation)] = escalations[i] > 0 ? 1 : 0;
    row[static_cast<std::size_t>(Metric::kAnyLongWait)] = i == 2 ? 1 : 0;
    row[static_cast<std::size_t>(Metric::kFirstResponseMean)] = kNaN;
    row[static_cast<std::size_t>(Metric::kClashes)] = i % 2;          // 5 clashes in all
    row[static_cast<std::size_t>(Metric::kClashesToRiots)] = i == 9;  // 1 of them became a riot
    r.replications.push_back(row);
    // Every incident in the first band, all answered in time but 4 of day 9's.
    experiment::ExperimentResult::BandCounts b;
    b.incidents[0] = static_cast<std::uint32_t>(i);
    b.within[0] = static_cast<std::uint32_t>(i == 9 ? 5 : i);
    r.bands.push_back(b);
  }
  const std::size_t units = model.scenario().forces.units.size();
  r.unit_dispatches.assign(units, 0);
  for (auto* v : {&r.unit_busy_officer_ms, &r.unit_duty_officer_ms, &r.unit_overtime_officer_ms})
    v->assign(units, 0);
  EXPECT_EQ(model.scenario().region.tps.size(), 6u);
  EXPECT_EQ(model.scenario().region.villages.size(), 3u);
  // TPS order: satu-001, satu-002, dua-001, dua-002, tiga-001, tiga-002.
  r.tps_incident = {1, 0, 4, 2, 0, 5};
  r.tps_escalation = {0, 0, 3, 1, 0, 3};
  r.tps_late = {0, 0, 1, 0, 0, 0};
  r.tps_exposed = {0, 0, 0, 0, 0, 1};
  // Summed over the days: dua-001 had 6 incidents on its 4 days, tiga-002 9 on its 5.
  r.tps_incidents_sum = {1, 0, 6, 2, 0, 9};
  r.tps_escalations_sum = {0, 0, 4, 1, 0, 7};
  r.tps_late_sum = {0, 0, 2, 0, 0, 0};
  r.tps_exposed_sum = {0, 0, 0, 0, 0, 1};
  // Villages: Satu, Dua, Tiga.
  r.village_incident = {1, 5, 5};
  r.village_escalation = {0, 3, 3};
  r.village_late = {0, 1, 0};
  r.village_exposed = {0, 0, 1};
  return r;
}

std::string keys_of(const Json& j) {
  std::string keys;
  for (const auto& [key, value] : j.items()) keys += (keys.empty() ? "" : ",") + key;
  return keys;
}

// Splits CSV text into lines and fields (no quoted fields in these tables).
std::vector<std::vector<std::string>> parse_simple_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    std::vector<std::string> fields;
    for (std::size_t f = 0;;) {
      const std::size_t comma = line.find(',', f);
      fields.push_back(line.substr(f, comma == std::string::npos ? comma : comma - f));
      if (comma == std::string::npos) break;
      f = comma + 1;
    }
    rows.push_back(std::move(fields));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return rows;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

double as_number(const std::string& field) { return std::strtod(field.c_str(), nullptr); }

TEST(ExperimentSummary, HasItsKeysInAFixedOrder) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "0123456789abcdef", "0.9.0");
  EXPECT_EQ(keys_of(j),
            "format,siaga_version,scenario,plan,seed,n,partial,precision_reached,confidence,threads,seconds,"
            "metrics,tail,probabilities,response_targets,ratios,riskiest_tps");
  EXPECT_EQ(j["format"], "siaga-summary/2");
  EXPECT_EQ(j["siaga_version"], "0.9.0");
  EXPECT_EQ(j["scenario"].dump(), R"({"name":"minimal","hash":"0123456789abcdef"})");
  EXPECT_EQ(j["plan"], "doctrine");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["n"], 10);
  EXPECT_EQ(j["partial"], false);
  EXPECT_EQ(j["precision_reached"], true);
  EXPECT_EQ(j["confidence"], 0.95);
  EXPECT_EQ(j["threads"], 2);
  EXPECT_EQ(j["seconds"], 1.5);
  ASSERT_EQ(j["metrics"].size(), dynamics::kMetricCount);
  std::size_t m = 0;
  for (const auto& [key, value] : j["metrics"].items())
    EXPECT_EQ(key, dynamics::metric_name(static_cast<Metric>(m++)));
}

TEST(ExperimentSummary, SummarisesIndicatorMetricsAsWilsonProbabilities) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "h", "v");
  const Json& any = j["metrics"]["any_escalation"];
  EXPECT_EQ(keys_of(any), "kind,label,estimate,low,high,successes,n");
  EXPECT_EQ(any["kind"], "probability");
  EXPECT_EQ(any["estimate"].get<double>(), 0.3);
  EXPECT_NEAR(any["low"].get<double>(), kWilson3of10Low, 1e-12);
  EXPECT_NEAR(any["high"].get<double>(), kWilson3of10High, 1e-12);
  EXPECT_EQ(any["successes"], 3);
  EXPECT_EQ(any["n"], 10);
  const Json& wait = j["metrics"]["any_long_wait"];
  EXPECT_EQ(wait["estimate"].get<double>(), 0.1);
  EXPECT_NEAR(wait["low"].get<double>(), kWilson1of10Low, 1e-12);
  EXPECT_NEAR(wait["high"].get<double>(), kWilson1of10High, 1e-12);
}

TEST(ExperimentSummary, SummarisesOtherMetricsAsMeansWithQuantiles) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "h", "v");
  const Json& incidents = j["metrics"]["incidents"];
  EXPECT_EQ(keys_of(incidents), "kind,label,mean,low,high,sd,p5,p50,p95,p99,n,better");
  EXPECT_EQ(incidents["kind"], "mean");
  EXPECT_EQ(incidents["label"], "incidents at TPS, per day");
  // 0..9: mean 4.5, sd sqrt(82.5 / 9) = 3.0276503540974917; t(0.975, 9) = 2.2621571627409915, so
  // the half-width is 2.1658505896133913. Type 7 quantiles: 9q between neighbours, 0.45, 4.5, 8.55, 8.91.
  EXPECT_EQ(incidents["mean"].get<double>(), 4.5);
  EXPECT_NEAR(incidents["sd"].get<double>(), 3.0276503540974917, 1e-12);
  EXPECT_NEAR(incidents["low"].get<double>(), 2.3341494103866087, 1e-9);
  EXPECT_NEAR(incidents["high"].get<double>(), 6.665850589613392, 1e-9);
  EXPECT_NEAR(incidents["p5"].get<double>(), 0.45, 1e-12);
  EXPECT_NEAR(incidents["p50"].get<double>(), 4.5, 1e-12);
  EXPECT_NEAR(incidents["p95"].get<double>(), 8.55, 1e-12);
  EXPECT_NEAR(incidents["p99"].get<double>(), 8.91, 1e-12);
  EXPECT_EQ(incidents["n"], 10);
  EXPECT_EQ(incidents["better"], "lower");
  EXPECT_EQ(j["metrics"]["share_within_target"]["better"], "higher");
  EXPECT_EQ(j["metrics"]["events"]["better"], "neither");
}

TEST(ExperimentSummary, WritesAMetricUndefinedEveryDayAsNulls) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "h", "v");
  const Json& first = j["metrics"]["first_response_mean_min"];
  EXPECT_EQ(first["n"], 0);
  for (const char* key : {"mean", "low", "high", "sd", "p5", "p50", "p95", "p99"})
    EXPECT_TRUE(first[key].is_null()) << key;
}

TEST(ExperimentSummary, GivesTheTailProbabilitiesAndTheRiskiestTps) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "h", "v");
  // The worst 5% of 10 days is the single worst: 5 escalations.
  EXPECT_EQ(j["tail"].dump(), R"({"escalations_worst_5pct_mean":5.0})");
  EXPECT_EQ(keys_of(j["probabilities"]), "any_escalation,any_long_wait");
  EXPECT_EQ(j["probabilities"]["any_escalation"], j["metrics"]["any_escalation"]);
  EXPECT_EQ(j["probabilities"]["any_long_wait"], j["metrics"]["any_long_wait"]);
  // Escalations per TPS 0, 0, 3, 1, 0, 3: the two with 3 in scenario order, then the one with 1;
  // TPS that never escalated are not listed.
  const Json& riskiest = j["riskiest_tps"];
  ASSERT_EQ(riskiest.size(), 3u);
  EXPECT_EQ(keys_of(riskiest[0]), "id,village,category,estimate,low,high");
  EXPECT_EQ(riskiest[0]["id"], "dua-001");
  EXPECT_EQ(riskiest[0]["village"], "Dua");
  EXPECT_EQ(riskiest[0]["category"], "rawan");
  EXPECT_EQ(riskiest[0]["estimate"].get<double>(), 0.3);
  EXPECT_NEAR(riskiest[0]["low"].get<double>(), kWilson3of10Low, 1e-12);
  EXPECT_NEAR(riskiest[0]["high"].get<double>(), kWilson3of10High, 1e-12);
  EXPECT_EQ(riskiest[1]["id"], "tiga-002");
  EXPECT_EQ(riskiest[1]["category"], "khusus");
  EXPECT_EQ(riskiest[2]["id"], "dua-002");
  EXPECT_EQ(riskiest[2]["estimate"].get<double>(), 0.1);
}

TEST(ExperimentSummary, PoolsResponseTargetsAndRatiosOverReplications) {
  const auto model = testing::minimal_model();
  const Json j = experiment_summary(*model, sample_result(*model), 0.95, "h", "v");
  // 45 incidents, 41 in time: the ratio of totals, not a mean of daily shares.
  const Json& overall = j["response_targets"]["overall"];
  EXPECT_DOUBLE_EQ(overall["estimate"].get<double>(), 41.0 / 45.0);
  EXPECT_LE(overall["high"].get<double>(), 1.0) << "a share's interval stays within [0, 1]";
  EXPECT_LT(overall["low"].get<double>(), 41.0 / 45.0);
  ASSERT_EQ(j["response_targets"]["bands"].size(), 3u);
  EXPECT_EQ(j["response_targets"]["bands"][0]["incidents"].get<double>(), 45.0);
  EXPECT_EQ(j["response_targets"]["bands"][1]["estimate"], nullptr) << "no incident in the second band";
  EXPECT_DOUBLE_EQ(j["ratios"]["riots_per_clash"]["estimate"].get<double>(), 0.2);
  EXPECT_GE(j["ratios"]["riots_per_clash"]["low"].get<double>(), 0.0);
}

TEST(ExperimentSummary, ListsAtMostTenRiskiestTps) {
  const auto model = testing::minimal_model();
  experiment::ExperimentResult r = sample_result(*model);
  r.tps_escalation = {1, 2, 3, 4, 5, 6};
  const Json j = experiment_summary(*model, r, 0.95, "h", "v");
  ASSERT_EQ(j["riskiest_tps"].size(), 6u);
  EXPECT_EQ(j["riskiest_tps"][0]["id"], "tiga-002");
  EXPECT_EQ(j["riskiest_tps"][5]["id"], "satu-001");
}

TEST(ExperimentSummary, AnEmptyExperimentHasNullEstimates) {
  const auto model = testing::minimal_model();
  experiment::ExperimentResult r = sample_result(*model);
  r.replications.clear();
  for (auto* v : {&r.tps_incident, &r.tps_escalation, &r.tps_late, &r.tps_exposed, &r.village_incident,
                  &r.village_escalation, &r.village_late, &r.village_exposed})
    std::fill(v->begin(), v->end(), 0u);
  const Json j = experiment_summary(*model, r, 0.95, "h", "v");
  EXPECT_EQ(j["n"], 0);
  EXPECT_TRUE(j["metrics"]["any_escalation"]["estimate"].is_null());
  EXPECT_TRUE(j["metrics"]["incidents"]["mean"].is_null());
  EXPECT_TRUE(j["tail"]["escalations_worst_5pct_mean"].is_null());
  EXPECT_TRUE(j["riskiest_tps"].empty());
}

TEST(ScenarioHash, IsFnv1a64InSixteenHexDigits) {
  // The published FNV-1a 64 test vectors (Landon Curt Noll's fnv reference code), checked again
  // with a three-line Python reference (h ^= byte; h = h * 0x100000001b3 mod 2^64).
  EXPECT_EQ(scenario_hash(""), "cbf29ce484222325");
  EXPECT_EQ(scenario_hash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(scenario_hash("foobar"), "85944171f73967e8");
  EXPECT_NE(scenario_hash("{\"name\": \"a\"}"), scenario_hash("{\"name\": \"b\"}"));
}

TEST(ScenarioHash, ReadsBytesAboveSevenBitsAsUnsigned) {
  // "\xff": (0xcbf29ce484222325 ^ 0xff) * 0x100000001b3 mod 2^64 (Python reference); a signed char
  // sign-extended to 64 bits would flip the upper bits instead.
  EXPECT_EQ(scenario_hash("\xff"), "af64724c8602eb6e");
}

// Every file write_experiment_outputs() writes, sorted.
const std::vector<std::string> kAllFiles{"incidents_by_hour.csv", "kecamatan.csv",      "posts.geojson",
                                         "replications.csv",      "response_times.csv", "riskiest_tps.csv",
                                         "scenario.json",         "summary.json",       "tps.csv",
                                         "tps.geojson",           "units.csv",          "villages.csv",
                                         "villages.geojson"};

TEST(WriteExperimentOutputs, WritesItsFilesIntoANewDirectory) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  const auto dir = scratch / "out";
  write_experiment_outputs(dir, *model, sample_result(*model), 0.95, "0123456789abcdef", "0.9.0", false);
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, kAllFiles);
  const std::string summary = testing::read_file(dir / "summary.json");
  EXPECT_TRUE(summary.starts_with("{\n  \"format\": \"siaga-summary/2\",\n  \"siaga_version\": \"0.9.0\",\n"))
      << summary.substr(0, 80);
  EXPECT_EQ(summary.back(), '\n');
  EXPECT_EQ(Json::parse(summary),
            experiment_summary(*model, sample_result(*model), 0.95, "0123456789abcdef", "0.9.0"));
}

TEST(WriteExperimentOutputs, ReplicationsCsvHasEveryMetricAndEmptyFieldsForUndefined) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", false);
  const auto rows = parse_simple_csv(testing::read_file(scratch / "replications.csv"));
  ASSERT_EQ(rows.size(), 11u);
  ASSERT_EQ(rows[0].size(), dynamics::kMetricCount + 1);
  EXPECT_EQ(rows[0][0], "index");
  EXPECT_EQ(join({rows[0].begin(), rows[0].begin() + 5}), "index,incidents,serious_incidents,clashes,riots");
  EXPECT_EQ(rows[0].back(), "events");
  // Day 9: 9 incidents, a clash that became a riot, 5 escalations, any escalation; first response
  // mean undefined.
  EXPECT_EQ(join({rows[10].begin(), rows[10].begin() + 12}), "9,9,0,1,0,1,5,1,0,0,,0");
}

TEST(WriteExperimentOutputs, UnitsCsvGivesEachDispatchableUnitsDay) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  experiment::ExperimentResult r = sample_result(*model);
  // utara-r1 (unit 2, 4 officers, on duty 05:00-36:00 by default): 20 dispatches in 10 days, 40
  // officer-hours busy, 1,240 on duty, 2 past its duty end.
  r.unit_dispatches[2] = 20;
  r.unit_busy_officer_ms[2] = hours(40);
  r.unit_duty_officer_ms[2] = hours(1240);
  r.unit_overtime_officer_ms[2] = hours(2);
  write_experiment_outputs(scratch.path(), *model, r, 0.95, "h", "v", false);
  const auto rows = parse_simple_csv(testing::read_file(scratch / "units.csv"));
  ASSERT_EQ(rows.size(), 5u) << "a header and the 4 dispatchable units (the tps_guard pool is not)";
  EXPECT_EQ(join(rows[0]),
            "unit_id,kind,tier,post,headcount,teams,dispatches_per_day,busy_officer_hours_per_day,"
            "duty_officer_hours_per_day,utilization,overtime_officer_hours_per_day");
  EXPECT_EQ(join({rows[2].begin(), rows[2].begin() + 6}), "utara-r1,polsek_reserve,sector,polsek-utara,4,1");
  EXPECT_EQ(as_number(rows[2][6]), 2.0);
  EXPECT_EQ(as_number(rows[2][7]), 4.0);
  EXPECT_EQ(as_number(rows[2][8]), 124.0);
  EXPECT_NEAR(as_number(rows[2][9]), 4.0 / 124.0, 1e-12);
  EXPECT_EQ(as_number(rows[2][10]), 0.2);
}

TEST(WriteExperimentOutputs, TpsCsvGivesFourProbabilitiesPerTps) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", false);
  const auto rows = parse_simple_csv(testing::read_file(scratch / "tps.csv"));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(
      join(rows[0]),
      "tps_id,village_code,village_name,kecamatan,category,lat,lon,p_incident,p_incident_low,p_incident_high,"
      "p_escalation,p_escalation_low,p_escalation_high,p_late,p_late_low,p_late_high,"
      "p_exposed,p_exposed_low,p_exposed_high");
  // dua-001: 4 incidents, 3 escalations, 1 late, 0 exposed in 10 days; drawn at its village's
  // node (it gives no lat/lon of its own): node 2 at -6.99, 110.01.
  const auto& dua = rows[3];
  ASSERT_EQ(dua.size(), 19u);
  EXPECT_EQ(join({dua.begin(), dua.begin() + 8}), "dua-001,99.01.01.2002,Dua,Utara,rawan,-6.99,110.01,0.4");
  EXPECT_NEAR(as_number(dua[8]), kWilson4of10Low, 1e-12);
  EXPECT_NEAR(as_number(dua[9]), kWilson4of10High, 1e-12);
  EXPECT_EQ(dua[10], "0.3");
  EXPECT_NEAR(as_number(dua[11]), kWilson3of10Low, 1e-12);
  EXPECT_NEAR(as_number(dua[12]), kWilson3of10High, 1e-12);
  EXPECT_EQ(dua[13], "0.1");
  // No exposure in 10 days: the Wilson interval is [0, 0.2775...], its lower end exactly 0.
  EXPECT_EQ(dua[16], "0");
  EXPECT_EQ(dua[17], "0");
  EXPECT_NEAR(as_number(dua[18]), 0.27753279986288915, 1e-12);
  EXPECT_EQ(rows[1][4], "kurang_rawan");  // "aman" in the file
  // dua-002 stands on its own node 5 (-6.995, 110.015); tiga-002 gives its own lat/lon.
  EXPECT_EQ(join({rows[4].begin() + 5, rows[4].begin() + 7}), "-6.995,110.015");
  EXPECT_EQ(join({rows[6].begin() + 5, rows[6].begin() + 7}), "-7.02,110.01");
}

TEST(WriteExperimentOutputs, VillagesCsvGivesPlaceTpsCountAndProbabilities) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", false);
  const auto rows = parse_simple_csv(testing::read_file(scratch / "villages.csv"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(join(rows[0]),
            "village_code,village_name,kecamatan,kind,lat,lon,tps_count,p_incident,p_incident_low,"
            "p_incident_high,p_escalation,p_escalation_low,p_escalation_high,p_late,p_late_low,p_late_high,"
            "p_exposed,p_exposed_low,p_exposed_high");
  const auto& tiga = rows[3];
  EXPECT_EQ(join({tiga.begin(), tiga.begin() + 8}), "99.01.02.2001,Tiga,Selatan,kelurahan,-7.01,110,2,0.5");
  EXPECT_EQ(tiga[10], "0.3");
  EXPECT_EQ(tiga[13], "0");
  EXPECT_EQ(tiga[16], "0.1");
  EXPECT_EQ(rows[1][3], "desa");
}

TEST(WriteExperimentOutputs, VillagesGeojsonIsAFeatureCollectionOfLonLatPoints) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", false);
  const Json g = Json::parse(testing::read_file(scratch / "villages.geojson"));
  EXPECT_EQ(keys_of(g), "type,features");
  EXPECT_EQ(g["type"], "FeatureCollection");
  ASSERT_EQ(g["features"].size(), 3u);
  const Json& satu = g["features"][0];
  EXPECT_EQ(keys_of(satu), "type,id,geometry,properties");
  EXPECT_EQ(satu["type"], "Feature");
  EXPECT_EQ(satu["geometry"].dump(), R"({"type":"Point","coordinates":[109.99,-6.99]})");
  const auto header = parse_simple_csv(testing::read_file(scratch / "villages.csv"))[0];
  EXPECT_EQ(keys_of(satu["properties"]), join(header) + ",kecamatan_code,kabupaten_code");
  EXPECT_EQ(satu["properties"]["kecamatan_code"], "99.01.01");
  EXPECT_EQ(satu["properties"]["kabupaten_code"], "99.01");
  EXPECT_EQ(satu["properties"]["village_name"], "Satu");
  EXPECT_EQ(satu["properties"]["tps_count"], 2);
  EXPECT_EQ(satu["properties"]["lon"].get<double>(), 109.99);
  EXPECT_EQ(satu["properties"]["p_incident"].get<double>(), 0.1);
  EXPECT_EQ(g["features"][2]["properties"]["kind"], "kelurahan");
}

TEST(WriteExperimentOutputs, RefusesToOverwriteWithoutForceAndWritesNothing) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  testing::write_plain(scratch / "tps.csv", "mine");
  try {
    write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), testing::quoted(scratch / "tps.csv") + " exists; pass --force to overwrite it");
  }
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"tps.csv"});
  EXPECT_EQ(testing::read_file(scratch / "tps.csv"), "mine");

  write_experiment_outputs(scratch.path(), *model, sample_result(*model), 0.95, "h", "v", true);
  EXPECT_EQ(scratch.entries(), kAllFiles);
  EXPECT_EQ(testing::read_file(scratch / "tps.csv").substr(0, 7), "tps_id,");
}

TEST(WriteExperimentOutputs, NeedsTheParentOfTheDirectory) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  const auto dir = scratch / "missing" / "out";
  try {
    write_experiment_outputs(dir, *model, sample_result(*model), 0.95, "h", "v", false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), "cannot create the output directory " + testing::quoted(dir) + ": no directory " +
                            testing::quoted(scratch / "missing"));
  }
  EXPECT_TRUE(scratch.entries().empty());
}

TEST(WriteExperimentOutputs, RefusesAFileWhereTheDirectoryShouldBe) {
  const testing::ScratchDir scratch;
  const auto model = testing::minimal_model();
  testing::write_plain(scratch / "out", "x");
  try {
    write_experiment_outputs(scratch / "out", *model, sample_result(*model), 0.95, "h", "v", true);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), testing::quoted(scratch / "out") + " exists and is not a directory");
  }
}

TEST(WriteTableCsv, QuotesFieldsAsRfc4180Says) {
  const testing::ScratchDir scratch;
  write_table_csv(scratch / "t.csv", {"plan", "note"},
                  {{"doctrine", "plain"}, {"a,b", "say \"hi\""}, {"two\nlines", ""}}, false);
  EXPECT_EQ(testing::read_file(scratch / "t.csv"),
            "plan,note\ndoctrine,plain\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n");
}

TEST(WriteTableCsv, RefusesAnExistingFileWithoutForce) {
  const testing::ScratchDir scratch;
  testing::write_plain(scratch / "t.csv", "mine");
  try {
    write_table_csv(scratch / "t.csv", {"a"}, {{"1"}}, false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), testing::quoted(scratch / "t.csv") + " exists; pass --force to overwrite it");
  }
  EXPECT_EQ(testing::read_file(scratch / "t.csv"), "mine");
  write_table_csv(scratch / "t.csv", {"a"}, {{"1"}}, true);
  EXPECT_EQ(testing::read_file(scratch / "t.csv"), "a\n1\n");
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"t.csv"});
}

}  // namespace
}  // namespace siaga::io
