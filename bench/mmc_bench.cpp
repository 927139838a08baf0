// M/M/c on the kernel: customers and events per second.

#include <benchmark/benchmark.h>

#include "siaga/demo/mmc_queue.hpp"

namespace {

// c = 10, rho = 0.9: the configuration of the kernel's speed bar.
void BM_MmcQueue(benchmark::State& state) {
  siaga::demo::MmcParams p;
  p.arrival_rate = 9.0;
  p.service_rate = 1.0;
  p.servers = 10;
  p.customers = static_cast<std::uint64_t>(state.range(0));
  siaga::demo::MmcQueue queue;
  std::uint64_t replication = 0, events = 0;
  for (auto _ : state) {
    const auto r = queue.run(p, 1, replication++);
    events += r.events;
    benchmark::DoNotOptimize(r.mean_wait_minutes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * p.customers));
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_MmcQueue)->Arg(100'000)->Unit(benchmark::kMillisecond);
