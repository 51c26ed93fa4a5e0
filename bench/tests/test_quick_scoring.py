"""The scoring workload at its quick scale: ``mlflow models serve`` and ``trackline models serve``
on the same model saved by MLflow. No timing is asserted: every figure is there for both, and
every answer the harness timed was right (it checks each one)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from test_quick import run_quick_section


@pytest.mark.timeout(900)
def test_quick_scoring_run(tmp_path: Path) -> None:
    section, _, printed = run_quick_section(tmp_path, "scoring")
    for row in section["rows"]:
        for server in ("mlflow", "trackline"):
            value = row[server]
            assert isinstance(value, (int, float)), (row["key"], server)
            assert math.isfinite(value), (row["key"], server)
            assert value == 0 if row["key"] == "errors" else value > 0, (row["key"], server, value)
        if row["better"] in ("lower", "higher"):
            assert row["ratio"] is not None, row
    assert "11. models serve" in printed
