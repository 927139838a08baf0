// One replication of an election day at three scales, with each scenario's default incident
// rates, doctrine forces, retention and escorts. Reports events and incidents per replication.

#include <benchmark/benchmark.h>

#include "siaga/dynamics/replication.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace {

using siaga::dynamics::Metric;

std::shared_ptr<const siaga::scenario::Model> builtin(const char* name) {
  const auto* f = siaga::scenario::find_builtin_scenario(name);
  return siaga::scenario::compile(
      siaga::scenario::resolve(siaga::scenario::ScenarioDocument::parse(f->text, name, ".")));
}

std::shared_ptr<const siaga::scenario::Model> province() {
  static const auto model = [] {
    const auto* preset = siaga::scenario::find_generator_preset("province");
    return siaga::scenario::compile(siaga::scenario::resolve(siaga::scenario::ScenarioDocument::from_json(
        siaga::scenario::generate_scenario(preset->region, preset->spec))));
  }();
  return model;
}

void run_days(benchmark::State& state, const std::shared_ptr<const siaga::scenario::Model>& model) {
  siaga::dynamics::Replication replication(model);
  std::uint64_t index = 0;
  double events = 0, incidents = 0;
  for (auto _ : state) {
    const auto& o = replication.run(1, index++);
    events += o[Metric::kEvents];
    incidents += o[Metric::kIncidents];
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["events_per_rep"] = events / n;
  state.counters["incidents_per_rep"] = incidents / n;
  state.counters["events_per_second"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.SetItemsProcessed(state.iterations());
}

void BM_ReplicationSandbox(benchmark::State& state) { run_days(state, builtin("sandbox.json")); }
void BM_ReplicationJepara(benchmark::State& state) { run_days(state, builtin("jepara-pilkada.json")); }
void BM_ReplicationProvince(benchmark::State& state) { run_days(state, province()); }

}  // namespace

BENCHMARK(BM_ReplicationSandbox)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReplicationJepara)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplicationProvince)->Unit(benchmark::kMillisecond)->MinTime(2.0);
