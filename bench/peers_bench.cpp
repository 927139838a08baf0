// The M/M/c model of mmc_bench.cpp (c = 10, rho = 0.9, 100,000 customers) on the bare floor: a
// std::priority_queue of (ticks, sequence, kind) and a FIFO of arrival times, with no kernel at all,
// fed by the same random streams and tick conversion. tools/bench.sh --peers sets it beside the
// kernel and SimPy (bench/python/mmc_simpy.py).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <tuple>
#include <vector>

#include "siaga/core/distributions.hpp"
#include "siaga/core/simulator.hpp"

namespace {

using siaga::Tick;

void BM_MmcFloor(benchmark::State& state) {
  const double arrival_rate = 9.0, service_rate = 1.0;
  const unsigned servers = 10;
  const auto customers = static_cast<std::uint64_t>(state.range(0));
  const double mean_interarrival = static_cast<double>(siaga::kTicksPerMinute) / arrival_rate;
  const double mean_service = static_cast<double>(siaga::kTicksPerMinute) / service_rate;
  using Entry = std::tuple<Tick, std::uint64_t, bool>;  // time, sequence, is arrival
  std::uint64_t replication = 0, events = 0;
  for (auto _ : state) {
    siaga::RandomStream arrivals({1, replication, 0, 0});
    siaga::RandomStream services({1, replication, 0, 1});
    ++replication;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q;
    std::deque<Tick> waiting;
    std::uint64_t seq = 0, arrived = 0;
    unsigned busy = 0;
    double total_wait = 0.0;
    auto begin_service = [&](Tick now, Tick arrival) {
      ++busy;
      total_wait += static_cast<double>(now - arrival);
      q.emplace(now + siaga::to_ticks(siaga::exponential(services, mean_service)), seq++, false);
    };
    q.emplace(siaga::to_ticks(siaga::exponential(arrivals, mean_interarrival)), seq++, true);
    while (!q.empty()) {
      const auto [now, s, arrival] = q.top();
      q.pop();
      ++events;
      if (arrival) {
        if (++arrived < customers)
          q.emplace(now + siaga::to_ticks(siaga::exponential(arrivals, mean_interarrival)), seq++, true);
        if (busy < servers)
          begin_service(now, now);
        else
          waiting.push_back(now);
      } else {
        --busy;
        if (!waiting.empty()) {
          begin_service(now, waiting.front());
          waiting.pop_front();
        }
      }
    }
    benchmark::DoNotOptimize(total_wait);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * customers));
  state.counters["events_per_second"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_MmcFloor)->Arg(100'000)->Unit(benchmark::kMillisecond);
