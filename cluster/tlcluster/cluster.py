"""The local cluster: PostgreSQL, SeaweedFS, one schema upgrade, N Trackline replicas, nginx in front."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from . import nginx, postgres, seaweed
from .layout import DEPLOY, Layout
from .processes import ClusterError, answers, kill_group, read_pid, start, stop, wait_gone, wait_until

ENV_FILE = DEPLOY / "trackline.env"


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines, as systemd's EnvironmentFile reads them (comments and blank lines skipped)."""
    out: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ClusterError(f"{path}: not a KEY=VALUE line: {line!r}")
        out[key.strip()] = value.strip()
    return out


class Cluster:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    # ------------------------------------------------------------------ environment

    def replica_env(self) -> dict[str, str]:
        """deploy/trackline.env, with this cluster's addresses and keys."""
        layout = self.layout
        return {
            **os.environ,
            **read_env_file(ENV_FILE),
            **seaweed.client_env(layout),
            "TRACKLINE_BACKEND_STORE_URI": layout.database_uri,
            "TRACKLINE_ARTIFACTS_DESTINATION": layout.artifacts_destination,
            "TRACKLINE_HOST": "127.0.0.1",
        }

    # ------------------------------------------------------------------ replicas

    def replica_name(self, index: int) -> str:
        return f"replica-{index + 1}"

    def replica_pid(self, index: int) -> int | None:
        return read_pid(self.layout.pid_file(self.replica_name(index)))

    def start_replica(self, index: int, timeout: float = 60) -> int:
        layout = self.layout
        name = self.replica_name(index)
        port = layout.replica_port + index
        command = [
            layout.executable("trackline"),
            "server",
            "--port",
            str(port),
            "--metrics-dir",
            str(layout.path(name, "metrics")),
        ]
        log = layout.path("logs", f"{name}.log")
        pid = start(command, layout.pid_file(name), log, env=self.replica_env(), cwd=layout.directory)
        wait_until(name, answers(layout.replica_url(index) + "/health"), timeout, log)
        return pid

    def kill_replica(self, index: int) -> int:
        """``kill -9 -- -PGID`` of a replica: gunicorn's master and its workers at once."""
        pid = self.replica_pid(index)
        if pid is None:
            raise ClusterError(f"{self.replica_name(index)} is not running")
        kill_group(pid, signal.SIGKILL)
        wait_gone(pid, 10)
        self.layout.pid_file(self.replica_name(index)).unlink(missing_ok=True)
        return pid

    def stop_replica(self, index: int) -> bool:
        return stop(self.layout.pid_file(self.replica_name(index)))

    def running_replicas(self) -> list[int]:
        return sorted(
            int(p.stem.split("-")[1]) - 1 for p in self.layout.directory.glob("replica-*.pid") if p.stem[8:].isdigit()
        )

    def scale(self, replicas: int) -> None:
        """Serve through the first ``replicas`` replicas: start the missing ones, reload nginx, stop the rest."""
        running = set(self.running_replicas())
        for index in range(replicas):
            if index not in running:
                self.start_replica(index)
        nginx.reload(self.layout, replicas)
        for index in sorted(running):
            if index >= replicas:
                self.stop_replica(index)

    # ------------------------------------------------------------------ the whole

    def migrate(self) -> None:
        log = self.layout.path("logs", "db-upgrade.log")
        with log.open("ab") as out:
            done = subprocess.run(
                [self.layout.executable("trackline"), "db", "upgrade"],
                env=self.replica_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if done.returncode != 0:
            raise ClusterError(f"trackline db upgrade failed: see {log}")

    def up(self) -> str:
        layout = self.layout
        layout.path("logs").mkdir(parents=True, exist_ok=True)
        try:
            postgres.start(layout)
            seaweed.up(layout)
            self.migrate()
            for index in range(layout.replicas):
                self.start_replica(index)
            nginx.up(layout, layout.replicas)
            wait_until("nginx", answers(layout.url + "/ready"), 30, layout.path("logs", "nginx-error.log"))
        except BaseException:
            self.down()
            raise
        return layout.url

    def down(self, wipe: bool = False) -> list[str]:
        """Stop every part by its PID; with ``wipe``, remove the cluster's data too."""
        stopped = []
        layout = self.layout
        if nginx.down(layout):
            stopped.append("nginx")
        for path in sorted(layout.directory.glob("replica-*.pid")):
            if stop(path):
                stopped.append(path.stem)
        if seaweed.down(layout):
            stopped.append("seaweedfs")
        if postgres.stop(layout):
            stopped.append("postgres")
        if wipe:
            shutil.rmtree(layout.directory, ignore_errors=True)
        return stopped

    def status(self) -> dict[str, int | None]:
        from .processes import alive

        out: dict[str, int | None] = {}
        for path in sorted(self.layout.directory.glob("*.pid")):
            pid = read_pid(path)
            out[path.stem] = pid if pid is not None and alive(pid) else None
        return out
