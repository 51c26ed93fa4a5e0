"""The command's process: started with bash in a process group of its own, and stopped as a
group, so that whatever it started stops with it.

The group is not the caller's: a Ctrl-C at the terminal reaches only the caller, which then
stops the run's group on purpose (and records the run as KILLED) instead of racing it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

__all__ = ["STOP_GRACE_SECONDS", "start_command", "stop_group"]

#: How long a stopped command has to exit after SIGTERM before its group gets SIGKILL.
STOP_GRACE_SECONDS = 10.0


def start_command(command: str, cwd: Path, env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """``bash -c command`` in ``cwd``, its output going where the caller's goes."""
    return subprocess.Popen(["bash", "-c", command], cwd=cwd, env=dict(env), process_group=0, close_fds=True)


def _group_alive(pgid: int) -> bool:
    """Whether a process of the group still runs. Zombies do not count: once a process has
    exited, its parent (or init) reaping it is not the run's business."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
            return True
    return False


def stop_group(process: subprocess.Popen[bytes], grace: float = STOP_GRACE_SECONDS) -> None:
    """SIGTERM to the command's process group, then SIGKILL to what is left of it after
    ``grace`` seconds. Returns once the group is gone (or SIGKILL was sent)."""
    pgid = process.pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _group_alive(pgid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
