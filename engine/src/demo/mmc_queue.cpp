#include "siaga/demo/mmc_queue.hpp"

#include "siaga/core/distributions.hpp"
#include "siaga/core/error.hpp"

namespace siaga::demo {
namespace {

enum EventKind : std::uint16_t { kArrival = 0, kDeparture = 1 };
enum Purpose : std::uint32_t { kArrivals = 0, kServiceTimes = 1 };

// A FIFO of arrival times over a vector that only grows, so a reused queue allocates nothing.
class TickFifo {
 public:
  explicit TickFifo(std::vector<Tick>& storage) : buf_(storage) {
    if (buf_.empty()) buf_.resize(1024);
  }
  bool empty() const noexcept { return size_ == 0; }
  void push(Tick t) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) % buf_.size()] = t;
    ++size_;
  }
  Tick pop() noexcept {
    const Tick t = buf_[head_];
    head_ = (head_ + 1) % buf_.size();
    --size_;
    return t;
  }

 private:
  void grow() {
    std::vector<Tick> bigger(buf_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) % buf_.size()];
    buf_.swap(bigger);
    head_ = 0;
  }
  std::vector<Tick>& buf_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace

ErlangC erlang_c(const MmcParams& p) {
  const double offered = p.arrival_rate / p.service_rate;  // A, in erlangs
  SIAGA_CHECK(offered < p.servers, "the queue must be stable (lambda < c mu)");
  // Erlang B by its stable recursion, then Erlang C from it.
  double b = 1.0;
  for (unsigned k = 1; k <= p.servers; ++k) b = offered * b / (k + offered * b);
  const double c = static_cast<double>(p.servers);
  const double pw = c * b / (c - offered * (1.0 - b));
  return ErlangC{pw, pw / (c * p.service_rate - p.arrival_rate)};
}

MmcResult MmcQueue::run(const MmcParams& p, std::uint64_t seed, std::uint64_t replication) {
  RandomStream arrivals({seed, replication, 0, kArrivals});
  RandomStream services({seed, replication, 0, kServiceTimes});
  const double mean_interarrival = static_cast<double>(kTicksPerMinute) / p.arrival_rate;
  const double mean_service = static_cast<double>(kTicksPerMinute) / p.service_rate;
  const auto warmup = static_cast<std::uint64_t>(p.warmup_fraction * static_cast<double>(p.customers));

  sim_.reset();
  TickFifo queue(waiting_);
  unsigned busy = 0;
  std::uint64_t arrived = 0;
  std::uint64_t started = 0;  // customers who began service, in FIFO order
  double total_wait = 0.0;
  std::uint64_t waited = 0;

  auto begin_service = [&](Simulator& sim, Tick arrival_time) {
    ++busy;
    if (started++ >= warmup) {
      const Tick wait = sim.now() - arrival_time;
      total_wait += static_cast<double>(wait);
      waited += wait > 0 ? 1 : 0;
    }
    sim.schedule_in(to_ticks(exponential(services, mean_service)), {kDeparture, 0, 0, 0});
  };

  sim_.schedule_at(to_ticks(exponential(arrivals, mean_interarrival)), {kArrival, 0, 0, 0});
  sim_.run([&](Simulator& sim, const Event& e) {
    if (e.data.kind == kArrival) {
      if (++arrived < p.customers)
        sim.schedule_in(to_ticks(exponential(arrivals, mean_interarrival)), {kArrival, 0, 0, 0});
      if (busy < p.servers) {
        begin_service(sim, sim.now());
      } else {
        queue.push(sim.now());
      }
    } else {
      --busy;
      if (!queue.empty()) begin_service(sim, queue.pop());
    }
  });

  MmcResult r;
  r.customers_measured = started - warmup;
  r.mean_wait_minutes = total_wait / static_cast<double>(r.customers_measured) / kTicksPerMinute;
  r.probability_of_wait = static_cast<double>(waited) / static_cast<double>(r.customers_measured);
  r.events = sim_.events_processed();
  return r;
}

}  // namespace siaga::demo
