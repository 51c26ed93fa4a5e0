"""PostgreSQL from Debian for the cluster, through scripts/postgres.sh, known by its postmaster's PID."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

from .layout import DATABASE, ROOT, Layout
from .processes import ClusterError, alive, read_pid, wait_gone

SCRIPT = ROOT / "scripts" / "postgres.sh"


def _env(layout: Layout) -> dict[str, str]:
    return {**os.environ, "TRACKLINE_PG_PORT": str(layout.pg_port), "TRACKLINE_PG_DIR": str(layout.path("postgres"))}


def start(layout: Layout) -> int:
    """Start the server (initialising it on first use), create the database; returns the postmaster's PID."""
    subprocess.run([str(SCRIPT), "install"], check=True)
    subprocess.run([str(SCRIPT), "start"], check=True, env=_env(layout), stdout=subprocess.DEVNULL)
    pid = read_pid(layout.path("postgres", "data", "postmaster.pid"))
    if pid is None or not alive(pid):
        raise ClusterError("PostgreSQL did not start: see .cluster/postgres/log")
    layout.pid_file("postgres").write_text(f"{pid}\n")
    _create_database(layout)
    return pid


def _create_database(layout: Layout) -> None:
    import psycopg2

    deadline = time.monotonic() + 30
    while True:
        try:
            conn = psycopg2.connect(layout.pg_admin_uri, connect_timeout=5)
            break
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        conn.close()


def stop(layout: Layout, mode: signal.Signals = signal.SIGINT, timeout: float = 60) -> bool:
    """Stop the postmaster by its PID: SIGINT is a fast shutdown, SIGQUIT an immediate one (a crash)."""
    pid_file = layout.pid_file("postgres")
    pid = read_pid(pid_file)
    if pid is None:
        return False
    running = alive(pid)
    if running:
        os.kill(pid, mode)
        wait_gone(pid, timeout)
    pid_file.unlink(missing_ok=True)
    return running


def restart_after_crash(layout: Layout, down_for: float) -> int:
    """An immediate shutdown (no checkpoint; the restart replays the log), ``down_for`` seconds down, a start."""
    stop(layout, signal.SIGQUIT)
    time.sleep(down_for)
    return start(layout)


def remove(layout: Layout) -> None:
    shutil.rmtree(layout.path("postgres"), ignore_errors=True)
