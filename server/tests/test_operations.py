"""Readiness, Prometheus metrics and idempotent run creation, on a live server."""

from __future__ import annotations

import concurrent.futures
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy.exc import OperationalError

from conftest import LiveServer, free_port
from trackline_server.store.engine import Database


def _samples(text: str, name: str) -> dict[str, float]:
    """``{labels: value}`` of one series in Prometheus' text format."""
    out = {}
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            labels, _, value = line.rpartition(" ")
            out[labels[len(name) :]] = float(value)
    return out


def test_ready_reports_each_dependency(live_server: LiveServer) -> None:
    resp = requests.get(live_server.url + "/ready", timeout=10)
    assert resp.status_code == 200
    assert resp.json() == {"status": "ready", "checks": {"database": "ok", "artifact_store": "ok"}}


def test_metrics_count_requests_by_operation_across_workers(live_server: LiveServer) -> None:
    exp = requests.post(live_server.api("experiments/create"), json={"name": f"m-{uuid.uuid4().hex}"}, timeout=10)
    for _ in range(6):  # two workers: the requests land on both, the scrape adds them up
        requests.get(live_server.api("experiments/get"), params={"experiment_id": exp.json()["experiment_id"]})
    requests.get(live_server.api("experiments/get"), params={"experiment_id": "999999"}, timeout=10)
    requests.get(live_server.url + "/no/such/path", timeout=10)
    body = b"x" * 1000
    requests.put(live_server.url + "/api/2.0/mlflow-artifacts/artifacts/metrics-test/f.bin", data=body, timeout=10)
    requests.get(live_server.url + "/api/2.0/mlflow-artifacts/artifacts/metrics-test/f.bin", timeout=10)

    resp = requests.get(live_server.url + "/metrics", timeout=10)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = resp.text
    counts = _samples(text, "trackline_http_requests_total")
    assert counts['{method="GET",operation="getExperiment",status="200"}'] >= 6
    assert counts['{method="GET",operation="getExperiment",status="404"}'] >= 1
    assert counts['{method="GET",operation="unmatched",status="404"}'] >= 1
    latency = _samples(text, "trackline_http_request_duration_seconds_count")
    assert latency['{method="GET",operation="getExperiment",status="200"}'] >= 6
    moved = _samples(text, "trackline_artifact_bytes_total")
    assert moved['{direction="in"}'] >= 1000 and moved['{direction="out"}'] >= 1000
    pool = _samples(text, "trackline_db_pool_connections")
    assert pool['{state="open"}'] >= 1 and pool['{state="in_use"}'] >= 0
    assert _samples(text, "trackline_db_pool_capacity")[""] >= 24  # 2 workers, at least one pool each
    assert _samples(text, "trackline_db_pool_checkouts_total")[""] >= 8


def test_metrics_switched_off(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    server = server_factory(f"sqlite:///{tmp_path}/off.db", "--no-metrics", workers=1)
    resp = requests.get(server.url + "/metrics", timeout=10)
    assert resp.status_code == 404
    assert resp.json()["error_code"] == "ENDPOINT_NOT_FOUND"


def _create(server: LiveServer, key: str | None, **body: Any) -> requests.Response:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return requests.post(server.api("runs/create"), json=body, headers=headers, timeout=30)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_create_run_with_the_same_key_returns_the_same_run(
    kind: str, new_database: Callable[[str], str], server_factory: Callable[..., LiveServer]
) -> None:
    server = server_factory(new_database(kind))
    exp = requests.post(server.api("experiments/create"), json={"name": "idem"}, timeout=10).json()["experiment_id"]
    key = uuid.uuid4().hex
    first = _create(server, key, experiment_id=exp, run_name="once")
    assert first.status_code == 200
    again = _create(server, key, experiment_id=exp, run_name="once")
    assert again.status_code == 200
    assert again.json()["run"]["info"]["run_id"] == first.json()["run"]["info"]["run_id"]
    other = _create(server, uuid.uuid4().hex, experiment_id=exp, run_name="twice")
    assert other.json()["run"]["info"]["run_id"] != first.json()["run"]["info"]["run_id"]

    # The same new key from 8 clients at once: one run.
    racing = uuid.uuid4().hex
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _create(server, racing, experiment_id=exp, run_name="race"), range(8)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.json()["run"]["info"]["run_id"] for a in answers}) == 1
    found = requests.post(server.api("runs/search"), json={"experiment_ids": [exp]}, timeout=10).json()["runs"]
    assert sorted(r["info"]["run_name"] for r in found) == ["once", "race", "twice"]


def test_create_run_rejects_a_bad_key(live_server: LiveServer) -> None:
    resp = _create(live_server, "k" * 129)
    assert resp.status_code == 400
    assert resp.json()["error_code"] == "INVALID_PARAMETER_VALUE"


def test_a_database_that_refuses_connections_raises_sqlalchemy_errors() -> None:
    """The logging path's connection errors reach the app as SQLAlchemy's (answered 503), not the driver's."""
    db = Database(f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere")
    try:
        with pytest.raises(OperationalError) as raised:
            db.write_raw(lambda cursor: None)
        assert raised.value.connection_invalidated
    finally:
        db.dispose()
