#pragma once
// An M/M/c queue written on the kernel's public scheduling API: the demonstration model that checks
// the kernel against queueing theory (tests), shows it to a user (`siaga demo-mmc`) and measures it
// (bench). One event per arrival and one per departure; FIFO; a service time is drawn when service begins.

#include <cstdint>
#include <vector>

#include "siaga/core/simulator.hpp"

namespace siaga::demo {

/// The queue's parameters; rates are per minute.
struct MmcParams {
  double arrival_rate = 9.0;          ///< lambda, customers per minute
  double service_rate = 1.0;          ///< mu, customers per minute per server
  unsigned servers = 10;              ///< c
  std::uint64_t customers = 100'000;  ///< arrivals to simulate
  double warmup_fraction = 0.1;       ///< share of the first customers left out of the statistics
};

/// What one run of the queue measured, over the customers after warm-up.
struct MmcResult {
  double mean_wait_minutes = 0.0;    ///< mean time from arrival to start of service, minutes
  double probability_of_wait = 0.0;  ///< share of customers who found every server busy
  std::uint64_t customers_measured = 0;
  std::uint64_t events = 0;  ///< events the kernel delivered
};

/// Erlang-C figures of the steady state, for comparison with a simulation.
struct ErlangC {
  double probability_of_wait = 0.0;  ///< P(W > 0)
  double mean_wait_minutes = 0.0;    ///< E[W], minutes
};

/// The analytic steady state. Precondition: arrival_rate < servers * service_rate.
ErlangC erlang_c(const MmcParams& p);

/// Runs one M/M/c replication; reusable across replications without reallocating.
class MmcQueue {
 public:
  /// Runs the queue with streams keyed by (seed, replication).
  MmcResult run(const MmcParams& p, std::uint64_t seed, std::uint64_t replication);

 private:
  Simulator sim_;
  std::vector<Tick> waiting_;  // arrival times of queued customers, a ring buffer
};

}  // namespace siaga::demo
