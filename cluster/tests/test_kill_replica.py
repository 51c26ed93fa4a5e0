"""Fault 1: a replica killed with kill -9 (its whole process group) under 8 logging clients, then restarted."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from conftest import new_experiment
from tlcluster import Cluster, ledger
from tlcluster.processes import alive

CLIENTS = 8
SECONDS = 24
MAX_STEPS = 5000
VICTIM = 1  # the second replica


def _requests_served(cluster: Cluster, index: int) -> float:
    text = requests.get(cluster.layout.replica_url(index) + "/metrics", timeout=10).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("trackline_http_requests_total{") and 'operation="logMetric"' in line
    )


def test_nothing_acknowledged_is_lost_when_a_replica_is_killed(healthy: Cluster, tmp_path: Path) -> None:
    cluster = healthy
    experiment = new_experiment(cluster, "kill-replica")
    pool, pending = ledger.start_clients(cluster.layout.url, experiment, CLIENTS, SECONDS, MAX_STEPS, tmp_path)

    time.sleep(6)
    old_pid = cluster.replica_pid(VICTIM)
    assert old_pid is not None
    killed = cluster.kill_replica(VICTIM)
    assert killed == old_pid and not alive(old_pid)
    time.sleep(2)  # the load goes on with two replicas
    new_pid = cluster.start_replica(VICTIM)
    assert new_pid != old_pid

    reports = ledger.collect(pool, pending, tmp_path, CLIENTS, timeout=SECONDS + 120)
    errors = [e for r in reports for e in r.errors]
    assert errors == [], errors[:10]
    retried = sum((r.retried for r in reports), start=ledger.Counter())
    # Only retryable failures, each a 503 in the error envelope with Retry-After (nginx turns a
    # request lost with the replica into one), or a connection error.
    assert set(retried) <= {"503", "502", "504", "ConnectionError"}, retried

    result = ledger.check(cluster.layout, experiment, reports)
    assert result.acked["metric"] > 1000, result.acked  # the load was real
    assert result.acked["artifact"] > 20, result.acked
    assert result.missing == [], result.missing[:10]
    assert result.duplicates == [], result.duplicates[:10]
    assert result.runs_in_experiment == CLIENTS  # retried runs/create made no second run

    # The restarted replica is back in nginx's rotation and served part of the load.
    assert _requests_served(cluster, VICTIM) > 0
    print(f"acknowledged {dict(result.acked)}; retried {dict(retried)}")
