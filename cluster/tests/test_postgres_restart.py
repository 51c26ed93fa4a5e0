"""Fault 2: PostgreSQL crashes and restarts under load; the replicas recover by themselves."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import requests

from conftest import new_experiment
from tlcluster import Cluster, ledger, postgres
from tlcluster.processes import answers, wait_until

CLIENTS = 6
SECONDS = 18
MAX_STEPS = 5000
DOWN_FOR = 3.0


def test_replicas_answer_503_while_postgres_is_down_and_recover(healthy: Cluster, tmp_path: Path) -> None:
    cluster = healthy
    layout = cluster.layout
    replica_pids = [cluster.replica_pid(i) for i in range(layout.replicas)]
    experiment = new_experiment(cluster, "pg-restart")
    pool, pending = ledger.start_clients(layout.url, experiment, CLIENTS, SECONDS, MAX_STEPS, tmp_path)

    time.sleep(4)
    postgres.stop(layout, mode=signal.SIGQUIT)  # an immediate shutdown: like a crash
    down_at = time.monotonic()
    ready = requests.get(layout.replica_url(0) + "/ready", timeout=10)
    assert ready.status_code == 503 and ready.headers["Retry-After"] == "1"
    assert ready.json()["checks"]["database"].startswith("unavailable")
    direct = requests.post(layout.replica_url(0) + "/api/2.0/mlflow/experiments/create", json={"name": "x"}, timeout=10)
    assert direct.status_code == 503 and direct.headers["Retry-After"] == "1"
    assert direct.json()["error_code"] == "TEMPORARILY_UNAVAILABLE"
    # A worker that dies during the outage is replaced by one that boots without the database.
    master = replica_pids[-1]
    worker = int(Path(f"/proc/{master}/task/{master}/children").read_text().split()[0])
    os.kill(worker, signal.SIGKILL)
    time.sleep(max(0.0, DOWN_FOR - (time.monotonic() - down_at)))
    postgres.start(layout)

    # Every replica answers again without a restart (same masters), ready within seconds.
    for index in range(layout.replicas):
        wait_until(f"replica {index + 1} ready", answers(layout.replica_url(index) + "/ready"), 20)
    assert [cluster.replica_pid(i) for i in range(layout.replicas)] == replica_pids

    reports = ledger.collect(pool, pending, tmp_path, CLIENTS, timeout=SECONDS + 120)
    errors = [e for r in reports for e in r.errors]
    assert errors == [], errors[:10]  # never a 500, never a non-retryable failure
    retried = sum((r.retried for r in reports), start=ledger.Counter())
    assert retried["503"] > 0, retried  # the clients did see the outage...
    assert set(retried) == {"503"}, retried  # ...only as 503 with Retry-After in the envelope

    result = ledger.check(layout, experiment, reports)
    assert result.acked["metric"] > 500, result.acked
    assert result.missing == [], result.missing[:10]
    assert result.duplicates == [], result.duplicates[:10]
    assert result.runs_in_experiment == CLIENTS
    print(f"acknowledged {dict(result.acked)}; retried {dict(retried)}")
