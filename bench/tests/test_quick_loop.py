"""Workload 12 at its quick scale: every client's loop (MLflow's Python client sync and async,
Trackline's Python, R and Java SDKs) against live servers. No timing is asserted: every figure
is there and every history the harness read back was complete and in order (it checks each)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from test_quick import BENCH, _bin


@pytest.mark.timeout(900)
def test_quick_training_loops(tmp_path: Path) -> None:
    root = BENCH.parent
    mlflow_bin = _bin("TLBENCH_MLFLOW_BIN", root / ".venv-mlflow" / "bin" / "mlflow")
    trackline_bin = _bin("TLBENCH_TRACKLINE_BIN", Path(sys.executable).with_name("trackline"))
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tlbench", "--quick", "--only", "loop", "--json", str(out)]
        + ["--mlflow-bin", mlflow_bin, "--trackline-bin", trackline_bin, "--workdir", str(tmp_path / "work")],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=880,
    )
    print(proc.stdout[-10000:])
    print(proc.stderr[-5000:], file=sys.stderr)
    assert proc.returncode == 0, "the benchmark reported failures (see the output above)"
    doc = json.loads(out.read_text())
    assert doc["failures"] == []
    (section,) = doc["sections"]
    assert section["id"] == "loop"
    assert section["status"] == {"mlflow": "ok", "trackline": "ok"}
    assert sorted(section["figures"]) == sorted(
        ["mlflow_sync", "mlflow_async", "py_sync", "py_async", "r_async", "java_async"]
    )
    for row in section["rows"]:
        for server in ("mlflow", "trackline"):
            assert math.isfinite(row[server]) and row[server] > 0, (row["key"], server)
        assert row["ratio"] is not None
    assert "12. training loop" in proc.stdout
    assert set(doc["meta"]["loop_commands"]) == set(section["figures"])
