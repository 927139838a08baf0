"""Notebook use: progress to a callable (tqdm included), silence otherwise, DataFrames, pickling,
and replications in a multiprocessing pool equal to one process."""
import multiprocessing
import os
import pickle

import numpy as np
import pytest

import siaga


def assert_same_summary(a, b):
    # NaN where a metric is undefined in every replication: equal here, unlike under ==.
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(np.array(a[name]), np.array(b[name]), err_msg=name)


def test_silent_by_default(sandbox, capfd):
    siaga.run(sandbox, n=60, seed=1)
    siaga.compare(sandbox, n=20, seed=1)
    siaga.sweep(sandbox, grid={"plans.doctrine.retention.rawan.hours": [0, 2]}, n=10, seed=1)
    out, err = capfd.readouterr()  # file descriptors 1 and 2, not only sys.stdout/sys.stderr
    assert out == "" and err == ""


def test_progress_goes_to_the_callable(sandbox, capfd):
    calls = []
    siaga.run(sandbox, n=300, seed=1, threads=1, progress=lambda done, total: calls.append((done, total)))
    assert calls, "the callable was never called"
    assert all(total == 300 for _, total in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and 0 < done[0] and done[-1] == 300
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_sweep_progress_counts_the_whole_grid(sandbox):
    calls = []
    siaga.sweep(sandbox, grid={"plans.doctrine.retention.rawan.hours": [0, 1, 2]}, n=40, seed=1,
                progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (120, 120)


def test_tqdm_works(sandbox):
    tqdm = pytest.importorskip("tqdm").tqdm
    import io
    sink = io.StringIO()
    with tqdm(total=200, file=sink, mininterval=0) as bar:
        siaga.run(sandbox, n=200, seed=1, threads=1, progress=lambda done, total: bar.update(done - bar.n))
        assert bar.n == 200
    assert "200/200" in sink.getvalue()


def test_an_exception_in_the_callable_stops_the_run(sandbox):
    class Stop(Exception):
        pass

    calls = []

    def progress(done, total):
        calls.append(done)
        raise Stop

    with pytest.raises(Stop):
        siaga.run(sandbox, n=100000, seed=1, threads=1, progress=progress)
    assert len(calls) == 1  # stopped after the first block, not called again
    with pytest.raises(TypeError, match="progress"):
        siaga.run(sandbox, n=10, progress=True)


def test_to_frame_tables_match_the_result(sandbox):
    pd = pytest.importorskip("pandas")
    r = siaga.run(sandbox, n=40, seed=2)
    reps = r.to_frame()
    assert isinstance(reps, pd.DataFrame) and len(reps) == 40
    assert list(reps.columns) == ["index"] + siaga.metric_names()
    for name in siaga.metric_names():
        np.testing.assert_array_equal(reps[name].to_numpy(dtype=float), r.metrics[name])

    summary = r.to_frame("summary")
    assert set(summary["metric"]) == set(siaga.metric_names())
    row = summary.set_index("metric").loc["any_escalation"]
    assert row["kind"] == "probability"
    assert (row["mean"], row["low"], row["high"]) == pytest.approx(r.summary["any_escalation"])

    tps = r.to_frame("tps")
    assert len(tps) == len(r.tps_risk["tps_id"])
    assert list(tps["tps_id"]) == r.tps_risk["tps_id"]  # ids stay text
    assert {"category", "p_escalation", "p_escalation_low", "p_escalation_high"} <= set(tps.columns)
    np.testing.assert_allclose(tps["p_escalation"], r.tps_risk["p_escalation"])
    assert (tps["p_escalation_low"] <= tps["p_escalation"]).all()
    assert (tps["p_escalation"] <= tps["p_escalation_high"]).all()
    assert tps["category"].isin(["kurang_rawan", "rawan", "sangat_rawan", "khusus"]).all()

    villages = r.to_frame("villages")
    assert {"village_code", "kind", "tps_count", "p_late", "p_late_low", "p_late_high"} <= set(villages.columns)
    assert villages["tps_count"].sum() == len(tps)
    assert villages["village_code"].map(type).eq(str).all()

    units = r.to_frame("units")
    assert {"unit_id", "dispatches_per_day", "utilization"} <= set(units.columns)
    for table in ("kecamatan", "response_times", "incidents_by_hour", "riskiest_tps"):
        assert isinstance(r.to_frame(table), pd.DataFrame)
    with pytest.raises(ValueError, match="no table"):
        r.to_frame("nope")


def test_compare_sweep_and_trace_frames(sandbox):
    pd = pytest.importorskip("pandas")
    c = siaga.compare(sandbox, n=20, seed=1)
    frame = c.to_frame()
    assert list(frame.columns) == list(c[0]) and len(frame) == len(c)
    s = siaga.sweep(sandbox, grid={"plans.doctrine.retention.rawan.hours": [0, 2]}, n=10, seed=1)
    assert list(s.to_frame()["plans.doctrine.retention.rawan.hours"]) == [0, 2]
    t = siaga.trace(sandbox, seed=1)
    assert isinstance(t.to_frame(), pd.DataFrame) and len(t.to_frame()) == len(t)


def test_to_frame_without_pandas_says_so(sandbox, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    r = siaga.run(sandbox, n=5, seed=1)
    with pytest.raises(ImportError, match="to_frame.. needs pandas"):
        r.to_frame()


def test_scenario_pickles(sandbox):
    copy = pickle.loads(pickle.dumps(sandbox))
    assert copy == sandbox and copy is not sandbox
    assert copy.name == sandbox.name and copy.plans == sandbox.plans
    changed = sandbox.with_({"plans.doctrine.retention.rawan.hours": 5})
    assert pickle.loads(pickle.dumps(changed)) == changed != sandbox
    a = siaga.run(copy, n=20, seed=4)
    b = siaga.run(sandbox, n=20, seed=4)
    for name in a.metrics:
        np.testing.assert_array_equal(a.metrics[name], b.metrics[name])


def test_results_pickle(sandbox):
    r = siaga.run(sandbox, n=20, seed=4)
    copy = pickle.loads(pickle.dumps(r))
    assert (copy.plan, copy.seed, copy.n, copy.partial) == (r.plan, r.seed, r.n, r.partial)
    assert_same_summary(copy.summary, r.summary)
    for name in r.metrics:
        np.testing.assert_array_equal(copy.metrics[name], r.metrics[name])
    assert copy.files() == r.files()
    c = siaga.compare(sandbox, n=10, seed=1)
    c2 = pickle.loads(pickle.dumps(c))
    assert repr(c2.rows) == repr(c.rows) and list(c2.results) == list(c.results)  # NaN included
    s = siaga.sweep(sandbox, grid={"plans.doctrine.retention.rawan.hours": [0, 1]}, n=5, seed=1)
    assert pickle.loads(pickle.dumps(s)) == s
    t = siaga.trace(sandbox, seed=1)
    assert pickle.loads(pickle.dumps(t)).rows == t.rows


def _run_one(task):
    # Module level, so that a spawned worker can import it by name.
    scenario, plan, seed = task
    return siaga.run(scenario, plan=plan, n=25, seed=seed, threads=1)


def test_replications_in_a_spawned_pool_equal_one_process(sandbox):
    tasks = [(sandbox, plan, seed) for plan in sandbox.plans for seed in (1, 2)]
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: everything crosses by pickle
    env_path = os.environ.get("PYTHONPATH", "")
    assert env_path or siaga.__file__  # the workers find siaga as this process did
    with ctx.Pool(2) as pool:
        pooled = pool.map(_run_one, tasks)
    here = [_run_one(t) for t in tasks]
    assert len(pooled) == len(here) == 4
    for p, h in zip(pooled, here):
        assert (p.plan, p.seed, p.n) == (h.plan, h.seed, h.n)
        for name in h.metrics:
            np.testing.assert_array_equal(p.metrics[name], h.metrics[name])
        assert_same_summary(p.summary, h.summary)
    # The tasks differ, so that equal results are not equal by accident.
    assert not np.array_equal(here[0].metrics["incidents"], here[1].metrics["incidents"])
