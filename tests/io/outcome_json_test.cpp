#include "siaga/io/outcome_json.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "io/io_test_support.hpp"

namespace siaga::io {
namespace {

using dynamics::Metric;
using Json = nlohmann::ordered_json;

// An outcome sized for `model` with recognisable numbers.
dynamics::Outcome sample_outcome(const scenario::Model& model) {
  dynamics::Outcome o;
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) o.metrics[m] = static_cast<double>(m) + 0.5;
  o[Metric::kFirstResponseMean] = std::numeric_limits<double>::quiet_NaN();  // a day without incidents
  o.incidents_by_kind.assign(model.scenario().incidents.kinds.size(), 0);
  o.incidents_by_kind[1] = 3;
  o.incidents_by_phase[static_cast<std::size_t>(scenario::Phase::kCounting)] = 2;
  o.incidents_by_category[static_cast<std::size_t>(scenario::Category::kRawan)] = 4;
  const std::size_t n = model.scenario().region.tps.size();
  o.tps_incidents.assign(n, 0);
  o.tps_escalations.assign(n, 0);
  o.tps_late.assign(n, 0);
  o.tps_exposed.assign(n, 0);
  o.tps_incidents[2] = 3;
  o.tps_late[5] = 1;
  return o;
}

std::string keys_of(const Json& j) {
  std::string keys;
  for (const auto& [key, value] : j.items()) keys += (keys.empty() ? "" : ",") + key;
  return keys;
}

TEST(OutcomeJson, HasMetricsIncidentsAndPerTpsCountersInAFixedOrder) {
  const auto model = testing::minimal_model();
  const Json j = outcome_json(sample_outcome(*model), *model);
  EXPECT_EQ(keys_of(j), "metrics,incidents,tps");
  EXPECT_EQ(keys_of(j["incidents"]), "by_kind,by_phase,by_category");
  EXPECT_EQ(keys_of(j["tps"]), "ids,incidents,escalations,late,exposed");
}

TEST(OutcomeJson, NamesEveryMetricAndWritesUndefinedOnesAsNull) {
  const auto model = testing::minimal_model();
  const Json j = outcome_json(sample_outcome(*model), *model);
  ASSERT_EQ(j["metrics"].size(), dynamics::kMetricCount);
  std::size_t m = 0;
  for (const auto& [key, value] : j["metrics"].items()) {
    const auto metric = static_cast<Metric>(m);
    EXPECT_EQ(key, dynamics::metric_name(metric));
    if (metric == Metric::kFirstResponseMean) {
      EXPECT_TRUE(value.is_null());
    } else {
      EXPECT_EQ(value.get<double>(), static_cast<double>(m) + 0.5) << key;
    }
    ++m;
  }
  EXPECT_NE(j.dump().find("\"first_response_mean_min\":null"), std::string::npos);
}

TEST(OutcomeJson, CountsIncidentsByKindNamePhaseAndCategory) {
  const auto model = testing::minimal_model();
  const Json j = outcome_json(sample_outcome(*model), *model);
  EXPECT_EQ(j["incidents"]["by_kind"].dump(),
            R"({"disturbance":0,"intimidation":3,"ballot_threat":0,"clash":0,"riot":0})");
  EXPECT_EQ(j["incidents"]["by_phase"].dump(),
            R"({"setup":0,"voting":0,"last_hour":0,"counting":2,"post_count":0})");
  EXPECT_EQ(j["incidents"]["by_category"].dump(),
            R"({"kurang_rawan":0,"rawan":4,"sangat_rawan":0,"khusus":0})");
}

TEST(OutcomeJson, GivesPerTpsCountersAsArraysBesideTheTpsIds) {
  const auto model = testing::minimal_model();
  const Json j = outcome_json(sample_outcome(*model), *model);
  EXPECT_EQ(j["tps"]["ids"].dump(), R"(["satu-001","satu-002","dua-001","dua-002","tiga-001","tiga-002"])");
  EXPECT_EQ(j["tps"]["incidents"].dump(), "[0,0,3,0,0,0]");
  EXPECT_EQ(j["tps"]["late"].dump(), "[0,0,0,0,0,1]");
  EXPECT_EQ(j["tps"]["exposed"].dump(), "[0,0,0,0,0,0]");
}

TEST(OutcomeJson, LeavesOutPerTpsCountersWhenAsked) {
  const auto model = testing::minimal_model();
  EXPECT_EQ(keys_of(outcome_json(sample_outcome(*model), *model, false)), "metrics,incidents");
}

}  // namespace
}  // namespace siaga::io
