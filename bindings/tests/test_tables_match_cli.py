"""One source for every table (issue 16): for run, compare and sweep, the CSV files the CLI writes
with --out and the DataFrames Python's to_frame() returns hold the same columns, in the same
order, with the same types and the same numbers, bit for bit; and a call that leaves out seed, n
or confidence gets the CLI's defaults."""
import inspect
import json
import os
import re
import subprocess

import pytest

import siaga

pd = pytest.importorskip("pandas")

CLI = os.environ.get("SIAGA_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="SIAGA_CLI not set (ctest sets it)")

SEED = 7  # the scenario's own experiment.seed, which neither side would take by accident
RETENTION = "plans.doctrine.retention.rawan.hours"

# The columns that hold text, by table: known here rather than taken from either side, so that a
# column Python got the type of wrong fails instead of being read the way Python reads it.
TEXT_COLUMNS = {
    "replications": set(),
    "tps": {"tps_id", "village_code", "village_name", "kecamatan", "category"},
    "villages": {"village_code", "village_name", "kecamatan", "kind"},
    "units": {"unit_id", "kind", "tier", "post"},
    "compare": {"metric", "label", "plan", "kind", "verdict"},
    "sweep": set(),
}


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory, sandbox):
    d = sandbox.to_dict()
    d.setdefault("experiment", {})["seed"] = SEED
    path = tmp_path_factory.mktemp("scenario") / "sandbox-seed7.json"
    path.write_text(json.dumps(d))
    return path


def cli(*args):
    return subprocess.run([CLI, *map(str, args), "--quiet"], check=True, capture_output=True, text=True)


def read_csv(path, frame, text_columns):
    """The CLI's CSV as a DataFrame: empty fields missing (NaN), numbers read back exactly
    (round_trip), text columns as str, and real columns as float64 (a real column whose values
    happen to be whole, such as a sweep's hours, would otherwise be read as integers)."""
    assert {c for c in frame.columns if frame[c].dtype == object} == text_columns, path.name
    dtype = {c: str for c in text_columns}
    dtype.update({c: "float64" for c in frame.columns if frame[c].dtype == "float64"})
    return pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""], float_precision="round_trip")


def assert_same(frame, path, table):
    expected = read_csv(path, frame, TEXT_COLUMNS[table])
    assert list(frame.columns) == list(expected.columns), table  # the same names in the same order
    pd.testing.assert_frame_equal(frame, expected, check_exact=True, obj=f"{table} against {path.name}")


def assert_run_matches(result, out):
    for table in ("replications", "tps", "villages", "units"):
        assert_same(result.to_frame(table), out / f"{table}.csv", table)
    # The report's text tables: the same text, hence the same frame.
    for table in ("kecamatan", "response_times", "incidents_by_hour", "riskiest_tps"):
        assert result.files()[f"{table}.csv"] == (out / f"{table}.csv").read_text(), table
    # summary.json holds the summary table's rows as an object keyed by metric.
    summary = result.to_frame("summary").set_index("metric")
    metrics = json.loads((out / "summary.json").read_text())["metrics"]
    assert list(summary.index) == list(metrics) == siaga.metric_names()
    for name, m in metrics.items():
        row = summary.loc[name]
        assert row["kind"] == m["kind"] and row["label"] == m["label"] and row["n"] == m["n"], name
        mean = m["estimate"] if m["kind"] == "probability" else m["mean"]
        keys = ["low", "high"] + (["successes"] if m["kind"] == "probability" else ["sd", "p5", "p50", "p95", "p99"])
        for key, want in [("mean", mean)] + [(k, m[k]) for k in keys]:
            got = row[key]
            assert (pd.isna(got) if want is None else got == want), (name, key, got, want)


def test_run_tables_are_the_clis(scenario_file, tmp_path):
    out = tmp_path / "run"
    cli("run", scenario_file, "-n", 40, "--seed", 3, "--threads", 2, "--out", out)
    r = siaga.run(siaga.Scenario.load(scenario_file), n=40, seed=3, threads=2)
    assert_run_matches(r, out)
    # Another seed gives other numbers, so the comparison above can fail.
    other = siaga.run(siaga.Scenario.load(scenario_file), n=40, seed=4, threads=2)
    with pytest.raises(AssertionError):
        assert_same(other.to_frame("replications"), out / "replications.csv", "replications")


def test_compare_table_is_the_clis(scenario_file, tmp_path):
    out = tmp_path / "compare"
    cli("compare", scenario_file, "-n", 30, "--seed", 3, "--threads", 2, "--out", out)
    c = siaga.compare(siaga.Scenario.load(scenario_file), n=30, seed=3, threads=2)
    assert_same(c.to_frame(), out / "compare.csv", "compare")
    assert c.columns == list(pd.read_csv(out / "compare.csv", nrows=0).columns)
    assert c.width_ratio == json.loads((out / "compare.json").read_text())["width_ratio"]
    # Each plan's results, as compare --out writes them into plans/<plan>/.
    for plan, result in c.results.items():
        for table in ("replications", "tps", "units"):
            assert_same(result.to_frame(table), out / "plans" / plan / f"{table}.csv", table)


def test_sweep_table_is_the_clis(scenario_file, tmp_path):
    out = tmp_path / "sweep"
    cli("sweep", scenario_file, "--plan", "doctrine", "--set", f"{RETENTION}=0,2,4", "-n", 25, "--seed", 3,
        "--threads", 2, "--out", out)
    s = siaga.sweep(siaga.Scenario.load(scenario_file), {RETENTION: [0, 2, 4]}, plan="doctrine", n=25, seed=3,
                    threads=2)
    assert_same(s.to_frame(), out / "sweep.csv", "sweep")
    assert s.columns[:2] == [RETENTION, "n"] and "p_any_escalation_low" in s.columns


def cli_default(command, option):
    help_text = subprocess.run([CLI, command, "--help"], check=True, capture_output=True, text=True).stdout
    match = re.search(rf"--{option} FLOAT=([0-9.]+)", help_text)
    assert match, help_text
    return float(match.group(1))


def test_defaults_are_the_clis(scenario_file, tmp_path):
    # Neither seed nor n nor confidence given, on either side: the same defaults, hence the same tables.
    scenario = siaga.Scenario.load(scenario_file)
    for command, function in (("run", siaga.run), ("compare", siaga.compare), ("sweep", siaga.sweep)):
        params = inspect.signature(function).parameters
        assert params["seed"].default is None, command
        assert params["confidence"].default == cli_default(command, "confidence"), command

    out = tmp_path / "run"
    cli("run", scenario_file, "--out", out)
    summary = json.loads((out / "summary.json").read_text())
    r = siaga.run(scenario)
    assert (r.seed, r.n, r.confidence) == (summary["seed"], summary["n"], summary["confidence"])
    assert r.seed == SEED and r.n == siaga.RUN_REPLICATIONS == 1000
    assert_same(r.to_frame("replications"), out / "replications.csv", "replications")
    # With --precision and no -n, both start from the same first block, so both stop at the same n
    # (loose enough to stop at once: a first block of 1000 would stop at 1000); --precision-abs's
    # default is precision_abs's.
    assert inspect.signature(siaga.run).parameters["precision_abs"].default == cli_default("run", "precision-abs")
    out = tmp_path / "precise"
    cli("run", scenario_file, "--precision", "5", "--precision-abs", "0.5", "--out", out)
    summary = json.loads((out / "summary.json").read_text())
    p = siaga.run(scenario, precision=5, precision_abs=0.5)
    assert p.n == summary["n"] == siaga.PRECISION_FIRST_BLOCK and p.precision_reached
    assert_same(p.to_frame("replications"), out / "replications.csv", "replications")

    out = tmp_path / "compare"
    cli("compare", scenario_file, "--out", out)
    facts = json.loads((out / "compare.json").read_text())
    c = siaga.compare(scenario)
    first = next(iter(c.results.values()))
    assert (first.seed, first.n) == (facts["seed"], facts["n"]) == (SEED, 1000)
    assert_same(c.to_frame(), out / "compare.csv", "compare")

    out = tmp_path / "sweep"
    cli("sweep", scenario_file, "--set", f"{RETENTION}=0,3", "--out", out)
    facts = json.loads((out / "sweep.json").read_text())
    s = siaga.sweep(scenario, {RETENTION: [0, 3]})
    assert facts["seed"] == SEED and facts["n"] == inspect.signature(siaga.sweep).parameters["n"].default
    assert [row["n"] for row in s] == [facts["n"]] * 2
    assert_same(s.to_frame(), out / "sweep.csv", "sweep")


def test_version_is_the_clis():
    # siaga.__version__ is siaga::version(), the function `siaga --version` prints.
    printed = subprocess.run([CLI, "--version"], check=True, capture_output=True, text=True).stdout.split()
    assert printed == ["siaga", siaga.__version__]
