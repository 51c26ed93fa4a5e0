"""Shared fixtures: real databases (SQLite files and a PostgreSQL server) and live servers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from trackline_server.store.engine import Database
from trackline_server.store.migrate import prepare
from trackline_server.store.tracking import TrackingStore

ROOT = Path(__file__).resolve().parents[2]
TRACKLINE = str(Path(sys.executable).with_name("trackline"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_admin_uri() -> str:
    """A running PostgreSQL server: the one `make test` started, or one started here."""
    uri = os.environ.get("TRACKLINE_TEST_POSTGRES_URI")
    if not uri:
        script = ROOT / "scripts" / "postgres.sh"
        subprocess.run([str(script), "install"], check=True)
        uri = subprocess.run([str(script), "start"], check=True, capture_output=True, text=True).stdout.strip()
    return uri


def create_pg_database(admin_uri: str) -> tuple[str, Callable[[], None]]:
    name = f"trackline_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_uri, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_uri.rsplit("/", 1)[0]

    def drop() -> None:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    return f"{base}/{name}", drop


@pytest.fixture
def new_database(tmp_path: Path, postgres_admin_uri: str) -> Iterator[Callable[[str], str]]:
    """Makes empty databases: ``new_database("sqlite")`` or ``new_database("postgres")``."""
    drops: list[Callable[[], None]] = []

    def make(kind: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{tmp_path}/{uuid.uuid4().hex[:8]}.db"
        uri, drop = create_pg_database(postgres_admin_uri)
        drops.append(drop)
        return uri

    yield make
    for drop in drops:
        drop()


@pytest.fixture(params=["sqlite", "postgres"])
def backend_uri(request: pytest.FixtureRequest, new_database: Callable[[str], str]) -> str:
    return new_database(request.param)


@pytest.fixture
def store(backend_uri: str) -> Iterator[TrackingStore]:
    """A tracking store on a fresh database of each kind, its default experiment made."""
    db = Database(backend_uri)
    prepare(db)
    s = TrackingStore(db, "mlflow-artifacts:/")
    s.experiments.ensure_default()
    yield s
    db.dispose()


class LiveServer:
    def __init__(self, url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.proc = proc
        self.log = log

    def api(self, path: str) -> str:
        return f"{self.url}/api/2.0/mlflow/{path}"


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if requests.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not become healthy:\n{log.read_text()}")


def start_server(backend_uri: str, workdir: Path, *extra: str, workers: int = 2) -> LiveServer:
    port = free_port()
    log = workdir / f"server-{port}.log"
    proc = subprocess.Popen(
        [
            TRACKLINE,
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--backend-store-uri",
            backend_uri,
            "--artifacts-destination",
            str(workdir / "artifacts"),
            *extra,
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        cwd=workdir,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, log)
    except Exception:
        proc.kill()
        raise
    return LiveServer(url, proc, log)


def stop_server(server: LiveServer) -> None:
    server.proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[LiveServer] = []

    def make(backend_uri: str, *extra: str, workers: int = 2) -> LiveServer:
        server = start_server(backend_uri, tmp_path, *extra, workers=workers)
        started.append(server)
        return server

    yield make
    for server in started:
        stop_server(server)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server on a SQLite file for the whole session (for HTTP-level tests)."""
    workdir = tmp_path_factory.mktemp("live")
    server = start_server(f"sqlite:///{workdir}/live.db", workdir)
    yield server
    stop_server(server)


ADMIN_PASSWORD = "admin-password-for-tests"


class AuthServer(LiveServer):
    """A live server started with --auth; ``admin`` signs in with ``ADMIN_PASSWORD``."""

    def session(self, username: str, password: str) -> requests.Session:
        s = requests.Session()
        s.auth = (username, password)
        return s

    def admin(self) -> requests.Session:
        return self.session("admin", ADMIN_PASSWORD)

    def new_user(self, username: str | None = None, password: str = "user-password-123") -> requests.Session:
        """A new user (made by the admin), signed in."""
        username = username or f"u{uuid.uuid4().hex[:10]}"
        r = self.admin().post(self.api("users/create"), json={"username": username, "password": password})
        assert r.status_code == 200, r.text
        return self.session(username, password)


def start_auth_server(backend_uri: str, workdir: Path, *extra: str, workers: int = 2) -> AuthServer:
    os.environ["TRACKLINE_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    try:
        server = start_server(backend_uri, workdir, "--auth", *extra, workers=workers)
    finally:
        del os.environ["TRACKLINE_ADMIN_PASSWORD"]
    return AuthServer(server.url, server.proc, server.log)


@pytest.fixture(scope="session")
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    """One server with --auth on a SQLite file for the whole session."""
    workdir = tmp_path_factory.mktemp("auth")
    # Repeated failed sign-ins wait at most 0.2 s here (the tests fail many on purpose).
    server = start_auth_server(f"sqlite:///{workdir}/auth.db", workdir, "--auth-max-login-delay", "0.2")
    yield server
    stop_server(server)
