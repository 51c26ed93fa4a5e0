"""Workload 12 at its quick scale: every client's loop (MLflow's Python client sync and async,
Trackline's Python, R and Java SDKs) against live servers. No timing is asserted: every figure
is there and every history the harness read back was complete and in order (it checks each)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from test_quick import run_quick_section


@pytest.mark.timeout(900)
def test_quick_training_loops(tmp_path: Path) -> None:
    section, doc, printed = run_quick_section(tmp_path, "loop")
    assert sorted(section["figures"]) == sorted(
        ["mlflow_sync", "mlflow_async", "py_sync", "py_async", "r_async", "java_async"]
    )
    for row in section["rows"]:
        for server in ("mlflow", "trackline"):
            assert math.isfinite(row[server]) and row[server] > 0, (row["key"], server)
        assert row["ratio"] is not None
    assert "12. training loop" in printed
    assert set(doc["meta"]["loop_commands"]) == set(section["figures"])
