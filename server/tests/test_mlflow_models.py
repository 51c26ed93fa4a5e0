"""The real `mlflow` 3.17.2 client: artifacts, log_model, register_model, stages, aliases, load_model."""

from __future__ import annotations

import json
import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import mlflow
import pandas as pd
import pytest
import requests
from mlflow import MlflowClient
from mlflow.pyfunc.model import PythonModel

from conftest import LiveServer


@pytest.fixture
def client(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[MlflowClient]:
    monkeypatch.setenv("MLFLOW_TRACKING_URI", live_server.url)
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    mlflow.set_tracking_uri(live_server.url)
    warnings.simplefilter("ignore", FutureWarning)
    yield MlflowClient(live_server.url)
    while mlflow.active_run():
        mlflow.end_run()


def test_artifacts_through_the_proxy(client: MlflowClient, tmp_path: Path) -> None:
    mlflow.set_experiment(f"artifacts-{uuid.uuid4().hex[:8]}")
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "weights.bin").write_bytes(os.urandom(4096))
    (src / "sub" / "notes.txt").write_text("nested")
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(src / "weights.bin"))
        mlflow.log_artifacts(str(src), artifact_path="tree")
        mlflow.log_text("hello", "texts/hello.txt")
        mlflow.log_dict({"a": 1, "b": [1, 2]}, "config/params.json")
    run_id = run.info.run_id
    top = {(f.path, f.is_dir) for f in client.list_artifacts(run_id)}
    assert top == {("weights.bin", False), ("tree", True), ("texts", True), ("config", True)}
    assert {f.path for f in client.list_artifacts(run_id, "tree")} == {"tree/weights.bin", "tree/sub"}
    sizes = {f.path: f.file_size for f in client.list_artifacts(run_id, "tree")}
    assert sizes["tree/weights.bin"] == 4096
    local = Path(
        mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="tree", dst_path=str(tmp_path / "dl"))
    )
    assert (local / "weights.bin").read_bytes() == (src / "weights.bin").read_bytes()
    assert (local / "sub" / "notes.txt").read_text() == "nested"
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/texts/hello.txt") == "hello"
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/config/params.json") == {"a": 1, "b": [1, 2]}


class Adder(PythonModel):
    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input["a"] + model_input["b"]


def test_log_register_stage_alias_and_load(client: MlflowClient, live_server: LiveServer) -> None:
    name = f"adder-{uuid.uuid4().hex[:8]}"
    mlflow.set_experiment(f"models-{uuid.uuid4().hex[:8]}")
    with mlflow.start_run() as run:
        mlflow.log_param("alpha", 1)
        mlflow.log_metric("score", 0.9)
        info = mlflow.pyfunc.log_model(
            name="model", python_model=Adder(), input_example=pd.DataFrame({"a": [1.0], "b": [2.0]})
        )
    versions = [mlflow.register_model(f"runs:/{run.info.run_id}/model", name) for _ in range(3)]
    assert [v.version for v in versions] == ["1", "2", "3"]
    assert all(v.source == info.model_uri for v in versions)

    client.transition_model_version_stage(name, "1", "Staging")
    client.transition_model_version_stage(name, "1", "Production")
    client.transition_model_version_stage(name, "2", "Production", archive_existing_versions=True)
    stages = {v.version: v.current_stage for v in client.search_model_versions(f"name='{name}'")}
    assert stages == {"1": "Archived", "2": "Production", "3": "None"}
    client.set_registered_model_alias(name, "champion", "2")
    client.set_registered_model_alias(name, "champion", "3")
    assert client.get_model_version_by_alias(name, "champion").version == "3"
    client.set_registered_model_tag(name, "team", "growth")
    client.set_model_version_tag(name, "3", "validated", "yes")
    assert client.get_registered_model(name).tags == {"team": "growth"}
    assert client.get_model_version(name, "3").tags == {"validated": "yes"}
    assert [m.name for m in client.search_registered_models(f"name = '{name}'")] == [name]
    assert {v.version for v in client.search_model_versions(f"name = '{name}' and tags.validated = 'yes'")} == {"3"}
    latest = {v.current_stage: v.version for v in client.get_latest_versions(name)}
    assert latest == {"Archived": "1", "Production": "2", "None": "3"}

    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    for uri in (
        f"runs:/{run.info.run_id}/model",
        f"models:/{name}/1",
        f"models:/{name}@champion",
        f"models:/{name}/Production",
    ):
        assert list(mlflow.pyfunc.load_model(uri).predict(frame)) == [4.0, 6.0], uri

    logged = requests.get(f"{live_server.url}/api/2.0/mlflow/logged-models/{info.model_id}", timeout=10).json()["model"]
    assert logged["info"]["status"] == "LOGGED_MODEL_READY"
    assert logged["info"]["source_run_id"] == run.info.run_id
    tags = {t["key"]: t["value"] for t in logged["info"]["tags"]}
    assert json.loads(tags["mlflow.modelVersions"])[0]["name"] == name
    assert {p["key"] for p in logged["data"]["params"]} == {"alpha"}

    history = requests.get(
        f"{live_server.url}/api/2.0/trackline/registry/history", params={"name": name}, timeout=10
    ).json()["events"]
    moves = [(e["action"], e.get("version"), e.get("from_value"), e.get("to_value")) for e in history]
    assert ("TRANSITION_STAGE", "1", "None", "Staging") in moves
    assert ("TRANSITION_STAGE", "1", "Production", "Archived") in moves
    assert ("SET_ALIAS", "3", "2", "3") in moves
    assert all(e["timestamp"] > 0 for e in history)
