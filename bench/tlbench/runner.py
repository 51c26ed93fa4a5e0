"""Runs every workload against both servers, interleaved, and collects the medians."""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from .artifacts import Artifacts
from .base import COUNT, INFO, LOWER, CheckFailed, Context, Measurement, Row, Unavailable, Workload
from .client import ApiError, Client
from .nowork import measure_floor
from .registry import Registry
from .report import ratio
from .scale import Scale
from .search import SearchRuns
from .servers import Backend, ServerProcess, ServerSpec
from .stats import median
from .tracking import CreateRun, LogBatch, LogMetricConcurrent, LogMetricOneClient, MetricHistory
from .ui import WebUI

WORKLOADS: tuple[type[Workload], ...] = (
    CreateRun,
    LogMetricOneClient,
    LogMetricConcurrent,
    LogBatch,
    MetricHistory,
    SearchRuns,
    Artifacts,
    Registry,
    WebUI,
)
WORKLOAD_IDS = tuple(w.id for w in WORKLOADS)
# The workloads whose single requests are read against the clients' floor (nowork.py).
FLOOR_READ_BY = ("create-run", "log-metric-1", "log-metric-n", "registry", "artifacts")

SERVER_ROWS = (
    Row("cold_start_s", "cold start (process start to first 200 on /health)", "s", LOWER),
    Row("rss_idle_mib", "RSS idle (sum over process tree)", "MiB", LOWER),
    Row("pss_idle_mib", "PSS idle (shared pages split)", "MiB", LOWER),
    Row("processes", "processes in the tree", "processes", INFO),
    Row("rss_after_search_mib", "RSS after workload 6", "MiB", LOWER),
)

# Errors that void one measurement (the other server and the other workloads go on).
MEASUREMENT_ERRORS = (CheckFailed, ApiError, requests.RequestException, ValueError, KeyError)


@dataclass
class Collected:
    values: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # server -> key -> repeats
    status: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, server: str, m: Measurement | None) -> None:
        if m is None:
            return
        for key, value in m.values.items():
            self.values.setdefault(server, {}).setdefault(key, []).append(value)
        self.notes.setdefault(server, []).extend(m.notes)


def _section(section_id: str, title: str, rows: tuple[Row, ...], got: Collected, servers: list[str]) -> dict[str, Any]:
    out_rows = []
    for row in rows:
        entry: dict[str, Any] = {"key": row.key, "label": row.label, "unit": row.unit, "better": row.better}
        for server in servers:
            repeats = got.values.get(server, {}).get(row.key)
            entry[server] = None
            if repeats and got.status.get(server, "ok") == "ok":
                entry[server] = sum(repeats) if row.better == COUNT else median(repeats)
            entry.setdefault("repeats", {})[server] = repeats or []
        entry["ratio"] = ratio(row.better, entry.get("mlflow"), entry.get("trackline"))
        out_rows.append(entry)
    return {
        "id": section_id,
        "title": title,
        "rows": out_rows,
        "status": {s: got.status.get(s, "ok") for s in servers},
        "notes": {s: got.notes.get(s, []) for s in servers},
    }


class Runner:
    def __init__(
        self,
        specs: list[ServerSpec],
        backend: Backend,
        scale: Scale,
        workdir: Path,
        only: list[str] | None = None,
        log: Any = print,
    ) -> None:
        self.specs = specs
        self.backend = backend
        self.scale = scale
        self.workdir = workdir
        self.only = only
        self.log = log
        self.servers: dict[str, ServerProcess] = {}
        self.contexts: dict[str, Context] = {}
        self.failures: list[str] = []

    # ------------------------------------------------------------------ servers

    def start_servers(self) -> Collected:
        got = Collected()
        shared: dict[str, Any] = {}
        kept: dict[str, ServerProcess] = {}

        def cold_starts(spec: ServerSpec) -> None:
            for k in range(self.scale.cold_starts):
                server = ServerProcess(spec, self.backend, self.workdir, label=f"s{k}")
                seconds = server.start()
                self.log(f"{spec.name}: cold start {k + 1}/{self.scale.cold_starts}: {seconds:.2f} s ({server.url})")
                got.add(spec.name, Measurement({"cold_start_s": seconds}))
                if k < self.scale.cold_starts - 1:
                    server.stop()
                else:
                    waited = server.wait_until_idle()
                    self.log(f"{spec.name}: idle {waited:.1f} s after it first answered")
                    kept[spec.name] = server

        if self.scale.parallel_start:
            errors: list[BaseException] = []

            def guarded(spec: ServerSpec) -> None:
                try:
                    cold_starts(spec)
                except BaseException as exc:
                    errors.append(exc)

            threads = [threading.Thread(target=guarded, args=(spec,)) for spec in self.specs]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            if errors:
                for server in kept.values():
                    server.stop()
                raise errors[0]
        else:
            for spec in self.specs:
                try:
                    cold_starts(spec)
                except BaseException:
                    for server in kept.values():
                        server.stop()
                    raise
        for spec in self.specs:  # the configured order, whatever order they started in
            server = kept[spec.name]
            self.servers[spec.name] = server
            self.contexts[spec.name] = Context(
                spec.name, server, Client(server.url), self.scale, self.workdir, shared=shared
            )
        for name, server in self.servers.items():
            mem = server.memory()
            got.add(
                name,
                Measurement({"rss_idle_mib": mem.rss_mib, "pss_idle_mib": mem.pss_mib, "processes": mem.processes}),
            )
            self.log(f"{name}: idle RSS {mem.rss_mib:.0f} MiB, PSS {mem.pss_mib:.0f} MiB in {mem.processes} processes")
        return got

    def stop_servers(self) -> None:
        for server in self.servers.values():
            server.stop()

    # ------------------------------------------------------------------ workloads

    def _attempt(self, name: str, what: str, fn: Any, got: Collected) -> bool:
        # A fresh connection for every measurement: one left idle since the last workload may be
        # closed by the server's keep-alive timeout just as it is reused.
        client = self.contexts[name].client
        client.close_thread_session()
        retries_before = client.connection_retries
        try:
            got.add(name, fn())
            return True
        except Unavailable as exc:
            got.status[name] = f"not available: {exc}"
            self.log(f"{name}: {what}: not available: {exc}")
        except MEASUREMENT_ERRORS as exc:
            got.status[name] = f"failed: {exc}"
            self.failures.append(f"{name} {what}: {exc}")
            self.log(f"{name}: {what}: FAILED: {exc}")
            if not isinstance(exc, CheckFailed):
                self.log(traceback.format_exc(limit=-3))
        finally:
            retried = client.connection_retries - retries_before
            if retried:
                note = f"{what}: {retried} requests sent again after connection errors ({client.first_retry_reason})"
                got.notes.setdefault(name, []).append(note)
                self.log(f"{name}: {note}")
        return False

    def run_workload(self, workload: Workload) -> dict[str, Any]:
        got = Collected()
        names = list(self.servers)
        for name in names:
            self._attempt(name, f"{workload.id} setup", lambda n=name: workload.setup(self.contexts[n]), got)
        for rep in range(self.scale.repeats):
            order = names if rep % 2 == 0 else list(reversed(names))
            for name in order:
                if got.status.get(name, "ok") != "ok":
                    continue
                started = time.perf_counter()
                ok = self._attempt(
                    name,
                    f"{workload.id} repeat {rep + 1}",
                    lambda n=name, r=rep: workload.measure(self.contexts[n], r),
                    got,
                )
                if ok:
                    self.log(
                        f"{name}: {workload.id} repeat {rep + 1}/{self.scale.repeats}: {time.perf_counter() - started:.1f} s"
                    )
        return _section(workload.id, workload.describe(self.scale), workload.rows, got, names)

    def run(self) -> dict[str, Any]:
        sections = []
        try:
            server_got = self.start_servers()
            for cls in WORKLOADS:
                if self.only and cls.id not in self.only:
                    continue
                workload = cls()
                self.log(f"== {workload.describe(self.scale)}")
                sections.append(self.run_workload(workload))
                if cls is SearchRuns:
                    for name, server in self.servers.items():
                        server_got.add(name, Measurement({"rss_after_search_mib": server.memory().rss_mib}))
            for name, server in self.servers.items():
                restarts = server.restarts()  # read before stopping: shutting down logs similar lines
                if restarts:
                    server_got.notes.setdefault(name, []).append(
                        f"{restarts} worker processes died and were replaced during the run"
                    )
            sections.append(_section("server", "9. server process", SERVER_ROWS, server_got, list(self.servers)))
        finally:
            self.stop_servers()
        doc: dict[str, Any] = {"sections": sections, "failures": self.failures}
        if self.only is None or any(w in FLOOR_READ_BY for w in self.only):
            self.log("== the clients' floor: the same clients against a server that does no work")
            doc["floor"] = measure_floor(self.scale, self.workdir)
        return doc
