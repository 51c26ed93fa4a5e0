"""Starting and stopping the two servers, each on a fresh database of the chosen backend."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from .client import AUTH_ENV
from .procfs import TreeMemory, tree_cpu_seconds, tree_memory

MLFLOW = "mlflow"
TRACKLINE = "trackline"
BENCH_ADMIN_PASSWORD = "tlbench-admin-password"
BENCH_USER = "bench"
BENCH_USER_PASSWORD = "tlbench-user-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Backend:
    """Hands out empty databases: SQLite files under a work directory, or PostgreSQL databases."""

    def __init__(self, kind: str, workdir: Path, postgres_admin_uri: str | None = None) -> None:
        if kind not in ("sqlite", "postgres"):
            raise ValueError(f"unknown backend {kind!r}")
        if kind == "postgres" and not postgres_admin_uri:
            raise ValueError("the postgres backend needs an admin URI (--postgres-admin-uri)")
        self.kind = kind
        self.workdir = workdir
        self.admin_uri = postgres_admin_uri
        self._drops: list[Callable[[], None]] = []

    def new_database(self, label: str) -> str:
        name = f"tlbench_{label}_{uuid.uuid4().hex[:8]}"
        if self.kind == "sqlite":
            return f"sqlite:///{self.workdir / (name + '.db')}"
        from sqlalchemy import create_engine, text

        assert self.admin_uri is not None
        engine = create_engine(self.admin_uri, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))

        def drop() -> None:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            engine.dispose()

        self._drops.append(drop)
        return f"{self.admin_uri.rsplit('/', 1)[0]}/{name}"

    def cleanup(self) -> None:
        for drop in self._drops:
            try:
                drop()
            except Exception as exc:  # a leftover database is not worth failing the run
                print(f"warning: could not drop a benchmark database: {exc}")
        self._drops.clear()


@dataclass
class ServerSpec:
    """How to start one server: ``name`` is mlflow or trackline, ``executable`` its CLI."""

    name: str
    executable: str
    workers: int | None = None
    extra_args: list[str] = field(default_factory=list)
    # Trackline with --auth; the clients sign in as a user who is not an admin (so that every
    # request's permission is looked up), made when the server starts.
    auth: bool = False

    def command(self, port: int, backend_uri: str, artifacts_dir: Path) -> list[str]:
        cmd = [
            self.executable,
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--backend-store-uri",
            backend_uri,
            "--artifacts-destination",
            str(artifacts_dir),
        ]
        if self.name == MLFLOW:
            cmd.append("--serve-artifacts")
        if self.workers:
            cmd += ["--workers", str(self.workers)]
        if self.auth:
            cmd.append("--auth")
        return cmd + self.extra_args


class ServerProcess:
    """A running server in its own process group; stopped as a group."""

    def __init__(self, spec: ServerSpec, backend: Backend, workdir: Path, label: str) -> None:
        self.spec = spec
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.backend_uri = backend.new_database(f"{spec.name}_{label}")
        self.artifacts_dir = workdir / f"{spec.name}-{label}-artifacts"
        self.artifacts_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"{spec.name}-{label}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.cold_start_s: float | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def settle_database(self) -> None:
        """On PostgreSQL, ``VACUUM ANALYZE`` the server's database now, after a bulk load:
        otherwise autovacuum does it when it chooses, which may be during a timed search of either
        server (both databases are in one cluster), and the plans before and after differ."""
        if not self.backend_uri.startswith("postgresql"):
            return
        from sqlalchemy import create_engine, text

        engine = create_engine(self.backend_uri, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text("VACUUM ANALYZE"))
        finally:
            engine.dispose()

    def start(self, timeout: float = 180.0) -> float:
        """Start the server; return the seconds from process start to the first 200 on /health."""
        cmd = self.spec.command(self.port, self.backend_uri, self.artifacts_dir)
        env = dict(os.environ)
        env.pop("MLFLOW_TRACKING_URI", None)
        if self.spec.auth:
            env["TRACKLINE_ADMIN_PASSWORD"] = BENCH_ADMIN_PASSWORD
        log = open(self.log_path, "wb")  # noqa: SIM115 (kept open for the server's lifetime)
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        log.close()
        deadline = started + timeout
        with requests.Session() as session:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"{self.spec.name} exited with {self.proc.returncode} while starting; see {self.log_path}:\n"
                        + self.log_tail()
                    )
                try:
                    if session.get(self.url + "/health", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.perf_counter() > deadline:
                    self.stop()
                    raise RuntimeError(f"{self.spec.name} did not answer /health in {timeout:.0f} s: {self.log_path}")
                time.sleep(0.05)
        self.cold_start_s = time.perf_counter() - started
        if self.spec.auth:
            self._sign_in_bench_user()
        return self.cold_start_s

    def _sign_in_bench_user(self) -> None:
        """A user who is not an admin; every client of the harness sends its credentials."""
        made = requests.post(
            self.url + "/api/2.0/mlflow/users/create",
            json={"username": BENCH_USER, "password": BENCH_USER_PASSWORD},
            auth=("admin", BENCH_ADMIN_PASSWORD),
            timeout=60,
        )
        if made.status_code != 200:
            raise RuntimeError(f"could not create the benchmark's user: HTTP {made.status_code}: {made.text}")
        os.environ[AUTH_ENV] = f"{BENCH_USER}:{BENCH_USER_PASSWORD}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def memory(self) -> TreeMemory:
        return tree_memory(self.pid)

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.pid)

    def wait_until_idle(self, timeout: float = 120.0, window: float = 1.0, busy_share: float = 0.05) -> float:
        """Wait until the server's processes use less than ``busy_share`` of a core over ``window``
        seconds, and return the seconds waited. A server may go on starting parts of itself after
        it first answers (MLflow 3.17.2 starts its job runner then: about 16 CPU-seconds in 8
        processes); measuring the other server meanwhile would charge it with that work."""
        started = time.perf_counter()
        before = self.cpu_seconds()
        while time.perf_counter() - started < timeout:
            time.sleep(window)
            now = self.cpu_seconds()
            if now - before < busy_share * window:
                break
            before = now
        return time.perf_counter() - started

    def stop(self) -> None:
        """Quick shutdown of the whole group (SIGINT: gunicorn's and uvicorn's "quit now"), then SIGKILL.

        The benchmark's databases are thrown away, so nothing needs a graceful shutdown.
        """
        if self.proc is None or self.proc.returncode is not None:
            return
        group = self.proc.pid
        try:
            os.killpg(group, signal.SIGINT)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:  # the server and its children (e.g. MLflow's job runner)
            self.proc.poll()
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=30)

    def restarts(self) -> int:
        """Workers the server replaced while it ran (uvicorn: a child died; gunicorn: a worker timed out)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return 0
        return len(re.findall(r"Child process \[\d+\] died|WORKER TIMEOUT", text))


class MemorySampler:
    """Samples a server's tree memory in a thread and keeps the peak (by RSS)."""

    def __init__(self, server: ServerProcess, interval: float = 0.05) -> None:
        self.server = server
        self.interval = interval
        self.peak: TreeMemory | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            mem = self.server.memory()
            if self.peak is None or mem.rss_mib > self.peak.rss_mib:
                self.peak = mem
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
