"""`trackline gc` removes deleted runs for good: rows and proxied artifacts; experiment names come free."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import requests

from conftest import TRACKLINE, LiveServer


def test_gc_removes_deleted_runs_and_experiments(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/gc.db"
    server = server_factory(db, workers=1)
    api = server.api
    eid = requests.post(api("experiments/create"), json={"name": "reuse-me"}, timeout=10).json()["experiment_id"]
    runs = [
        requests.post(api("runs/create"), json={"experiment_id": eid}, timeout=10).json()["run"]["info"]
        for _ in range(3)
    ]
    for info in runs:
        rel = info["artifact_uri"].removeprefix("mlflow-artifacts:/")
        assert requests.put(
            f"{server.url}/api/2.0/mlflow-artifacts/artifacts/{rel}/model/w.bin", data=b"w", timeout=10
        ).ok
        requests.post(
            api("runs/log-metric"), json={"run_id": info["run_id"], "key": "m", "value": 1, "timestamp": 1}, timeout=10
        )
    artifacts = tmp_path / "artifacts"
    run_dirs = [artifacts / info["artifact_uri"].removeprefix("mlflow-artifacts:/") for info in runs]
    assert all(d.is_dir() for d in run_dirs)

    requests.post(api("runs/delete"), json={"run_id": runs[0]["run_id"]}, timeout=10)
    gc = [TRACKLINE, "gc", "--backend-store-uri", db, "--artifacts-destination", str(artifacts)]
    kept = subprocess.run([*gc, "--older-than", "1d"], capture_output=True, text=True, timeout=60)
    assert kept.returncode == 0 and "removed 0 runs" in kept.stdout, kept.stderr
    assert run_dirs[0].is_dir()

    out = subprocess.run(gc, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "removed 1 runs and 0 experiments" in out.stdout, out.stderr
    assert not run_dirs[0].exists() and run_dirs[1].is_dir()
    resp = requests.get(api("runs/get"), params={"run_id": runs[0]["run_id"]}, timeout=10)
    assert resp.status_code == 404

    active = subprocess.run([*gc, "--run-ids", runs[1]["run_id"]], capture_output=True, text=True, timeout=60)
    assert active.returncode != 0 and "not in the deleted state" in active.stderr

    requests.post(api("experiments/delete"), json={"experiment_id": eid}, timeout=10)
    assert requests.post(api("experiments/create"), json={"name": "reuse-me"}, timeout=10).status_code == 400
    out = subprocess.run([*gc, "--experiment-ids", eid], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "removed 2 runs and 1 experiments" in out.stdout, out.stderr
    assert not any(d.exists() for d in run_dirs)
    again = requests.post(api("experiments/create"), json={"name": "reuse-me"}, timeout=10)
    assert again.status_code == 200 and again.json()["experiment_id"] != eid
