"""Fault 3: the object store down: artifact operations answer 503, tracking goes on, uploads resume."""

from __future__ import annotations

import hashlib

import requests

from conftest import new_experiment
from tlcluster import Cluster, seaweed

API = "/api/2.0/mlflow"
ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts"


def _unavailable(resp: requests.Response) -> bool:
    return (
        resp.status_code == 503
        and resp.headers.get("Retry-After") == "1"
        and resp.json()["error_code"] == "TEMPORARILY_UNAVAILABLE"
    )


def test_artifacts_answer_503_while_the_store_is_down_and_tracking_goes_on(healthy: Cluster) -> None:
    cluster = healthy
    url = cluster.layout.url
    experiment = new_experiment(cluster, "s3-down")
    run = requests.post(f"{url}{API}/runs/create", json={"experiment_id": experiment}, timeout=30).json()["run"]
    run_id = run["info"]["run_id"]
    base = run["info"]["artifact_uri"].removeprefix("mlflow-artifacts:/")
    before = b"written before the outage\n" * 1000
    assert requests.put(f"{url}{ARTIFACTS}/{base}/before.txt", data=before, timeout=30).status_code == 200

    assert seaweed.down(cluster.layout)
    seaweed.wait_down(cluster.layout)
    try:
        during = b"x" * 200_000
        assert _unavailable(requests.put(f"{url}{ARTIFACTS}/{base}/during.txt", data=during, timeout=30))
        assert _unavailable(requests.get(f"{url}{ARTIFACTS}/{base}/before.txt", timeout=30))
        assert _unavailable(requests.get(f"{url}{ARTIFACTS}", params={"path": base}, timeout=30))
        assert _unavailable(requests.delete(f"{url}{ARTIFACTS}/{base}/before.txt", timeout=30))
        listed = requests.get(f"{url}{API}/artifacts/list", params={"run_id": run_id}, timeout=30)
        assert _unavailable(listed)
        ready = requests.get(cluster.layout.replica_url(0) + "/ready", timeout=30)
        assert ready.status_code == 503
        assert ready.json()["checks"] == {
            "database": "ok",
            "artifact_store": "unavailable (EndpointConnectionError)",
        }

        # Tracking does not need the object store.
        for step in range(20):
            point = {"run_id": run_id, "key": "loss", "value": step, "timestamp": 1_700_000_000_000, "step": step}
            assert requests.post(f"{url}{API}/runs/log-metric", json=point, timeout=30).status_code == 200
        other = requests.post(f"{url}{API}/runs/create", json={"experiment_id": experiment}, timeout=30)
        assert other.status_code == 200
        history = requests.get(
            f"{url}{API}/metrics/get-history", params={"run_id": run_id, "metric_key": "loss"}, timeout=30
        ).json()
        assert len(history["metrics"]) == 20
    finally:
        seaweed.up(cluster.layout)

    # Uploads resume, and what was stored before is still there.
    assert requests.put(f"{url}{ARTIFACTS}/{base}/during.txt", data=during, timeout=30).status_code == 200
    got = requests.get(f"{url}{ARTIFACTS}/{base}/before.txt", timeout=30)
    assert got.status_code == 200 and hashlib.md5(got.content).digest() == hashlib.md5(before).digest()
    listing = requests.get(f"{url}{API}/artifacts/list", params={"run_id": run_id}, timeout=30).json()
    assert sorted(f["path"] for f in listing["files"]) == ["before.txt", "during.txt"]
