"""Workload 11: model scoring, ``trackline models serve`` against ``mlflow models serve --env-manager local``.

One scikit-learn model (iris, LogisticRegression on four named double columns) is saved once by
MLflow 3.17.2 (skops, its default) and served by both, each with its default workers, from the
same directory. Every answer the benchmark times is checked against the predictions MLflow's
own process made when it saved the model.

Figures: cold start (process start to the first 200 on ``/ping``, median of the scale's starts);
``/invocations`` with one ``dataframe_split`` row from 1 client and from N client processes
(req/s, p50, p99, server CPU per request, errors); one request of 10,000 rows (latency, median
of several); server RSS idle and after the workload.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from .base import COUNT, HIGHER, LOWER, CheckFailed, Measurement, Row
from .procfs import tree_cpu_seconds, tree_memory
from .runner import Collected, _section
from .servers import MLFLOW, TRACKLINE, free_port
from .stats import median, percentile

ID = "scoring"
COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

ROWS = (
    Row("cold_start_s", "cold start (process start to first 200 on /ping)", "s", LOWER),
    Row("one_req_s", "1 client, one row: throughput", "req/s", HIGHER),
    Row("one_p50_ms", "1 client, one row: latency p50", "ms", LOWER),
    Row("one_p99_ms", "1 client, one row: latency p99", "ms", LOWER),
    Row("one_cpu_ms", "1 client, one row: server CPU per request", "ms", LOWER),
    Row("many_req_s", "N clients, one row: throughput", "req/s", HIGHER),
    Row("many_p50_ms", "N clients, one row: latency p50", "ms", LOWER),
    Row("many_p99_ms", "N clients, one row: latency p99", "ms", LOWER),
    Row("many_cpu_ms", "N clients, one row: server CPU per request", "ms", LOWER),
    Row("errors", "errors (all repeats)", "count", COUNT),
    Row("big_ms", "one request of many rows: latency", "ms", LOWER),
    Row("rss_idle_mib", "server RSS idle (process tree)", "MiB", LOWER),
    Row("rss_after_mib", "server RSS after the workload", "MiB", LOWER),
)


@dataclass(frozen=True)
class ScoringScale:
    cold_starts: int
    repeats: int
    one_client_requests: int
    clients: int
    many_client_requests: int
    big_rows: int
    big_calls: int


SCALES = {
    "full": ScoringScale(3, 3, 2000, 8, 4000, 10_000, 10),
    "quick": ScoringScale(1, 1, 20, 4, 40, 500, 2),
}

# Saves the model with MLflow and writes the inputs and MLflow's predictions for them.
_PREPARE = r"""
import json, sys
from pathlib import Path
import mlflow, numpy as np, pandas as pd
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

out, big_rows = Path(sys.argv[1]), int(sys.argv[2])
columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
X, y = load_iris(return_X_y=True)
frame = pd.DataFrame(X, columns=columns)
clf = LogisticRegression(max_iter=500).fit(frame, y)
mlflow.sklearn.save_model(clf, out / "model", input_example=frame.head(3))
rng = np.random.default_rng(0)
rows = pd.DataFrame(rng.uniform(0.1, 8.0, (big_rows, 4)).round(2), columns=columns)
(out / "requests.json").write_text(json.dumps({"rows": rows.values.tolist(), "expected": clf.predict(rows).tolist()}))
"""


def prepare_model(mlflow_bin: str, workdir: Path, big_rows: int) -> tuple[Path, list[list[float]], list[int]]:
    """The model directory, the request rows and MLflow's predictions for them."""
    python = str(Path(mlflow_bin).with_name("python"))
    done = subprocess.run(
        [python, "-c", _PREPARE, str(workdir), str(big_rows)], capture_output=True, text=True, timeout=900, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"saving the scoring model with MLflow failed:\n{done.stderr[-3000:]}")
    data = json.loads((workdir / "requests.json").read_text())
    return workdir / "model", data["rows"], data["expected"]


def split_body(rows: list[list[float]]) -> bytes:
    return json.dumps({"dataframe_split": {"columns": COLUMNS, "data": rows}}).encode()


def scoring_command(name: str, executable: str, model: Path, port: int, extra: list[str]) -> list[str]:
    """``<cli> models serve`` for one side (MLflow's with ``--env-manager local``)."""
    command = [executable, "models", "serve", "-m", str(model), "-h", "127.0.0.1", "-p", str(port)]
    if name == MLFLOW:
        command += ["--env-manager", "local"]
    return command + extra


class ScoringProcess:
    """A scoring server in its own process group."""

    def __init__(self, name: str, executable: str, model: Path, workdir: Path, label: str, extra: list[str]) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"scoring-{name}-{label}.log"
        self.command = scoring_command(name, executable, model, self.port, extra)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
        # mlflow models serve runs `uvicorn` from PATH: the one beside its own executable.
        self.env["PATH"] = f"{Path(executable).parent}{os.pathsep}{self.env.get('PATH', '')}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 600.0) -> float:
        """Seconds from process start to the first 200 on /ping."""
        with open(self.log_path, "wb") as log:
            started = time.perf_counter()
            self.proc = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True
            )
        with requests.Session() as session:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} models serve exited; see {self.log_path}")
                try:
                    if session.get(self.url + "/ping", timeout=2).status_code == 200:
                        return time.perf_counter() - started
                except requests.RequestException:
                    pass
                if time.perf_counter() - started > timeout:
                    self.stop()
                    raise RuntimeError(f"{self.name} models serve was not ready in {timeout:.0f} s")
                time.sleep(0.05)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGINT)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=30)


def _check(answer: requests.Response, expected: list[int]) -> None:
    if answer.status_code != 200:
        raise CheckFailed(f"HTTP {answer.status_code}: {answer.text[:200]}")
    got = answer.json().get("predictions")
    if got != expected:
        raise CheckFailed(f"wrong predictions: {str(got)[:100]} instead of {str(expected)[:100]}")


def _one_client(server: ScoringProcess, rows: list[list[float]], expected: list[int], count: int) -> dict[str, float]:
    bodies = [split_body([rows[i % len(rows)]]) for i in range(count)]
    headers = {"Content-Type": "application/json"}
    latencies = []
    with requests.Session() as session:
        _check(session.post(server.url + "/invocations", data=bodies[0], headers=headers), [expected[0]])
        cpu = tree_cpu_seconds(server.pid)
        start = time.perf_counter()
        for i, body in enumerate(bodies):
            t = time.perf_counter()
            answer = session.post(server.url + "/invocations", data=body, headers=headers)
            latencies.append(time.perf_counter() - t)
            _check(answer, [expected[i % len(rows)]])
        elapsed = time.perf_counter() - start
    return {
        "one_req_s": count / elapsed,
        "one_p50_ms": percentile(latencies, 50) * 1000,
        "one_p99_ms": percentile(latencies, 99) * 1000,
        "one_cpu_ms": (tree_cpu_seconds(server.pid) - cpu) * 1000 / count,
    }


def _client_process(url: str, bodies: list[bytes], expected: list[int], barrier: Any, results: Any, index: int) -> None:
    """One client process: (index, latencies, errors) go to ``results``."""
    latencies: list[float] = []
    errors: list[str] = []
    headers = {"Content-Type": "application/json"}
    with requests.Session() as session:
        try:
            session.post(url, data=bodies[0], headers=headers, timeout=60)  # opens the connection
        except requests.RequestException as exc:
            errors.append(f"warm-up: {exc}")
        barrier.wait()
        for i, body in enumerate(bodies):
            t = time.perf_counter()
            try:
                answer = session.post(url, data=body, headers=headers, timeout=60)
                _check(answer, [expected[i]])
            except (requests.RequestException, CheckFailed, ValueError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append(time.perf_counter() - t)
    results.put((index, latencies, errors))


def _many_clients(
    server: ScoringProcess, rows: list[list[float]], expected: list[int], clients: int, total: int
) -> tuple[dict[str, float], list[str]]:
    per_client = total // clients
    mp = multiprocessing.get_context("spawn")
    barrier = mp.Barrier(clients + 1)
    results: Any = mp.Queue()
    procs = []
    for c in range(clients):
        picks = [(c * per_client + i) % len(rows) for i in range(per_client)]
        bodies = [split_body([rows[p]]) for p in picks]
        args = (server.url + "/invocations", bodies, [expected[p] for p in picks], barrier, results, c)
        procs.append(mp.Process(target=_client_process, args=args, daemon=True))
    for proc in procs:
        proc.start()
    barrier.wait(timeout=300)
    cpu = tree_cpu_seconds(server.pid)
    start = time.perf_counter()
    latencies: list[float] = []
    errors: list[str] = []
    for _ in range(clients):
        _, lat, errs = results.get(timeout=1800)
        latencies += lat
        errors += errs
    elapsed = time.perf_counter() - start
    for proc in procs:
        proc.join(timeout=30)
    values = {
        "many_req_s": (len(latencies) - len(errors)) / elapsed,
        "many_p50_ms": percentile(latencies, 50) * 1000,
        "many_p99_ms": percentile(latencies, 99) * 1000,
        "many_cpu_ms": (tree_cpu_seconds(server.pid) - cpu) * 1000 / max(len(latencies), 1),
        "errors": float(len(errors)),
    }
    return values, errors


def _big_request(server: ScoringProcess, rows: list[list[float]], expected: list[int], calls: int) -> float:
    body = split_body(rows)
    times = []
    with requests.Session() as session:
        for _ in range(calls):
            t = time.perf_counter()
            answer = session.post(server.url + "/invocations", data=body, headers={"Content-Type": "application/json"})
            times.append(time.perf_counter() - t)
            _check(answer, expected)
    return median(times) * 1000


def run_scoring(
    scale_name: str,
    executables: dict[str, str],
    workdir: Path,
    extra_args: dict[str, list[str]],
    log: Any = print,
) -> tuple[dict[str, Any], list[str]]:
    """The scoring section of the results, and its failures. ``executables`` maps mlflow and/or
    trackline to their CLI (MLflow's is also needed to save the model)."""
    scale = SCALES[scale_name]
    mlflow_bin = executables.get(MLFLOW) or str(Path(executables[TRACKLINE]).with_name("mlflow"))
    model, rows, expected = prepare_model(mlflow_bin, workdir, scale.big_rows)
    names = [n for n in (MLFLOW, TRACKLINE) if n in executables]
    got = Collected()
    failures: list[str] = []
    servers: dict[str, ScoringProcess] = {}
    try:
        for k in range(scale.cold_starts):
            for name in names if k % 2 == 0 else list(reversed(names)):
                server = ScoringProcess(name, executables[name], model, workdir, f"s{k}", extra_args.get(name, []))
                seconds = server.start()
                log(f"{name}: models serve cold start {k + 1}/{scale.cold_starts}: {seconds:.2f} s")
                got.add(name, Measurement({"cold_start_s": seconds}))
                if k < scale.cold_starts - 1:
                    server.stop()
                else:
                    servers[name] = server
        time.sleep(1)
        for name, server in servers.items():
            got.add(name, Measurement({"rss_idle_mib": tree_memory(server.pid).rss_mib}))
        for rep in range(scale.repeats):
            for name in names if rep % 2 == 0 else list(reversed(names)):
                if got.status.get(name, "ok") != "ok":
                    continue
                server = servers[name]
                try:
                    got.add(name, Measurement(_one_client(server, rows, expected, scale.one_client_requests)))
                    many, errors = _many_clients(server, rows, expected, scale.clients, scale.many_client_requests)
                    notes = [f"{len(errors)} errors, first: {errors[0]}"] if errors else []
                    got.add(name, Measurement(many, notes))
                    got.add(name, Measurement({"big_ms": _big_request(server, rows, expected, scale.big_calls)}))
                    log(f"{name}: scoring repeat {rep + 1}/{scale.repeats} done")
                except (CheckFailed, requests.RequestException, ValueError) as exc:
                    got.status[name] = f"failed: {exc}"
                    failures.append(f"{name} scoring: {exc}")
                    log(f"{name}: scoring: FAILED: {exc}")
        for name, server in servers.items():
            got.add(name, Measurement({"rss_after_mib": tree_memory(server.pid).rss_mib}))
    finally:
        for server in servers.values():
            server.stop()
    title = (
        f"11. models serve: one sklearn model; 1 client x {scale.one_client_requests}, "
        f"{scale.clients} clients x {scale.many_client_requests // scale.clients}, {scale.big_rows:,} rows"
    )
    return _section(ID, title, ROWS, got, names), failures
