"""Progress bars: shown for large transfers on a terminal, never when stderr is not one.

Each case runs an upload and a download of a 6 MiB file in a separate Python process against
a live server, with stderr going to a pipe or to a pseudo-terminal.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from trackline import _progress
from trackline._progress import PROGRESS_MIN_BYTES, progress_enabled

SCRIPT = """
import os, sys
from trackline import TracklineClient
size = int(sys.argv[2])
with open(sys.argv[3], "wb") as f:
    f.write(os.urandom(size))
with TracklineClient(sys.argv[1]) as client:
    run_id = client.create_run(client.create_experiment(sys.argv[4])).info.run_id
    client.log_artifact(run_id, sys.argv[3])
    out = client.download_artifacts(run_id, os.path.basename(sys.argv[3]), sys.argv[5])
    assert os.path.getsize(out) == size
print("done", flush=True)
"""

BIG = 6 * 1024 * 1024


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    env.update(extra)
    return env


def run_with_stderr_on_a_terminal(args: list[str], env: dict[str, str], columns: int = 100) -> tuple[int, str, str]:
    """Runs ``args`` with stderr on a pseudo-terminal ``columns`` wide (0: a terminal that
    does not say); returns (status, stdout, what the terminal showed)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL, env=env)
    os.close(terminal)
    seen = bytearray()

    def read_terminal() -> None:
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()
    stdout, _ = process.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(controller)
    return process.returncode, stdout.decode(), seen.decode(errors="replace")


def script_args(server_url: str, tmp_path: Path, unique: str, size: int) -> list[str]:
    return [
        sys.executable,
        "-c",
        SCRIPT,
        server_url,
        str(size),
        str(tmp_path / "big.bin"),
        unique,
        str(tmp_path / "out"),
    ]


def test_no_bar_when_stderr_is_not_a_terminal(server_url: str, tmp_path: Path, unique: str) -> None:
    done = subprocess.run(
        script_args(server_url, tmp_path, unique, BIG),
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
    assert done.stderr == ""  # no bar, no carriage returns, nothing


@pytest.mark.parametrize("columns", [100, 0])
def test_bar_on_a_terminal(server_url: str, tmp_path: Path, unique: str, columns: int) -> None:
    status, stdout, terminal = run_with_stderr_on_a_terminal(
        script_args(server_url, tmp_path, unique, BIG), clean_env(), columns
    )
    assert (status, stdout.strip()) == (0, "done"), terminal
    assert "big.bin:   0%" in terminal
    assert "100%|" in terminal
    assert "6.00M/6.00M" in terminal
    lines = [line.rstrip() for line in terminal.split("\r") if line.strip()]
    assert max(len(line) for line in lines) <= (columns or 80)


def test_no_bar_on_a_terminal_when_turned_off_or_small(server_url: str, tmp_path: Path, unique: str) -> None:
    off = clean_env(MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR="false")
    status, stdout, terminal = run_with_stderr_on_a_terminal(script_args(server_url, tmp_path, unique, BIG), off)
    assert (status, stdout.strip(), terminal) == (0, "done", "")
    (tmp_path / "small").mkdir()
    status, stdout, terminal = run_with_stderr_on_a_terminal(
        script_args(server_url, tmp_path / "small", unique + "-s", PROGRESS_MIN_BYTES - 1),
        clean_env(),
    )
    assert (status, stdout.strip(), terminal) == (0, "done", "")


def test_progress_enabled_follows_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKLINE_ENABLE_ARTIFACTS_PROGRESS_BAR", raising=False)
    monkeypatch.delenv("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress_enabled(10 * PROGRESS_MIN_BYTES)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    assert progress_enabled(PROGRESS_MIN_BYTES)
    assert not progress_enabled(PROGRESS_MIN_BYTES - 1)
    monkeypatch.setenv("TRACKLINE_ENABLE_ARTIFACTS_PROGRESS_BAR", "0")
    assert not progress_enabled(PROGRESS_MIN_BYTES)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.delenv("TRACKLINE_ENABLE_ARTIFACTS_PROGRESS_BAR")
    assert not progress_enabled(PROGRESS_MIN_BYTES)
    assert _progress._stderr_is_terminal() is False
