"""Shared fixtures: the shipped scenarios, found through SIAGA_SCENARIOS (set by ctest)."""
import os
import pathlib

import pytest

SCENARIOS = pathlib.Path(
    os.environ.get("SIAGA_SCENARIOS", pathlib.Path(__file__).resolve().parents[2] / "scenarios"))


@pytest.fixture(scope="session")
def sandbox_path():
    return SCENARIOS / "sandbox.json"


@pytest.fixture(scope="session")
def sandbox(sandbox_path):
    import siaga
    return siaga.Scenario.load(str(sandbox_path))
