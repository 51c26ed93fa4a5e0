"""``python -m tlbench``: benchmark a Trackline server against a real MLflow server, side by side."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import report
from .loop import ID as LOOP_ID
from .loop import loop_commands, run_loops
from .nowork import floor_lines
from .runner import WORKLOAD_IDS, Runner
from .scale import SCALES
from .scoring import ID as SCORING_ID
from .scoring import run_scoring, scoring_command
from .servers import MLFLOW, TRACKLINE, Backend, ServerSpec

ROOT = Path(__file__).resolve().parents[2]
MLFLOW_VERSION = "3.17.2"
ALL_IDS = (*WORKLOAD_IDS, SCORING_ID, LOOP_ID)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tlbench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="tiny counts and one repeat (a smoke test of the harness)")
    p.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    p.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    p.add_argument(
        "--backend", choices=("sqlite", "postgres"), default=os.environ.get("BACKEND") or "sqlite", help="database kind"
    )
    p.add_argument("--postgres-admin-uri", help="admin URI of a PostgreSQL server (fresh databases are made there)")
    p.add_argument("--mlflow-bin", default=str(ROOT / ".venv-mlflow" / "bin" / "mlflow"))
    p.add_argument("--trackline-bin", default=str(Path(sys.executable).with_name("trackline")))
    p.add_argument("--mlflow-workers", type=int, help="default: MLflow's own default")
    p.add_argument("--trackline-workers", type=int, help="default: Trackline's own default")
    p.add_argument("--trackline-arg", action="append", default=[], help="an extra argument for `trackline server`")
    p.add_argument("--servers", default="mlflow,trackline", help="comma-separated subset (for profiling one side)")
    p.add_argument(
        "--auth",
        action="store_true",
        help="Trackline with --auth, every request signed in as a user who is not an admin (with --servers trackline)",
    )
    p.add_argument("--only", help=f"comma-separated workloads to run: {','.join(ALL_IDS)}")
    p.add_argument(
        "--scoring-arg",
        action="append",
        default=[],
        metavar="SERVER=ARG",
        help="an extra argument for one side's `models serve`, e.g. trackline=--workers=1 (repeatable)",
    )
    p.add_argument("--workdir", type=Path, help="where databases, artifacts and logs go (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    p.add_argument("--render", type=Path, help="print the tables of a saved --json file instead of running")
    return p


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise SystemExit(f"tlbench: cannot run {' '.join(cmd)}: {exc}") from None
    return out.strip().split()[-1]


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"nproc": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        info["loadavg_start"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    return info


def _shown(command: list[str]) -> str:
    """A command line as recorded in the results: paths inside the repository made relative."""
    root = str(ROOT) + os.sep
    return " ".join(part.removeprefix(root) for part in command)


def _print_tables(doc: dict[str, Any], markdown: Path | None) -> None:
    meta = doc["meta"]
    versions = meta["versions"]
    print(
        f"MLflow {versions.get('mlflow', '-')} vs Trackline {versions.get('trackline', '-')}, {meta['backend']}, "
        f"{meta['scale']} scale (medians of {meta.get('repeats', 3)}); ratio = how many times better"
    )
    print("\n".join(report.table_lines(doc)))
    floor = floor_lines(doc)
    if floor:
        print("\n" + "\n".join(floor))
    notes = report.notes_lines(doc)
    if notes:
        print("\nnotes:\n" + "\n".join(notes))
    if markdown:
        markdown.write_text("\n".join(report.markdown_lines(doc) + ([""] + floor if floor else [])) + "\n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.render:
        _print_tables(json.loads(args.render.read_text()), args.markdown)
        return 0
    scale = SCALES["quick" if args.quick else "full"]
    wanted = [s.strip() for s in args.servers.split(",") if s.strip()]
    if not wanted or any(s not in (MLFLOW, TRACKLINE) for s in wanted):
        raise SystemExit("tlbench: --servers takes mlflow and/or trackline")
    if args.auth and MLFLOW in wanted:
        raise SystemExit("tlbench: --auth measures Trackline with and without auth: use it with --servers trackline")
    only = [w.strip() for w in args.only.split(",")] if args.only else None
    if only and any(w not in ALL_IDS for w in only):
        raise SystemExit(f"tlbench: --only takes {','.join(ALL_IDS)}")
    tracking_selected = only is None or any(w in WORKLOAD_IDS for w in only)
    loop_selected = only is None or LOOP_ID in only
    scoring_args: dict[str, list[str]] = {}
    for item in args.scoring_arg:
        side, _, value = item.partition("=")
        if side not in (MLFLOW, TRACKLINE) or not value:
            raise SystemExit("tlbench: --scoring-arg takes mlflow=ARG or trackline=ARG")
        scoring_args.setdefault(side, []).append(value)

    versions: dict[str, str] = {}
    specs = []
    if MLFLOW in wanted:
        versions["mlflow"] = _version([args.mlflow_bin, "--version"])
        if versions["mlflow"] != MLFLOW_VERSION:
            raise SystemExit(f"tlbench: {args.mlflow_bin} is MLflow {versions['mlflow']}, expected {MLFLOW_VERSION}")
        specs.append(ServerSpec(MLFLOW, args.mlflow_bin, args.mlflow_workers))
    if TRACKLINE in wanted:
        versions["trackline"] = _version([args.trackline_bin, "--version"])
        specs.append(
            ServerSpec(TRACKLINE, args.trackline_bin, args.trackline_workers, list(args.trackline_arg), args.auth)
        )

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tlbench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    backend = Backend(args.backend, workdir, args.postgres_admin_uri)
    meta = {
        "scale": scale.name,
        "repeats": scale.repeats,
        "backend": args.backend,
        "auth": args.auth,
        "versions": versions,
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commands": {s.name: _shown(s.command(0, "<uri>", Path("<dir>"))) for s in specs}
        if tracking_selected or loop_selected
        else {},
    }
    print(f"tlbench: {scale.name} scale, {args.backend}, work directory {workdir}", flush=True)
    started = time.perf_counter()
    log = lambda m: print(m, flush=True)  # noqa: E731
    try:
        doc: dict[str, Any] = {"sections": [], "failures": []}
        if tracking_selected:
            doc = Runner(specs, backend, scale, workdir, only, log=log).run()
        if only is None or SCORING_ID in only:
            executables = {s.name: s.executable for s in specs}
            section, failures = run_scoring(scale.name, executables, workdir, scoring_args, log=log)
            meta["scoring_commands"] = {
                name: _shown(scoring_command(name, exe, Path("<model>"), 0, scoring_args.get(name, [])))
                for name, exe in executables.items()
            }
            doc["sections"].append(section)
            doc["failures"] += failures
        if loop_selected:
            meta["loop_commands"] = loop_commands()
            section, failures = run_loops(scale.name, specs, backend, workdir, log=log)
            doc["sections"].append(section)
            doc["failures"] += failures
    finally:
        backend.cleanup()
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    meta["duration_s"] = round(time.perf_counter() - started, 1)
    meta["machine"]["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    doc = {"meta": meta, **doc}

    print()
    _print_tables(doc, args.markdown)
    if args.json:
        report.write_json(doc, args.json)
    if doc["failures"]:
        print("\nFAILED:\n" + "\n".join(f"- {f}" for f in doc["failures"]))
        return 3
    return 0
