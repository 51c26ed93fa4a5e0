"""POST runs/log-model: the run's ``mlflow.log-model.history`` tag, as MLflow's R package uses it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import LiveServer
from trackline_server.store.tracking import TrackingStore


def post(server: LiveServer, path: str, body: object) -> requests.Response:
    return requests.post(server.api(path), json=body, timeout=30)  # type: ignore[arg-type]


def new_run(server: LiveServer) -> str:
    resp = post(server, "runs/create", {"experiment_id": "0", "start_time": 1})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["run"]["info"]["run_id"])


def history(server: LiveServer, run_id: str) -> list[dict[str, object]]:
    run = requests.get(server.api("runs/get"), params={"run_id": run_id}, timeout=30).json()["run"]
    tags = {t["key"]: t["value"] for t in run["data"].get("tags", [])}
    return json.loads(tags["mlflow.log-model.history"])  # type: ignore[no-any-return]


def crate_model(run_id: str, **extra: object) -> dict[str, object]:
    """The MLmodel MLflow's R package sends from mlflow_log_model for a crate model."""
    return {
        "utc_time_created": "2026-01-02 03:04:05.123456",
        "run_id": run_id,
        "artifact_path": "model",
        "flavors": {"crate": {"version": "0.1.0", "model": "crate.bin"}},
        **extra,
    }


def assert_error(resp: requests.Response, code: str, status: int) -> None:
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    assert body["error_code"] == code and body["message"], body


def test_log_model_appends_entries_to_the_history_tag(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    first = post(live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(crate_model(run_id))})
    assert first.status_code == 200 and first.json() == {}, first.text
    config = {"loader_module": "x", "config": {"secret": 1}}
    second = crate_model(run_id, artifact_path="other", model_uuid="u-2", signature={"inputs": "[]"})
    second["flavors"] = {"python_function": config}
    assert post(live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(second)}).status_code == 200
    entries = history(live_server, run_id)
    assert len(entries) == 2
    one, two = entries
    assert one["artifact_path"] == "model" and one["run_id"] == run_id
    assert one["flavors"] == {"crate": {"version": "0.1.0", "model": "crate.bin"}}
    assert isinstance(one["model_uuid"], str) and len(one["model_uuid"]) == 32  # a new one
    assert one["utc_time_created"] == "2026-01-02 03:04:05.123456"
    assert two["model_uuid"] == "u-2" and two["artifact_path"] == "other"
    assert two["flavors"] == {"python_function": {"loader_module": "x"}}  # flavor config left out
    assert "signature" not in two  # only what MLflow keeps


def test_bad_models_are_refused_with_the_envelope(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    full = crate_model(run_id)
    cases: list[object] = [
        {"run_id": run_id, "model_json": "{not json"},
        {"run_id": run_id, "model_json": "[1, 2]"},
        {"run_id": run_id, "model_json": json.dumps({k: v for k, v in full.items() if k != "flavors"})},
        {"run_id": run_id, "model_json": json.dumps({k: v for k, v in full.items() if k != "utc_time_created"})},
        {"run_id": run_id, "model_json": json.dumps({**full, "flavors": "crate"})},
        {"run_id": run_id, "model_json": json.dumps({**full, "artifact_path": "x" * 9000})},
        {"run_id": run_id},
        {"model_json": json.dumps(full)},
        {"run_id": run_id, "model_json": {"artifact_path": "model"}},
    ]
    for body in cases:
        assert_error(post(live_server, "runs/log-model", body), "INVALID_PARAMETER_VALUE", 400)
    assert_error(
        post(live_server, "runs/log-model", {"run_id": "0" * 32, "model_json": json.dumps(full)}),
        "RESOURCE_DOES_NOT_EXIST",
        404,
    )
    assert post(live_server, "runs/delete", {"run_id": run_id}).status_code == 200
    assert_error(
        post(live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(full)}),
        "INVALID_PARAMETER_VALUE",
        400,
    )


def test_history_stays_valid_json_under_the_tag_limit(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    for i in range(60):
        model = crate_model(run_id, artifact_path=f"model-{i:02d}-" + "p" * 100)
        assert (
            post(live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(model)}).status_code == 200
        )
    entries = history(live_server, run_id)
    assert 0 < len(entries) < 60
    assert str(entries[-1]["artifact_path"]).startswith("model-59-")  # the newest kept, the oldest dropped
    paths = [str(e["artifact_path"])[:8] for e in entries]
    assert paths == sorted(paths)


def test_a_history_tag_that_is_not_a_list_starts_a_new_list(live_server: LiveServer) -> None:
    run_id = new_run(live_server)
    post(live_server, "runs/set-tag", {"run_id": run_id, "key": "mlflow.log-model.history", "value": "garbage"})
    assert (
        post(
            live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(crate_model(run_id))}
        ).status_code
        == 200
    )
    assert [e["artifact_path"] for e in history(live_server, run_id)] == ["model"]


def test_concurrent_log_models_lose_no_entry(live_server: LiveServer) -> None:
    run_id = new_run(live_server)

    def log(i: int) -> int:
        model = crate_model(run_id, artifact_path=f"m{i}")
        return post(live_server, "runs/log-model", {"run_id": run_id, "model_json": json.dumps(model)}).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(log, range(24))) == {200}
    assert sorted(str(e["artifact_path"]) for e in history(live_server, run_id)) == sorted(f"m{i}" for i in range(24))


def test_concurrent_appends_lose_no_entry_on_sqlite_and_postgres(store: TrackingStore) -> None:
    run_id = store.runs.create("0", "u", "r", 1, [])["info"]["run_id"]

    def record(i: int) -> None:
        store.logging.record_logged_model(run_id, json.dumps(crate_model(run_id, artifact_path=f"m{i}")))

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(record, range(18)))
    tags = {t["key"]: t["value"] for t in store.runs.get(run_id)["data"]["tags"]}
    entries = json.loads(tags["mlflow.log-model.history"])
    assert sorted(e["artifact_path"] for e in entries) == sorted(f"m{i}" for i in range(18))
