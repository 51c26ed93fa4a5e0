"""The model registry and its audit trail on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator

import pytest
import requests

from conftest import LiveServer
from trackline_server.errors import TracklineError
from trackline_server.store.engine import Database
from trackline_server.store.logged_models import LoggedModelStore
from trackline_server.store.migrate import prepare
from trackline_server.store.registry import RegistryStore
from trackline_server.store.tracking import TrackingStore


class Stores:
    def __init__(self, uri: str) -> None:
        self.db = Database(uri)
        prepare(self.db)
        self.models = LoggedModelStore(self.db)
        self.tracking = TrackingStore(self.db, "mlflow-artifacts:/", on_model_metrics=self.models.record_metrics)
        self.tracking.experiments.ensure_default()
        self.registry = RegistryStore(self.db, logged_models=self.models)


@pytest.fixture
def stores(backend_uri: str) -> Iterator[Stores]:
    s = Stores(backend_uri)
    yield s
    s.db.dispose()


def code(fn, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(TracklineError) as info:
        fn(*args)
    return info.value.error_code


def test_versions_are_numbered_and_never_reused(stores: Stores) -> None:
    reg = stores.registry
    reg.models.create("m", [{"key": "k", "value": "v"}], "desc", "alice")
    assert code(reg.models.create, "m", [], None, None) == "RESOURCE_ALREADY_EXISTS"
    for expected in ("1", "2", "3"):
        assert reg.versions.create("m", "s3://b/m", None, [], None, None, None, "alice", None)["version"] == expected
    reg.versions.delete("m", "3", "bob", "bad build")
    assert reg.versions.create("m", "s3://b/m", None, [], None, None, None, None, None)["version"] == "4"
    assert code(reg.versions.get, "m", "3") == "RESOURCE_DOES_NOT_EXIST"
    assert code(reg.versions.get, "m", "abc") == "INVALID_PARAMETER_VALUE"
    assert code(reg.models.get, "nope") == "RESOURCE_DOES_NOT_EXIST"
    assert code(reg.models.create, "a/b", [], None, None) == "INVALID_PARAMETER_VALUE"
    assert (
        code(reg.versions.create, "m", "s3://b/../etc", None, [], None, None, None, None, None)
        == "INVALID_PARAMETER_VALUE"
    )


def test_sources_and_download_uri(stores: Stores) -> None:
    reg, tracking = stores.registry, stores.tracking
    run = tracking.runs.create("0", None, "r", None, [])["info"]
    model = stores.models.create("0", "model", None, run["run_id"], [{"key": "p", "value": "1"}], [])["info"]
    reg.models.create("src", [], None, None)
    from_model = reg.versions.create("src", f"models:/{model['model_id']}", None, [], None, None, None, None, None)
    assert from_model["run_id"] == run["run_id"] and from_model["model_id"] == model["model_id"]
    assert reg.versions.download_uri("src", "1") == model["artifact_uri"]
    from_run = reg.versions.create(
        "src", f"runs:/{run['run_id']}/model", run["run_id"], [], None, None, None, None, None
    )
    assert reg.versions.download_uri("src", from_run["version"]) == f"{run['artifact_uri']}/model"
    other = tracking.runs.create("0", None, "other", None, [])["info"]["run_id"]
    assert (
        code(reg.versions.create, "src", f"runs:/{run['run_id']}/model", other, [], None, None, None, None, None)
        == "INVALID_PARAMETER_VALUE"
    )
    copy = reg.versions.create("src", "models:/src/1", None, [], None, None, None, None, None)
    assert (
        copy["model_id"] == model["model_id"]
        and reg.versions.download_uri("src", copy["version"]) == model["artifact_uri"]
    )
    registered = stores.models.get(model["model_id"])["info"]
    assert {"name": "src", "version": "1"} in registered["registrations"]


def test_stages_aliases_and_latest(stores: Stores) -> None:
    reg = stores.registry
    reg.models.create("s", [], None, None)
    for _ in range(3):
        reg.versions.create("s", "s3://b/m", None, [], None, None, None, None, None)
    reg.versions.transition_stage("s", "1", "production", False, "alice", None)
    reg.versions.transition_stage("s", "2", "Production", False, "alice", None)
    assert {v["version"] for v in reg.models.latest_versions("s", ["Production"])} == {"2"}
    reg.versions.transition_stage("s", "3", "Production", True, "bob", "ship it")
    stages = {v["version"]: v["current_stage"] for v in reg.search.versions("name = 's'", None, None, None)[0]}
    assert stages == {"1": "Archived", "2": "Archived", "3": "Production"}
    assert code(reg.versions.transition_stage, "s", "1", "Gold", False, None, None) == "INVALID_PARAMETER_VALUE"
    assert code(reg.versions.transition_stage, "s", "1", "Archived", True, None, None) == "INVALID_PARAMETER_VALUE"
    reg.aliases.set("s", "champion", "3", "alice", None)
    reg.aliases.set("s", "champion", "1", "bob", "rollback")
    assert reg.aliases.version("s", "champion")["version"] == "1"
    assert reg.aliases.version("s", "champion")["aliases"] == ["champion"]
    model = reg.models.get("s")
    assert model["aliases"] == [{"alias": "champion", "version": "1"}]
    assert {v["current_stage"] for v in model["latest_versions"]} == {"Archived", "Production"}
    for bad in ("latest", "v2", "bad alias", ""):
        assert code(reg.aliases.set, "s", bad, "1", None, None) == "INVALID_PARAMETER_VALUE", bad
    reg.aliases.delete("s", "champion", "carol", None)
    assert code(reg.aliases.version, "s", "champion") == "INVALID_PARAMETER_VALUE"  # as MLflow answers
    reg.aliases.delete("s", "champion", None, None)  # not there any more: a no-op, as in MLflow


def test_audit_trail_follows_a_version_and_an_alias(stores: Stores) -> None:
    reg = stores.registry
    reg.models.create("audit", [], None, "alice")
    reg.versions.create("audit", "s3://b/m", None, [], None, None, None, "alice", "first")
    reg.versions.create("audit", "s3://b/m", None, [], None, None, None, "alice", None)
    for stage, user in (("Staging", "bob"), ("Production", "carol"), ("Archived", "dave")):
        reg.versions.transition_stage("audit", "1", stage, False, user, f"to {stage}")
    reg.aliases.set("audit", "champion", "1", "erin", None)
    reg.aliases.set("audit", "champion", "2", "frank", "v2 wins")
    reg.models.rename("audit", "audited", "gina")
    events, token = reg.history.events("audited", "1", "TRANSITION_STAGE", None, None, None, None)
    assert token is None
    assert [(e["from_value"], e["to_value"], e["user_id"], e["comment"]) for e in events] == [
        ("None", "Staging", "bob", "to Staging"),
        ("Staging", "Production", "carol", "to Production"),
        ("Production", "Archived", "dave", "to Archived"),
    ]
    aliases = reg.history.events("audited", None, "SET_ALIAS", None, None, None, None)[0]
    assert [(e["alias"], e.get("from_value"), e["to_value"], e["user_id"]) for e in aliases] == [
        ("champion", None, "1", "erin"),
        ("champion", "1", "2", "frank"),
    ]
    everything = reg.history.events("audited", None, None, None, None, None, None)[0]
    assert [e["action"] for e in everything][:3] == [
        "CREATE_REGISTERED_MODEL",
        "CREATE_MODEL_VERSION",
        "CREATE_MODEL_VERSION",
    ]
    assert everything[-1]["action"] == "RENAME_REGISTERED_MODEL" and everything[0]["name"] == "audit"
    first, token = reg.history.events("audited", None, None, None, None, 3, None)
    rest, end = reg.history.events("audited", None, None, None, None, 100, token)
    assert [e["event_id"] for e in first + rest] == [e["event_id"] for e in everything] and end is None
    t0 = everything[0]["timestamp"]
    assert reg.history.events(None, None, None, t0, None, None, None)[0]
    assert reg.history.events(None, None, None, None, t0 - 1, None, None)[0] == []


def test_search_grammar_order_and_pages(stores: Stores) -> None:
    reg = stores.registry
    for i in range(5):
        reg.models.create(f"search-{i}", [{"key": "team", "value": "a" if i % 2 else "b"}], None, None)
        reg.versions.create(
            f"search-{i}", f"s3://b/{i}", None, [{"key": "i", "value": str(i)}], None, None, None, None, None
        )
    names = [m["name"] for m in reg.search.models("name LIKE 'search-%'", None, ["name DESC"], None)[0]]
    assert names == [f"search-{i}" for i in range(4, -1, -1)]
    assert [m["name"] for m in reg.search.models("tags.team = 'a'", None, None, None)[0]] == [
        "search-1",
        "search-3",
    ]
    assert len(reg.search.models("name IN ('search-1', 'search-2')", None, None, None)[0]) == 2
    not_prompts = reg.search.models("tags.`mlflow.prompt.is_prompt` != 'true'", None, None, None)[0]
    assert len(not_prompts) == 5
    page, token = reg.search.models(None, 2, None, None)
    page2, token2 = reg.search.models(None, 2, None, token)
    assert len(page) == 2 and len(page2) == 2 and token2 is not None
    got = reg.search.versions("source_path LIKE 's3://b/%' and tags.i != '0'", None, ["name ASC"], None)[0]
    assert [v["name"] for v in got] == [f"search-{i}" for i in range(1, 5)]
    assert len(reg.search.versions("version_number IN (1, 2)", None, None, None)[0]) == 5
    for bad in ("name = ", "nope = 'x'", "name = 'a' OR name = 'b'", "version_number = 'x'"):
        assert code(reg.search.versions, bad, None, None, None) == "INVALID_PARAMETER_VALUE", bad
    assert code(reg.search.models, None, 1001, None, None) == "INVALID_PARAMETER_VALUE"
    assert code(reg.search.models, None, None, ["creation_timestamp"], None) == "INVALID_PARAMETER_VALUE"


def test_rename_and_delete_cascade(stores: Stores) -> None:
    reg = stores.registry
    reg.models.create("old", [{"key": "t", "value": "1"}], None, None)
    reg.versions.create("old", "s3://b/m", None, [{"key": "vt", "value": "1"}], None, None, None, None, None)
    reg.aliases.set("old", "champion", "1", None, None)
    renamed = reg.models.rename("old", "new", None)
    assert renamed["name"] == "new" and renamed["aliases"] == [{"alias": "champion", "version": "1"}]
    assert reg.versions.get("new", "1")["tags"] == [{"key": "vt", "value": "1"}]
    assert code(reg.models.get, "old") == "RESOURCE_DOES_NOT_EXIST"
    reg.models.create("other", [], None, None)
    assert code(reg.models.rename, "new", "other", None) == "RESOURCE_ALREADY_EXISTS"
    reg.models.delete("new", None)
    assert code(reg.versions.get, "new", "1") == "RESOURCE_DOES_NOT_EXIST"
    reg.models.create("new", [], None, None)
    assert reg.versions.create("new", "s3://b/m", None, [], None, None, None, None, None)["version"] == "1"
    assert "tags" not in reg.versions.get("new", "1")


def test_logged_models(stores: Stores) -> None:
    models, tracking = stores.models, stores.tracking
    run_id = tracking.runs.create("0", None, "r", None, [])["info"]["run_id"]
    created = models.create("0", "model", "sklearn", run_id, [], [{"key": "t", "value": "1"}])["info"]
    assert created["status"] == "LOGGED_MODEL_PENDING" and created["model_id"].startswith("m-")
    assert created["artifact_uri"] == f"mlflow-artifacts:/0/models/{created['model_id']}/artifacts"
    tracking.logging.log_batch(
        run_id, [{"key": "acc", "value": 0.9, "timestamp": 1, "step": 0, "model_id": created["model_id"]}], [], []
    )
    models.log_params(created["model_id"], [{"key": "alpha", "value": "0.1"}])
    models.set_tags(created["model_id"], [{"key": "t", "value": "2"}])
    ready = models.finalize(created["model_id"], "LOGGED_MODEL_READY")
    assert ready["info"]["status"] == "LOGGED_MODEL_READY"
    assert ready["data"]["metrics"][0]["key"] == "acc" and ready["data"]["params"] == [{"key": "alpha", "value": "0.1"}]
    found = models.search(["0"], "name = 'model' and metrics.acc > 0.5", [], None, [], None)[0]
    assert [m["info"]["model_id"] for m in found] == [created["model_id"]]
    assert models.search(["0"], "params.alpha = '0.2'", [], None, [], None)[0] == []
    models.delete_tag(created["model_id"], "t")
    assert code(models.delete_tag, created["model_id"], "t") == "RESOURCE_DOES_NOT_EXIST"
    models.delete(created["model_id"])
    assert code(models.get, created["model_id"]) == "RESOURCE_DOES_NOT_EXIST"
    assert models.get(created["model_id"], allow_deleted=True)["info"]["model_id"] == created["model_id"]
    assert code(models.create, "999", None, None, None, [], []) == "RESOURCE_DOES_NOT_EXIST"
    assert code(models.finalize, "m-0", "LOGGED_MODEL_READY") == "RESOURCE_DOES_NOT_EXIST"


def test_history_records_the_authenticated_user(server_factory: Callable[..., LiveServer], tmp_path) -> None:  # type: ignore[no-untyped-def]
    server = server_factory(f"sqlite:///{tmp_path}/h.db", workers=1)
    api = server.api
    auth = {"Authorization": "Basic " + base64.b64encode(b"alice:secret").decode()}
    requests.post(api("registered-models/create"), json={"name": "who"}, headers=auth, timeout=10)
    requests.post(api("registered-models/create"), json={"name": "nobody"}, timeout=10)
    requests.post(
        api("registered-models/create"), json={"name": "dave-s", "user_id": "dave", "comment": "new"}, timeout=10
    )
    requests.post(
        api("model-versions/create"), json={"name": "who", "source": "s3://b/m", "user_id": "bob"}, timeout=10
    )
    requests.post(
        api("model-versions/transition-stage"),
        json={"name": "who", "version": "1", "stage": "Staging", "archive_existing_versions": "false", "comment": "c"},
        headers=auth,
        timeout=10,
    )
    resp = requests.get(api("registered-models/alias"), params={"name": "who", "alias": "nope"}, timeout=10)
    assert resp.status_code == 400 and resp.json()["error_code"] == "INVALID_PARAMETER_VALUE"
    events = requests.get(
        f"{server.url}/api/2.0/trackline/registry/history", params={"name": "who"}, timeout=10
    ).json()["events"]
    assert [(e["action"], e["user_id"]) for e in events] == [
        ("CREATE_REGISTERED_MODEL", "alice"),
        ("CREATE_MODEL_VERSION", "bob"),
        ("TRANSITION_STAGE", "alice"),
    ]
    history = f"{server.url}/api/2.0/trackline/registry/history"
    (nobody,) = requests.get(history, params={"name": "nobody"}, timeout=10).json()["events"]
    assert "user_id" not in nobody
    (dave,) = requests.get(history, params={"name": "dave-s"}, timeout=10).json()["events"]
    assert dave["user_id"] == "dave" and dave["comment"] == "new"
    bad = requests.get(f"{server.url}/api/2.0/trackline/registry/history", params={"action": "EXPLODE"}, timeout=10)
    assert bad.status_code == 400
