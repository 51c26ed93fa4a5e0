"""Shared fixtures: live tracking servers (Trackline and real MLflow) and clients on them.

``TRACKLINE_TEST_SERVERS`` picks the servers the tracking tests run against, comma-separated
from ``trackline`` and ``mlflow`` (default: both). ``TRACKLINE_TEST_BIN_DIR`` is where the
``trackline`` and ``mlflow`` commands are (default: beside the running Python).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import trackline
from trackline import _fluent

SERVERS = [s.strip() for s in os.environ.get("TRACKLINE_TEST_SERVERS", "trackline,mlflow").split(",")]
BIN_DIR = Path(os.environ.get("TRACKLINE_TEST_BIN_DIR") or Path(sys.executable).parent)
START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(kind: str, port: int, workdir: Path) -> list[str]:
    common = [
        "server",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--backend-store-uri",
        f"sqlite:///{workdir}/store.db",
        "--artifacts-destination",
        str(workdir / "artifacts"),
    ]
    if kind == "trackline":
        return [str(BIN_DIR / "trackline"), *common]
    if kind == "mlflow":
        return [str(BIN_DIR / "mlflow"), *common, "--workers", "1"]
    raise ValueError(f"unknown server kind {kind!r} in TRACKLINE_TEST_SERVERS")


class LiveServer:
    """A tracking server process on 127.0.0.1, stopped when the test session ends."""

    def __init__(self, kind: str, workdir: Path) -> None:
        self.kind = kind
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.start()

    def start(self) -> None:
        """Start the server (again, after :meth:`stop` or :meth:`kill`: same port, same database)."""
        command = server_command(self.kind, self.port, self.workdir)
        if not Path(command[0]).exists():
            pytest.fail(f"{command[0]} not found: `make install` provides it", pytrace=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
        if self.kind == "mlflow":  # its background job runner is not needed for tracking
            env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"
        with self.log_path.open("ab") as log:
            # A session of its own, so that stopping it stops the workers it starts too.
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                env=env,
                start_new_session=True,
            )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"exited with status {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        self._fail(f"did not answer /health within {START_TIMEOUT:.0f} s")

    def _fail(self, why: str) -> None:
        log = self.log_path.read_text(errors="replace")[-3000:]
        pytest.fail(f"{self.kind} server {why}; its log ends with:\n{log}", pytrace=False)

    def kill(self) -> None:
        """Kill the server and its workers at once (SIGKILL), as a crash would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server's process group (the server and the workers it started)."""
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 10)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue


@pytest.fixture(scope="session", params=SERVERS)
def live_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live tracking server of each kind in ``TRACKLINE_TEST_SERVERS``."""
    server = LiveServer(request.param, tmp_path_factory.mktemp(f"{request.param}-server"))
    yield server
    server.stop()


@pytest.fixture
def server_url(live_server: LiveServer) -> str:
    return live_server.url


@pytest.fixture
def client(server_url: str) -> Iterator[trackline.TracklineClient]:
    """A ``TracklineClient`` on the live server."""
    with trackline.TracklineClient(server_url) as c:
        yield c


@pytest.fixture
def fluent(server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The fluent API pointed at the live server, with no active run or experiment."""
    for name in list(os.environ):
        if name.startswith(("MLFLOW_", "TRACKLINE_")) and name != "TRACKLINE_TEST_SERVERS":
            monkeypatch.delenv(name)
    trackline.set_tracking_uri(server_url)
    monkeypatch.setattr(_fluent, "_active_experiment_id", None)
    yield server_url
    while trackline.active_run() is not None:
        trackline.end_run()
    _fluent._state.last_run_id = None
    trackline.set_tracking_uri("")


@pytest.fixture
def bin_dir() -> Path:
    """Where the ``trackline`` and ``mlflow`` commands (and their Python) are."""
    return BIN_DIR


@pytest.fixture
def unique() -> str:
    """A name no other test uses."""
    return f"t-{uuid.uuid4().hex[:12]}"
