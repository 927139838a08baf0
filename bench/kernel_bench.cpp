// Kernel benchmarks: the classic hold model on the simulator, beside a bare priority-queue floor
// built with the same flags and fed by the same random stream and tick conversion.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "siaga/core/distributions.hpp"
#include "siaga/core/simulator.hpp"

namespace {

using siaga::Tick;
constexpr double kMeanDelay = 60'000.0;  // ticks

// Hold model on the kernel: N pending events; each event schedules one more at now + Exp(60,000).
void BM_HoldKernel(benchmark::State& state) {
  const auto n = static_cast<std::int64_t>(state.range(0));
  siaga::RandomStream rng({1, 0, 0, 0});
  siaga::Simulator sim;
  for (std::int64_t i = 0; i < n; ++i)
    sim.schedule_at(siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), {});
  int remaining = 0;
  auto hold = [&](siaga::Simulator& s, const siaga::Event&) {
    s.schedule_in(siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), {});
    if (--remaining == 0) s.request_stop();
  };
  for (auto _ : state) {
    remaining = 1000;
    sim.run(hold);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  state.counters["pending"] = static_cast<double>(sim.pending());
}

// The bare floor: std::priority_queue of (ticks, sequence) with no features at all.
void BM_HoldFloor(benchmark::State& state) {
  const auto n = static_cast<std::int64_t>(state.range(0));
  siaga::RandomStream rng({1, 0, 0, 0});
  using Entry = std::pair<std::int64_t, std::uint64_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q;
  std::uint64_t seq = 0;
  for (std::int64_t i = 0; i < n; ++i) q.emplace(siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), seq++);
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) {
      const Tick now = q.top().first;
      q.pop();
      q.emplace(now + siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), seq++);
    }
  }
  benchmark::DoNotOptimize(q.top());
  state.SetItemsProcessed(state.iterations() * 1000);
}

// PHOLD on the kernel: N logical processes (LPs) with one message each in flight; handling a message
// at an LP counts it there and sends one to an LP drawn uniformly, at now + lookahead + Exp(60,000).
void BM_PholdKernel(benchmark::State& state) {
  const auto lps = static_cast<std::uint32_t>(state.range(0));
  constexpr Tick kLookahead = 1'000;
  siaga::RandomStream rng({2, 0, 0, 0});
  siaga::Simulator sim;
  std::vector<std::uint64_t> handled(lps, 0);
  for (std::uint32_t i = 0; i < lps; ++i)
    sim.schedule_at(siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), {0, 0, i, 0});
  int remaining = 0;
  auto phold = [&](siaga::Simulator& s, const siaga::Event& e) {
    ++handled[e.data.subject];
    const auto to = std::min(lps - 1, static_cast<std::uint32_t>(siaga::uniform(rng, 0.0, lps)));
    s.schedule_in(kLookahead + siaga::to_ticks(siaga::exponential(rng, kMeanDelay)), {0, 0, to, 0});
    if (--remaining == 0) s.request_stop();
  };
  for (auto _ : state) {
    remaining = 1000;
    sim.run(phold);
  }
  benchmark::DoNotOptimize(handled.data());
  state.SetItemsProcessed(state.iterations() * 1000);
  state.counters["lps"] = static_cast<double>(lps);
}

}  // namespace

BENCHMARK(BM_PholdKernel)->Arg(4096);
BENCHMARK(BM_HoldKernel)->RangeMultiplier(10)->Range(10, 1'000'000);
BENCHMARK(BM_HoldFloor)->RangeMultiplier(10)->Range(10, 1'000'000);
