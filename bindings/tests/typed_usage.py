"""Typed use of the whole public API, checked by `mypy --strict` (test_typing.py): a call with a
wrong type here, or a stub that no longer matches, fails that test."""
from __future__ import annotations

import os
import pathlib
import pickle

import numpy as np
import numpy.typing as npt

import siaga


def scenario_from(path: str | os.PathLike[str]) -> siaga.Scenario:
    return siaga.Scenario.load(path)


def study(root: pathlib.Path) -> float:
    s: siaga.Scenario = scenario_from(root / "scenarios" / "sandbox.json")
    also: siaga.Scenario = siaga.Scenario.from_json(s.to_json(), name="copy", base_dir=root)
    assert also.to_dict() == s.to_dict()
    names: list[str] = siaga.builtin_names() + siaga.metric_names() + s.plans
    changed = s.with_({f"plans.{s.plans[0]}.retention.rawan.hours": 2})
    done: list[int] = []

    def progress(d: int, total: int) -> None:
        done.append(d)

    r: siaga.Result = siaga.run(changed, n=10, seed=1, threads=1, progress=progress)
    escalations: npt.NDArray[np.float64] = r.metrics["escalations"]
    mean, low, high = r.summary["any_escalation"]
    c: siaga.Comparison = siaga.compare(s, plans=s.plans, n=10, seed=1)
    first: dict[str, object] = c[0]
    per_plan: siaga.Result = c.results[s.plans[0]]
    columns: list[str] = c.columns
    tps: dict[str, list[object]] = r.table("tps")
    sw: siaga.Sweep = siaga.sweep(s, {"plans.doctrine.retention.rawan.hours": [0.0, 1.0]}, n=5)
    t: siaga.Trace = siaga.trace(s, seed=0)
    copy: siaga.Scenario = pickle.loads(pickle.dumps(s))
    assert copy == s and isinstance(siaga.__version__, str) and names and first and t.seed == 0
    assert per_plan.n == 10 and len(sw) == 2 and s.describe(worst=3) and sw.columns[0] in sw[0]
    assert columns[0] == "metric" and len(tps["tps_id"]) == len(r.tps_risk["tps_id"])
    return float(np.nanmean(escalations)) + mean + low + high + len(done)


if __name__ == "__main__":
    print(study(pathlib.Path(__file__).resolve().parents[2]))
