#include "siaga/io/outcome_json.hpp"

#include <cmath>
#include <string>

#include "siaga/core/error.hpp"

namespace siaga::io {
namespace {

using Json = nlohmann::ordered_json;

// nlohmann writes NaN as null too, but only by accident of its dumper; say it.
Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

template <typename T>
Json counts(const std::vector<T>& v) {
  Json a = Json::array();
  for (const T x : v) a.push_back(x);
  return a;
}

}  // namespace

nlohmann::ordered_json outcome_json(const dynamics::Outcome& outcome, const scenario::Model& model,
                                    bool per_tps) {
  const scenario::Scenario& s = model.scenario();
  Json j;

  Json& metrics = j["metrics"] = Json::object();
  for (std::size_t m = 0; m < dynamics::kMetricCount; ++m) {
    const auto metric = static_cast<dynamics::Metric>(m);
    metrics[std::string(dynamics::metric_name(metric))] = number_or_null(outcome[metric]);
  }

  Json& incidents = j["incidents"] = Json::object();
  Json& by_kind = incidents["by_kind"] = Json::object();
  SIAGA_CHECK(outcome.incidents_by_kind.size() == s.incidents.kinds.size(),
              "an outcome sized for another model (incident kinds)");
  for (std::size_t k = 0; k < s.incidents.kinds.size(); ++k)
    by_kind[s.incidents.kinds[k].name] = outcome.incidents_by_kind[k];
  Json& by_phase = incidents["by_phase"] = Json::object();
  for (std::size_t p = 0; p < scenario::kPhaseCount; ++p)
    by_phase[std::string(scenario::to_string(static_cast<scenario::Phase>(p)))] =
        outcome.incidents_by_phase[p];
  Json& by_category = incidents["by_category"] = Json::object();
  for (const scenario::Category c : scenario::kAllCategories)
    by_category[std::string(scenario::to_string(c))] =
        outcome.incidents_by_category[static_cast<std::size_t>(c)];

  if (per_tps) {
    const std::size_t n = s.region.tps.size();
    SIAGA_CHECK(outcome.tps_incidents.size() == n && outcome.tps_escalations.size() == n &&
                    outcome.tps_late.size() == n && outcome.tps_exposed.size() == n,
                "an outcome sized for another model (TPS counters)");
    Json& tps = j["tps"] = Json::object();
    Json& ids = tps["ids"] = Json::array();
    for (const scenario::Tps& t : s.region.tps) ids.push_back(t.id);
    tps["incidents"] = counts(outcome.tps_incidents);
    tps["escalations"] = counts(outcome.tps_escalations);
    tps["late"] = counts(outcome.tps_late);
    tps["exposed"] = counts(outcome.tps_exposed);
  }
  return j;
}

}  // namespace siaga::io
