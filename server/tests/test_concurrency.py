"""Concurrent writers through gunicorn: nothing acknowledged is lost, nothing fails."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from conftest import LiveServer

WRITERS = 8
POINTS = 200


def _writer(server: LiveServer, run_id: str, writer: int) -> list[int]:
    statuses = []
    with requests.Session() as session:
        for step in range(POINTS):
            body: dict[str, Any] = {
                "run_id": run_id,
                "key": f"w{writer}",
                "value": step * 0.5,
                "timestamp": 1000 + step,
                "step": step,
            }
            statuses.append(session.post(server.api("runs/log-metric"), json=body, timeout=60).status_code)
            if step % 50 == 0:
                tag = {"run_id": run_id, "key": f"tag{writer}", "value": str(step)}
                statuses.append(session.post(server.api("runs/set-tag"), json=tag, timeout=60).status_code)
    return statuses


def test_eight_concurrent_writers(backend_uri: str, server_factory: Callable[..., LiveServer]) -> None:
    server = server_factory(backend_uri, workers=3)
    run_id = requests.post(server.api("runs/create"), json={"experiment_id": "0"}, timeout=30).json()["run"]["info"][
        "run_id"
    ]
    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(lambda w: _writer(server, run_id, w), range(WRITERS)))
    errors = [s for statuses in results for s in statuses if s != 200]
    assert errors == []
    for writer in range(WRITERS):
        resp = requests.get(
            server.api("metrics/get-history"), params={"run_id": run_id, "metric_key": f"w{writer}"}, timeout=30
        )
        points = resp.json()["metrics"]
        assert [p["step"] for p in points] == list(range(POINTS))
        assert [p["value"] for p in points] == [s * 0.5 for s in range(POINTS)]
    run = requests.get(server.api("runs/get"), params={"run_id": run_id}, timeout=30).json()["run"]
    latest = {m["key"]: m for m in run["data"]["metrics"]}
    assert all(latest[f"w{w}"]["step"] == POINTS - 1 for w in range(WRITERS))
    tags = {t["key"]: t["value"] for t in run["data"]["tags"]}
    assert all(tags[f"tag{w}"] == "150" for w in range(WRITERS))
    assert "database is locked" not in server.log.read_text()
