// Random stream benchmarks: draws per second for the raw Philox stream and for every distribution
// the dynamics use, at the parameters they are used with (ticks, handling minutes, counts).

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>

#include "siaga/core/distributions.hpp"
#include "siaga/core/random_stream.hpp"

namespace {

constexpr int kDrawsPerIteration = 1000;

// Runs `draw` kDrawsPerIteration times per iteration on one stream and reports draws per second.
template <class Draw>
void measure_draws(benchmark::State& state, Draw draw) {
  siaga::RandomStream stream({3, 0, 0, 0});
  for (auto _ : state) {
    for (int i = 0; i < kDrawsPerIteration; ++i) benchmark::DoNotOptimize(draw(stream));
  }
  state.SetItemsProcessed(state.iterations() * kDrawsPerIteration);
}

void BM_DrawU64(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return s.next_u64(); });
}
void BM_DrawUniform01(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return s.uniform01(); });
}
void BM_DrawExponential(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::exponential(s, 60'000.0); });
}
void BM_DrawBernoulli(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::bernoulli(s, 0.3); });
}
// Below a mean of 10 the draw is by inversion, above by PTRS: one benchmark for each branch.
void BM_DrawPoisson(benchmark::State& state) {
  const double mean = static_cast<double>(state.range(0));
  measure_draws(state, [mean](siaga::RandomStream& s) { return siaga::poisson(s, mean); });
}
void BM_DrawNormal(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::normal(s, 0.0, 1.0); });
}
void BM_DrawLognormal(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::lognormal_mean_cv(s, 90.0, 0.35); });
}
void BM_DrawGamma(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::gamma(s, 2.5, 10.0); });
}
void BM_DrawErlang(benchmark::State& state) {
  measure_draws(state, [](siaga::RandomStream& s) { return siaga::erlang(s, 3, 30.0); });
}
// Six incident categories, as in the scenarios.
void BM_DrawDiscrete(benchmark::State& state) {
  const std::array<double, 6> weights = {0.35, 0.25, 0.15, 0.12, 0.08, 0.05};
  const siaga::DiscreteDistribution category(weights);
  measure_draws(state, [&category](siaga::RandomStream& s) { return category(s); });
}
// A stream resumed at a stored position, as replications do per entity: key set-up plus one block.
void BM_StreamAtPosition(benchmark::State& state) {
  std::uint64_t entity = 0;
  for (auto _ : state) {
    for (int i = 0; i < kDrawsPerIteration; ++i) {
      siaga::RandomStream s({3, 0, entity++, 1}, 5);
      benchmark::DoNotOptimize(s.next_u64());
    }
  }
  state.SetItemsProcessed(state.iterations() * kDrawsPerIteration);
}

}  // namespace

BENCHMARK(BM_DrawU64);
BENCHMARK(BM_DrawUniform01);
BENCHMARK(BM_DrawExponential);
BENCHMARK(BM_DrawBernoulli);
BENCHMARK(BM_DrawPoisson)->Arg(3)->Arg(40);
BENCHMARK(BM_DrawNormal);
BENCHMARK(BM_DrawLognormal);
BENCHMARK(BM_DrawGamma);
BENCHMARK(BM_DrawErlang);
BENCHMARK(BM_DrawDiscrete);
BENCHMARK(BM_StreamAtPosition);
