"""HTTP behaviour through a live server: wire format, quirks of MLflow's clients, bad input."""

from __future__ import annotations

import json
import math
import uuid

import pytest
import requests

from conftest import LiveServer


def post(server: LiveServer, path: str, body: object, **kw: object) -> requests.Response:
    return requests.post(server.api(path), json=body, timeout=30, **kw)  # type: ignore[arg-type]


def get(server: LiveServer, path: str, params: object = None) -> requests.Response:
    return requests.get(server.api(path), params=params, timeout=30)  # type: ignore[arg-type]


def new_run(server: LiveServer) -> str:
    resp = post(server, "runs/create", {"experiment_id": "0", "start_time": 1})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["run"]["info"]["run_id"])


def assert_error(resp: requests.Response, code: str, status: int) -> None:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["error_code"] == code, body
    assert isinstance(body["message"], str) and body["message"]


def test_wire_format(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    post(live_server, "runs/log-metric", {"run_id": run_id, "key": "n", "value": "NaN", "timestamp": 5})
    post(
        live_server,
        "runs/log-metric",
        {"run_id": run_id, "key": "big", "value": 1.5, "timestamp": 2**53, "step": 2**40},
    )
    run = get(live_server, "runs/get", {"run_id": run_id}).json()["run"]
    metrics = {m["key"]: m for m in run["data"]["metrics"]}
    assert metrics["n"]["value"] == "NaN"
    assert metrics["big"]["timestamp"] == 2**53 and metrics["big"]["step"] == 2**40
    assert "end_time" not in run["info"]
    assert run["inputs"] == {} and run["outputs"] == {}
    empty = post(live_server, "runs/search", {"experiment_ids": ["0"], "filter": "tags.none = 'x'"})
    assert empty.status_code == 200 and empty.json() == {}
    ok = post(live_server, "runs/set-tag", {"run_id": run_id, "key": "k", "value": "v"})
    assert ok.status_code == 200 and ok.json() == {}


def test_numbers_and_booleans_as_strings_like_the_r_client(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    body = {
        "run_id": run_id,
        "run_uuid": run_id,
        "key": "rmse",
        "value": "0.5",
        "timestamp": "1700000000000",
        "step": "3",
    }
    assert post(live_server, "runs/log-metric", body).status_code == 200
    hist = get(live_server, "metrics/get-history", {"run_id": run_id, "metric_key": "rmse"}).json()["metrics"]
    assert hist == [{"key": "rmse", "value": 0.5, "timestamp": 1700000000000, "step": 3}]
    resp = post(live_server, "runs/search", {"experiment_ids": ["0"], "max_results": "5", "run_view_type": "1"})
    assert resp.status_code == 200
    resp = post(live_server, "experiments/search", {"max_results": "10"})  # the R client's health check
    assert resp.status_code == 200 and resp.json()["experiments"]


def test_run_uuid_and_camel_case_are_accepted(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    assert get(live_server, "runs/get", {"run_uuid": run_id}).status_code == 200
    assert post(live_server, "runs/log-parameter", {"run_uuid": run_id, "key": "a", "value": "1"}).status_code == 200
    resp = post(live_server, "runs/search", {"experimentIds": ["0"], "maxResults": 1})
    assert resp.status_code == 200 and len(resp.json()["runs"]) == 1
    assert_error(
        post(live_server, "runs/search", {"experimentIds": ["0"], "experiment_ids": ["0"]}),
        "INVALID_PARAMETER_VALUE",
        400,
    )


def test_repeated_query_keys_are_lists(live_server: LiveServer) -> None:
    ids = [new_run(live_server) for _ in range(2)]
    for run_id in ids:
        post(
            live_server,
            "runs/log-batch",
            {"run_id": run_id, "metrics": [{"key": "x", "value": i, "timestamp": i, "step": i} for i in range(3)]},
        )
    resp = requests.get(
        live_server.api("metrics/get-history-bulk-interval") + f"?run_ids={ids[0]}&run_ids={ids[1]}&metric_key=x",
        timeout=10,
    )
    assert resp.status_code == 200
    assert {m["run_id"] for m in resp.json()["metrics"]} == set(ids)


BAD_INPUTS = [
    ("runs/log-metric", "{not json", "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-metric", "[1, 2]", "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-metric", '"just a string"', "INVALID_PARAMETER_VALUE", 400),
    (
        "runs/log-metric",
        '{"run_id": "RUN", "key": "k", "value": "abc", "timestamp": 1}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    ("runs/log-metric", '{"run_id": "RUN", "key": "k", "value": true, "timestamp": 1}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-metric", '{"run_id": "RUN", "key": "k", "value": 1}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-metric", '{"run_id": "RUN", "key": "k", "value": 1, "timestamp": 1e40}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-metric", '{"run_id": "RUN", "key": "k", "value": 1, "timestamp": -5}', "INVALID_PARAMETER_VALUE", 400),
    (
        "runs/log-metric",
        '{"run_id": "RUN", "key": {"a": 1}, "value": 1, "timestamp": 1}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    (
        "runs/log-metric",
        '{"run_id": "0123456789abcdef0123456789abcdef", "key": "k", "value": 1, "timestamp": 1}',
        "RESOURCE_DOES_NOT_EXIST",
        404,
    ),
    (
        "runs/log-parameter",
        '{"run_id": "RUN", "key": "' + "k" * 300 + '", "value": "1"}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    ("runs/log-parameter", '{"run_id": "RUN", "value": "1"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-parameter", '{"run_id": "RUN", "key": "", "value": "1"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/set-tag", '{"key": "k", "value": "v"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-batch", '{"run_id": "RUN", "metrics": "nope"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/log-batch", '{"run_id": "RUN", "metrics": [{"key": "k"}]}', "INVALID_PARAMETER_VALUE", 400),
    (
        "runs/log-batch",
        '{"run_id": "RUN", "params": [{"key": "k", "value": 5}, {"key": "k", "value": 6}]}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    ("runs/update", '{"run_id": "RUN", "status": "DONE"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/create", '{"experiment_id": "abc"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/create", '{"experiment_id": "99999"}', "RESOURCE_DOES_NOT_EXIST", 404),
    ("runs/create", '{"experiment_id": "99999999999999999999"}', "RESOURCE_DOES_NOT_EXIST", 404),
    ("runs/search", '{"experiment_ids": ["0"], "filter": "metrics.a >"}', "INVALID_PARAMETER_VALUE", 400),
    (
        "runs/search",
        '{"experiment_ids": ["0"], "filter": "params.a = \'x\' OR params.b = \'y\'"}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    ("runs/search", '{"experiment_ids": ["0"], "filter": "nonsense.a = 1"}', "INVALID_PARAMETER_VALUE", 400),
    (
        "runs/search",
        '{"experiment_ids": ["0"], "filter": "metrics.a = 1 ;drop table runs"}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
    ("runs/search", '{"experiment_ids": ["0"], "order_by": ["metrics.a SIDEWAYS"]}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/search", '{"experiment_ids": ["0"], "page_token": "@@@"}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/search", '{"experiment_ids": ["0"], "max_results": 50001}', "INVALID_PARAMETER_VALUE", 400),
    ("runs/search", '{"experiment_ids": "0"}', "INVALID_PARAMETER_VALUE", 400),
    ("experiments/create", "{}", "INVALID_PARAMETER_VALUE", 400),
    ("experiments/create", '{"name": ""}', "INVALID_PARAMETER_VALUE", 400),
    ("experiments/create", '{"name": "' + "n" * 501 + '"}', "INVALID_PARAMETER_VALUE", 400),
    ("experiments/create", '{"name": 12, "tags": [{"value": "no key"}]}', "INVALID_PARAMETER_VALUE", 400),
    ("experiments/update", '{"experiment_id": "424242", "new_name": "x"}', "RESOURCE_DOES_NOT_EXIST", 404),
    ("experiments/search", '{"filter": "name = "}', "INVALID_PARAMETER_VALUE", 400),
    ("experiments/search", '{"max_results": -1}', "INVALID_PARAMETER_VALUE", 400),
    (
        "experiments/set-experiment-tag",
        '{"experiment_id": "0", "key": "k", "value": "' + "v" * 20001 + '"}',
        "INVALID_PARAMETER_VALUE",
        400,
    ),
]


@pytest.mark.parametrize("path,body,code,status", BAD_INPUTS, ids=[f"{i:02d}-{b[0]}" for i, b in enumerate(BAD_INPUTS)])
def test_bad_input_gets_a_4xx_envelope(live_server: LiveServer, path: str, body: str, code: str, status: int) -> None:
    run_id = new_run(live_server)
    resp = requests.post(
        live_server.api(path),
        data=body.replace("RUN", run_id),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert_error(resp, code, status)


def test_bad_query_strings(live_server: LiveServer) -> None:
    assert_error(get(live_server, "runs/get", {}), "INVALID_PARAMETER_VALUE", 400)
    assert_error(get(live_server, "runs/get", {"run_id": "nope"}), "RESOURCE_DOES_NOT_EXIST", 404)
    assert_error(get(live_server, "experiments/get", {"experiment_id": "x"}), "INVALID_PARAMETER_VALUE", 400)
    assert_error(
        get(live_server, "experiments/get-by-name", {"experiment_name": "missing-" + uuid.uuid4().hex}),
        "RESOURCE_DOES_NOT_EXIST",
        404,
    )
    run_id = new_run(live_server)
    params = {"run_id": run_id, "metric_key": "m", "max_results": "lots"}
    assert_error(get(live_server, "metrics/get-history", params), "INVALID_PARAMETER_VALUE", 400)
    assert_error(
        get(live_server, "metrics/get-history", {**params, "max_results": "0"}), "INVALID_PARAMETER_VALUE", 400
    )
    assert_error(
        get(live_server, "metrics/get-history-bulk-interval", {"metric_key": "m"}), "INVALID_PARAMETER_VALUE", 400
    )
    assert_error(
        get(live_server, "artifacts/list", {"run_id": run_id, "path": "../../etc"}), "INVALID_PARAMETER_VALUE", 400
    )


def test_unknown_routes_and_methods_get_json_errors(live_server: LiveServer) -> None:
    resp = requests.get(f"{live_server.url}/api/2.0/mlflow/nothing/here", timeout=10)
    assert_error(resp, "ENDPOINT_NOT_FOUND", 404)
    resp = requests.get(live_server.api("runs/search"), timeout=10)
    assert resp.status_code == 405 and resp.json()["error_code"] == "BAD_REQUEST"


def test_unknown_fields_are_ignored_and_not_stored(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    body = {"run_id": run_id, "key": "p", "value": "1", "surprise": {"deep": [1, 2]}}
    assert post(live_server, "runs/log-parameter", body).status_code == 200
    run = get(live_server, "runs/get", {"run_id": run_id}).json()["run"]
    assert run["data"]["params"] == [{"key": "p", "value": "1"}]


def test_oversized_values(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    assert (
        post(live_server, "runs/log-parameter", {"run_id": run_id, "key": "big", "value": "x" * 100_000}).status_code
        == 200
    )
    assert (
        post(live_server, "runs/set-tag", {"run_id": run_id, "key": "big", "value": "y" * 100_000}).status_code == 200
    )
    run = get(live_server, "runs/get", {"run_id": run_id}).json()["run"]
    assert len(run["data"]["params"][0]["value"]) == 6000
    assert max(len(t["value"]) for t in run["data"]["tags"]) == 8000
    too_many = {"run_id": run_id, "metrics": [{"key": "m", "value": 1, "timestamp": i} for i in range(1001)]}
    assert_error(post(live_server, "runs/log-batch", too_many), "INVALID_PARAMETER_VALUE", 400)


def test_health_version_server_info(live_server: LiveServer) -> None:
    assert requests.get(f"{live_server.url}/health", timeout=5).text == "OK"
    assert requests.get(f"{live_server.url}/version", timeout=5).text.count(".") == 2
    info = requests.get(f"{live_server.url}/api/3.0/mlflow/server-info", timeout=5).json()
    assert info["store_type"] == "SqlStore" and info["multipart_uploads_enabled"] is False


def test_infinities_are_clamped(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    for value in ("Infinity", "-Infinity"):
        assert (
            post(
                live_server,
                "runs/log-metric",
                {"run_id": run_id, "key": "i" + value[0], "value": value, "timestamp": 1},
            ).status_code
            == 200
        )
    metrics = get(live_server, "runs/get", {"run_id": run_id}).json()["run"]["data"]["metrics"]
    assert sorted(m["value"] for m in metrics) == [-1.7976931348623157e308, 1.7976931348623157e308]
    assert not any(isinstance(m["value"], float) and math.isinf(m["value"]) for m in metrics)
    json.dumps(metrics, allow_nan=False)
