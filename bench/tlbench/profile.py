"""``python -m tlbench.profile``: where a Trackline server spends its time under one workload.

Starts a Trackline server, records its whole process tree with py-spy while the chosen workloads
run (full scale, one repeat), and prints the functions with the most samples: self time (the
frame on top of the stack) and inclusive time (anywhere on the stack). py-spy is not a project
dependency: install it anywhere (``python -m venv /tmp/spy && /tmp/spy/bin/pip install py-spy``)
and pass ``--py-spy /tmp/spy/bin/py-spy``.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from .base import Context
from .client import Client
from .runner import WORKLOAD_IDS, WORKLOADS
from .scale import SCALES
from .servers import TRACKLINE, Backend, ServerProcess, ServerSpec

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def _short(frame: str) -> str:
    """``func (path/to/module.py:12)`` -> ``func (module.py)``; site-packages paths shortened."""
    m = _FRAME.match(frame)
    if not m:
        return frame
    path = m.group("file")
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "trackline_server/" in path:
        path = "trackline_server/" + path.split("trackline_server/", 1)[1]
    else:
        path = Path(path).name
    return f"{m.group('func')} ({path})"


def summarize(raw: str, top: int) -> list[str]:
    self_counts: collections.Counter[str] = collections.Counter()
    incl_counts: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [_short(f) for f in stack.split(";") if not f.startswith("process ") and not f.startswith("thread ")]
        if not frames:
            continue
        total += n
        self_counts[frames[-1]] += n
        for f in set(frames):
            incl_counts[f] += n
    out = [f"{total} samples"]
    out.append("\nself (top of stack):")
    out += [f"  {100 * c / total:5.1f}%  {f}" for f, c in self_counts.most_common(top)]
    out.append("\ninclusive (on the stack), trackline_server and library entry points:")
    shown = 0
    for f, c in incl_counts.most_common():
        if shown >= top:
            break
        if "trackline_server/" in f or any(
            k in f for k in ("sqlalchemy/", "flask/", "werkzeug/", "orjson", "jsonschema")
        ):
            out.append(f"  {100 * c / total:5.1f}%  {f}")
            shown += 1
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tlbench.profile", description=__doc__)
    p.add_argument("--only", required=True, help=f"comma-separated workloads: {','.join(WORKLOAD_IDS)}")
    p.add_argument("--py-spy", default=shutil.which("py-spy") or "py-spy")
    p.add_argument("--trackline-bin", default=str(Path(sys.executable).with_name("trackline")))
    p.add_argument("--trackline-arg", action="append", default=[])
    p.add_argument("--workers", type=int)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--rate", type=int, default=250)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--raw", type=Path, help="keep py-spy's collapsed stacks in this file")
    args = p.parse_args(argv)
    wanted = args.only.split(",")
    workdir = Path(tempfile.mkdtemp(prefix="tlbench-profile-"))
    scale = replace(SCALES["quick" if args.quick else "full"], repeats=1)
    server = ServerProcess(
        ServerSpec(TRACKLINE, args.trackline_bin, args.workers, args.trackline_arg),
        Backend("sqlite", workdir),
        workdir,
        "p",
    )
    server.start()
    raw = args.raw or workdir / "stacks.txt"
    try:
        ctx = Context(TRACKLINE, server, Client(server.url), scale, workdir)
        workloads = [cls() for cls in WORKLOADS if cls.id in wanted]
        for w in workloads:  # setup (e.g. populating) is not profiled
            w.setup(ctx)
        spy = subprocess.Popen(
            [args.py_spy, "record", "--pid", str(server.pid), "--subprocesses", "--nonblocking"]
            + ["--rate", str(args.rate), "--format", "raw", "--output", str(raw)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(1.0)
        for w in workloads:
            started = time.perf_counter()
            result = w.measure(ctx, 0)
            print(f"{w.id}: {time.perf_counter() - started:.1f} s {result.values}")
        spy.send_signal(signal.SIGINT)
        _, err = spy.communicate(timeout=60)
        if spy.returncode not in (0, -signal.SIGINT) and not raw.exists():
            print(err.decode(errors="replace"), file=sys.stderr)
            return 1
        print("\n".join(summarize(raw.read_text(), args.top)))
    finally:
        server.stop()
        if not args.raw:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
