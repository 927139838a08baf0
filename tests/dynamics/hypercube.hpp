#pragma once
// Exact queueing results that degenerate election days must reproduce: Erlang C for the M/M/c
// queue, and Larson's hypercube queueing model (Larson 1974, "A hypercube queuing model for
// facility location and redistricting in urban emergency services") with an unbounded FCFS queue,
// solved as a continuous-time Markov chain.

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace siaga::dynamics::testing {

/// The M/M/c queue's waiting: P(wait > 0) and the mean wait Wq (in the time unit of the rates).
struct ErlangC {
  double probability_of_wait = 0;
  double mean_wait = 0;
};

/// Erlang C for c servers, arrival rate lambda and service rate mu per server (lambda < c mu).
/// With the offered load a = lambda / mu, Erlang B by its recursion B(0) = 1,
/// B(k) = a B(k-1) / (k + a B(k-1)) (stable, no factorials), then
///   C(c, a) = c B(c) / (c - a (1 - B(c)))   = P(wait > 0),
///   Wq      = C(c, a) / (c mu - lambda).
inline ErlangC erlang_c(int c, double lambda, double mu) {
  const double a = lambda / mu;
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double wait = c * b / (c - a * (1.0 - b));
  return {wait, wait / (c * mu - lambda)};
}

/// Larson's hypercube model: `units` distinct servers; calls from each atom j arrive as a Poisson
/// process of rate lambda[j] and go to the first free unit of preference[j] (a permutation of the
/// units); every unit serves at rate mu (travel negligible, so service is the time a unit is away);
/// a call finding every unit busy waits in one FCFS queue and is served by the first unit to come
/// free. The queue is cut at `max_queue` calls (arrivals beyond it are lost); the caller chooses it
/// so that the probability of a full queue (HypercubeSolution::truncated) is negligible.
struct Hypercube {
  int units = 0;
  std::vector<double> lambda;                ///< per atom
  std::vector<std::vector<int>> preference;  ///< per atom: units, most preferred first
  double mu = 1.0;                           ///< service rate of every unit
  int max_queue = 60;
};

struct HypercubeSolution {
  std::vector<double> workload;               ///< per unit: the fraction of time it is busy
  std::vector<std::vector<double>> answered;  ///< [atom][unit]: the share of the atom's calls it answers
  double all_busy = 0;                        ///< P(every unit busy): P(a call waits), by PASTA
  double mean_queue = 0;                      ///< calls waiting, time average
  double truncated = 0;                       ///< P(queue = max_queue): the mass the cut may distort
};

/// The chain's states: a busy set B (a bit mask over units) while some unit is free, the queue
/// being then empty; and (all busy, q) for q = 0 ... max_queue. Its generator:
///   B not full:  B -> B + {first free unit of atom j}   at rate lambda[j], for every atom j;
///                B -> B - {i}                           at rate mu, for every busy unit i.
///   (full, q):   (full, q) -> (full, q + 1)             at rate sum lambda (q < max_queue);
///                (full, 0) -> full - {i}                at rate mu, for every unit i;
///                (full, q) -> (full, q - 1)             at rate units x mu (q >= 1: a unit comes free
///                                                       and takes the head of the queue at once).
/// The stationary distribution solves pi Q = 0 with sum pi = 1 (one balance equation, redundant,
/// is replaced by the normalisation). Then, by PASTA (Poisson arrivals see time averages), a call
/// from atom j that finds B not full goes to the first free unit of its list, and one that finds
/// every unit busy waits and goes to whichever unit comes free first: with equal exponential
/// services each of the units with probability 1 / units. So
///   workload[i]    = sum over states where i is busy of pi,
///   answered[j][i] = sum over B not full whose first free unit for j is i of pi(B) + all_busy / units.
inline HypercubeSolution solve(const Hypercube& h) {
  const std::uint32_t full = (1u << h.units) - 1u;
  const auto q0 = static_cast<Eigen::Index>(full);  // index of (full, 0); (full, q) is q0 + q
  const Eigen::Index n = q0 + h.max_queue + 1;
  double total = 0;
  for (const double l : h.lambda) total += l;
  auto first_free = [&](std::size_t atom, std::uint32_t busy) {
    for (const int u : h.preference[atom])
      if (!(busy & (1u << u))) return u;
    return -1;
  };
  auto index = [&](std::uint32_t busy) { return busy == full ? q0 : static_cast<Eigen::Index>(busy); };

  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n);  // generator, rows: from
  auto rate = [&](Eigen::Index from, Eigen::Index to, double r) {
    q(from, to) += r;
    q(from, from) -= r;
  };
  for (std::uint32_t busy = 0; busy < full; ++busy) {
    for (std::size_t j = 0; j < h.lambda.size(); ++j)
      rate(busy, index(busy | (1u << first_free(j, busy))), h.lambda[j]);
    for (int i = 0; i < h.units; ++i)
      if (busy & (1u << i)) rate(busy, busy & ~(1u << i), h.mu);
  }
  for (int k = 0; k <= h.max_queue; ++k) {
    const Eigen::Index s = q0 + k;
    if (k < h.max_queue) rate(s, s + 1, total);
    if (k == 0) {
      for (int i = 0; i < h.units; ++i) rate(s, full & ~(1u << i), h.mu);
    } else {
      rate(s, s - 1, h.units * h.mu);
    }
  }
  Eigen::MatrixXd a = q.transpose();
  a.row(n - 1).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  b(n - 1) = 1.0;
  const Eigen::VectorXd pi = a.fullPivLu().solve(b);

  HypercubeSolution out;
  out.workload.assign(static_cast<std::size_t>(h.units), 0.0);
  out.answered.assign(h.lambda.size(), std::vector<double>(static_cast<std::size_t>(h.units), 0.0));
  for (int k = 0; k <= h.max_queue; ++k) {
    out.all_busy += pi(q0 + k);
    out.mean_queue += k * pi(q0 + k);
  }
  out.truncated = pi(n - 1);
  for (std::uint32_t busy = 0; busy < full; ++busy) {
    for (int i = 0; i < h.units; ++i)
      if (busy & (1u << i)) out.workload[static_cast<std::size_t>(i)] += pi(busy);
    for (std::size_t j = 0; j < h.lambda.size(); ++j)
      out.answered[j][static_cast<std::size_t>(first_free(j, busy))] += pi(busy);
  }
  for (int i = 0; i < h.units; ++i) {
    out.workload[static_cast<std::size_t>(i)] += out.all_busy;
    for (std::size_t j = 0; j < h.lambda.size(); ++j)
      out.answered[j][static_cast<std::size_t>(i)] += out.all_busy / h.units;
  }
  return out;
}

}  // namespace siaga::dynamics::testing
