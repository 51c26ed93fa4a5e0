"""The model registry against live servers (Trackline and real MLflow), and Trackline's audit
trail of who moved which version or alias, when."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

import trackline
from trackline import (
    ModelVersion,
    RegistryAction,
    RegistryEvent,
    TracklineClient,
    TracklineException,
)
from trackline_api import models as api
from trackline_api.api.models import create_logged_model

if TYPE_CHECKING:
    from conftest import LiveServer


def now_ms() -> int:
    return int(time.time() * 1000)


@pytest.fixture
def run_id(client: TracklineClient, unique: str) -> str:
    return client.create_run(client.create_experiment(unique)).info.run_id


def logged_model(client: TracklineClient, run_id: str, name: str = "model") -> str:
    """An MLflow 3 logged model produced by ``run_id``; returns its id."""
    experiment_id = client.get_run(run_id).info.experiment_id
    body = api.CreateLoggedModelRequest(experiment_id=experiment_id, name=name, source_run_id=run_id)
    answer = create_logged_model.sync_detailed(client=client.api, body=body).parsed
    assert isinstance(answer, api.LoggedModelResponse), answer
    return answer.model.info.model_id


def test_registered_model_lifecycle(client: TracklineClient, unique: str) -> None:
    created = client.create_registered_model(unique, tags={"team": "growth"}, description="v0")
    assert (created.name, created.description, created.tags) == (unique, "v0", {"team": "growth"})
    assert created.creation_timestamp
    with pytest.raises(TracklineException) as dup:
        client.create_registered_model(unique)
    assert (dup.value.error_code, dup.value.http_status) == ("RESOURCE_ALREADY_EXISTS", 400)

    updated = client.update_registered_model(unique, description="Predicts churn.")
    assert updated.description == "Predicts churn."
    client.set_registered_model_tag(unique, "stage", "beta")
    client.delete_registered_model_tag(unique, "team")
    got = client.get_registered_model(unique)
    assert (got.description, got.tags, got.latest_versions) == (
        "Predicts churn.",
        {"stage": "beta"},
        [],
    )

    renamed = client.rename_registered_model(unique, unique + "-new")
    assert renamed.name == unique + "-new"
    with pytest.raises(TracklineException) as gone:
        client.get_registered_model(unique)
    assert (gone.value.error_code, gone.value.http_status) == ("RESOURCE_DOES_NOT_EXIST", 404)
    client.delete_registered_model(unique + "-new")
    assert client.search_registered_models(f"name = '{unique}-new'") == []


def test_search_registered_models_pages(client: TracklineClient, fluent: str, unique: str) -> None:
    names = [f"{unique}-{i}" for i in range(5)]
    for name in names:
        client.create_registered_model(name, tags={"batch": unique})
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        page = client.search_registered_models(
            f"name LIKE '{unique}-%'", max_results=2, order_by=["name DESC"], page_token=token
        )
        assert len(page) <= 2
        seen += [m.name for m in page]
        pages += 1
        token = page.token
        if not token:
            break
    assert (seen, pages) == (names[::-1], 3)
    tagged = trackline.search_registered_models(filter_string=f"tags.batch = '{unique}'")
    assert sorted(m.name for m in tagged) == names
    assert len(trackline.search_registered_models(2, f"name LIKE '{unique}-%'")) == 2


def test_model_versions_stages_tags_and_aliases(client: TracklineClient, run_id: str, unique: str) -> None:
    client.log_text(run_id, "flavors: {}\n", "model/MLmodel")
    artifact_uri = client.get_run(run_id).info.artifact_uri
    source = f"{artifact_uri}/model"
    client.create_registered_model(unique)
    v1 = client.create_model_version(unique, source, run_id=run_id, tags={"algo": "gbm"}, description="baseline")
    assert (v1.name, v1.version, v1.current_stage, v1.status) == (unique, "1", "None", "READY")
    assert (v1.source, v1.run_id, v1.tags, v1.description) == (
        source, run_id, {"algo": "gbm"}, "baseline"
    )  # fmt: skip
    v2 = client.create_model_version(unique, source, run_id=run_id)
    v3 = client.create_model_version(unique, source, run_id=run_id)
    assert [v.version for v in (v2, v3)] == ["2", "3"]

    assert client.get_model_version(unique, 1).tags == {"algo": "gbm"}
    assert client.update_model_version(unique, "2", "second").description == "second"
    assert client.get_model_version_download_uri(unique, 1) == source

    staged = client.transition_model_version_stage(unique, 1, "Staging")
    assert staged.current_stage == "Staging"
    client.transition_model_version_stage(unique, 1, "Production")
    client.transition_model_version_stage(unique, 2, "Production", archive_existing_versions=True)
    assert client.get_model_version(unique, 1).current_stage == "Archived"
    latest = {v.current_stage: v.version for v in client.get_latest_versions(unique)}
    assert latest == {"Archived": "1", "Production": "2", "None": "3"}
    assert [v.version for v in client.get_latest_versions(unique, ["Production"])] == ["2"]

    client.set_model_version_tag(unique, "2", "validated", True)
    client.set_model_version_tag(unique, stage="Production", key="owner", value="ann")
    assert client.get_model_version(unique, 2).tags == {"validated": "True", "owner": "ann"}
    client.delete_model_version_tag(unique, stage="Production", key="owner")
    assert client.get_model_version(unique, 2).tags == {"validated": "True"}
    with pytest.raises(TracklineException):
        client.set_model_version_tag(unique, "2", "k", "v", stage="Production")

    client.set_registered_model_alias(unique, "champion", 1)
    client.set_registered_model_alias(unique, "champion", "2")  # moves
    client.set_registered_model_alias(unique, "challenger", 3)
    assert client.get_model_version_by_alias(unique, "champion").version == "2"
    assert client.get_model_version(unique, 2).aliases == ["champion"]
    assert client.get_registered_model(unique).aliases == {"champion": "2", "challenger": "3"}
    client.delete_registered_model_alias(unique, "challenger")
    with pytest.raises(TracklineException) as no_alias:
        client.get_model_version_by_alias(unique, "challenger")
    assert (no_alias.value.error_code, no_alias.value.http_status) == (
        "INVALID_PARAMETER_VALUE", 400
    )  # fmt: skip

    by_run = client.search_model_versions(f"run_id = '{run_id}'", order_by=["version_number ASC"])
    assert [v.version for v in by_run] == ["1", "2", "3"]
    page = client.search_model_versions(f"name = '{unique}'", max_results=2)
    assert (len(page), page.token is not None) == (2, True)
    rest = client.search_model_versions(f"name = '{unique}'", max_results=2, page_token=page.token)
    assert sorted(v.version for v in [*page, *rest]) == ["1", "2", "3"]
    with trackline.MlflowClient(client.tracking_uri) as other:
        assert len(other.search_model_versions()) >= 3

    client.delete_model_version(unique, 3)
    with pytest.raises(TracklineException) as deleted:
        client.get_model_version(unique, 3)
    assert deleted.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert client.create_model_version(unique, source, run_id=run_id).version == "4"


def test_register_model_from_runs_and_logged_models(
    client: TracklineClient, fluent: str, run_id: str, unique: str
) -> None:
    # A run directory holding an MLmodel file is registered from its artifact location.
    client.log_text(run_id, "flavors: {}\n", "legacy/MLmodel")
    v1 = trackline.register_model(f"runs:/{run_id}/legacy", unique, tags={"from": "run"})
    assert isinstance(v1, ModelVersion)
    assert (v1.version, v1.run_id, v1.tags) == ("1", run_id, {"from": "run"})
    assert v1.source == f"{client.get_run(run_id).info.artifact_uri}/legacy"

    # An MLflow 3 logged model, by id; the registered model exists already (tolerated).
    model_id = logged_model(client, run_id, "model")
    v2 = trackline.register_model(f"models:/{model_id}", unique)
    assert (v2.version, v2.source, v2.run_id) == ("2", f"models:/{model_id}", run_id)

    # runs:/<run>/<name> without an MLmodel file: the logged model of that name from that run.
    other_run = client.create_run(client.get_run(run_id).info.experiment_id).info.run_id
    other_model = logged_model(client, other_run, "model")
    v3 = trackline.register_model(f"runs:/{other_run}/model", unique)
    assert (v3.version, v3.source, v3.run_id) == ("3", f"models:/{other_model}", other_run)

    with pytest.raises(TracklineException) as none:
        trackline.register_model(f"runs:/{run_id}/nothing-here", unique)
    assert none.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    versions = trackline.search_model_versions(filter_string=f"name = '{unique}'")
    assert sorted(v.version for v in versions) == ["1", "2", "3"]


def test_registry_history_is_a_trackline_extension(
    client: TracklineClient, live_server: LiveServer, unique: str
) -> None:
    """Trackline answers the audit trail; MLflow has no such endpoint (404)."""
    client.create_registered_model(unique)
    if live_server.kind == "trackline":
        events = client.get_registry_history(name=unique)
        assert [e.action for e in events] == ["CREATE_REGISTERED_MODEL"]
    else:
        with pytest.raises(TracklineException) as missing:
            client.get_registry_history(name=unique)
        assert missing.value.http_status == 404


@pytest.fixture
def as_user(server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, TracklineClient]]:
    """Clients that authenticate (HTTP Basic, from MLFLOW_TRACKING_USERNAME/PASSWORD) as
    alice and as bob."""
    clients: dict[str, TracklineClient] = {}
    monkeypatch.delenv("MLFLOW_TRACKING_TOKEN", raising=False)
    monkeypatch.delenv("TRACKLINE_TRACKING_TOKEN", raising=False)
    for user in ("alice", "bob"):
        monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", user)
        monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", f"{user}-password")
        clients[user] = TracklineClient(server_url)
    yield clients
    for c in clients.values():
        c.close()


# Trackline only: MLflow has no registry audit trail (GET /api/2.0/trackline/registry/history is a
# Trackline extension; test_registry_history_is_a_trackline_extension checks that MLflow answers 404).
@pytest.mark.parametrize("live_server", ["trackline"], indirect=True)
def test_registry_audit_trail(
    live_server: LiveServer,
    as_user: dict[str, TracklineClient],
    run_id: str,
    unique: str,
) -> None:
    alice, bob = as_user["alice"], as_user["bob"]
    alice.log_text(run_id, "flavors: {}\n", "model/MLmodel")
    source = f"{alice.get_run(run_id).info.artifact_uri}/model"
    started = now_ms()
    alice.create_registered_model(unique)
    alice.create_model_version(unique, source, run_id=run_id)
    alice.create_model_version(unique, source, run_id=run_id)
    alice.transition_model_version_stage(unique, 1, "Staging", comment="ready for review")
    middle = now_ms()
    time.sleep(0.01)
    bob.transition_model_version_stage(unique, 1, "Production", comment="approved in review 42")
    alice.set_registered_model_alias(unique, "champion", 1)
    bob.set_registered_model_alias(unique, "champion", 2, comment="beats v1 on last week")
    bob.transition_model_version_stage(unique, 2, "Production", archive_existing_versions=True)
    finished = now_ms()

    alice.history_events_page_size = 2  # every page boundary is crossed
    events = alice.get_registry_history(name=unique)
    assert all(isinstance(e, RegistryEvent) for e in events)
    assert [e.timestamp for e in events] == sorted(e.timestamp for e in events)
    assert all(started <= e.timestamp <= finished for e in events)
    assert len({e.event_id for e in events}) == len(events)

    moves = [
        (e.version, e.from_value, e.to_value, e.user_id, e.comment)
        for e in events
        if e.action == RegistryAction.TRANSITION_STAGE and e.version == "1"
    ]
    assert moves == [
        ("1", "None", "Staging", "alice", "ready for review"),
        ("1", "Staging", "Production", "bob", "approved in review 42"),
        ("1", "Production", "Archived", "bob", moves[2][4]),  # archived by v2's promotion
    ]
    aliases = [
        (e.alias, e.from_value, e.to_value, e.user_id, e.comment)
        for e in events
        if e.action == RegistryAction.SET_ALIAS
    ]
    assert aliases == [
        ("champion", None, "1", "alice", None),
        ("champion", "1", "2", "bob", "beats v1 on last week"),
    ]
    created = [(e.action, e.version, e.user_id) for e in events if e.action.startswith("CREATE")]
    assert created == [
        ("CREATE_REGISTERED_MODEL", None, "alice"),
        ("CREATE_MODEL_VERSION", "1", "alice"),
        ("CREATE_MODEL_VERSION", "2", "alice"),
    ]

    # Filters: one version, one action, a time range; they combine.
    assert [e.to_value for e in alice.get_registry_history(unique, version=1,
            action="TRANSITION_STAGE")] == ["Staging", "Production", "Archived"]  # fmt: skip
    only_aliases = bob.get_registry_history(unique, action=RegistryAction.SET_ALIAS)
    assert [e.to_value for e in only_aliases] == ["1", "2"]
    early = alice.get_registry_history(unique, start_time=started, end_time=middle)
    assert [e.action for e in early] == [
        "CREATE_REGISTERED_MODEL", "CREATE_MODEL_VERSION", "CREATE_MODEL_VERSION",
        "TRANSITION_STAGE",
    ]  # fmt: skip
    late = alice.get_registry_history(unique, start_time=middle + 1)
    assert [(e.action, e.user_id) for e in late][:1] == [("TRANSITION_STAGE", "bob")]
    assert len(early) + len(late) == len(events)

    # Renaming keeps the trail under the new name.
    bob.rename_registered_model(unique, unique + "-renamed", comment="clearer name")
    renamed = alice.get_registry_history(unique + "-renamed")
    assert renamed[: len(events)] == events
    last = renamed[-1]
    assert (last.action, last.from_value, last.to_value, last.user_id, last.comment) == (
        "RENAME_REGISTERED_MODEL", unique, unique + "-renamed", "bob", "clearer name"
    )  # fmt: skip
    with pytest.raises(TracklineException) as bad:
        alice.get_registry_history(action="PROMOTE")
    assert bad.value.error_code == "INVALID_PARAMETER_VALUE"
