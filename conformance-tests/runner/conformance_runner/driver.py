"""Driver discovery and the JSON-lines conversation with a driver subprocess."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .capabilities import Capabilities, declared_capabilities
from .paths import DRIVERS_DIR

REQUEST_TIMEOUT = 120.0


@dataclass(frozen=True)
class DriverSpec:
    name: str
    executable: Path
    capabilities: Capabilities


def driver_spec(name: str, executable: Path) -> DriverSpec:
    """A driver and the capabilities declared in the driver.yaml beside its executable."""
    return DriverSpec(name, executable, declared_capabilities(executable))


def discover(directory: Path = DRIVERS_DIR) -> dict[str, DriverSpec]:
    """Every `drivers/<name>/run` executable."""
    found = {}
    for run in sorted(directory.glob("*/run")):
        if run.is_file() and os.access(run, os.X_OK):
            found[run.parent.name] = driver_spec(run.parent.name, run)
    return found


class DriverError(Exception):
    """The driver broke the protocol: it died, timed out or wrote something that is not an answer."""


class DriverProcess:
    """One running driver. Restarted on the next call after it dies."""

    def __init__(self, spec: DriverSpec, tracking_uri: str, extra_env: dict[str, str] | None = None) -> None:
        self.spec = spec
        self.tracking_uri = tracking_uri
        self.extra_env = dict(extra_env or {})
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")

    def _start(self) -> subprocess.Popen[str]:
        env = dict(os.environ, TRACKLINE_TRACKING_URI=self.tracking_uri, MLFLOW_TRACKING_URI=self.tracking_uri)
        env.update(self.extra_env)
        proc = subprocess.Popen(
            [str(self.spec.executable)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=self.spec.executable.parent,
        )
        self._lines = queue.Queue()
        threading.Thread(target=self._read, args=(proc, self._lines), daemon=True).start()
        self._proc = proc
        return proc

    @staticmethod
    def _read(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    def stderr_tail(self, limit: int = 2000) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        text = self._stderr.read()
        self._stderr.seek(0, os.SEEK_END)
        return text[-limit:]

    def call(
        self, op: str, args: dict[str, Any], auth: dict[str, str] | None = None, timeout: float = REQUEST_TIMEOUT
    ) -> dict[str, Any]:
        """One request; ``auth`` (when not None) is the step's own credentials, ``{}`` for none."""
        proc = self._proc if self._proc and self._proc.poll() is None else self._start()
        assert proc.stdin is not None
        request: dict[str, Any] = {"op": op, "args": args}
        if auth is not None:
            request["auth"] = auth
        try:
            proc.stdin.write(json.dumps(request) + "\n")
            proc.stdin.flush()
        except BrokenPipeError:
            raise DriverError(f"driver {self.spec.name} exited; stderr:\n{self.stderr_tail()}") from None
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            raise DriverError(f"driver {self.spec.name} gave no answer to {op} in {timeout:.0f} s") from None
        if line is None:
            self._proc = None
            raise DriverError(f"driver {self.spec.name} exited during {op}; stderr:\n{self.stderr_tail()}")
        try:
            answer = json.loads(line)
        except ValueError:
            raise DriverError(f"driver {self.spec.name} wrote a line that is not JSON: {line[:300]!r}") from None
        if not isinstance(answer, dict) or len(answer.keys() & {"ok", "error", "skipped"}) != 1:
            raise DriverError(f"driver {self.spec.name} wrote an answer of unknown shape: {line[:300]!r}")
        return answer

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(timeout=10)
        except (subprocess.TimeoutExpired, BrokenPipeError, OSError):
            proc.kill()
            proc.wait()
