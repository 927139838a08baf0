#pragma once
// Small scenarios for hand-checked days, and a trace recorder.

#include <memory>
#include <string>
#include <vector>

#include "siaga/dynamics/replication.hpp"
#include "siaga/dynamics/trace.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"

namespace siaga::dynamics::testing {

using scenario::Json;

/// Records every traced event.
struct Recorder : TraceSink {
  std::vector<TraceEvent> events;
  void record(const TraceEvent& e) override { events.push_back(e); }
};

/// Compiles a scenario given as JSON under `plan` (empty: the first).
inline std::shared_ptr<const scenario::Model> compiled(const Json& doc, const char* plan = "") {
  return scenario::compile(scenario::resolve(scenario::ScenarioDocument::from_json(doc), plan));
}

/// One rawan TPS at node 0 of a three-node road (0 -2000 m collector- 1 -1500 m village- 2), one
/// Polsek reserve of 4 at node 2 (3 min mobilisation), no guards, no faults, no escalation, one
/// kind of incident (severity 1, 2 officers, fixed 10 min handling) at 3 per TPS-day.
inline Json one_tps_one_unit() {
  return Json::parse(R"({
    "format": "siaga-scenario/1", "name": "one",
    "region": {
      "kabupaten": [{"code": "99.01", "name": "K", "lat": -7.0, "lon": 110.0}],
      "kecamatan": [{"code": "99.01.01", "name": "C", "kabupaten": "99.01", "lat": -7.0, "lon": 110.0}],
      "villages": [{"code": "99.01.01.2001", "name": "V", "kecamatan": "99.01.01", "lat": -7.0, "lon": 110.0, "node": 0}],
      "tps": [{"id": "t1", "village": "99.01.01.2001", "voters": 400, "category": "rawan", "node": 0}]
    },
    "election": {"kind": "pilkada", "date": "2024-11-27", "opening_hour": 7, "closing_hour": 13, "ballots_per_voter": 2},
    "roads": {
      "nodes": [{"id": 0, "lat": -7.0, "lon": 110.0}, {"id": 1, "lat": -7.01, "lon": 110.0}, {"id": 2, "lat": -7.02, "lon": 110.0}],
      "edges": [{"from": 0, "to": 1, "length_m": 2000, "class": "collector"},
                {"from": 1, "to": 2, "length_m": 1500, "class": "village"}]
    },
    "forces": {
      "posts": [{"id": "polsek", "kind": "polsek", "lat": -7.02, "lon": 110.0, "node": 2}],
      "units": [{"id": "r1", "kind": "polsek_reserve", "headcount": 4, "post": "polsek", "mobilisation_minutes": 3}],
      "faults": {"breakdown_per_hour": 0, "unavailable_probability": 0}
    },
    "plans": {"none": {"guards": {"rawan": {"officers": 0, "tps": 1}}}},
    "incidents": {
      "kinds": {"disturbance": {"severity": 1, "officers": 2, "handling": {"distribution": "fixed", "mean_minutes": 10},
                                "per_1000_tps_day": 3000}},
      "escalation_per_hour": 0, "transit_per_1000_box_hours": 0
    }
  })");
}

/// Extends one_tps_one_unit's road by 2000 m of village road from node 2 to a node 3 and puts a
/// post `id` of `kind` there: a second post farther from the TPS than the Polsek.
inline void add_far_post(Json& doc, const std::string& id, const std::string& kind) {
  doc["roads"]["nodes"].push_back({{"id", 3}, {"lat", -7.04}, {"lon", 110.0}});
  doc["roads"]["edges"].push_back({{"from", 2}, {"to", 3}, {"length_m", 2000}, {"class", "village"}});
  doc["forces"]["posts"].push_back({{"id", id}, {"kind", kind}, {"lat", -7.04}, {"lon", 110.0}, {"node", 3}});
}

/// Gives the scenario a tps_guard pool of `officers` (what plans stand at TPS).
inline void add_guard_pool(Json& doc, int officers) {
  doc["forces"]["units"].push_back(
      {{"id", "guards"}, {"kind", "tps_guard"}, {"headcount", officers}, {"post", "polsek"}});
}

}  // namespace siaga::dynamics::testing
