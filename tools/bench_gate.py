#!/usr/bin/python3
"""Helpers of tools/bench.sh (python3 standard library only).

  bench_gate.py gate DIFF.json NAME...   Fails (exit 1) when a named benchmark is more than
                                          --max-ratio times slower (median real time) with a U test
                                          p-value below --alpha over at least --min-reps repetitions
                                          on both sides. DIFF.json is compare.py's `-d` output.
  bench_gate.py table RESULTS.json       Markdown table: name, median real time, items/s.
  bench_gate.py merge OUT.json IN.json...
                                          Concatenates the per-repetition runs of several result
                                          files (aggregates dropped), for interleaved rounds.
  bench_gate.py --self-test              Tests the gate's decision on hand-made reports.
"""

import argparse
import json
import statistics
import sys


def gate_decisions(diff, names, max_ratio=2.0, alpha=0.05, min_reps=9):
    """Returns [(name, verdict, message)], verdict one of 'ok', 'slower', 'missing'."""
    by_name = {}
    for entry in diff:
        if entry.get("run_type", "iteration") == "aggregate":
            continue
        by_name[entry["name"]] = entry
    out = []
    for name in names:
        entry = by_name.get(name)
        if entry is None or not entry.get("measurements"):
            out.append((name, "missing", "not in both runs: not checked"))
            continue
        base = statistics.median(m["real_time"] for m in entry["measurements"])
        new = statistics.median(m["real_time_other"] for m in entry["measurements"])
        ratio = new / base if base > 0 else float("inf")
        u = entry.get("utest") or {}
        reps = min(u.get("nr_of_repetitions", 0), u.get("nr_of_repetitions_other", 0))
        p = u.get("time_pvalue")
        msg = f"time x{ratio:.2f}"
        msg += f", U test p = {p:.4f} over {reps} repetitions" if p is not None else ", no U test"
        significant = p is not None and p < alpha and reps >= min_reps
        if ratio > max_ratio and significant:
            out.append((name, "slower", msg + f": more than {max_ratio:g}x slower, significant"))
        elif ratio > max_ratio:
            out.append((name, "ok", msg + ": slower but not significant (noise?)"))
        else:
            out.append((name, "ok", msg))
    return out


def cmd_gate(args):
    with open(args.diff) as f:
        diff = json.load(f)
    failed = False
    for name, verdict, msg in gate_decisions(diff, args.names, args.max_ratio, args.alpha, args.min_reps):
        print(f"bench gate: {name}: {msg}")
        failed |= verdict == "slower"
    print("bench gate: " + ("FAILED: a key benchmark collapsed" if failed else "passed"))
    return 1 if failed else 0


def fmt_time(value, unit):
    return (f"{value:,.0f}" if value >= 100 else f"{value:.3g}") + f" {unit}"


def fmt_rate(value):
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:.3g} {suffix}/s"
    return f"{value:.3g} /s"


def table_rows(results):
    """(name, median real time, items/s) per benchmark, from medians when repeated."""
    runs, medians, order = {}, {}, []
    for b in results.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[b["run_name"]] = b
            continue
        name = b.get("run_name", b["name"])
        if name not in runs:
            order.append(name)
            runs[name] = []
        runs[name].append(b)
    for name in list(medians):
        if name not in runs:
            order.append(name)
    rows = []
    for name in order:
        if name in medians:
            b = medians[name]
            real, rate = b["real_time"], b.get("items_per_second")
        else:
            rs = runs[name]
            real = statistics.median(r["real_time"] for r in rs)
            ips = [r["items_per_second"] for r in rs if "items_per_second" in r]
            rate = statistics.median(ips) if ips else None
            b = rs[0]
        rows.append((name, fmt_time(real, b.get("time_unit", "ns")), fmt_rate(rate) if rate else "-"))
    return rows


def cmd_table(args):
    with open(args.results) as f:
        results = json.load(f)
    print("| benchmark | median real time | items/s |")
    print("| --- | ---: | ---: |")
    for row in table_rows(results):
        print("| " + " | ".join(row) + " |")
    return 0


def cmd_merge(args):
    merged = None
    for path in args.inputs:
        with open(path) as f:
            r = json.load(f)
        runs = [b for b in r.get("benchmarks", []) if b.get("run_type") != "aggregate"]
        if merged is None:
            merged = {"context": r.get("context", {}), "benchmarks": runs}
        else:
            merged["benchmarks"].extend(runs)
    with open(args.out, "w") as f:
        json.dump(merged, f, indent=1)
    return 0


def self_test():
    def entry(name, base, new, p, reps=9):
        return {
            "name": name,
            "run_type": "iteration",
            "measurements": [{"real_time": b, "real_time_other": n} for b, n in zip(base, new)],
            "utest": {} if p is None else {"time_pvalue": p, "cpu_pvalue": p, "have_optimal_repetitions": reps >= 9,
                                           "nr_of_repetitions": reps, "nr_of_repetitions_other": reps},
        }

    def verdict(e, name="BM_X"):
        return dict((n, v) for n, v, _ in gate_decisions([e], [name]))[name]

    nine = [10.0] * 9
    assert verdict(entry("BM_X", nine, [25.0] * 9, 0.0001)) == "slower"  # collapse, significant
    assert verdict(entry("BM_X", nine, [25.0] * 9, 0.2)) == "ok"  # big but noisy
    assert verdict(entry("BM_X", nine, [19.0] * 9, 0.0001)) == "ok"  # significant but under 2x
    assert verdict(entry("BM_X", nine, [20.0] * 9, 0.0001)) == "ok"  # exactly 2x is not "more than"
    assert verdict(entry("BM_X", nine[:5], [30.0] * 5, 0.001, reps=5)) == "ok"  # too few repetitions
    assert verdict(entry("BM_X", nine, [30.0] * 9, None)) == "ok"  # no U test at all
    assert verdict(entry("BM_X", nine, [5.0] * 9, 0.0001)) == "ok"  # faster
    assert verdict(entry("BM_Y", nine, [30.0] * 9, 0.0001)) == "missing"  # absent from the report
    # The median decides, not one outlier; aggregates and other benchmarks are ignored.
    outlier = entry("BM_X", nine, [11.0] * 8 + [1000.0], 0.0001)
    agg = dict(entry("BM_X_median", nine, [99.0] * 9, 0.0001), run_type="aggregate")
    assert verdict(outlier) == "ok"
    assert dict((n, v) for n, v, _ in gate_decisions([agg, outlier], ["BM_X"]))["BM_X"] == "ok"
    # Table: medians of repetitions, rates formatted.
    rows = table_rows({"benchmarks": [
        {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 3.0, "time_unit": "ms",
         "items_per_second": 2.5e6},
        {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 1.0, "time_unit": "ms",
         "items_per_second": 1.5e6},
        {"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "real_time": 2.0, "time_unit": "ms",
         "items_per_second": 2.0e6},
        {"name": "BM_B_median", "run_name": "BM_B", "run_type": "aggregate", "aggregate_name": "median",
         "real_time": 7.0, "time_unit": "us"},
    ]})
    assert rows == [("BM_A", "2 ms", "2 M/s"), ("BM_B", "7 us", "-")], rows
    assert fmt_time(139012.5, "ns") == "139,012 ns" and fmt_time(21.93, "ms") == "21.9 ms"
    print("bench_gate.py: self-test passed")
    return 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gate")
    g.add_argument("diff")
    g.add_argument("names", nargs="+")
    g.add_argument("--max-ratio", type=float, default=2.0)
    g.add_argument("--alpha", type=float, default=0.05)
    g.add_argument("--min-reps", type=int, default=9)
    t = sub.add_parser("table")
    t.add_argument("results")
    m = sub.add_parser("merge")
    m.add_argument("out")
    m.add_argument("inputs", nargs="+")
    args = parser.parse_args(argv)
    return {"gate": cmd_gate, "table": cmd_table, "merge": cmd_merge}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
