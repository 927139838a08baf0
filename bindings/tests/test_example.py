"""bindings/examples/retention_study.py runs as a researcher would run it, and saves its plot."""
import os
import pathlib
import subprocess
import sys

import pytest

import siaga
from conftest import SOURCE

EXAMPLE = SOURCE / "bindings" / "examples" / "retention_study.py"


def test_retention_study_saves_its_plot(tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    png = tmp_path / "study.png"
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "-n", "20", "--hours", "0", "3", "--seed", "1", "--png", str(png)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(pathlib.Path(siaga.__file__).parents[1])}, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert png.is_file() and png.stat().st_size > 10_000  # a real plot, not an empty canvas
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    lines = result.stdout.splitlines()
    assert "jepara" in lines[0].lower() or "Jepara" in lines[0]
    # One table row per retention time: officer-hours grow with it, the risk is a probability.
    header = lines[1].split()
    rows = [dict(zip(header, map(float, line.split()))) for line in lines[2:]]
    assert [r["rawan_hours"] for r in rows] == [0, 3]
    assert rows[1]["retention_officer_hours"] > rows[0]["retention_officer_hours"]
    assert all(0 <= r["p_low"] <= r["p_any_escalation"] <= r["p_high"] <= 1 for r in rows)
    assert all(0 <= r["exposed_low"] <= r["exposed"] <= r["exposed_high"] for r in rows)
