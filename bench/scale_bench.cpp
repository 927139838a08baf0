// Scale (issue 14, item 4): compiling and running Jawa Timur's Pilkada 2024 (real villages) and
// country-shaped scenarios, several provinsi with the national preset's ratios. At a twentieth of the
// national size by default (CI's
// `./tools/bench.sh --small` runs these); at full national size (84,000 villages, 820,000 TPS,
// about 990,000 road nodes) only when SIAGA_BENCH_NATIONAL=1 is set (`./tools/bench.sh --national`),
// since that takes minutes and about 2 GB. One thread: the bars are per core.

#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "siaga/dynamics/replication.hpp"
#include "siaga/ingest/recipe.hpp"
#include "siaga/scenario/load.hpp"
#include "siaga/scenario/model.hpp"
#include "siaga/scenario/synthetic.hpp"

namespace {

using siaga::scenario::CompileCache;
using siaga::scenario::Scenario;
using siaga::scenario::ScenarioDocument;

// The national preset divided by `divisor` (areas too, so that densities and distances stay).
siaga::scenario::GeneratorPreset national_part(int divisor) {
  siaga::scenario::GeneratorPreset p = *siaga::scenario::find_generator_preset("national");
  if (divisor == 1) return p;
  auto& r = p.region;
  const double d = divisor;
  r.villages = static_cast<std::size_t>(r.villages / d),
  r.kecamatan = static_cast<std::size_t>(r.kecamatan / d);
  r.kabupaten = static_cast<std::size_t>(r.kabupaten / d), r.tps = static_cast<std::size_t>(r.tps / d);
  r.provinsi = 2;
  const double side = std::sqrt(1.0 / d);
  const double lat = (r.south + r.north) / 2, lon = (r.west + r.east) / 2;
  const double half_lat = (r.north - r.south) * side / 2, half_lon = (r.east - r.west) * side / 2;
  r.south = lat - half_lat, r.north = lat + half_lat, r.west = lon - half_lon, r.east = lon + half_lon;
  return p;
}

// The document of national_part(divisor), generated once per process.
const ScenarioDocument& document(int divisor) {
  static std::map<int, std::unique_ptr<ScenarioDocument>> docs;
  auto& doc = docs[divisor];
  if (!doc) {
    const auto p = national_part(divisor);
    doc = std::make_unique<ScenarioDocument>(ScenarioDocument::from_json(
        siaga::scenario::generate_scenario(p.region, p.spec), "national/" + std::to_string(divisor)));
  }
  return *doc;
}

void report(benchmark::State& state, const siaga::scenario::Model& m) {
  state.counters["tps"] = static_cast<double>(m.tps().size());
  state.counters["road_nodes"] = static_cast<double>(m.roads().node_count());
  state.counters["units"] = static_cast<double>(m.scenario().forces.units.size());
}

// Compiles `s` as the CLI compiles what it loaded, by moving it in: the copy each iteration needs,
// and releasing the previous iteration's model, are not timed (at national size they take seconds).
void time_compile(benchmark::State& state, const Scenario& s) {
  std::shared_ptr<const siaga::scenario::Model> m;
  for (auto _ : state) {
    state.PauseTiming();
    Scenario copy = s;
    m.reset();
    state.ResumeTiming();
    m = siaga::scenario::compile(std::move(copy));
  }
  report(state, *m);
}

// One plan compiled on its own.
void compile_one(benchmark::State& state, int divisor) {
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  time_compile(state, siaga::scenario::resolve(document(divisor)));
}

// Every plan, through one CompileCache (what validate, compare and targets do).
void compile_plans(benchmark::State& state, int divisor, bool shared) {
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  std::vector<Scenario> plans;
  for (const std::string& name : document(divisor).plan_names())
    plans.push_back(siaga::scenario::resolve(document(divisor), name));
  for (auto _ : state) {
    CompileCache cache;
    for (const Scenario& s : plans)
      benchmark::DoNotOptimize(shared ? siaga::scenario::compile(s, cache) : siaga::scenario::compile(s));
  }
  state.counters["plans"] = static_cast<double>(plans.size());
}

void replicate(benchmark::State& state, int divisor) {
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  const auto model = siaga::scenario::compile(siaga::scenario::resolve(document(divisor)));
  siaga::dynamics::Replication replication(model);
  std::uint64_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(replication.run(1, index++));
  report(state, *model);
}

// Jawa Timur, Pilkada 2024, as shipped: built by its committed recipe
// (scenarios/recipes/jatim-pilkada2024.recipe.json: all 8,494 villages, 60,751 TPS, 38 Polres, on
// synthetic roads over the real centroids), once per process, as `siaga import` builds it.
const ScenarioDocument& jatim_pilkada2024() {
  static const ScenarioDocument doc = [] {
    const auto recipe = siaga::ingest::read_recipe(std::filesystem::path(SIAGA_SCENARIOS_DIR) / "recipes" /
                                                   "jatim-pilkada2024.recipe.json");
    return ScenarioDocument::from_json(siaga::ingest::import_scenario(recipe).doc, "jatim-pilkada2024");
  }();
  return doc;
}

void BM_CompileJatimPilkada2024(benchmark::State& state) {
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  time_compile(state, siaga::scenario::resolve(jatim_pilkada2024()));
}

void BM_ReplicationJatimPilkada2024(benchmark::State& state) {
  tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  const auto model = siaga::scenario::compile(siaga::scenario::resolve(jatim_pilkada2024()));
  siaga::dynamics::Replication replication(model);
  std::uint64_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(replication.run(1, index++));
  report(state, *model);
}

void BM_GenerateNational20(benchmark::State& state) {
  const auto p = national_part(20);
  for (auto _ : state) benchmark::DoNotOptimize(siaga::scenario::generate(p.region, p.spec));
}
void BM_ResolveNational20(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(siaga::scenario::resolve(document(20)));
}
void BM_CompileNational20(benchmark::State& state) { compile_one(state, 20); }
void BM_CompilePlansNational20Shared(benchmark::State& state) { compile_plans(state, 20, true); }
void BM_CompilePlansNational20Lone(benchmark::State& state) { compile_plans(state, 20, false); }
void BM_ReplicationNational20(benchmark::State& state) { replicate(state, 20); }

// Full national size: registered only when asked for.
const bool kNationalRegistered = [] {
  const char* on = std::getenv("SIAGA_BENCH_NATIONAL");
  if (on == nullptr || std::string(on) != "1") return false;
  benchmark::RegisterBenchmark("BM_GenerateNational",
                               [](benchmark::State& state) {
                                 const auto p = national_part(1);
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(siaga::scenario::generate(p.region, p.spec));
                               })
      ->Unit(benchmark::kSecond)
      ->Iterations(1);
  benchmark::RegisterBenchmark("BM_CompileNational", [](benchmark::State& state) { compile_one(state, 1); })
      ->Unit(benchmark::kSecond)
      ->Iterations(1);
  benchmark::RegisterBenchmark("BM_CompilePlansNationalShared",
                               [](benchmark::State& state) { compile_plans(state, 1, true); })
      ->Unit(benchmark::kSecond)
      ->Iterations(1);
  benchmark::RegisterBenchmark("BM_ReplicationNational", [](benchmark::State& state) { replicate(state, 1); })
      ->Unit(benchmark::kMillisecond)
      ->MinTime(5.0);
  return true;
}();

}  // namespace

BENCHMARK(BM_CompileJatimPilkada2024)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_ReplicationJatimPilkada2024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GenerateNational20)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ResolveNational20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileNational20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompilePlansNational20Shared)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompilePlansNational20Lone)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplicationNational20)->Unit(benchmark::kMillisecond);
