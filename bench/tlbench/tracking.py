"""Workloads 1-5: create-run latency, log-metric with 1 and N clients, log-batch, metric history."""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from .base import COUNT, HIGHER, LOWER, CheckFailed, Context, Measurement, Row, Workload
from .client import API, credentials, now_ms
from .scale import Scale
from .stats import percentile


def _experiment(ctx: Context, label: str) -> str:
    return ctx.client.create_experiment(f"bench-{label}-{uuid.uuid4().hex[:8]}")


def _cpu_ms_per_op(ctx: Context, cpu_before: float, ops: int) -> float:
    return (ctx.server.cpu_seconds() - cpu_before) * 1000 / max(ops, 1)


class CreateRun(Workload):
    id = "create-run"
    rows = (
        Row("p50_ms", "latency p50", "ms", LOWER),
        Row("p95_ms", "latency p95", "ms", LOWER),
        Row("p99_ms", "latency p99", "ms", LOWER),
        Row("cpu_ms", "server CPU per run", "ms", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return f"1. create-run, {scale.create_runs} sequential"

    def setup(self, ctx: Context) -> None:
        ctx.state["create_run_exp"] = _experiment(ctx, "create-run")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        exp = ctx.state["create_run_exp"]
        deadline = ctx.deadline()
        latencies: list[float] = []
        cpu = ctx.server.cpu_seconds()
        for i in range(ctx.scale.create_runs):
            if deadline.expired():
                break
            t = time.perf_counter()
            ctx.client.create_run(exp, f"r{repeat}-{i}")
            latencies.append(time.perf_counter() - t)
        out = Measurement(
            {
                "p50_ms": percentile(latencies, 50) * 1000,
                "p95_ms": percentile(latencies, 95) * 1000,
                "p99_ms": percentile(latencies, 99) * 1000,
                "cpu_ms": _cpu_ms_per_op(ctx, cpu, len(latencies)),
            }
        )
        if len(latencies) < ctx.scale.create_runs:
            out.notes.append(f"time limit: {len(latencies)} of {ctx.scale.create_runs} runs")
        return out


def log_metric_body(run_id: str, step: int) -> dict[str, object]:
    return {"run_id": run_id, "key": "m", "value": step * 0.5, "timestamp": now_ms(), "step": step}


class LogMetricOneClient(Workload):
    id = "log-metric-1"
    rows = (
        Row("req_s", "throughput", "req/s", HIGHER),
        Row("p50_ms", "latency p50", "ms", LOWER),
        Row("cpu_ms", "server CPU per request", "ms", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return f"2. log-metric, 1 client, {scale.log_metric_requests} requests"

    def setup(self, ctx: Context) -> None:
        ctx.state["log_metric_exp"] = _experiment(ctx, "log-metric")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        run_id = ctx.client.create_run(ctx.state["log_metric_exp"], f"one-client-{repeat}")
        deadline = ctx.deadline()
        latencies: list[float] = []
        cpu = ctx.server.cpu_seconds()
        start = time.perf_counter()
        for step in range(ctx.scale.log_metric_requests):
            if deadline.expired():
                break
            t = time.perf_counter()
            ctx.client.post("/runs/log-metric", log_metric_body(run_id, step))
            latencies.append(time.perf_counter() - t)
        elapsed = time.perf_counter() - start
        out = Measurement(
            {
                "req_s": len(latencies) / elapsed,
                "p50_ms": percentile(latencies, 50) * 1000,
                "cpu_ms": _cpu_ms_per_op(ctx, cpu, len(latencies)),
            }
        )
        if len(latencies) < ctx.scale.log_metric_requests:
            out.notes.append(f"time limit: {len(latencies)} of {ctx.scale.log_metric_requests} requests")
        return out


class LogMetricConcurrent(Workload):
    id = "log-metric-n"
    rows = (
        Row("req_s", "throughput", "req/s", HIGHER),
        Row("p50_ms", "latency p50", "ms", LOWER),
        Row("p99_ms", "latency p99", "ms", LOWER),
        Row("cpu_ms", "server CPU per request", "ms", LOWER),
        Row("errors", "errors (all repeats)", "count", COUNT),
    )

    def describe(self, scale: Scale) -> str:
        return f"3. log-metric, {scale.concurrent_clients} clients, {scale.concurrent_requests} requests"

    def setup(self, ctx: Context) -> None:
        ctx.state["log_metric_n_exp"] = _experiment(ctx, "log-metric-n")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        clients = ctx.scale.concurrent_clients
        per_client = ctx.scale.concurrent_requests // clients
        run_ids = [ctx.client.create_run(ctx.state["log_metric_n_exp"], f"client-{repeat}-{c}") for c in range(clients)]
        url = ctx.client.base_url + API + "/runs/log-metric"
        started: list[float] = []
        got = run_log_metric_clients(
            url,
            run_ids,
            per_client,
            ctx.client.timeout,
            ctx.scale.time_limit_s,
            lambda: started.append(ctx.server.cpu_seconds()),
        )
        latencies, errors, elapsed, cpu = got.latencies, got.errors, got.elapsed_s, started[0]
        cpu_ms = _cpu_ms_per_op(ctx, cpu, sum(len(x) for x in latencies))
        flat = [x for per in latencies for x in per]
        all_errors = [e for per in errors for e in per]
        out = Measurement(
            {
                "req_s": (len(flat) - len(all_errors)) / elapsed,
                "p50_ms": percentile(flat, 50) * 1000,
                "p99_ms": percentile(flat, 99) * 1000,
                "cpu_ms": cpu_ms,
                "errors": float(len(all_errors)),
            }
        )
        if all_errors:
            out.notes.append(f"{len(all_errors)} errors, first: {all_errors[0]}")
        if len(flat) < per_client * clients:
            out.notes.append(f"time limit: {len(flat)} of {per_client * clients} requests")
        return out


@dataclass
class ClientsRun:
    """What the client processes of ``run_log_metric_clients`` measured, one list per client."""

    latencies: list[list[float]]
    errors: list[list[str]]
    elapsed_s: float
    client_cpu_s: float  # the client processes' CPU while they sent their requests


def run_log_metric_clients(
    url: str,
    run_ids: list[str],
    per_client: int,
    timeout: float,
    time_limit_s: float,
    on_start: Callable[[], None],
) -> ClientsRun:
    """One log-metric client process per run id, all started at once after a warm-up request.

    Each client is a process of its own, like the training jobs it stands for: client threads of
    one process would share its GIL and limit the rate before the server does. ``on_start`` is
    called when the clock starts (to read the server's CPU, say).
    """
    clients = len(run_ids)
    mp = multiprocessing.get_context("spawn")
    barrier = mp.Barrier(clients + 1)
    results: Any = mp.Queue()
    procs = [
        mp.Process(
            target=_log_metric_client,
            args=(url, run_ids[c], per_client, timeout, time_limit_s, barrier, results, c),
            daemon=True,
        )
        for c in range(clients)
    ]
    for proc in procs:
        proc.start()
    barrier.wait(timeout=120)
    on_start()
    start = time.perf_counter()
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    client_cpu = 0.0
    for _ in range(clients):
        c, lat, errs, cpu = results.get(timeout=time_limit_s + 120)
        latencies[c], errors[c] = lat, errs
        client_cpu += cpu
    elapsed = time.perf_counter() - start
    for proc in procs:
        proc.join(timeout=30)
    return ClientsRun(latencies, errors, elapsed, client_cpu)


def _log_metric_client(
    url: str,
    run_id: str,
    requests_to_send: int,
    timeout: float,
    time_limit_s: float,
    barrier: Any,
    results: Any,
    index: int,
) -> None:
    """One client process: (index, latencies, errors, CPU seconds while sending) go to ``results``."""
    latencies: list[float] = []
    errors: list[str] = []
    session = requests.Session()
    session.auth = credentials()
    cpu_start = time.process_time()
    try:
        try:  # one warm-up request opens the connection before the clock starts
            session.post(url, json=log_metric_body(run_id, 0), timeout=timeout)
        except requests.RequestException as exc:
            errors.append(f"warm-up: {type(exc).__name__}: {exc}")
        barrier.wait()
        cpu_start = time.process_time()
        end = time.perf_counter() + time_limit_s
        for step in range(1, requests_to_send + 1):
            if time.perf_counter() > end:
                break
            t = time.perf_counter()
            try:
                resp = session.post(url, json=log_metric_body(run_id, step), timeout=timeout)
                if resp.status_code != 200:
                    errors.append(f"HTTP {resp.status_code}: {resp.text[:200]}")
            except requests.RequestException as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append(time.perf_counter() - t)
    finally:
        session.close()
        results.put((index, latencies, errors, time.process_time() - cpu_start))


def _batch(key_count: int, size: int, first_step: int, t0: int) -> list[dict[str, object]]:
    metrics = []
    for i in range(size):
        step = first_step + i // key_count
        metrics.append({"key": f"k{i % key_count}", "value": step * 0.25, "timestamp": t0 + step, "step": step})
    return metrics


class LogBatch(Workload):
    id = "log-batch"
    rows = (Row("metrics_s", "throughput", "metrics/s", HIGHER),)

    def describe(self, scale: Scale) -> str:
        return f"4. log-batch, {scale.batches} batches of {scale.batch_size} metrics"

    def setup(self, ctx: Context) -> None:
        ctx.state["log_batch_exp"] = _experiment(ctx, "log-batch")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        run_id = ctx.client.create_run(ctx.state["log_batch_exp"], f"batch-{repeat}")
        keys = 10
        per_batch_steps = ctx.scale.batch_size // keys
        t0 = now_ms()
        bodies = [
            {"run_id": run_id, "metrics": _batch(keys, ctx.scale.batch_size, b * per_batch_steps, t0)}
            for b in range(ctx.scale.batches)
        ]
        deadline = ctx.deadline()
        done = 0
        start = time.perf_counter()
        for body in bodies:
            if deadline.expired():
                break
            ctx.client.post("/runs/log-batch", body)
            done += 1
        elapsed = time.perf_counter() - start
        out = Measurement({"metrics_s": done * ctx.scale.batch_size / elapsed})
        if done < ctx.scale.batches:
            out.notes.append(f"time limit: {done} of {ctx.scale.batches} batches")
        return out


class MetricHistory(Workload):
    id = "history"
    rows = (
        Row("log_s", "log all points (log-batch)", "s", LOWER),
        Row("read_s", "read all pages", "s", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return f"5. get-metric-history, {scale.history_points:,} points, pages of {scale.history_page:,}"

    def setup(self, ctx: Context) -> None:
        ctx.state["history_exp"] = _experiment(ctx, "history")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        n, batch = ctx.scale.history_points, 1000
        run_id = ctx.client.create_run(ctx.state["history_exp"], f"history-{repeat}")
        t0 = now_ms()
        deadline = ctx.deadline()
        start = time.perf_counter()
        for first in range(0, n, batch):
            if deadline.expired():
                raise CheckFailed(f"time limit while logging: {first} of {n} points logged")
            metrics = [
                {"key": "loss", "value": i * 0.25, "timestamp": t0 + i, "step": i}
                for i in range(first, min(first + batch, n))
            ]
            ctx.client.post("/runs/log-batch", {"run_id": run_id, "metrics": metrics})
        log_s = time.perf_counter() - start

        points: list[dict[str, object]] = []
        token: str | None = None
        pages = 0
        start = time.perf_counter()
        while True:
            params: dict[str, object] = {"run_id": run_id, "metric_key": "loss", "max_results": ctx.scale.history_page}
            if token:
                params["page_token"] = token
            page = ctx.client.get("/metrics/get-history", params)
            points.extend(page.get("metrics", []))
            pages += 1
            token = page.get("next_page_token")
            if not token or deadline.expired():
                break
        read_s = time.perf_counter() - start
        _check_history(points, n, t0)
        return Measurement({"log_s": log_s, "read_s": read_s}, [f"{pages} pages"] if repeat == 0 else [])


def _check_history(points: list[dict[str, object]], n: int, t0: int) -> None:
    if len(points) != n:
        raise CheckFailed(f"history has {len(points)} points, expected {n}")
    for i, p in enumerate(points):
        if p.get("step") != i or p.get("timestamp") != t0 + i or p.get("value") != i * 0.25 or p.get("key") != "loss":
            raise CheckFailed(f"history point {i} is {p}, expected step={i} timestamp={t0 + i} value={i * 0.25}")
