# Types of siaga._core, the compiled half of the package (bindings/src/module.cpp). Private: use
# the siaga package, whose Python layer wraps every call.
from collections.abc import Callable
from typing import Any

__version__: str
default_scenario: str

class ScenarioError(ValueError): ...

class Scenario:
    @staticmethod
    def load(path: str) -> Scenario: ...
    @staticmethod
    def parse(text: str, name: str, base_dir: str) -> Scenario: ...
    @staticmethod
    def from_dict(d: dict[str, Any]) -> Scenario: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @property
    def base_dir(self) -> str: ...
    def with_(self, values: dict[str, Any]) -> Scenario: ...
    @property
    def plans(self) -> list[str]: ...
    @property
    def name(self) -> str: ...
    def describe(self, plan: str, worst: int) -> dict[str, Any]: ...

# An engine table (io::Table): {"columns": list[str], "types": list["integer" | "real" | "text"],
# "data": per column a float64 array (real, missing NaN) or a list of int | str | None}.
Table = dict[str, Any]

class Experiment:
    def state(self) -> dict[str, Any]: ...
    def table(self, name: str) -> Table: ...
    def text_table(self, name: str) -> str: ...
    def files(self) -> dict[str, str]: ...

def builtin(name: str) -> Scenario: ...
def builtin_names() -> list[str]: ...
def metric_names() -> list[str]: ...
def run(
    scenario: Scenario,
    plan: str | None,
    n: int,
    seed: int | None,
    threads: int | None,
    precision: float | None,
    precision_abs: float,
    confidence: float,
    progress: Callable[[int, int], object] | None,
) -> Experiment: ...
def compare(
    scenario: Scenario,
    plans: list[str],
    n: int,
    seed: int | None,
    threads: int | None,
    confidence: float,
    progress: Callable[[int, int], object] | None,
) -> tuple[Table, list[Experiment], float]: ...
def sweep(
    scenario: Scenario,
    grid: dict[str, list[float]],
    plan: str | None,
    n: int,
    seed: int | None,
    threads: int | None,
    confidence: float,
    progress: Callable[[int, int], object] | None,
) -> Table: ...
def trace(
    scenario: Scenario, plan: str | None, seed: int | None, replication: int
) -> tuple[list[dict[str, Any]], int]: ...
