"""The whole harness at its quick scale, against a live Trackline server and a live MLflow 3.17.2 server.

No timing is asserted: this proves the harness runs both servers through every workload, and that
every answer it checked was right.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1]
WORKLOADS = [
    "create-run",
    "log-metric-1",
    "log-metric-n",
    "log-batch",
    "history",
    "search",
    "artifacts",
    "registry",
    "ui",
]


def _bin(env_name: str, default: Path) -> str:
    value = os.environ.get(env_name) or str(default)
    if not Path(value).exists():
        pytest.fail(f"{value} does not exist: set {env_name} (make test-bench does)")
    return value


def run_quick_section(tmp_path: Path, workload: str) -> tuple[dict, dict, str]:
    """Run one workload at the quick scale against both servers, checked to have run on both: its
    section, the whole JSON document and the printed table."""
    root = BENCH.parent
    mlflow_bin = _bin("TLBENCH_MLFLOW_BIN", root / ".venv-mlflow" / "bin" / "mlflow")
    trackline_bin = _bin("TLBENCH_TRACKLINE_BIN", Path(sys.executable).with_name("trackline"))
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tlbench", "--quick", "--only", workload, "--json", str(out)]
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
    assert section["id"] == workload
    assert section["status"] == {"mlflow": "ok", "trackline": "ok"}
    return section, doc, proc.stdout


@pytest.mark.timeout(600)
def test_quick_run_against_both_servers(tmp_path: Path) -> None:
    root = BENCH.parent
    mlflow_bin = _bin("TLBENCH_MLFLOW_BIN", root / ".venv-mlflow" / "bin" / "mlflow")
    trackline_bin = _bin("TLBENCH_TRACKLINE_BIN", Path(sys.executable).with_name("trackline"))
    out = tmp_path / "out.json"
    md = tmp_path / "out.md"
    proc = subprocess.run(
        [sys.executable, "-m", "tlbench", "--quick", "--json", str(out), "--markdown", str(md)]
        + ["--only", ",".join(WORKLOADS)]
        + ["--mlflow-bin", mlflow_bin, "--trackline-bin", trackline_bin, "--backend", "sqlite"]
        + ["--workdir", str(tmp_path / "work")],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=580,
    )
    print(proc.stdout[-20000:])
    print(proc.stderr[-5000:], file=sys.stderr)
    assert proc.returncode == 0, "the benchmark reported failures (see the output above)"

    doc = json.loads(out.read_text())
    assert doc["meta"]["scale"] == "quick"
    assert doc["meta"]["versions"]["mlflow"] == "3.17.2"
    assert doc["failures"] == []
    sections = {s["id"]: s for s in doc["sections"]}
    assert list(sections) == WORKLOADS + ["server"]

    for sid, section in sections.items():
        for server in ("mlflow", "trackline"):
            status = section["status"][server]
            if status != "ok":
                # Only the registry may be missing, and only on Trackline (the routes are new).
                assert (sid, server) == ("registry", "trackline") and status.startswith("not available"), status
                continue
            for row in section["rows"]:
                value = row[server]
                assert isinstance(value, (int, float)) and math.isfinite(value) and value >= 0, (sid, row)
                if row["better"] == "higher" or (row["unit"] in ("ms", "MiB", "s") and row["key"] != "cpu_ms"):
                    assert value > 0, (sid, server, row)
        for row in section["rows"]:
            # CPU is read from /proc in 10 ms ticks: a few quick-scale requests can read as 0 on a
            # fast server, and a ratio needs two readings above 0 (checked above for every other row).
            tick_bound = row["key"] == "cpu_ms" and 0 in (row["mlflow"], row["trackline"])
            if (
                row["better"] in ("lower", "higher")
                and not tick_bound
                and all(section["status"][s] == "ok" for s in ("mlflow", "trackline"))
            ):
                assert row["ratio"] is not None and row["ratio"] > 0, (sid, row)

    errors = next(r for r in sections["log-metric-n"]["rows"] if r["key"] == "errors")
    assert errors["trackline"] == 0, "Trackline answered errors under concurrent log-metric"
    floor = doc["floor"]  # the same clients against a server that does no work
    assert floor["n_errors"] == 0 and floor["clients"] == 4
    for key in ("one_req_s", "one_p50_ms", "one_client_cpu_ms", "n_req_s", "n_client_cpu_ms"):
        assert floor[key] > 0, (key, floor)
    assert "The clients' floor" in proc.stdout and "10x MLflow is" in proc.stdout
    assert "| **1. create-run" in md.read_text()
    assert "Trackline" in proc.stdout and "9. server process" in proc.stdout

    # A saved run prints the same tables again without running anything.
    rendered = tmp_path / "rendered.md"
    again = subprocess.run(
        [sys.executable, "-m", "tlbench", "--render", str(out), "--markdown", str(rendered)],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert rendered.read_text() == md.read_text()
    assert "9. server process" in again.stdout


@pytest.mark.timeout(300)
def test_floor_measures_server_app_and_clients() -> None:
    trackline_bin = _bin("TLBENCH_TRACKLINE_BIN", Path(sys.executable).with_name("trackline"))
    proc = subprocess.run(
        [sys.executable, "-m", "tlbench.floor", "--requests", "200", "--trackline-bin", trackline_bin],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=280,
    )
    print(proc.stdout, proc.stderr[-5000:])
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    for label in ("through gunicorn, 1 client", "Flask app called directly"):
        line = next(x for x in lines if x.startswith(label))
        numbers = [float(x) for x in line[len(label) :].split("(")[0].split()]
        assert len(numbers) == 2 and all(n > 0 for n in numbers), line
    eight = next(x for x in lines if x.startswith("8 client processes:"))
    assert eight.endswith(", 0 errors"), eight
