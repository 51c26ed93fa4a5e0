"""Memory and CPU of a server's whole process tree, read from /proc (Linux only)."""

from __future__ import annotations

import os
from dataclasses import dataclass

_TICKS = os.sysconf("SC_CLK_TCK")


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(name))
    return children


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants that are alive now."""
    children = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if os.path.exists(f"/proc/{pid}"):
            out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return 0
    fields = stat[stat.rfind(b")") + 2 :].split()
    # utime, stime, cutime, cstime: fields 14-17 of proc(5), 12-15 after the command name.
    return sum(int(x) for x in fields[11:15])


@dataclass(frozen=True)
class TreeMemory:
    processes: int
    rss_mib: float
    pss_mib: float


def tree_memory(root: int) -> TreeMemory:
    """RSS summed over the tree (shared pages counted in every process) and PSS (shared pages split)."""
    pids = process_tree(root)
    rss = sum(_status_kib(p, "VmRSS") for p in pids)
    pss = sum(_pss_kib(p) for p in pids)
    return TreeMemory(len(pids), rss / 1024, pss / 1024)


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU time of the tree so far (with reaped children's time)."""
    return sum(_cpu_ticks(p) for p in process_tree(root)) / _TICKS
