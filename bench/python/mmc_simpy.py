#!/usr/bin/python3
"""M/M/c in SimPy 2 (Debian's python3-simpy, classic SimPy.Simulation API): the model of
bench/mmc_bench.cpp (c = 10, lambda = 9, mu = 1 per minute, rho = 0.9, 100,000 customers, 10%
warm-up left out of the statistics). Customers are processes on a Resource of capacity c.
Prints one JSON object: customers per second of CPU time (best of --runs, as Google Benchmark's
items_per_second), mean wait, and Erlang C's mean wait.
"""

import argparse
import json
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate


class Customer(Process):
    def visit(self, servers, mu, rng, stats, measured):
        arrival = now()
        yield request, self, servers
        if measured:
            stats[0] += now() - arrival
            stats[1] += 1
        yield hold, self, rng.expovariate(mu)
        yield release, self, servers


class Source(Process):
    def generate(self, customers, warmup, lam, mu, servers, rng, stats):
        for i in range(customers):
            c = Customer()
            activate(c, c.visit(servers, mu, rng, stats, i >= warmup))
            yield hold, self, rng.expovariate(lam)


def run_once(customers, lam, mu, c, seed):
    rng = random.Random(seed)
    stats = [0.0, 0]
    initialize()
    servers = Resource(capacity=c, name="servers")
    source = Source()
    activate(source, source.generate(customers, customers // 10, lam, mu, servers, rng, stats))
    simulate(until=1e18)
    return stats[0] / stats[1]


def erlang_c_wait(lam, mu, c):
    a = lam / mu
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    pw = c * b / (c - a * (1.0 - b))
    return pw / (c * mu - lam)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--customers", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    lam, mu, c = 9.0, 1.0, 10
    best, wait = float("inf"), 0.0
    for r in range(a.runs):
        t0 = time.process_time()
        wait = run_once(a.customers, lam, mu, c, r + 1)
        best = min(best, time.process_time() - t0)
    json.dump({"model": "M/M/10 rho=0.9", "engine": "SimPy 2 (SimPy.Simulation)", "customers": a.customers,
               "best_seconds": best, "customers_per_second": a.customers / best, "mean_wait_minutes": wait,
               "erlang_c_wait_minutes": erlang_c_wait(lam, mu, c)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
