"""The real `mlflow` 3.17.2 Python client, unchanged, against a live Trackline server."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Iterator

import mlflow
import pytest
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag, ViewType
from mlflow.exceptions import MlflowException

from conftest import ADMIN_PASSWORD, AuthServer, LiveServer


@pytest.fixture
def client(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[MlflowClient]:
    monkeypatch.setenv("MLFLOW_TRACKING_URI", live_server.url)
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    mlflow.set_tracking_uri(live_server.url)
    yield MlflowClient(live_server.url)
    while mlflow.active_run():
        mlflow.end_run()


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_experiments_lifecycle_and_tags(client: MlflowClient) -> None:
    name = unique("exp")
    eid = client.create_experiment(name, tags={"team": "growth"})
    exp = client.get_experiment(eid)
    assert exp.name == name and exp.tags == {"team": "growth"} and exp.lifecycle_stage == "active"
    by_name = client.get_experiment_by_name(name)
    assert by_name is not None and by_name.experiment_id == eid
    assert client.get_experiment_by_name(unique("missing")) is None
    client.set_experiment_tag(eid, "stage", "dev")
    client.delete_experiment_tag(eid, "team")
    assert client.get_experiment(eid).tags == {"stage": "dev"}
    client.rename_experiment(eid, name + "-renamed")
    assert client.get_experiment(eid).name == name + "-renamed"
    found = client.search_experiments(filter_string=f"name = '{name}-renamed'")
    assert [e.experiment_id for e in found] == [eid]
    client.delete_experiment(eid)
    assert client.get_experiment(eid).lifecycle_stage == "deleted"
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=f"name LIKE '{name}%'")
    assert [e.experiment_id for e in deleted] == [eid]
    client.restore_experiment(eid)
    assert client.get_experiment(eid).lifecycle_stage == "active"
    with pytest.raises(MlflowException) as info:
        client.create_experiment(name + "-renamed")
    assert info.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_fluent_runs_params_metrics_tags(client: MlflowClient) -> None:
    mlflow.set_experiment(unique("fluent"))
    with mlflow.start_run(run_name="parent") as parent:
        mlflow.log_param("alpha", 0.5)
        mlflow.log_params({"beta": 2, "gamma": "g"})
        for step in range(20):
            mlflow.log_metric("loss", 1 / (step + 1), step=step)
        mlflow.log_metrics({"acc": 0.9, "nan": math.nan}, step=3)
        mlflow.set_tag("owner", "alice")
        mlflow.set_tags({"a": "1", "b": "2"})
        mlflow.delete_tag("b")
        with mlflow.start_run(run_name="child", nested=True) as child:
            mlflow.log_metric("loss", 0.01)
    run = client.get_run(parent.info.run_id)
    assert run.info.status == "FINISHED" and run.info.run_name == "parent"
    assert run.data.params == {"alpha": "0.5", "beta": "2", "gamma": "g"}
    assert run.data.metrics["loss"] == pytest.approx(1 / 20) and math.isnan(run.data.metrics["nan"])
    assert run.data.tags["owner"] == "alice" and "b" not in run.data.tags and run.data.tags["a"] == "1"
    history = client.get_metric_history(parent.info.run_id, "loss")
    assert [m.step for m in history] == list(range(20))
    child_run = client.get_run(child.info.run_id)
    assert child_run.data.tags["mlflow.parentRunId"] == parent.info.run_id
    with pytest.raises(MlflowException) as info:
        client.log_param(parent.info.run_id, "alpha", "0.6")
    assert info.value.error_code == "INVALID_PARAMETER_VALUE"


def test_failed_run_status(client: MlflowClient) -> None:
    mlflow.set_experiment(unique("failing"))
    with pytest.raises(RuntimeError):
        with mlflow.start_run() as run:
            raise RuntimeError("boom")
    assert client.get_run(run.info.run_id).info.status == "FAILED"


def test_log_batch_at_maximum_sizes(client: MlflowClient) -> None:
    eid = client.create_experiment(unique("batch"))
    run = client.create_run(eid)
    now = int(time.time() * 1000)
    metrics = [Metric(f"m{i % 10}", float(i), now + i, i) for i in range(1000)]
    client.log_batch(run.info.run_id, metrics=metrics)
    client.log_batch(run.info.run_id, params=[Param(f"p{i}", str(i)) for i in range(100)])
    client.log_batch(run.info.run_id, tags=[RunTag(f"t{i}", "v" * 100) for i in range(100)])
    got = client.get_run(run.info.run_id)
    assert len(got.data.params) == 100 and len([k for k in got.data.tags if k.startswith("t")]) == 100
    assert len(client.get_metric_history(run.info.run_id, "m7")) == 100
    assert got.data.metrics["m9"] == 999.0
    # The client splits what is over the limits itself; every point must arrive.
    client.log_batch(run.info.run_id, metrics=[Metric("x", 1.0, now, i) for i in range(2500)])
    assert len(client.get_metric_history(run.info.run_id, "x")) == 2500


def test_search_runs_pandas_filters_order_and_pages(client: MlflowClient) -> None:
    name = unique("search")
    eid = client.create_experiment(name)
    for i in range(10):
        run = client.create_run(eid, run_name=f"r{i}", tags={"parity": "even" if i % 2 == 0 else "odd"})
        client.log_param(run.info.run_id, "depth", str(i % 3))
        client.log_metric(run.info.run_id, "score", i / 10, step=0)
        client.set_terminated(run.info.run_id)
    df = mlflow.search_runs(
        experiment_names=[name],
        filter_string="metrics.score >= 0.4 and tags.parity = 'even' and params.depth != '1'",
        order_by=["metrics.score DESC"],
    )
    assert list(df["tags.mlflow.runName"]) == ["r8", "r6"]
    assert list(df["metrics.score"]) == [0.8, 0.6]
    assert set(df.columns) >= {"run_id", "status", "start_time", "params.depth", "tags.parity"}
    pages, token, seen = 0, None, list[str]()
    while True:
        page = client.search_runs([eid], max_results=4, order_by=["metrics.score ASC"], page_token=token)
        seen.extend(r.info.run_name for r in page)
        pages += 1
        token = page.token
        if not token:
            break
    assert pages == 3 and seen == [f"r{i}" for i in range(10)]
    all_df = mlflow.search_runs([eid], max_results=7)
    assert len(all_df) == 7


def test_delete_and_restore_runs(client: MlflowClient) -> None:
    eid = client.create_experiment(unique("delete"))
    run = client.create_run(eid)
    client.delete_run(run.info.run_id)
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "deleted"
    assert len(client.search_runs([eid])) == 0
    assert len(client.search_runs([eid], run_view_type=ViewType.DELETED_ONLY)) == 1
    client.restore_run(run.info.run_id)
    assert client.get_run(run.info.run_id).info.lifecycle_stage == "active"
    assert len(client.search_runs([eid])) == 1


def test_missing_run_is_resource_does_not_exist(client: MlflowClient) -> None:
    with pytest.raises(MlflowException) as info:
        client.get_run(uuid.uuid4().hex)
    assert info.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_missing_experiment_with_a_64_bit_id_is_not_found(client: MlflowClient) -> None:
    """Ids are 64-bit in MLflow: one beyond 32 bits that no experiment has is a 404, as there."""
    with pytest.raises(MlflowException) as info:
        client.get_experiment("987654321987")
    assert info.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert info.value.get_http_status_code() == 404  # type: ignore[no-untyped-call]
    assert "987654321987" in info.value.message
    with pytest.raises(MlflowException) as info:
        client.get_model_version(unique("model"), "987654321987")
    assert info.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_errors_carry_mlflow_classification(client: MlflowClient) -> None:
    """MLflow 3.17's client keeps a server's `error_class` and `sqlstate` on the exception."""
    with pytest.raises(MlflowException) as info:
        client.get_run(uuid.uuid4().hex)
    assert (info.value.error_class, info.value.sqlstate) == ("RESOURCE_NOT_FOUND", "KAM00")


def test_the_mlflow_auth_client_and_credentials_on_a_server_with_auth(
    auth_server: AuthServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MLflow's own auth client manages users and grants; MLflow's credentials reach the server."""
    from mlflow.server import get_app_client

    url = auth_server.url
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", url)
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "admin")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD)
    mlflow.set_tracking_uri(url)
    auth = get_app_client("basic-auth", tracking_uri=url)
    editor, reader = unique("editor"), unique("reader")
    made = auth.create_user(editor, "editor-password-1")
    assert made.username == editor and made.is_admin is False
    auth.create_user(reader, "reader-password-1")
    auth.update_user_admin(reader, True)
    assert auth.get_user(reader).is_admin is True
    auth.update_user_admin(reader, False)
    auth.update_user_password(reader, "reader-password-2")
    with pytest.raises(MlflowException) as dup:
        auth.create_user(editor, "editor-password-1")
    assert dup.value.error_code == "RESOURCE_ALREADY_EXISTS"

    eid = MlflowClient(url).create_experiment(unique("shared"))
    auth.grant_user_permission(editor, "experiment", eid, "EDIT")
    auth.grant_user_permission(reader, "experiment", eid, "READ")
    granted = auth.get_user_permission(editor, "experiment", eid)
    assert (granted.permission, granted.allowed) == ("EDIT", True)
    with pytest.raises(MlflowException) as twice:
        auth.grant_user_permission(editor, "experiment", eid, "MANAGE")
    assert twice.value.error_code == "RESOURCE_ALREADY_EXISTS"
    auth.revoke_user_permission(reader, "experiment", eid)
    auth.grant_user_permission(reader, "experiment", eid, "READ")
    assert auth.get_user_permission(reader, "experiment", eid).permission == "READ"

    # Fluent logging with MLFLOW_TRACKING_USERNAME/PASSWORD: an EDIT user logs...
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", editor)
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "editor-password-1")
    with mlflow.start_run(experiment_id=eid) as run:
        mlflow.log_param("alpha", "0.5")
        mlflow.log_metric("rmse", 0.7, step=1)
    logged = MlflowClient(url).get_run(run.info.run_id)
    assert logged.data.metrics == {"rmse": 0.7} and logged.info.user_id == editor
    assert get_app_client("basic-auth", tracking_uri=url).get_user(editor).username == editor

    # ...a READ user reads but is refused writing, with MLflow's error code.
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", reader)
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "reader-password-2")
    assert MlflowClient(url).get_run(run.info.run_id).data.params == {"alpha": "0.5"}
    with pytest.raises(MlflowException) as refused:
        mlflow.start_run(experiment_id=eid)
    assert refused.value.error_code == "PERMISSION_DENIED"
    with pytest.raises(MlflowException) as refused_log:
        MlflowClient(url).log_metric(run.info.run_id, "rmse", 0.1)
    assert refused_log.value.error_code == "PERMISSION_DENIED"
    with pytest.raises(MlflowException) as not_admin:
        get_app_client("basic-auth", tracking_uri=url).create_user(unique("x"), "x-password-123")
    assert not_admin.value.error_code == "PERMISSION_DENIED"

    # Wrong credentials are refused with MLflow's code for them.
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "wrong-password-12")
    with pytest.raises(MlflowException) as wrong:
        MlflowClient(url).get_run(run.info.run_id)
    assert wrong.value.error_code == "UNAUTHENTICATED"

    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "admin")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD)
    auth.delete_user(reader)
    with pytest.raises(MlflowException) as gone:
        auth.get_user(reader)
    assert gone.value.error_code == "RESOURCE_DOES_NOT_EXIST"
