// Experiment throughput: replications per second of jepara-pilkada.json at 1 and 2 threads (the
// 2-thread figure should be at least 1.8 times the 1-thread one on this 2-core machine).

#include <benchmark/benchmark.h>

#include "siaga/experiment/experiment.hpp"
#include "siaga/scenario/builtin.hpp"
#include "siaga/scenario/load.hpp"

namespace {

void BM_ExperimentJepara(benchmark::State& state) {
  const auto* f = siaga::scenario::find_builtin_scenario("jepara-pilkada.json");
  const auto model = siaga::scenario::compile(siaga::scenario::resolve(
      siaga::scenario::ScenarioDocument::parse(f->text, "jepara-pilkada.json", ".")));
  siaga::experiment::ExperimentOptions o;
  o.replications = 400;
  o.threads = static_cast<unsigned>(state.range(0));
  std::uint64_t seed = 0;
  for (auto _ : state) {
    o.seed = ++seed;
    benchmark::DoNotOptimize(siaga::experiment::run_experiment(model, o));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(o.replications));
}

}  // namespace

BENCHMARK(BM_ExperimentJepara)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
