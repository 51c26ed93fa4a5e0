"""Fault 4: retries are safe: a write sent twice (its answer lost) is stored once."""

from __future__ import annotations

import concurrent.futures
import uuid

import requests

from conftest import new_experiment
from tlcluster import Cluster

API = "/api/2.0/mlflow"


def test_log_metric_and_log_batch_sent_twice_store_each_point_once(healthy: Cluster) -> None:
    url = healthy.layout.url
    experiment = new_experiment(healthy, "retries")
    run_id = requests.post(f"{url}{API}/runs/create", json={"experiment_id": experiment}, timeout=30).json()["run"][
        "info"
    ]["run_id"]
    point = {"run_id": run_id, "key": "loss", "value": 0.25, "timestamp": 1_700_000_000_000, "step": 3}
    batch = {
        "run_id": run_id,
        "metrics": [
            {"key": "acc", "value": 0.5, "timestamp": 1_700_000_000_001, "step": 1},
            {"key": "acc", "value": 0.6, "timestamp": 1_700_000_000_002, "step": 2},
        ],
        "params": [{"key": "lr", "value": "0.01"}],
        "tags": [{"key": "phase", "value": "train"}],
    }
    for _ in range(2):  # through nginx, so the two copies may reach different replicas
        assert requests.post(f"{url}{API}/runs/log-metric", json=point, timeout=30).status_code == 200
        assert requests.post(f"{url}{API}/runs/log-batch", json=batch, timeout=30).status_code == 200

    def history(key: str) -> list[dict[str, object]]:
        params = {"run_id": run_id, "metric_key": key}
        return requests.get(f"{url}{API}/metrics/get-history", params=params, timeout=30).json()["metrics"]

    assert [(m["step"], m["value"]) for m in history("loss")] == [(3, 0.25)]
    assert [(m["step"], m["value"]) for m in history("acc")] == [(1, 0.5), (2, 0.6)]
    run = requests.get(f"{url}{API}/runs/get", params={"run_id": run_id}, timeout=30).json()["run"]
    assert run["data"]["params"] == [{"key": "lr", "value": "0.01"}]


def test_runs_create_retried_with_the_same_key_returns_the_same_run(healthy: Cluster) -> None:
    url = healthy.layout.url
    experiment = new_experiment(healthy, "create-retries")
    body = {"experiment_id": experiment, "run_name": "retried"}

    def create(key: str) -> requests.Response:
        return requests.post(f"{url}{API}/runs/create", json=body, headers={"Idempotency-Key": key}, timeout=30)

    key = str(uuid.uuid4())
    first = create(key).json()["run"]["info"]["run_id"]
    assert create(key).json()["run"]["info"]["run_id"] == first
    # The same key from 6 clients at once, spread over the replicas: still that one run.
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: create(key), range(6)))
    assert {a.json()["run"]["info"]["run_id"] for a in answers} == {first}
    # Another key is another run; without a key every request creates one.
    assert create(str(uuid.uuid4())).json()["run"]["info"]["run_id"] != first
    found = requests.post(f"{url}{API}/runs/search", json={"experiment_ids": [experiment]}, timeout=30).json()
    assert len(found["runs"]) == 2
