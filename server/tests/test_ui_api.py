"""The operations the web UI needs beyond MLflow's API, on SQLite and PostgreSQL: the runs table,
an experiment's keys, downsampled metric histories and run artifact files."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from conftest import LiveServer, create_pg_database, start_server, stop_server
from trackline_server.store.downsample import m4

T0 = 1_767_225_600_000
PARENT = "mlflow.parentRunId"


def _post(server: LiveServer, route: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{server.url}/api/2.0/{route}", json=body, timeout=30)


def _get(server: LiveServer, route: str, **query: Any) -> requests.Response:
    return requests.get(f"{server.url}/api/2.0/{route}", params=query, timeout=30)


def _run(server: LiveServer, exp: str, name: str, offset: int, tags: dict[str, str] | None = None) -> str:
    body = {"experiment_id": exp, "run_name": name, "start_time": T0 + offset}
    body["tags"] = [{"key": k, "value": v} for k, v in (tags or {}).items()]
    resp = _post(server, "mlflow/runs/create", body)
    resp.raise_for_status()
    return str(resp.json()["run"]["info"]["run_id"])


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_admin_uri: str
) -> Iterator[LiveServer]:
    """One server per backend for this module (starting one takes seconds)."""
    workdir = tmp_path_factory.mktemp(f"ui-api-{request.param}")
    drop: Callable[[], None] | None = None
    if request.param == "sqlite":
        uri = f"sqlite:///{workdir}/ui.db"
    else:
        uri, drop = create_pg_database(postgres_admin_uri)
    live = start_server(uri, workdir, workers=1)
    yield live
    stop_server(live)
    if drop:
        drop()


@pytest.fixture(scope="module")
def experiment(server: LiveServer) -> dict[str, Any]:
    """Five runs: a parent with two children, two more; one metric, two params, a tag each."""
    exp = _post(server, "mlflow/experiments/create", {"name": "table"}).json()["experiment_id"]
    ids = {"a": _run(server, exp, "a", 0), "b": _run(server, exp, "b", 1), "p": _run(server, exp, "p", 2)}
    ids["c1"] = _run(server, exp, "c1", 3, {PARENT: ids["p"]})
    ids["c2"] = _run(server, exp, "c2", 4, {PARENT: ids["p"]})
    for i, (name, run_id) in enumerate(ids.items()):
        body = {
            "run_id": run_id,
            "metrics": [{"key": "loss", "value": 1.0 / (i + 1), "timestamp": T0, "step": 0}],
            "params": [{"key": "lr", "value": f"0.{i}"}, {"key": "opt", "value": "sgd"}],
            "tags": [{"key": "team", "value": name}, {"key": "mlflow.source.name", "value": f"{name}.py"}],
        }
        _post(server, "mlflow/runs/log-batch", body).raise_for_status()
    _post(server, "mlflow/runs/update", {"run_id": ids["a"], "end_time": T0 + 5000}).raise_for_status()
    _post(server, "mlflow/runs/update", {"run_id": ids["b"], "end_time": T0 + 100}).raise_for_status()
    return {"id": exp, "runs": ids}


def _table(server: LiveServer, exp: dict[str, Any], **body: Any) -> dict[str, Any]:
    resp = _post(server, "trackline/runs/table", {"experiment_ids": [exp["id"]], **body})
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def test_runs_table_pages_columns_and_total(server: LiveServer, experiment: dict[str, Any]) -> None:
    runs = experiment["runs"]
    out = _table(server, experiment, param_keys=["lr"], metric_keys=["loss"], tag_keys=["team"], max_results=2)
    assert out["total_count"] == 5
    assert [r["run_name"] for r in out["rows"]] == ["c2", "c1"]  # start_time DESC
    first = out["rows"][0]
    assert first["params"] == [{"key": "lr", "value": "0.4"}]  # only the columns asked for
    assert first["metrics"][0]["key"] == "loss" and first["metrics"][0]["value"] == pytest.approx(0.2)
    assert first["tags"] == [{"key": "team", "value": "c2"}]
    assert first["source_name"] == "c2.py" and first["parent_run_id"] == runs["p"]
    window = _table(server, experiment, offset=4, max_results=2)
    assert [r["run_name"] for r in window["rows"]] == ["a"] and window["total_count"] == 5
    assert "params" not in window["rows"][0]
    every = _table(server, experiment, all_columns=True, max_results=1)
    assert every["rows"][0]["params"] == [{"key": "lr", "value": "0.4"}, {"key": "opt", "value": "sgd"}]
    assert [m["key"] for m in every["rows"][0]["metrics"]] == ["loss"]
    past = _table(server, experiment, offset=10)
    assert past["total_count"] == 5 and "rows" not in past


def test_runs_table_nesting_filter_and_order(server: LiveServer, experiment: dict[str, Any]) -> None:
    runs = experiment["runs"]
    top = _table(server, experiment, top_level_only=True)
    assert [r["run_name"] for r in top["rows"]] == ["p", "b", "a"]
    assert {r["run_name"]: r["child_count"] for r in top["rows"]} == {"p": 2, "b": 0, "a": 0}
    kids = _table(server, experiment, parent_run_id=runs["p"])
    assert sorted(r["run_name"] for r in kids["rows"]) == ["c1", "c2"]
    filtered = _table(server, experiment, filter="metrics.loss < 0.4 and params.opt = 'sgd'", order_by=["metrics.loss"])
    assert [r["run_name"] for r in filtered["rows"]] == ["c2", "c1", "p"]
    by_duration = _table(server, experiment, order_by=["attributes.duration DESC"])
    assert [r["run_name"] for r in by_duration["rows"]][:2] == ["a", "b"]  # runs without an end come last


@pytest.mark.parametrize(
    "body, message",
    [
        ({"filter": "metrics.loss >"}, "Invalid filter"),
        ({"order_by": ["params.lr", "attributes.duration"]}, "first order_by key"),
        ({"max_results": 1001}, "between 1 and 1000"),
        ({"offset": -1}, "offset"),
        ({"param_keys": [f"k{i}" for i in range(201)]}, "at most 200"),
        ({"experiment_ids": ["x"]}, "Invalid experiment ID"),
    ],
)
def test_runs_table_refuses_bad_requests(live_server: LiveServer, body: dict[str, Any], message: str) -> None:
    resp = _post(live_server, "trackline/runs/table", {"experiment_ids": ["0"], **body})
    assert resp.status_code == 400
    assert resp.json()["error_code"] == "INVALID_PARAMETER_VALUE" and message in resp.json()["message"]


def test_experiment_keys(server: LiveServer, experiment: dict[str, Any]) -> None:
    keys = _get(server, "trackline/experiments/keys", experiment_id=experiment["id"]).json()
    assert keys["params"] == ["lr", "opt"] and keys["metrics"] == ["loss"]
    assert {"team", "mlflow.source.name", PARENT} <= set(keys["tags"])
    missing = _get(server, "trackline/experiments/keys", experiment_id="987654")
    assert missing.status_code == 404 and missing.json()["error_code"] == "RESOURCE_DOES_NOT_EXIST"


def test_downsampling_keeps_extremes_on_every_axis(server: LiveServer) -> None:
    exp = _post(server, "mlflow/experiments/create", {"name": "waves"}).json()["experiment_id"]
    run_id = _run(server, exp, "wave", 0)
    values = [math.sin(i / 300) for i in range(30_000)]
    values[17_017] = 99.0
    values[5_005] = -99.0
    for start in range(0, len(values), 1000):
        metrics = [
            {"key": "wave", "value": values[i], "timestamp": T0 + 2 * i, "step": i} for i in range(start, start + 1000)
        ]
        _post(server, "mlflow/runs/log-batch", {"run_id": run_id, "metrics": metrics}).raise_for_status()
    _post(
        server, "mlflow/runs/log-metric", {"run_id": run_id, "key": "wave", "value": "NaN", "timestamp": T0, "step": 3}
    )
    for axis, first_x in (("step", 0), ("time", T0), ("relative", 0)):
        resp = _get(
            server, "trackline/metrics/downsample", run_ids=[run_id], metric_keys=["wave"], x_axis=axis, buckets=500
        )
        (series,) = resp.json()["series"]
        assert series["points"] == 30_000 and series["sampled"] is True
        assert len(series["x"]) <= 2000 and series["x"] == sorted(series["x"]) and series["x"][0] == first_x
        assert max(series["y"]) == 99.0 and min(series["y"]) == -99.0
    zoomed = _get(server, "trackline/metrics/downsample", run_ids=[run_id], metric_keys=["wave"], x_min=100, x_max=199)
    (series,) = zoomed.json()["series"]
    assert series["x"] == list(range(100, 200)) and series["sampled"] is False
    none = _get(server, "trackline/metrics/downsample", run_ids=[run_id], metric_keys=["nothing"])
    assert none.status_code == 200 and none.json() == {}
    inverted = _get(
        server, "trackline/metrics/downsample", run_ids=[run_id], metric_keys=["wave"], x_min=199, x_max=100
    )
    assert inverted.status_code == 200 and all(not s.get("x") for s in inverted.json().get("series", []))


@pytest.mark.parametrize(
    "query, status, message",
    [
        ({"run_ids": ["nope"], "metric_keys": ["loss"]}, 404, "Run with id=nope not found"),
        ({"metric_keys": ["loss"]}, 400, "run_ids"),
        ({"run_ids": ["r"], "metric_keys": ["loss"], "buckets": 1}, 400, "between 2 and 5000"),
        ({"run_ids": ["r"], "metric_keys": ["loss"], "x_axis": "epoch"}, 400, "x_axis"),
        ({"run_ids": [f"r{i}" for i in range(101)], "metric_keys": ["loss"]}, 400, "At most 100 run_ids"),
    ],
)
def test_downsampling_refuses_bad_requests(
    live_server: LiveServer, query: dict[str, Any], status: int, message: str
) -> None:
    resp = _get(live_server, "trackline/metrics/downsample", **query)
    assert resp.status_code == status, resp.text
    assert message in resp.json()["message"]


def test_m4_keeps_first_last_lowest_and_highest_of_each_bucket() -> None:
    xs = list(range(100))
    ys = [float((i * 37) % 11) for i in xs]
    kept_x, kept_y = m4(xs, ys, 10)
    assert kept_x == sorted(set(kept_x)) and len(kept_x) <= 40
    for bucket in range(10):
        inside = [(x, y) for x, y in zip(kept_x, kept_y, strict=True) if bucket * 10 <= x < bucket * 10 + 10]
        window = ys[bucket * 10 : bucket * 10 + 10]
        assert inside[0][0] == bucket * 10 and inside[-1][0] == bucket * 10 + 9
        assert min(y for _, y in inside) == min(window) and max(y for _, y in inside) == max(window)
    assert m4([1, 2, 3], [3, 1, 2], 1) == ([1, 2, 3], [3, 1, 2])  # short series come back whole


def test_run_artifact_files(server: LiveServer, experiment: dict[str, Any]) -> None:
    run_id = experiment["runs"]["a"]
    run = _get(server, "mlflow/runs/get", run_id=run_id).json()["run"]
    proxy_path = run["info"]["artifact_uri"].removeprefix("mlflow-artifacts:/")
    body = b"<html><script>alert(1)</script></html>"
    requests.put(f"{server.url}/api/2.0/mlflow-artifacts/artifacts/{proxy_path}/report.html", data=body, timeout=30)
    resp = _get(server, "trackline/runs/artifact", run_id=run_id, path="report.html")
    assert resp.status_code == 200 and resp.content == body
    assert resp.headers["Content-Type"].startswith("text/html")
    assert "sandbox" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    for path, status in (("missing.txt", 404), ("../../etc/passwd", 400), ("", 400)):
        bad = _get(server, "trackline/runs/artifact", run_id=run_id, path=path)
        assert bad.status_code == status, (path, bad.text)
    assert _get(server, "trackline/runs/artifact", run_id="nope", path="x").status_code == 404
