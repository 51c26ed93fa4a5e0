"""Processes of the cluster: each started in its own process group, known by a PID file, stopped by PID."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import requests


class ClusterError(RuntimeError):
    pass


def start(
    command: Sequence[str], pid_file: Path, log: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> int:
    """Start ``command`` as the leader of a new process group; its PID goes to ``pid_file``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        proc = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
        )
    pid_file.write_text(f"{proc.pid}\n")
    return proc.pid


def read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child of this process that exited stays a zombie until reaped: reap it if so.
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return _not_zombie(pid)
    return done == 0


def _not_zombie(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, IndexError):
        return False
    return fields[0] != "Z"


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def kill_group(pgid: int, sig: signal.Signals = signal.SIGKILL) -> None:
    """``kill -SIG -- -PGID``: the leader and every process of its group."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def stop(pid_file: Path, timeout: float = 20.0) -> bool:
    """Stop the process group led by the PID in ``pid_file``: SIGTERM, then SIGKILL. True if one ran."""
    pid = read_pid(pid_file)
    if pid is None:
        return False
    was_running = group_alive(pid)
    if was_running:
        kill_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while group_alive(pid) and time.monotonic() < deadline:
            alive(pid)  # reaps the leader if it is a child of this process
            time.sleep(0.1)
        if group_alive(pid):
            kill_group(pid, signal.SIGKILL)
            wait_gone(pid, 10)
    pid_file.unlink(missing_ok=True)
    return was_running


def wait_gone(pgid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive(pgid)
        if not group_alive(pgid):
            return
        time.sleep(0.05)
    raise ClusterError(f"process group {pgid} still runs after {timeout:.0f} s")


def wait_until(what: str, ready: Callable[[], bool], timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.2)
    tail = ""
    if log is not None and log.exists():
        tail = "\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    raise ClusterError(f"{what} not ready after {timeout:.0f} s{tail}")


def answers(url: str, status: int = 200) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return requests.get(url, timeout=2).status_code == status
        except requests.RequestException:
            return False

    return check
