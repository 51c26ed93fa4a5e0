"""log_batch splitting and metric history paging, at size, against live servers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from trackline import Metric, Param, RunTag, TracklineClient


class Recorder:
    """Keeps the requests a client sends to one endpoint."""

    def __init__(self, client: TracklineClient, path_suffix: str) -> None:
        self.path_suffix = path_suffix
        self.requests: list[httpx.Request] = []
        self._http = client.api.get_httpx_client()
        self._saved = dict(self._http.event_hooks)
        hooks = dict(self._saved)
        hooks["request"] = [*hooks.get("request", []), self._record]
        self._http.event_hooks = hooks

    def _record(self, request: httpx.Request) -> None:
        if request.url.path.endswith(self.path_suffix):
            self.requests.append(request)

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]

    def close(self) -> None:
        self._http.event_hooks = self._saved


@pytest.fixture
def record(client: TracklineClient) -> Iterator[Any]:
    recorders: list[Recorder] = []

    def start(path_suffix: str) -> Recorder:
        recorders.append(Recorder(client, path_suffix))
        return recorders[-1]

    yield start
    for recorder in reversed(recorders):
        recorder.close()


def test_log_batch_splits_5000_metrics_into_compliant_requests(
    client: TracklineClient, unique: str, record: Any
) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    keys = [f"m{k}" for k in range(5)]
    metrics = [
        Metric(key, step * 0.001 + k, 1_700_000_000_000 + step, step)
        for k, key in enumerate(keys)
        for step in range(1000)
    ]
    params = [Param(f"p{i}", str(i)) for i in range(150)]
    tags = [RunTag(f"t{i}", f"v{i}") for i in range(250)]
    batches = record("/runs/log-batch")

    client.log_batch(run_id, metrics, params, tags)

    bodies = batches.bodies()
    for body in bodies:
        counts = [len(body.get(part, [])) for part in ("metrics", "params", "tags")]
        assert counts[0] <= 1000
        assert counts[1] <= 100
        assert counts[2] <= 100
        assert sum(counts) <= 1000
    assert len(bodies) == 6  # 5400 entries, at most 1000 per request
    assert sum(len(b.get("metrics", [])) for b in bodies) == 5000

    for k, key in enumerate(keys):
        history = client.get_metric_history(run_id, key)
        assert [(m.step, m.timestamp, m.value) for m in history] == [
            (step, 1_700_000_000_000 + step, step * 0.001 + k) for step in range(1000)
        ]
    data = client.get_run(run_id).data
    assert data.params == {f"p{i}": str(i) for i in range(150)}
    assert {k: v for k, v in data.tags.items() if k.startswith("t")} == {f"t{i}": f"v{i}" for i in range(250)}


def test_metric_history_pages_through_50000_points(client: TracklineClient, unique: str, record: Any) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    n = 50_000
    client.log_batch(run_id, [Metric("loss", 1.0 / (s + 1), 1_700_000_000_000 + s, s) for s in range(n)])
    pages = record("/metrics/get-history")

    client.history_page_size = 20_000
    history = client.get_metric_history(run_id, "loss")

    assert len(history) == n
    assert [m.step for m in history] == list(range(n))
    assert all(m.value == 1.0 / (m.step + 1) for m in history)
    assert all(m.timestamp == 1_700_000_000_000 + m.step for m in history)
    assert {m.key for m in history} == {"loss"}
    assert len(pages.requests) == 3
    assert [r.url.params.get("max_results") for r in pages.requests] == ["20000"] * 3
    assert "page_token" not in pages.requests[0].url.params
    assert all(r.url.params.get("page_token") for r in pages.requests[1:])
