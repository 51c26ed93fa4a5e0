"""Prometheus metrics, served at ``/metrics``; the one switch is ``ServerConfig.metrics``.

Series (all prefixed ``trackline_``):

- ``http_requests_total{operation,method,status}`` and ``http_request_duration_seconds{...}``
  (a histogram): every request, by the spec's operationId (``unmatched`` for unknown paths);
- ``db_pool_connections{state="in_use"|"open"}`` and ``db_pool_capacity``: the SQLAlchemy pools
  of the worker processes, summed over the live ones; ``db_pool_checkouts_total``;
- ``artifact_bytes_total{direction="in"|"out"}``: bytes through the artifact proxy;
- ``unavailable_total{dependency}``: requests answered 503 because the database or the
  artifact store did not answer.

gunicorn runs several worker processes: with ``PROMETHEUS_MULTIPROC_DIR`` set (``trackline
server`` does so before the workers start), every worker writes its values to files there and a
scrape of any worker adds them up. ``prometheus_client`` reads that variable when it is first
imported, so this module imports it only once the server knows its settings.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask, Response
    from sqlalchemy.engine import Engine

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _Series:
    """The metric objects, made once per process on first use."""

    def __init__(self) -> None:
        from prometheus_client import Counter, Gauge, Histogram

        self.requests = Counter(
            "trackline_http_requests", "HTTP requests by operation and status.", ["operation", "method", "status"]
        )
        self.latency = Histogram(
            "trackline_http_request_duration_seconds",
            "Time to answer a request (to the first byte of a streamed body).",
            ["operation", "method", "status"],
            buckets=_LATENCY_BUCKETS,
        )
        self.pool = Gauge(
            "trackline_db_pool_connections",
            "Database connections of the pools: in_use (checked out) and open.",
            ["state"],
            multiprocess_mode="livesum",
        )
        self.capacity = Gauge(
            "trackline_db_pool_capacity",
            "Most connections the pools may open (pool size + overflow, per worker).",
            multiprocess_mode="livesum",
        )
        self.checkouts = Counter("trackline_db_pool_checkouts", "Connections handed out by the pools.")
        self.artifact_bytes = Counter(
            "trackline_artifact_bytes",
            "Bytes through the artifact proxy: in (uploads), out (downloads).",
            ["direction"],
        )
        self.unavailable = Counter(
            "trackline_unavailable", "Requests answered 503 because a dependency did not answer.", ["dependency"]
        )


_series: _Series | None = None


def enable() -> None:
    """Turn metrics on in this process (idempotent)."""
    global _series
    if _series is None:
        _series = _Series()


def install(app: Flask, engines: Sequence[Engine]) -> None:
    """Time and count every request of ``app``, and follow the pools of ``engines``."""
    from flask import g, request

    enable()
    for engine in engines:
        watch_pool(engine)

    @app.before_request
    def _start_clock() -> None:
        g.trackline_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        started = g.pop("trackline_started", None)
        if _series is not None and started is not None:
            labels = (request.endpoint or "unmatched", request.method, str(response.status_code))
            _series.requests.labels(*labels).inc()
            _series.latency.labels(*labels).observe(time.perf_counter() - started)
        return response


def watch_pool(engine: Engine) -> None:
    """Follow the connections of ``engine``'s pool."""
    if _series is None:
        return
    from sqlalchemy import event

    series = _series
    pool = engine.pool
    size = getattr(pool, "size", lambda: 0)() + max(0, getattr(pool, "_max_overflow", 0))
    series.capacity.inc(size)
    # Connections opened before this point (the store's set-up) are open too.
    series.pool.labels("open").inc(getattr(pool, "checkedin", lambda: 0)() + getattr(pool, "checkedout", lambda: 0)())
    series.pool.labels("in_use").inc(getattr(pool, "checkedout", lambda: 0)())

    @event.listens_for(engine, "connect")
    def _opened(dbapi_conn: Any, record: Any) -> None:
        series.pool.labels("open").inc()

    @event.listens_for(engine, "close")
    def _closed(dbapi_conn: Any, record: Any) -> None:
        series.pool.labels("open").dec()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, proxy: Any) -> None:
        series.pool.labels("in_use").inc()
        series.checkouts.inc()

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_conn: Any, record: Any) -> None:
        series.pool.labels("in_use").dec()


def artifact_bytes_in(count: int) -> None:
    if _series is not None and count:
        _series.artifact_bytes.labels("in").inc(count)


def counting_out(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks``, counting the bytes sent as artifact bytes out."""
    for chunk in chunks:
        if _series is not None:
            _series.artifact_bytes.labels("out").inc(len(chunk))
        yield chunk


def dependency_unavailable(dependency: str) -> None:
    if _series is not None:
        _series.unavailable.labels(dependency).inc()


def exposition() -> bytes:
    """Every series in Prometheus' text format: of all workers in multiprocess mode."""
    from prometheus_client import REGISTRY, CollectorRegistry, generate_latest

    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def prepare_directory(path: str) -> None:
    """Make ``path`` the multiprocess directory, emptied of an earlier server's files.

    Must run before the worker processes start (and before ``prometheus_client`` is imported).
    """
    os.makedirs(path, exist_ok=True)
    for name in os.listdir(path):
        if name.endswith(".db"):
            os.unlink(os.path.join(path, name))
    os.environ[MULTIPROC_ENV] = path


def worker_exited(pid: int) -> None:
    """Drop the live gauges of a worker process that is gone (gunicorn's ``child_exit``)."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
