"""The fault tests run against the local cluster that `make test-cluster` starts (or start one here)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from tlcluster import Cluster, Layout
from tlcluster.processes import answers, wait_until


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    layout = Layout.from_env()
    cluster = Cluster(layout)
    started_here = not answers(layout.url + "/ready")()
    if started_here:
        layout.directory.mkdir(parents=True, exist_ok=True)
        cluster.up()
    yield cluster
    if started_here:
        cluster.down()


@pytest.fixture
def healthy(cluster: Cluster) -> Iterator[Cluster]:
    """The cluster, every replica and nginx answering /ready, before and after the test."""
    _wait_ready(cluster)
    yield cluster
    _wait_ready(cluster)


def _wait_ready(cluster: Cluster) -> None:
    layout = cluster.layout
    for index in range(layout.replicas):
        wait_until(f"replica {index + 1}", answers(layout.replica_url(index) + "/ready"), 60)
    wait_until("nginx", answers(layout.url + "/ready"), 30)


def new_experiment(cluster: Cluster, label: str) -> str:
    resp = requests.post(
        cluster.layout.url + "/api/2.0/mlflow/experiments/create",
        json={"name": f"{label}-{uuid.uuid4().hex[:8]}"},
        timeout=30,
    )
    resp.raise_for_status()
    return str(resp.json()["experiment_id"])
