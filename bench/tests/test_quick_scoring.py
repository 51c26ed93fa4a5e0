"""The scoring workload at its quick scale: ``mlflow models serve`` and ``trackline models serve``
on the same model saved by MLflow. No timing is asserted: every figure is there for both, and
every answer the harness timed was right (it checks each one)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from test_quick import BENCH, _bin


@pytest.mark.timeout(900)
def test_quick_scoring_run(tmp_path: Path) -> None:
    root = BENCH.parent
    mlflow_bin = _bin("TLBENCH_MLFLOW_BIN", root / ".venv-mlflow" / "bin" / "mlflow")
    trackline_bin = _bin("TLBENCH_TRACKLINE_BIN", Path(sys.executable).with_name("trackline"))
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tlbench", "--quick", "--only", "scoring", "--json", str(out)]
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
    assert section["id"] == "scoring"
    assert section["status"] == {"mlflow": "ok", "trackline": "ok"}
    for row in section["rows"]:
        for server in ("mlflow", "trackline"):
            value = row[server]
            assert isinstance(value, (int, float)), (row["key"], server)
            assert math.isfinite(value), (row["key"], server)
            assert value == 0 if row["key"] == "errors" else value > 0, (row["key"], server, value)
        if row["better"] in ("lower", "higher"):
            assert row["ratio"] is not None, row
    assert "11. models serve" in proc.stdout
