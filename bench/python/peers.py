#!/usr/bin/python3
"""Markdown table of tools/bench.sh --peers: M/M/10 at rho = 0.9 in siaga's kernel (BM_MmcQueue), in
the bare floor (BM_MmcFloor) and in SimPy (mmc_simpy.py's JSON), customers per second and ratios.
With PHOLD.json (phold_simpy.py's), a PHOLD row (BM_PholdKernel/4096) too.
Usage: peers.py SIAGA_BENCH.json SIMPY.json [PHOLD.json]
"""

import datetime
import json
import os
import sys


def median_rate(results, prefix):
    rates = [b["items_per_second"] for b in results["benchmarks"]
             if b["name"].startswith(prefix) and "items_per_second" in b
             and b.get("aggregate_name", "median") == "median"]
    if not rates:
        raise SystemExit(f"peers.py: no {prefix} in the benchmark results")
    return sorted(rates)[len(rates) // 2]


def main(argv):
    with open(argv[1]) as f:
        siaga = json.load(f)
    with open(argv[2]) as f:
        simpy = json.load(f)
    kernel = median_rate(siaga, "BM_MmcQueue/")
    floor = median_rate(siaga, "BM_MmcFloor/")
    py = simpy["customers_per_second"]
    print(f"M/M/10 at rho = 0.9, {simpy['customers']:,} customers; {datetime.date.today().isoformat()}, "
          f"{os.cpu_count()} cores; `tools/bench.sh --peers` (per second of CPU time; siaga: median of 5, SimPy: best of 3)")
    print()
    print("| engine | customers/s | vs SimPy |")
    print("| --- | ---: | ---: |")
    print(f"| siaga kernel (`BM_MmcQueue`) | {kernel / 1e6:.2f} M | {kernel / py:,.0f}x |")
    print(f"| bare floor, `std::priority_queue` (`BM_MmcFloor`) | {floor / 1e6:.2f} M | {floor / py:,.0f}x |")
    print(f"| {simpy['engine']}, Python {sys.version.split()[0]} | {py / 1e3:.1f} k | 1x |")
    if len(argv) > 3:
        with open(argv[3]) as f:
            phold = json.load(f)
        k = median_rate(siaga, "BM_PholdKernel/")
        p = phold["events_per_second"]
        print()
        print("| PHOLD, 4,096 LPs | events/s | vs SimPy |")
        print("| --- | ---: | ---: |")
        print(f"| siaga kernel (`BM_PholdKernel/4096`) | {k / 1e6:.2f} M | {k / p:,.0f}x |")
        print(f"| {phold['engine']} | {p / 1e3:.1f} k | 1x |")
    print()
    print(f"siaga kernel / floor: {kernel / floor:.2f}x; siaga / SimPy: {kernel / py:,.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
