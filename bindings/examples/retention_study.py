#!/usr/bin/env python3
"""Escalation risk against how long guards stay at rawan (high-risk) TPS after the count.

Runs the built-in Jepara scenario's first plan at each retention time on common random numbers
(the same incidents at every point, so the differences are the retention's doing), prints a table,
and saves a plot if matplotlib is installed.

    PYTHONPATH=build/bindings /usr/bin/python3 bindings/examples/retention_study.py [-n 400]
"""
import argparse
import sys

import siaga

PATH = "plans.{plan}.retention.rawan.hours"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="replications per retention time")
    parser.add_argument("--hours", type=float, nargs="+", default=[0, 1, 2, 3, 4, 6])
    parser.add_argument("--png", default="retention_study.png", help="plot file (needs matplotlib)")
    args = parser.parse_args()

    scenario = siaga.builtin("jepara-pilkada.json")
    plan = scenario.plans[0]
    path = PATH.format(plan=plan)
    rows = siaga.sweep(scenario, grid={path: args.hours}, plan=plan, n=args.n, seed=1, progress=True)

    print(f"{scenario.name}, plan '{plan}', {args.n} replications per point")
    print(f"{'rawan hours':>11}  {'P(any escalation)':>26}  {'escalations':>11}  {'retention h':>11}")
    for r in rows:
        interval = f"{r['p_any_escalation']:.3f} [{r['p_any_escalation_low']:.3f}, {r['p_any_escalation_high']:.3f}]"
        print(f"{r[path]:>11g}  {interval:>26}  {r['escalations_mean']:>11.3f}"
              f"  {r['officer_hours_retention_mean']:>11.1f}")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return 0
    hours = [r[path] for r in rows]
    p = [r["p_any_escalation"] for r in rows]
    err = [[r["p_any_escalation"] - r["p_any_escalation_low"] for r in rows],
           [r["p_any_escalation_high"] - r["p_any_escalation"] for r in rows]]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.errorbar(hours, p, yerr=err, marker="o", capsize=3)
    ax.set_xlabel("guards kept at rawan TPS after the count (hours)")
    ax.set_ylabel("P(any escalation), 95% Wilson interval")
    ax.set_title(f"{scenario.name}: plan '{plan}'")
    fig.tight_layout()
    fig.savefig(args.png, dpi=120)
    print(f"plot saved to {args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
