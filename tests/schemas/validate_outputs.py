#!/usr/bin/python3
"""The published contracts: every shipped scenario and real outputs of the siaga CLI (run --out,
run --json, --trace as JSON Lines, compare and sweep --out and --json) checked against the JSON
Schemas in scenarios/ with python3-jsonschema (draft 2020-12). Each schema is also shown to reject
a document that breaks it, so that a schema accepting anything fails this test.

Usage: validate_outputs.py --siaga PATH --source DIR --work DIR
"""

import argparse
import copy
import json
import pathlib
import shutil
import subprocess
import sys

import jsonschema

failures: list[str] = []


def load(path: pathlib.Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(schemas: pathlib.Path, name: str) -> jsonschema.Draft202012Validator:
    schema = load(schemas / name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(v: jsonschema.Draft202012Validator, doc, shown: str) -> None:
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:5]:
        failures.append(f"{shown}: {'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}")
    if not errors:
        print(f"ok  {shown}")


def rejects(v: jsonschema.Draft202012Validator, doc, shown: str) -> None:
    if v.is_valid(doc):
        failures.append(f"{shown}: the schema accepts a document that breaks it")
    else:
        print(f"ok  {shown} (rejected, as it must be)")


def siaga(exe: str, *args: str, expect: int = 0) -> str:
    r = subprocess.run([exe, *args], capture_output=True, text=True)
    if r.returncode != expect:
        failures.append(f"siaga {' '.join(args)}: exit {r.returncode}, expected {expect}\n{r.stderr}")
    return r.stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--siaga", required=True)
    ap.add_argument("--source", required=True, type=pathlib.Path)
    ap.add_argument("--work", required=True, type=pathlib.Path)
    a = ap.parse_args()
    schemas = a.source / "scenarios"
    work = a.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    scenario = validator(schemas, "siaga-scenario-1.schema.json")
    targets = validator(schemas, "siaga-targets-1.schema.json")
    summary = validator(schemas, "siaga-summary-2.schema.json")
    trace = validator(schemas, "siaga-trace-1.schema.json")
    compare = validator(schemas, "siaga-compare-1.schema.json")
    sweep = validator(schemas, "siaga-sweep-1.schema.json")

    # Shipped scenarios and the calibration targets.
    shipped = sorted(p for p in schemas.glob("*.json") if not p.name.endswith(".schema.json") and p.name != "targets.json")
    if not shipped:
        failures.append("no shipped scenario found")
    for p in shipped:
        check(scenario, load(p), f"scenarios/{p.name}")
    check(targets, load(schemas / "targets.json"), "scenarios/targets.json")
    # A scenario may name its schema; the loader accepts the key and the schema allows it.
    doc = load(schemas / "sandbox.json")
    doc = {"$schema": "siaga-scenario-1.schema.json", **doc}
    with_schema = work / "with-schema.json"
    with_schema.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    check(scenario, doc, "sandbox.json with \"$schema\"")
    siaga(a.siaga, "validate", str(with_schema))
    bad = copy.deepcopy(doc)
    bad["election"]["nosuch"] = 1
    rejects(scenario, bad, "a scenario with an unknown field")

    # Generated scenarios (what siaga generate writes).
    siaga(a.siaga, "generate", "--preset", "small", "--out", str(work / "small.json"))
    check(scenario, load(work / "small.json"), "siaga generate --preset small")

    # run: summary.json of --out and what --json prints.
    siaga(a.siaga, "run", "sandbox.json", "-n", "40", "--quiet", "--out", str(work / "run"))
    s = load(work / "run" / "summary.json")
    check(summary, s, "run --out: summary.json")
    check(summary, json.loads(siaga(a.siaga, "run", "jepara-pilkada.json", "-n", "20", "--quiet", "--json")),
          "run jepara-pilkada.json -n 20 --json")
    bad = copy.deepcopy(s)
    bad["metrics"]["incidents"]["low"] = -0.5  # a count's interval below 0
    rejects(summary, bad, "a summary with a count's interval below 0")
    bad = copy.deepcopy(s)
    del bad["partial"]
    rejects(summary, bad, "a summary without 'partial'")

    # The trace's JSON Lines, of a small and of the default scenario.
    for name in ("sandbox.json", "jepara-pilkada.json"):
        path = work / (name.replace(".json", "") + "-trace.jsonl")
        siaga(a.siaga, "run", name, "--seed", "3", "--trace", str(path))
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines:
            failures.append(f"{path}: empty trace")
        bad_lines = [i for i, line in enumerate(lines, 1) if not trace.is_valid(json.loads(line))]
        for i in bad_lines[:3]:
            check(trace, json.loads(lines[i - 1]), f"{path.name} line {i}")
        if not bad_lines:
            print(f"ok  {path.name}: {len(lines)} lines")
    bad = json.loads(lines[0])
    bad["event"] = "teleported"
    rejects(trace, bad, "a trace line with an unknown event")

    # compare: compare.json, each plan's summary.json, and --json.
    siaga(a.siaga, "compare", "sandbox.json", "-n", "40", "--quiet", "--out", str(work / "compare"))
    c = load(work / "compare" / "compare.json")
    check(compare, c, "compare --out: compare.json")
    for plan in c["plans"]:
        check(summary, load(work / "compare" / "plans" / plan / "summary.json"), f"compare --out: plans/{plan}/summary.json")
    check(compare, json.loads(siaga(a.siaga, "compare", "sandbox.json", "-n", "20", "--quiet", "--json")),
          "compare --json")
    bad = copy.deepcopy(c)
    bad["rows"][0]["verdict"] = "probably"
    rejects(compare, bad, "a comparison with an unknown verdict")

    # sweep: sweep.json and --json.
    axis = "plans.doctrine.retention.rawan.hours=0:2:1"
    siaga(a.siaga, "sweep", "sandbox.json", "--plan", "doctrine", "--set", axis, "-n", "20", "--quiet",
          "--out", str(work / "sweep"))
    w = load(work / "sweep" / "sweep.json")
    check(sweep, w, "sweep --out: sweep.json")
    check(sweep, json.loads(siaga(a.siaga, "sweep", "sandbox.json", "--plan", "doctrine", "--set", axis, "-n", "10",
                                  "--quiet", "--json")), "sweep --json")
    bad = copy.deepcopy(w)
    bad["rows"][0]["p_any_escalation"] = 1.5
    rejects(sweep, bad, "a sweep with a probability above 1")

    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
