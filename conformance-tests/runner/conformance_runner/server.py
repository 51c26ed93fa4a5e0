"""Starting a fresh Trackline (or MLflow) server for a run of the suite."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A free port: from TRACKLINE_CONFORMANCE_PORTS (e.g. 5400-5499) when set, else any."""
    ports = os.environ.get("TRACKLINE_CONFORMANCE_PORTS")
    candidates = [0]
    if ports:
        low, _, high = ports.partition("-")
        candidates = list(range(int(low), int(high or low) + 1))
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {ports}")


def wait_healthy(url: str, proc: subprocess.Popen[bytes] | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server at {url} was not healthy after {timeout:.0f} s")


class Server:
    """A server process on a temporary SQLite database and artifact directory; with an
    ``admin_password``, a Trackline server with authentication on (``--auth``) whose admin is
    ``ADMIN_USERNAME``."""

    ADMIN_USERNAME = "admin"

    def __init__(self, kind: str, executable: Path, admin_password: str | None = None) -> None:
        self.kind = kind
        self.executable = executable
        self.admin_password = admin_password
        self.tmp = Path(tempfile.mkdtemp(prefix=f"conformance-{kind}-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.tmp / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        cmd = [
            str(self.executable),
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--backend-store-uri",
            f"sqlite:///{self.tmp}/c.db",
            "--artifacts-destination",
            str(self.tmp / "art"),
        ]
        if self.kind == "mlflow":
            cmd += ["--workers", "1"]
        if self.admin_password is not None:
            cmd += ["--auth", "--admin-username", self.ADMIN_USERNAME]
        return cmd

    def start(self, timeout: float = 120.0) -> None:
        env = dict(os.environ)
        if self.admin_password is not None:
            env["TRACKLINE_ADMIN_PASSWORD"] = self.admin_password
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.tmp, env=env, start_new_session=True
            )
        try:
            wait_healthy(self.url, self.proc, timeout)
        except RuntimeError as exc:
            tail = self.log_tail()
            self.stop()
            raise RuntimeError(f"{exc}\n{tail}") from None

    def log_tail(self, limit: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-limit:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)
        self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


def stop_process_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started in a session of its own, with its whole process group (gunicorn
    and uvicorn run workers as children): SIGTERM, then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
