"""siaga: discrete-event simulation of election-day security deployment.

Load a scenario (Scenario.load, Scenario.from_dict, builtin), then run replications (run),
compare plans on common random numbers (compare), sweep parameters (sweep) or follow one day
event by event (trace). Every figure is the same whatever the number of threads, and the same as
the siaga command line gives for the same seed and n.

Results are numpy arrays and dicts; each result's to_frame() gives pandas DataFrames (pandas is
imported only then). Long runs report progress to a callable passed as progress=f(done, total)
(a tqdm bar, say) and are silent otherwise. Scenarios and results pickle, so multiprocessing and
joblib can pass them between processes.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import numpy.typing as npt

from . import _core
from ._core import ScenarioError

if TYPE_CHECKING:
    import pandas

__version__: str = _core.__version__

__all__ = [
    "Comparison",
    "PRECISION_FIRST_BLOCK",
    "Progress",
    "RUN_REPLICATIONS",
    "Result",
    "Scenario",
    "ScenarioError",
    "Sweep",
    "Trace",
    "__version__",
    "builtin",
    "builtin_names",
    "compare",
    "metric_names",
    "run",
    "sweep",
    "trace",
]

#: What progress= takes: called as progress(done, total) between blocks of replications, on the
#: calling thread. Whatever it raises stops the run after the current block and is raised by it.
Progress = Callable[[int, int], object]

#: One value per replication.
FloatArray = npt.NDArray[np.float64]

PathLike = str | os.PathLike[str]


def _pandas() -> Any:
    """pandas, imported on first use: the package works without it, to_frame() does not."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "to_frame() needs pandas, which is not installed (Debian: apt install python3-pandas; "
            "in a venv made with --system-site-packages Debian's pandas is seen)"
        ) from e
    return pandas


#: A table as the compiled core gives it (an io::Table of the engine, the one the CLI writes as CSV):
#: {"columns": names, "types": "integer" | "real" | "text" per column, "data": per column a float64
#: array (real, missing NaN) or a list (integer and text, missing None)}.
_CoreTable = Mapping[str, Any]


def _table_rows(table: _CoreTable) -> list[dict[str, Any]]:
    """The table's rows as dicts keyed by column name, in column order; a missing value is None."""
    columns = []
    for kind, values in zip(table["types"], table["data"]):
        if kind == "real":
            columns.append([None if np.isnan(v) else float(v) for v in values])
        else:
            columns.append(list(values))
    return [dict(zip(table["columns"], row)) for row in zip(*columns)] if columns else []


def _table_frame(table: _CoreTable) -> pandas.DataFrame:
    """The table as a DataFrame with the dtypes pandas gives the same table read from the CLI's CSV
    (read_csv with text columns as str, float_precision='round_trip', empty as missing): real
    columns float64 and integer columns int64 (float64 where a value is missing), both with NaN
    for missing; text columns object, missing NaN."""
    pd = _pandas()
    data: dict[str, Any] = {}
    for name, kind, values in zip(table["columns"], table["types"], table["data"]):
        if kind == "real":
            data[name] = np.asarray(values, dtype=np.float64)
        elif kind == "integer":
            if any(v is None for v in values):
                data[name] = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
            else:
                data[name] = np.array(values, dtype=np.int64)
        else:
            data[name] = pd.Series([np.nan if v is None else v for v in values], dtype=object)
    return pd.DataFrame(data, columns=list(table["columns"]))


# Columns of the report's text tables that hold text, even where every value looks like a number
# (village codes, TPS ids).
_TEXT_COLUMNS = (
    "tps_id", "village_code", "village_name", "village", "kecamatan", "kecamatan_code", "kecamatan_name",
    "kabupaten_code", "category", "kind", "tier", "post", "unit_id", "id", "phase", "polsek", "name",
)


def _csv_frame(text: str) -> pandas.DataFrame:
    pd = _pandas()
    header = text.split("\n", 1)[0].split(",")
    dtype = {c: str for c in _TEXT_COLUMNS if c in header}
    # Empty is the only spelling of a missing value in siaga's CSV files: "NA" stays text. Numbers
    # are written in their shortest exact form, and read back to the same double (round_trip).
    return pd.read_csv(io.StringIO(text), dtype=dtype, keep_default_na=False, na_values=[""],
                       float_precision="round_trip")


class Scenario:
    """A scenario document: region, forces, incidents and plans.

    Immutable: with_ returns a changed copy. Pickles as its JSON text, name and folder (CSV tables
    it names are read from that folder again when the copy is compiled).
    """

    __slots__ = ("_core",)

    def __init__(self, core: _core.Scenario) -> None:
        """Wraps a compiled-core scenario; use load, from_dict, from_json or builtin instead."""
        if not isinstance(core, _core.Scenario):
            raise TypeError("Scenario(): use Scenario.load, Scenario.from_dict or siaga.builtin")
        self._core = core

    @classmethod
    def load(cls, path: PathLike) -> Scenario:
        """Reads a scenario file (str or os.PathLike); CSV tables it names are read relative to it."""
        return cls(_core.Scenario.load(os.fspath(path)))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Scenario:
        """A scenario from a dict shaped like a scenario file (CSV paths relative to the working
        directory)."""
        if not isinstance(d, Mapping):
            raise TypeError(f"from_dict: expected a mapping, got {type(d).__name__}")
        return cls(_core.Scenario.from_dict(dict(d)))

    @classmethod
    def from_json(cls, text: str, name: str = "(json)", base_dir: PathLike = ".") -> Scenario:
        """A scenario from its JSON text, shown as `name`; CSV paths are relative to base_dir."""
        return cls(_core.Scenario.parse(text, name, os.fspath(base_dir)))

    def to_dict(self) -> dict[str, Any]:
        """The scenario document as a dict (a fresh copy)."""
        d: dict[str, Any] = self._core.to_dict()
        return d

    def to_json(self) -> str:
        """The scenario document as JSON text (keys in file order)."""
        return self._core.to_json()

    def with_(self, values: Mapping[str, Any]) -> Scenario:
        """A copy with values set at dotted paths, e.g. {'plans.doctrine.retention.rawan.hours': 2}.

        Raises ScenarioError if the result is invalid (a misspelt path included)."""
        if not isinstance(values, Mapping):
            raise TypeError(f"with_: expected a mapping of dotted paths to values, got {type(values).__name__}")
        return Scenario(self._core.with_(dict(values)))

    @property
    def plans(self) -> list[str]:
        """Plan names in file order (the first is the default)."""
        return self._core.plans

    @property
    def name(self) -> str:
        """The name shown in messages."""
        return self._core.name

    def describe(self, plan: str | None = None, worst: int = 10) -> dict[str, Any]:
        """Counts, officers per TPS by category and static coverage under a plan (default: the
        first), as a dict; the `worst` farthest TPS are named."""
        d: dict[str, Any] = self._core.describe(plan or "", worst)
        return d

    def __repr__(self) -> str:
        return f"<siaga.Scenario {self.name} plans: {', '.join(self.plans)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scenario):
            return NotImplemented
        return self.name == other.name and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, str]:
        return {"json": self.to_json(), "name": self.name, "base_dir": os.path.abspath(self._core.base_dir)}

    def __setstate__(self, state: dict[str, str]) -> None:
        self._core = _core.Scenario.parse(state["json"], state["name"], state["base_dir"])


def _scenario(scenario: object) -> _core.Scenario:
    if not isinstance(scenario, Scenario):
        raise TypeError(
            f"scenario: expected a siaga.Scenario (Scenario.load(path), siaga.builtin(name)), "
            f"got {type(scenario).__name__}"
        )
    return scenario._core


def builtin(name: str = _core.default_scenario) -> Scenario:
    """A scenario shipped inside siaga (see builtin_names(); default: the Jepara Pilkada)."""
    return Scenario(_core.builtin(name))


def builtin_names() -> list[str]:
    """The names of the built-in scenarios."""
    return _core.builtin_names()


def metric_names() -> list[str]:
    """Every metric's name, in the order of Result.metrics."""
    return _core.metric_names()


class Result:
    """The replications of one plan (what run returns, and each plan of a Comparison).

    metrics: name -> float64 array, one value per replication (NaN where undefined);
    summary: name -> (mean, low, high), a t interval of the mean or, for 0/1 metrics, the
    probability with its Wilson interval; tps_risk: per TPS 'tps_id' and arrays 'p_escalation',
    'p_late', 'p_exposed', 'p_incident'. to_frame(table) gives the tables `siaga run --out`
    writes, made by the same engine function, with the same columns and numbers.
    """

    #: The tables to_frame() knows, each the CSV file of `siaga run --out` of that name (summary:
    #: the metrics of summary.json, one row each, as the engine's summary table has them).
    TABLES = (
        "replications", "summary", "tps", "villages", "units", "kecamatan", "response_times",
        "incidents_by_hour", "riskiest_tps",
    )

    plan: str
    seed: int
    n: int
    partial: bool
    precision_reached: bool
    seconds: float
    confidence: float
    metrics: dict[str, FloatArray]
    summary: dict[str, tuple[float, float, float]]
    tps_risk: dict[str, Any]

    def __init__(self, experiment: _core.Experiment) -> None:
        """Made by run and compare."""
        self._experiment: _core.Experiment | None = experiment
        self._files: dict[str, str] | None = None
        self._tables: dict[str, Any] = {}
        self._set(experiment.state())

    def _set(self, state: Mapping[str, Any]) -> None:
        self.plan = state["plan"]
        self.seed = state["seed"]
        self.n = state["n"]
        self.partial = state["partial"]
        self.precision_reached = state["precision_reached"]
        self.seconds = state["seconds"]
        self.confidence = state["confidence"]
        self.metrics = dict(state["metrics"])
        self.summary = {k: (float(v[0]), float(v[1]), float(v[2])) for k, v in state["summary"].items()}
        self.tps_risk = dict(state["tps_risk"])

    def files(self) -> dict[str, str]:
        """The text of every file `siaga run --out` writes for these replications, by file name
        (summary.json, replications.csv, tps.csv, villages.csv, units.csv, ...)."""
        if self._files is None:
            assert self._experiment is not None
            self._files = self._experiment.files()
        return self._files

    def table(self, table: str = "replications") -> dict[str, list[Any]]:
        """A table of Result.TABLES without pandas: column name -> values, columns in the CSV's
        order; a missing value is None (a metric no day defined)."""
        rows = self._core_table(table)
        if isinstance(rows, str):
            frame = _csv_frame(rows)
            return {c: [None if v != v else v for v in frame[c].tolist()] for c in frame.columns}
        return {name: [r[name] for r in _table_rows(rows)] for name in rows["columns"]}

    def _core_table(self, table: str) -> Any:
        """The engine's table (a _CoreTable), or for the report's text tables the CSV text."""
        if table not in self.TABLES:
            raise ValueError(f"to_frame: no table '{table}' (there are: {', '.join(self.TABLES)})")
        if table not in self._tables:
            assert self._experiment is not None
            if table in self._TEXT_TABLES:
                self._tables[table] = self._experiment.text_table(table)
            else:
                self._tables[table] = self._experiment.table(table)
        return self._tables[table]

    # The report's tables, which the engine keeps as text (CSV cells); the rest are typed tables.
    _TEXT_TABLES = ("kecamatan", "response_times", "incidents_by_hour", "riskiest_tps")

    def summary_json(self) -> dict[str, Any]:
        """summary.json as `siaga run --out` writes it, as a dict."""
        d: dict[str, Any] = json.loads(self.files()["summary.json"])
        return d

    def to_frame(self, table: str = "replications") -> pandas.DataFrame:
        """A table as a pandas DataFrame (needs pandas): one of Result.TABLES.

        replications: one row per replication, every metric a column; summary: one row per
        metric (metric, label, kind, better, n, successes, mean (the probability for 0/1 metrics),
        low, high, sd, p5, p50, p95, p99); tps and villages: per place the share of
        replications with an incident, an escalation, a late first response and an incident after
        the guards left, each with its Wilson interval (p_*_low, p_*_high), and the rated category
        (TPS) or kind (village); units: per unit dispatches, officer-hours and utilisation per day;
        kecamatan, response_times, incidents_by_hour, riskiest_tps: as the report draws them.
        """
        t = self._core_table(table)
        return _csv_frame(t) if isinstance(t, str) else _table_frame(t)

    def __repr__(self) -> str:
        return f"<siaga.Result plan '{self.plan}', n {self.n}{', partial' if self.partial else ''}>"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "plan": self.plan, "seed": self.seed, "n": self.n, "partial": self.partial,
            "precision_reached": self.precision_reached, "seconds": self.seconds,
            "confidence": self.confidence, "metrics": self.metrics, "summary": self.summary,
            "tps_risk": self.tps_risk, "files": self.files(),
            "tables": {t: self._core_table(t) for t in self.TABLES},
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._experiment = None
        self._files = dict(state["files"])
        self._tables = dict(state["tables"])
        self._set(state)


class _Rows(Sequence[dict[str, Any]]):
    """A table as a list of dicts (one per row) that pandas.DataFrame takes as is."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        return self.rows[i]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Rows):
            return type(self) is type(other) and self.rows == other.rows
        if isinstance(other, list):
            return self.rows == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs pandas), one column per key."""
        return _pandas().DataFrame(self.rows)


class _TableRows(_Rows):
    """Rows of an engine table (the one the CLI writes as CSV): dicts keyed by column name (missing
    values None); to_frame() gives the CSV's columns, in its order, with its numbers."""

    def __init__(self, table: _CoreTable) -> None:
        super().__init__(_table_rows(table))
        self._table = table

    @property
    def columns(self) -> list[str]:
        """The column names in order (the CSV's header)."""
        return list(self._table["columns"])

    def to_frame(self) -> pandas.DataFrame:
        """The table as a pandas DataFrame (needs pandas): the CSV's columns in order, missing NaN."""
        return _table_frame(self._table)


class Comparison(_TableRows):
    """What compare returns: the rows of compare.csv, one per metric and plan: metric, label, plan,
    kind, n (replications where the metric is defined in every plan), mean, low, high,
    diff_to_first, diff_low, diff_high (paired difference to the first plan; None for it), p_holm,
    verdict, paired_to_independent_width. results holds each plan's replications."""

    def __init__(self, table: _CoreTable, results: dict[str, Result], width_ratio: float) -> None:
        super().__init__(table)
        #: Each plan's replications, by plan name, in the order compared.
        self.results = results
        #: Mean paired half-width over independent half-width (below 1: pairing narrowed the intervals).
        self.width_ratio = width_ratio

    def __repr__(self) -> str:
        return f"<siaga.Comparison of {', '.join(self.results)}: {len(self.rows)} rows>"


class Sweep(_TableRows):
    """What sweep returns: the rows of sweep.csv, one per grid point: the parameters (by their
    dotted paths), n, p_any_escalation, p_any_escalation_low, p_any_escalation_high (Wilson),
    escalations_mean, escalations_low, escalations_high, first_response_mean_min,
    first_response_mean_min_low, first_response_mean_min_high, post_count_exposed_mean,
    officer_hours_duty_mean, officer_hours_retention_mean."""

    def __repr__(self) -> str:
        return f"<siaga.Sweep: {len(self.rows)} points>"


class Trace(_Rows):
    """What trace returns: every event of one replication (time_ms since midnight, event,
    incident, tps, unit (indices, or None), value, arg); seed is the seed used."""

    def __init__(self, rows: list[dict[str, Any]], seed: int, replication: int) -> None:
        super().__init__(rows)
        self.seed = seed
        self.replication = replication

    def __repr__(self) -> str:
        return f"<siaga.Trace seed {self.seed}, replication {self.replication}: {len(self.rows)} events>"


def _progress(progress: Progress | None) -> Progress | None:
    if progress is not None and not callable(progress):
        raise TypeError("progress: expected a callable progress(done, total) or None")
    return progress


def run(
    scenario: Scenario,
    plan: str | None = None,
    *,
    n: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    precision: float | None = None,
    precision_abs: float = 0.01,
    confidence: float = 0.95,
    progress: Progress | None = None,
) -> Result:
    """Runs n replications of a plan (default: the first).

    Every default is the CLI's (`siaga run --out`): n 1000 (with precision, a first block of
    100), seed the scenario's experiment.seed, confidence 0.95; threads every core (results do
    not depend on it). With precision (a relative half-width, e.g. 0.05) replications are added
    until the key metrics are known that well, probabilities and shares to precision_abs (an
    absolute half-width, as --precision-abs), at most 100,000. progress(done, total) is called
    between blocks. Ctrl-C stops after the current block and raises KeyboardInterrupt.
    """
    core = _scenario(scenario)
    if n is None:
        n = RUN_REPLICATIONS if precision is None else PRECISION_FIRST_BLOCK
    return Result(_core.run(core, plan, n, seed, threads, precision, precision_abs, confidence,
                             _progress(progress)))


#: The CLI's default n of `siaga run --out` (and of run() here).
RUN_REPLICATIONS = 1000
#: The CLI's first block of a precision-driven run without -n (and of run(precision=...) here).
PRECISION_FIRST_BLOCK = 100


def compare(
    scenario: Scenario,
    plans: Sequence[str] = (),
    *,
    n: int = 1000,
    seed: int | None = None,
    threads: int | None = None,
    confidence: float = 0.95,
    progress: Progress | None = None,
) -> Comparison:
    """Compares plans (default: every plan; the first is the reference) on common random numbers.

    The rows of compare.csv (`siaga compare --out`), one per metric and plan: mean, low, high,
    the paired difference to the reference (diff_to_first, diff_low, diff_high), its
    Holm-adjusted p-value (p_holm), a verdict, ...; seed and n default as the CLI's.
    """
    core = _scenario(scenario)
    if isinstance(plans, str):
        raise TypeError("plans: expected a list of plan names, got a str")
    table, experiments, width_ratio = _core.compare(
        core, list(plans), n, seed, threads, confidence, _progress(progress))
    results = [Result(e) for e in experiments]
    return Comparison(table, {r.plan: r for r in results}, width_ratio)


def sweep(
    scenario: Scenario,
    grid: Mapping[str, Sequence[float]],
    plan: str | None = None,
    *,
    n: int = 200,
    seed: int | None = None,
    threads: int | None = None,
    confidence: float = 0.95,
    progress: Progress | None = None,
) -> Sweep:
    """Runs a plan at every point of a grid {dotted path: [values]} (the first parameter varies
    slowest) on common random numbers; the rows of sweep.csv (`siaga sweep --out`), one per
    point. n (per point) and seed default as the CLI's: 200, the scenario's experiment.seed."""
    core = _scenario(scenario)
    if not isinstance(grid, Mapping):
        raise TypeError(f"grid: expected a mapping of dotted paths to lists of values, got {type(grid).__name__}")
    table = _core.sweep(core, {k: list(v) for k, v in grid.items()}, plan, n, seed, threads, confidence,
                        _progress(progress))
    return Sweep(table)


def trace(scenario: Scenario, plan: str | None = None, *, seed: int | None = None, replication: int = 0) -> Trace:
    """Every event of one replication. seed defaults to the scenario's experiment.seed, as
    `siaga run --trace` takes it, so both give the same day."""
    core = _scenario(scenario)
    rows, used = _core.trace(core, plan, seed, replication)
    return Trace(rows, used, replication)
