// Scenario layer: resolving and compiling (road graph, travel tables in parallel with TBB) at the
// scale of the shipped Jepara scenario and of the province preset. Real time, since compilation
// runs on every core.

#include <benchmark/benchmark.h>

#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace {

using siaga::scenario::ScenarioDocument;

const ScenarioDocument& jepara() {
  static const ScenarioDocument doc = ScenarioDocument::parse(
      siaga::scenario::find_builtin_scenario("jepara-pilkada.json")->text, "jepara-pilkada.json", ".");
  return doc;
}

// The province preset, generated once per process (the generator is measured on its own).
const ScenarioDocument& province() {
  static const ScenarioDocument doc = [] {
    const auto* preset = siaga::scenario::find_generator_preset("province");
    return ScenarioDocument::from_json(siaga::scenario::generate_scenario(preset->region, preset->spec),
                                       "province (generated)");
  }();
  return doc;
}

void report(benchmark::State& state, const siaga::scenario::Model& m) {
  state.counters["tps"] = static_cast<double>(m.tps().size());
  state.counters["road_nodes"] = static_cast<double>(m.roads().node_count());
  state.counters["units"] = static_cast<double>(m.scenario().forces.units.size());
}

void BM_ResolveJepara(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(siaga::scenario::resolve(jepara()));
}

void BM_CompileJepara(benchmark::State& state) {
  const siaga::scenario::Scenario s = siaga::scenario::resolve(jepara());
  std::shared_ptr<const siaga::scenario::Model> m;
  for (auto _ : state) m = siaga::scenario::compile(s);
  report(state, *m);
}

void BM_GenerateProvince(benchmark::State& state) {
  const auto* preset = siaga::scenario::find_generator_preset("province");
  for (auto _ : state)
    benchmark::DoNotOptimize(siaga::scenario::generate_scenario(preset->region, preset->spec));
}

void BM_CompileProvince(benchmark::State& state) {
  const siaga::scenario::Scenario s = siaga::scenario::resolve(province());
  std::shared_ptr<const siaga::scenario::Model> m;
  for (auto _ : state) m = siaga::scenario::compile(s);
  report(state, *m);
}

}  // namespace

BENCHMARK(BM_ResolveJepara)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileJepara)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GenerateProvince)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_CompileProvince)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
