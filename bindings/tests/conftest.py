"""Shared fixtures: the shipped scenarios, found through SIAGA_SCENARIOS (set by ctest)."""
import os
import pathlib

import pytest

SOURCE = pathlib.Path(os.environ.get("SIAGA_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SCENARIOS = pathlib.Path(os.environ.get("SIAGA_SCENARIOS", SOURCE / "scenarios"))


def pytest_configure(config):
    # ctest runs the install tests (a venv, pip, cmake --install) on their own: `-m install`.
    config.addinivalue_line("markers", "install: installs the package (pip, cmake --install); slow")


@pytest.fixture(scope="session")
def sandbox_path():
    return SCENARIOS / "sandbox.json"


@pytest.fixture(scope="session")
def sandbox(sandbox_path):
    import siaga
    return siaga.Scenario.load(sandbox_path)
