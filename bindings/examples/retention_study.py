#!/usr/bin/env python3
"""How long should guards stay at rawan TPS after the count? Risk against officer-hours.

A study as a researcher would write it in a notebook: load a shipped scenario (Kabupaten Jepara,
Pilkada 2024), try how many hours the guards of rawan (high-risk) TPS stay after the count, on common random
numbers (the same incidents at every point, so that differences are the retention's doing),
tabulate with pandas, and plot the risk (incidents at TPS after their guards left, and the chance
of any escalation) against the officer-hours each choice costs, saved as a PNG.

    pip install .            # once, in a venv made with --system-site-packages
    python bindings/examples/retention_study.py [-n 400] [--png retention_study.png]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display needed: the plot goes to a file
import matplotlib.pyplot as plt
import pandas as pd

import siaga

CONFIDENCE = 0.95
SHIPPED = pathlib.Path(__file__).resolve().parents[2] / "scenarios" / "jepara-pilkada.json"


def load_scenario(path: pathlib.Path | None) -> siaga.Scenario:
    """The scenario file asked for, else the shipped Jepara file, else its built-in copy."""
    if path is not None:
        return siaga.Scenario.load(path)
    if SHIPPED.is_file():
        return siaga.Scenario.load(SHIPPED)
    return siaga.builtin("jepara-pilkada.json")


class ProgressBar:
    """One tqdm bar over several runs (Debian: python3-tqdm), or silence without tqdm."""

    def __init__(self, total: int, label: str) -> None:
        try:
            from tqdm import tqdm
        except ImportError:
            self.bar = None
        else:
            self.bar = tqdm(total=total, desc=label, unit="rep")
        self.offset = 0

    def callback(self) -> siaga.Progress | None:
        """progress= for the next run: its replications counted after the runs before it."""
        if self.bar is None:
            return None
        bar, offset = self.bar, self.offset

        def update(done: int, total: int) -> None:
            bar.update(offset + done - bar.n)

        return update

    def finished_run(self, n: int) -> None:
        self.offset += n

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("scenario", nargs="?", type=pathlib.Path, help="scenario file (default: Jepara)")
    parser.add_argument("-n", type=int, default=400, help="replications per retention time (default 400)")
    parser.add_argument("--hours", type=float, nargs="+", default=[0, 1, 2, 3, 4, 6],
                        help="retention hours at rawan TPS to try")
    parser.add_argument("--seed", type=int, default=None, help="seed (default: the scenario's)")
    parser.add_argument("--png", type=pathlib.Path, default=pathlib.Path("retention_study.png"),
                        help="where the plot goes")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)

    scenario = load_scenario(args.scenario)
    title = scenario.to_dict().get("name", scenario.name)
    plan = scenario.plans[0]
    path = f"plans.{plan}.retention.rawan.hours"

    # One run per retention time, every run with the same seed: common random numbers (the same
    # incidents at every point), as siaga.sweep does, so that differences are the retention's doing.
    bar = ProgressBar(args.n * len(args.hours), f"{plan}: {len(args.hours)} retention times")
    rows: list[dict[str, float]] = []
    for hours in args.hours:
        result = siaga.run(scenario.with_({path: hours}), plan=plan, n=args.n, seed=args.seed,
                           confidence=CONFIDENCE, progress=None if args.quiet else bar.callback())
        bar.finished_run(args.n)
        exposed, exposed_low, exposed_high = result.summary["post_count_exposed"]
        p, p_low, p_high = result.summary["any_escalation"]
        rows.append({
            "rawan_hours": hours,
            "officer_hours": result.summary["officer_hours_duty"][0],
            "retention_officer_hours": result.summary["officer_hours_retention"][0],
            "exposed": exposed, "exposed_low": exposed_low, "exposed_high": exposed_high,
            "p_any_escalation": p, "p_low": p_low, "p_high": p_high,
        })
    bar.close()

    table = pd.DataFrame(rows)
    print(f"{title}, plan '{plan}', {args.n} replications per retention time")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True)
    x = table["officer_hours"].to_numpy()
    for ax, column, label in (
        (left, "exposed", "incidents after the guards left, per day"),
        (right, "p_any_escalation", "P(any escalation)"),
    ):
        low = "exposed_low" if column == "exposed" else "p_low"
        high = "exposed_high" if column == "exposed" else "p_high"
        y = table[column].to_numpy()
        err = [y - table[low].to_numpy(), table[high].to_numpy() - y]
        ax.errorbar(x, y, yerr=err, marker="o", capsize=3)
        for xi, yi, hours in zip(x, y, table["rawan_hours"]):
            ax.annotate(f"{hours:g} h", (xi, yi), textcoords="offset points", xytext=(5, 5), fontsize=8)
        ax.set_xlabel("officer-hours on duty per election day (mean)")
        ax.set_ylabel(f"{label}, {100 * CONFIDENCE:g}% interval")
        ax.grid(True, alpha=0.3)
    fig.suptitle(f"{title}, plan '{plan}': hours guards stay at rawan TPS after the count")
    fig.tight_layout()
    fig.savefig(args.png, dpi=120)
    plt.close(fig)
    print(f"plot saved to {args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
