#!/usr/bin/python3
"""What the Python bindings cost against the CLI for the same work.

Google Benchmark cannot host an interpreter, so this script times both sides itself, by wall clock
(time.perf_counter), best of --repeat, on one thread:

  experiment  n replications of the scenario's first plan, seed 1: `siaga run -n N --json` as a
              process (start-up, scenario compile, JSON out) against siaga.run() in this process
              (scenario already loaded, numpy arrays out). Both sides also report the experiment
              alone, timed inside the engine ("seconds"), so the overhead around it shows apart
              from the machine's noise in the experiment itself.
  one call    one replication, --calls times: a process per call against a function call.

Both sides must produce the same means, or the comparison is void and the script fails (exit 1).
Prints a markdown table; --json FILE also writes the figures.
Usage: PYTHONPATH=build/bindings/python bindings_overhead.py --cli build/tools/siaga [--scenario NAME]
       [--n N] [--calls K] [--repeat R] [--json FILE]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import siaga


def best_of(repeat, work):
    """Runs work() `repeat` times; returns the least wall seconds and that run's result."""
    best, best_result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - start
        if seconds < best:
            best, best_result = seconds, result
    return best, best_result


def cli_run(cli, scenario, n):
    out = subprocess.run([cli, "run", scenario, "-n", str(n), "--seed", "1", "--threads", "1", "--json", "--quiet"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def cli_mean(summary, metric):
    m = summary["metrics"][metric]
    return m["estimate"] if m["kind"] == "probability" else m["mean"]


def check_same_work(summary, result):
    """The CLI's and the module's means must agree bit for bit: the same replications ran."""
    if summary["n"] != result.n:
        raise SystemExit(f"bindings_overhead.py: the CLI ran {summary['n']} replications, Python {result.n}")
    for metric in ("incidents", "escalations", "officer_hours_retention"):
        if cli_mean(summary, metric) != result.summary[metric][0]:
            raise SystemExit(f"bindings_overhead.py: {metric} differs between the CLI and Python: not the same work")


def measure(args):
    scenario = siaga.builtin(args.scenario)

    cli_seconds, summary = best_of(args.repeat, lambda: cli_run(args.cli, args.scenario, args.n))
    py_seconds, result = best_of(args.repeat, lambda: siaga.run(scenario, n=args.n, seed=1, threads=1))
    check_same_work(summary, result)
    engine_seconds = summary["seconds"]  # inside the CLI's fastest run

    def cli_calls():
        for _ in range(args.calls):
            cli_run(args.cli, args.scenario, 1)

    def py_calls():
        for _ in range(args.calls):
            siaga.run(scenario, n=1, seed=1, threads=1)

    cli_call_seconds = best_of(args.repeat, cli_calls)[0] / args.calls
    py_call_seconds = best_of(args.repeat, py_calls)[0] / args.calls
    return {
        "scenario": args.scenario,
        "plan": result.plan,
        "replications": args.n,
        "repeat": args.repeat,
        "calls": args.calls,
        "cli_seconds": cli_seconds,
        "python_seconds": py_seconds,
        "engine_seconds": engine_seconds,
        "python_engine_seconds": result.seconds,
        "cli_replications_per_second": args.n / cli_seconds,
        "python_replications_per_second": args.n / py_seconds,
        "python_over_cli": py_seconds / cli_seconds,
        "cli_seconds_per_call": cli_call_seconds,
        "python_seconds_per_call": py_call_seconds,
    }


def table(r):
    lines = [
        f"{r['scenario']} (plan {r['plan']}), one thread, seed 1; wall time, best of {r['repeat']}; "
        f"`bench/python/bindings_overhead.py`",
        "",
        "| work | CLI (`siaga run --json`) | Python (`siaga.run`) | Python / CLI |",
        "| --- | ---: | ---: | ---: |",
        f"| {r['replications']:,} replications | {r['cli_seconds'] * 1e3:.1f} ms "
        f"({r['cli_replications_per_second']:,.0f} rep/s) | {r['python_seconds'] * 1e3:.1f} ms "
        f"({r['python_replications_per_second']:,.0f} rep/s) | {r['python_over_cli']:.2f}x |",
        f"| one replication, per call ({r['calls']} calls) | {r['cli_seconds_per_call'] * 1e3:.1f} ms "
        f"| {r['python_seconds_per_call'] * 1e3:.2f} ms "
        f"| {r['python_seconds_per_call'] / r['cli_seconds_per_call']:.2f}x |",
        "",
        f"The experiment alone, timed inside the engine: {r['engine_seconds'] * 1e3:.1f} ms in the CLI, "
        f"{r['python_engine_seconds'] * 1e3:.1f} ms in Python. Around it the CLI adds "
        f"{(r['cli_seconds'] - r['engine_seconds']) * 1e3:.1f} ms (process start, scenario compile, JSON), "
        f"Python {(r['python_seconds'] - r['python_engine_seconds']) * 1e3:.1f} ms (arrays; the model is "
        f"compiled once per scenario and plan, on the first call).",
    ]
    return "\n".join(lines)


def write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".bindings_overhead.")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True, help="the siaga executable (build/tools/siaga)")
    parser.add_argument("--scenario", default="jepara-pilkada.json", help="a built-in scenario")
    parser.add_argument("--n", type=int, default=1000, help="replications of the experiment row")
    parser.add_argument("--calls", type=int, default=20, help="calls of the one-replication row")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many timings")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv[1:])
    if args.n < 2 or args.calls < 1 or args.repeat < 1:
        parser.error("--n must be at least 2, --calls and --repeat at least 1")
    r = measure(args)
    print(table(r))
    if args.json:
        write_atomically(args.json, json.dumps(r, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
