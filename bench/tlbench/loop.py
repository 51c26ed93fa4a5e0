"""Workload 12: a training loop's logging, timed from the user's side.

A loop of ``count`` ``log_metric`` calls (step = i, value i * 0.5) in one run, then a flush,
timed by the loop's own process from the first call until every point is on the server. Each
client runs as the user would run it, in its own process:

- MLflow's Python client (MLflow 3.17.2, fluent API) against an MLflow server: synchronous, and
  with its asynchronous logging on (``mlflow.config.enable_async_logging()``);
- Trackline's Python SDK (the same script, ``import trackline``): synchronous and asynchronous;
- Trackline's R SDK (``sdk-r/tools/log-loop.R``) and Java SDK (``sdk-java/scripts/log-loop``),
  asynchronous, against the Trackline server.

Loops that pay one round trip per call run a smaller count at full scale, and their figure is
that time per call times ``count`` (the table's labels and notes say so): the synchronous ones,
and MLflow's asynchronous mode, which by default sends each call as its own log-batch request
(from a pool of threads) unless ``MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS`` is set. After each
loop the whole history is read back from the server and checked: every point present, in order,
with its value; a wrong history voids that figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from .base import LOWER, CheckFailed
from .client import ApiError, Client
from .report import ratio
from .servers import MLFLOW, TRACKLINE, Backend, ServerProcess, ServerSpec
from .stats import median

ID = "loop"
ROOT = Path(__file__).resolve().parents[2]
LOG_LOOP = Path(__file__).with_name("log_loop.py")
CONNECTION_ATTEMPTS = 3


@dataclass(frozen=True)
class LoopScale:
    count: int  # calls per loop (what the figures are for)
    reduced_count: int  # calls a loop of one round trip per call really makes (scaled to ``count``)
    repeats: int


SCALES = {"full": LoopScale(100_000, 2_000, 3), "quick": LoopScale(600, 60, 1)}


@dataclass(frozen=True)
class Loop:
    """One client in one mode: how to run it, against which server."""

    key: str
    label: str
    server: str
    mode: str
    reduced: bool = False  # one round trip per call: timed on fewer calls

    def command(self, python: dict[str, str], url: str, run_id: str, count: int) -> list[str]:
        args = ["--tracking-uri", url, "--run-id", run_id, "--count", str(count), "--mode", self.mode]
        if self.key.startswith("mlflow"):
            return [python[MLFLOW], str(LOG_LOOP), "--client", "mlflow", *args]
        if self.key.startswith("py"):
            return [python[TRACKLINE], str(LOG_LOOP), "--client", "trackline", *args]
        if self.key.startswith("r"):
            return ["Rscript", str(ROOT / "sdk-r" / "tools" / "log-loop.R"), *args]
        return [str(ROOT / "sdk-java" / "scripts" / "log-loop"), *args]


LOOPS = (
    Loop("mlflow_sync", "MLflow Python client, synchronous", MLFLOW, "sync", reduced=True),
    Loop("mlflow_async", "MLflow Python client, asynchronous", MLFLOW, "async", reduced=True),
    Loop("py_sync", "Trackline Python SDK, synchronous", TRACKLINE, "sync", reduced=True),
    Loop("py_async", "Trackline Python SDK, asynchronous", TRACKLINE, "async"),
    Loop("r_async", "Trackline R SDK, asynchronous", TRACKLINE, "async"),
    Loop("java_async", "Trackline Java SDK, asynchronous", TRACKLINE, "async"),
)

# The table: each row puts an MLflow figure beside a Trackline one (seconds for ``count`` calls).
PAIRS = (
    ("mlflow_sync", "py_sync", "Python, both synchronous"),
    ("mlflow_async", "py_async", "Python, both asynchronous"),
    ("mlflow_sync", "py_async", "Trackline Python async vs MLflow synchronous"),
    ("mlflow_sync", "r_async", "Trackline R async vs MLflow synchronous"),
    ("mlflow_async", "r_async", "Trackline R async vs MLflow asynchronous"),
    ("mlflow_sync", "java_async", "Trackline Java async vs MLflow synchronous"),
    ("mlflow_async", "java_async", "Trackline Java async vs MLflow asynchronous"),
)


def loop_commands() -> dict[str, str]:
    """Each loop's command line as recorded in the results (paths relative to the repository)."""
    python = {MLFLOW: ".venv-mlflow/bin/python", TRACKLINE: ".venv/bin/python"}
    root = str(ROOT) + os.sep
    return {
        loop.key: " ".join(p.removeprefix(root) for p in loop.command(python, "<uri>", "<run>", 0)).replace(
            "--count 0", "--count N"
        )
        for loop in LOOPS
    }


def check_history(client: Client, run_id: str, count: int) -> None:
    """Every point 0..count-1 of metric ``m`` on the server, in order, with its value."""
    points: list[dict[str, Any]] = []
    token = ""
    while True:
        params: dict[str, Any] = {"run_id": run_id, "metric_key": "m", "max_results": 25_000}
        if token:
            params["page_token"] = token
        page = client.get("/metrics/get-history", params)
        points += page.get("metrics", [])
        token = page.get("next_page_token") or ""
        if not token:
            break
    steps = [int(p.get("step", 0)) for p in points]
    if steps != list(range(count)):
        missing = count - len(set(steps) & set(range(count)))
        raise CheckFailed(f"history of {run_id}: {len(points)} points, {missing} of {count} missing or out of order")
    wrong = [p for p in points if float(p["value"]) != int(p.get("step", 0)) * 0.5]
    if wrong:
        raise CheckFailed(f"history of {run_id}: {len(wrong)} points with a wrong value, first {wrong[0]}")


def run_one(loop: Loop, python: dict[str, str], server: ServerProcess, count: int, timeout: float) -> float:
    """Run one loop of ``count`` calls in a new run; its seconds, once the history is checked."""
    client = Client(server.url)
    experiment = client.create_experiment(f"loop-{uuid.uuid4().hex[:10]}")
    run_id = client.create_run(experiment, loop.key)
    command = loop.command(python, server.url, run_id, count)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise CheckFailed(f"{' '.join(command[:3])} exited {proc.returncode}: {proc.stderr.strip()[-800:]}")
    try:
        answer = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise CheckFailed(f"{loop.key}: no result line in {proc.stdout[-300:]!r}") from None
    if int(answer["count"]) != count:
        raise CheckFailed(f"{loop.key}: the loop made {answer['count']} calls, not {count}")
    check_history(client, run_id, count)
    return float(answer["seconds"])


def run_loops(
    scale_name: str,
    specs: list[ServerSpec],
    backend: Backend,
    workdir: Path,
    log: Any = print,
) -> tuple[dict[str, Any], list[str]]:
    """The training-loop section of the results, and its failures."""
    scale = SCALES[scale_name]
    by_name = {s.name: s for s in specs}
    # Absolute (the loops run from the repository root), without resolving the venv's symlinks.
    python = {name: os.path.abspath(Path(spec.executable).with_name("python")) for name, spec in by_name.items()}
    python.setdefault(TRACKLINE, sys.executable)
    loops = [loop for loop in LOOPS if loop.server in by_name]
    figures: dict[str, list[float]] = {}
    status: dict[str, str] = {}
    notes: dict[str, list[str]] = {name: [] for name in by_name}
    failures: list[str] = []
    servers: dict[str, ServerProcess] = {}
    try:
        for name, spec in by_name.items():
            servers[name] = ServerProcess(spec, backend, workdir, "loop")
            servers[name].start()
        for rep in range(scale.repeats):
            for loop in loops if rep % 2 == 0 else list(reversed(loops)):
                if loop.key in status:
                    continue
                calls = scale.reduced_count if loop.reduced else scale.count
                try:
                    for attempt in range(1, CONNECTION_ATTEMPTS + 1):
                        try:
                            seconds = run_one(loop, python, servers[loop.server], calls, timeout=3600)
                            break
                        except requests.ConnectionError as exc:
                            # The server dropped the harness's own connection (MLflow's uvicorn
                            # replaces workers that miss its health checks on a loaded machine):
                            # the loop runs again in a new run, and the notes say so.
                            if attempt == CONNECTION_ATTEMPTS:
                                raise
                            note = f"{loop.label}, repeat {rep + 1}: run again in a new run after {exc}"
                            notes[loop.server].append(note)
                            log(note)
                except (CheckFailed, ApiError, subprocess.TimeoutExpired, OSError) as exc:
                    status[loop.key] = f"failed: {exc}"
                    failures.append(f"{loop.key}: {exc}")
                    log(f"{loop.label}: FAILED: {exc}")
                    continue
                figures.setdefault(loop.key, []).append(seconds * scale.count / calls)
                log(
                    f"{loop.label}: {calls:,} calls in {seconds:.2f} s ({seconds / calls * 1e6:,.1f} us per call), "
                    f"repeat {rep + 1}/{scale.repeats}"
                )
    finally:
        for server in servers.values():
            server.stop()
    for loop in loops:
        if loop.reduced and scale.reduced_count != scale.count:
            notes[loop.server].append(
                f"{loop.label}: {scale.reduced_count:,} calls timed, the figure is their time per call x {scale.count:,}"
            )
    section = _section(scale, figures, status, notes, list(by_name))
    return section, failures


def _section(
    scale: LoopScale,
    figures: dict[str, list[float]],
    status: dict[str, str],
    notes: dict[str, list[str]],
    servers: list[str],
) -> dict[str, Any]:
    rows = []
    value = {key: median(v) for key, v in figures.items() if v and key not in status}
    for mlflow_key, trackline_key, label in PAIRS:
        reduced = {loop.key for loop in LOOPS if loop.reduced} if scale.reduced_count != scale.count else set()
        extrapolated = [k for k in (mlflow_key, trackline_key) if k in reduced]
        suffix = f" ({' and '.join(k.replace('_', ' ') for k in extrapolated)}: per-call time x {scale.count:,})"
        row: dict[str, Any] = {
            "key": f"{mlflow_key}__{trackline_key}",
            "label": label + (suffix if extrapolated else ""),
            "unit": "s",
            "better": LOWER,
            MLFLOW: value.get(mlflow_key) if MLFLOW in servers else None,
            TRACKLINE: value.get(trackline_key) if TRACKLINE in servers else None,
            "repeats": {MLFLOW: figures.get(mlflow_key, []), TRACKLINE: figures.get(trackline_key, [])},
        }
        row["ratio"] = ratio(LOWER, row[MLFLOW], row[TRACKLINE])
        rows.append(row)
    section_status = {}
    for server in servers:
        failed = [f"{k}: {s}" for k, s in status.items() if next(x for x in LOOPS if x.key == k).server == server]
        section_status[server] = "; ".join(failed) if failed else "ok"
    title = f"12. training loop: {scale.count:,} log_metric calls in one run, until all are on the server"
    return {"id": ID, "title": title, "rows": rows, "status": section_status, "notes": notes, "figures": value}
