"""Authentication and permissions (a server started with --auth), and the attacks on them."""

from __future__ import annotations

import base64
import http.client
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from sqlalchemy import create_engine, text

from conftest import ADMIN_PASSWORD, TRACKLINE, AuthServer, free_port, start_auth_server, stop_server

PROXY = "/api/2.0/mlflow-artifacts/artifacts"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def grant(server: AuthServer, by: requests.Session, username: str, kind: str, rid: str, level: str) -> None:
    r = by.post(
        f"{server.url}/api/3.0/mlflow/users/permissions/grant",
        json={"username": username, "resource_type": kind, "resource_id": rid, "permission": level},
    )
    assert r.status_code == 200, r.text


def username(s: requests.Session) -> str:
    assert isinstance(s.auth, tuple)
    return str(s.auth[0])


def assert_401(r: requests.Response) -> None:
    assert r.status_code == 401, r.text
    assert r.json()["error_code"] == "UNAUTHENTICATED"
    assert r.headers["WWW-Authenticate"] == 'Basic realm="trackline"'


def assert_403(r: requests.Response) -> None:
    assert r.status_code == 403, r.text
    assert r.json() == {
        "error_code": "PERMISSION_DENIED",
        "message": "Permission denied.",
        "error_class": "PERMISSION_DENIED",
        "sqlstate": "KAM00",
    }


class World:
    """An experiment with a run, metrics, an artifact and a logged model, and a registered model
    with a version, all made by ``owner``."""

    def __init__(self, server: AuthServer) -> None:
        self.server = server
        self.owner = server.new_user()
        self.exp_name = unique("secret-exp")
        r = self.owner.post(server.api("experiments/create"), json={"name": self.exp_name})
        assert r.status_code == 200, r.text
        self.eid = r.json()["experiment_id"]
        run = self.owner.post(server.api("runs/create"), json={"experiment_id": self.eid}).json()["run"]
        self.run_id = run["info"]["run_id"]
        self.owner.post(
            server.api("runs/log-metric"), json={"run_id": self.run_id, "key": "loss", "value": 0.5, "timestamp": 1}
        ).raise_for_status()
        self.artifact = f"{self.eid}/{self.run_id}/artifacts/secret.txt"
        self.owner.put(f"{server.url}{PROXY}/{self.artifact}", data=b"top secret").raise_for_status()
        lm = self.owner.post(server.api("logged-models"), json={"experiment_id": self.eid, "name": "m"})
        assert lm.status_code == 200, lm.text
        self.model_id = lm.json()["model"]["info"]["model_id"]
        self.model = unique("secret-model")
        self.owner.post(server.api("registered-models/create"), json={"name": self.model}).raise_for_status()
        mv = self.owner.post(
            server.api("model-versions/create"),
            json={"name": self.model, "source": f"runs:/{self.run_id}/model", "run_id": self.run_id},
        )
        assert mv.status_code == 200, mv.text


@pytest.fixture(scope="module")
def world(auth_server: AuthServer) -> World:
    return World(auth_server)


# --- who: credentials -------------------------------------------------------------------------

MALFORMED = {
    "absent": None,
    "no colon": "Basic " + base64.b64encode(b"adminpassword").decode(),
    "bad base64": "Basic !!!not-base64!!!",
    "empty user": "Basic " + base64.b64encode(b":" + ADMIN_PASSWORD.encode()).decode(),
    "empty password": "Basic " + base64.b64encode(b"admin:").decode(),
    "10 KB": "Basic " + base64.b64encode(b"admin:" + b"x" * 10_000).decode(),
    "non-UTF-8": "Basic " + base64.b64encode(b"admin:\xff\xfe\xfa").decode(),
    "unknown scheme": "Digest username=admin",
    "empty bearer": "Bearer ",
    "made-up bearer": "Bearer tlk_0123456789abcdef_notarealtoken",
    "wrong password": "Basic " + base64.b64encode(b"admin:wrong-password-123").decode(),
    "unknown user": "Basic " + base64.b64encode(b"nobody-at-all:wrong-password-123").decode(),
    "scheme only": "Basic",
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_bad_credentials_get_401_with_a_challenge_never_500(auth_server: AuthServer, case: str) -> None:
    header = MALFORMED[case]
    headers = {} if header is None else {"Authorization": header}
    for method, path in (("GET", "experiments/search?max_results=1"), ("POST", "runs/log-metric")):
        r = requests.request(method, auth_server.api(path), headers=headers, json={"run_id": "x"}, timeout=10)
        assert_401(r)
        assert "Traceback" not in r.text


def test_the_web_ui_calls_get_401_without_a_browser_dialog(auth_server: AuthServer) -> None:
    r = requests.get(auth_server.api("experiments/search"), headers={"X-Requested-With": "XMLHttpRequest"})
    assert r.status_code == 401 and "WWW-Authenticate" not in r.headers


def test_open_routes_stay_open_and_metrics_are_for_admins(auth_server: AuthServer) -> None:
    # The web UI's page is served to anyone (its data calls need credentials).
    for path in ("/health", "/version", "/openapi.yaml", "/api/3.0/mlflow/server-info", "/ready", "/"):
        assert requests.get(auth_server.url + path, timeout=10).status_code == 200, path
    assert_401(requests.get(auth_server.url + "/metrics", timeout=10))
    assert_403(auth_server.new_user().get(auth_server.url + "/metrics", timeout=10))
    assert auth_server.admin().get(auth_server.url + "/metrics", timeout=10).status_code == 200


def test_a_user_signs_in_with_a_password_or_a_token(auth_server: AuthServer) -> None:
    alice = auth_server.new_user()
    me = alice.get(auth_server.api("users/current")).json()
    assert me["user"]["username"] == username(alice) and me["user"]["is_admin"] is False
    made = alice.post(f"{auth_server.url}/api/2.0/trackline/tokens/create", json={"name": "ci"}).json()
    secret, token_id = made["secret"], made["token"]["token_id"]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert requests.get(auth_server.api("users/current"), headers=bearer).json()["user"] == me["user"]
    as_password = requests.get(auth_server.api("users/current"), auth=(username(alice), secret))
    assert as_password.json()["user"] == me["user"]
    # Another user's name with this token is not this user.
    assert_401(requests.get(auth_server.api("users/current"), auth=("admin", secret)))
    listed = alice.get(f"{auth_server.url}/api/2.0/trackline/tokens/list").json()["tokens"]
    assert [t["token_id"] for t in listed] == [token_id] and "secret" not in listed[0]
    # Another user cannot revoke it (and cannot tell it exists).
    bob = auth_server.new_user()
    r = bob.post(f"{auth_server.url}/api/2.0/trackline/tokens/revoke", json={"token_id": token_id})
    assert r.status_code == 404
    alice.post(f"{auth_server.url}/api/2.0/trackline/tokens/revoke", json={"token_id": token_id}).raise_for_status()
    assert_401(requests.get(auth_server.api("users/current"), headers=bearer))


def test_only_hashes_of_passwords_and_tokens_are_stored(auth_server: AuthServer, tmp_path: Path) -> None:
    alice = auth_server.new_user(password="a-very-particular-password")
    secret = alice.post(f"{auth_server.url}/api/2.0/trackline/tokens/create", json={}).json()["secret"]
    db = next(auth_server.log.parent.glob("auth.db"))
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        pw = str(
            conn.execute(text("SELECT password_hash FROM users WHERE username = :u"), {"u": username(alice)}).scalar()
        )
        tokens = [r[0] for r in conn.execute(text("SELECT secret_hash FROM access_tokens"))]
    engine.dispose()
    assert pw.startswith("scrypt:") and "a-very-particular-password" not in pw
    assert secret not in tokens and all(len(t) == 64 for t in tokens)
    assert secret not in db.read_bytes().decode("latin-1")


# --- users ------------------------------------------------------------------------------------


def test_users_are_managed_by_admins(auth_server: AuthServer) -> None:
    admin = auth_server.admin()
    name = unique("carol")
    created = admin.post(auth_server.api("users/create"), json={"username": name, "password": "carol-password-1"})
    assert created.status_code == 200 and created.json()["user"]["username"] == name
    again = admin.post(auth_server.api("users/create"), json={"username": name, "password": "carol-password-1"})
    assert again.status_code == 400 and again.json()["error_code"] == "RESOURCE_ALREADY_EXISTS"
    short = admin.post(auth_server.api("users/create"), json={"username": unique("d"), "password": "short"})
    assert short.status_code == 400 and "12 characters" in short.json()["message"]
    empty = admin.post(auth_server.api("users/create"), json={"username": unique("d"), "password": ""})
    assert empty.status_code == 400
    carol = auth_server.session(name, "carol-password-1")
    # Creating users is for admins (MLflow's CVE-2023-6014: anyone could sign up).
    assert_401(requests.post(auth_server.api("users/create"), json={"username": "x", "password": "x" * 12}))
    assert_403(carol.post(auth_server.api("users/create"), json={"username": "x", "password": "x" * 12}))
    assert_403(carol.get(auth_server.api("users/list")))
    assert_403(carol.get(auth_server.api("users/get"), params={"username": "admin"}))
    assert carol.get(auth_server.api("users/get"), params={"username": name}).status_code == 200
    assert name in [u["username"] for u in admin.get(auth_server.api("users/list")).json()["users"]]
    # Changing one's own password needs the current one.
    no_current = carol.patch(auth_server.api("users/update-password"), json={"username": name, "password": "n" * 12})
    assert no_current.status_code == 400
    changed = carol.patch(
        auth_server.api("users/update-password"),
        json={"username": name, "password": "carol-password-2", "current_password": "carol-password-1"},
    )
    assert changed.status_code == 200
    assert_401(carol.get(auth_server.api("users/current")))
    carol = auth_server.session(name, "carol-password-2")
    assert carol.get(auth_server.api("users/current")).status_code == 200
    assert_403(carol.patch(auth_server.api("users/update-admin"), json={"username": name, "is_admin": True}))
    admin.patch(auth_server.api("users/update-admin"), json={"username": name, "is_admin": True}).raise_for_status()
    assert carol.get(auth_server.api("users/list")).status_code == 200
    refused = admin.delete(auth_server.api("users/delete"), json={"username": "admin"})
    assert refused.status_code == 400
    admin.delete(auth_server.api("users/delete"), json={"username": name}).raise_for_status()
    assert_401(carol.get(auth_server.api("users/current")))
    gone = admin.get(auth_server.api("users/get"), params={"username": name})
    assert gone.status_code == 404 and gone.json()["error_code"] == "RESOURCE_DOES_NOT_EXIST"


@pytest.mark.parametrize(
    "name",
    [
        "x' OR '1'='1",
        "robert'); DROP TABLE users;--",
        'admin"--',
        "../../etc/passwd",
        "%2e%2e%2fadmin",
        "admin%00",
        "名前-ユーザー",
    ],
)
def test_usernames_that_look_like_sql_or_paths_are_stored_literally(auth_server: AuthServer, name: str) -> None:
    admin = auth_server.admin()
    made = admin.post(auth_server.api("users/create"), json={"username": name, "password": "literal-password-1"})
    assert made.status_code == 200, made.text
    assert made.json()["user"]["username"] == name and made.json()["user"]["is_admin"] is False
    basic = base64.b64encode(f"{name}:literal-password-1".encode()).decode()
    me = requests.get(auth_server.api("users/current"), headers={"Authorization": f"Basic {basic}"})
    assert me.json()["user"]["username"] == name
    assert admin.get(auth_server.api("users/get"), params={"username": name}).json()["user"]["username"] == name
    assert admin.get(auth_server.api("users/get"), params={"username": "admin"}).json()["user"]["is_admin"] is True
    admin.delete(auth_server.api("users/delete"), json={"username": name}).raise_for_status()


def test_control_characters_and_colons_are_refused_in_usernames(auth_server: AuthServer) -> None:
    for name in ("a\nb", "a:b", "\x00", "x" * 257):
        r = auth_server.admin().post(auth_server.api("users/create"), json={"username": name, "password": "p" * 12})
        assert r.status_code == 400, name


# --- what: levels ------------------------------------------------------------------------------


def test_the_creator_manages_and_the_default_is_read(auth_server: AuthServer, world: World) -> None:
    owner = world.owner
    get = f"{auth_server.url}/api/3.0/mlflow/users/permissions/get"
    mine = owner.get(get, params={"username": username(owner), "resource_type": "experiment", "resource_id": world.eid})
    assert mine.json() == {"allowed": True, "permission": "MANAGE"}
    model = owner.get(
        get, params={"username": username(owner), "resource_type": "registered_model", "resource_id": world.model}
    )
    assert model.json()["permission"] == "MANAGE"
    reader = auth_server.new_user()
    theirs = reader.get(get, params={"username": username(reader), "resource_type": "experiment", "resource_id": "1"})
    assert theirs.json() == {"allowed": False, "permission": "READ"}
    assert reader.get(auth_server.api("experiments/get"), params={"experiment_id": world.eid}).status_code == 200
    # Asking about another user needs MANAGE on the resource.
    assert_403(
        reader.get(get, params={"username": username(owner), "resource_type": "experiment", "resource_id": world.eid})
    )


def test_a_read_user_cannot_write(auth_server: AuthServer, world: World) -> None:
    reader = auth_server.new_user()
    api = auth_server.api
    assert reader.get(api("runs/get"), params={"run_id": world.run_id}).status_code == 200
    assert_403(
        reader.post(api("runs/log-metric"), json={"run_id": world.run_id, "key": "k", "value": 1, "timestamp": 1})
    )
    assert_403(reader.post(api("runs/set-tag"), json={"run_id": world.run_id, "key": "k", "value": "v"}))
    assert_403(reader.post(api("runs/create"), json={"experiment_id": world.eid}))
    assert_403(reader.post(api("experiments/update"), json={"experiment_id": world.eid, "new_name": "x"}))
    assert_403(reader.put(f"{auth_server.url}{PROXY}/{world.eid}/{world.run_id}/artifacts/x.txt", data=b"x"))
    assert_403(reader.post(api("registered-models/set-tag"), json={"name": world.model, "key": "k", "value": "v"}))
    assert_403(
        reader.post(
            api("model-versions/transition-stage"), json={"name": world.model, "version": "1", "stage": "Production"}
        )
    )
    # Nothing was written.
    tags = world.owner.get(api("runs/get"), params={"run_id": world.run_id}).json()["run"]["data"].get("tags", [])
    assert not any(t["key"] == "k" for t in tags)


def test_an_edit_user_writes_but_cannot_delete_or_grant(auth_server: AuthServer, world: World) -> None:
    editor = auth_server.new_user()
    grant(auth_server, world.owner, username(editor), "experiment", world.eid, "EDIT")
    grant(auth_server, world.owner, username(editor), "registered_model", world.model, "EDIT")
    api = auth_server.api
    run = editor.post(api("runs/create"), json={"experiment_id": world.eid})
    assert run.status_code == 200
    run_id = run.json()["run"]["info"]["run_id"]
    assert run.json()["run"]["info"]["user_id"] == username(editor)
    ok = editor.post(api("runs/log-metric"), json={"run_id": run_id, "key": "k", "value": 1, "timestamp": 1})
    assert ok.status_code == 200
    art = f"{auth_server.url}{PROXY}/{world.eid}/{run_id}/artifacts/x.txt"
    assert editor.put(art, data=b"x").status_code == 200
    # Deleting an artifact needs MANAGE (MLflow's CVE-2024-4263: EDIT users could delete).
    assert_403(editor.delete(art))
    assert_403(editor.post(api("runs/delete"), json={"run_id": run_id}))
    assert_403(editor.post(api("experiments/delete"), json={"experiment_id": world.eid}))
    assert_403(editor.delete(api("registered-models/delete"), json={"name": world.model}))
    assert_403(editor.delete(api("model-versions/delete"), json={"name": world.model, "version": "1"}))
    other = auth_server.new_user()
    grant_url = f"{auth_server.url}/api/3.0/mlflow/users/permissions/grant"
    body = {"username": username(other), "resource_type": "experiment", "resource_id": world.eid, "permission": "READ"}
    assert_403(editor.post(grant_url, json=body))
    legacy = {"experiment_id": world.eid, "username": username(other), "permission": "READ"}
    assert_403(editor.post(api("experiments/permissions/create"), json=legacy))
    assert world.owner.delete(art).status_code == 200


def test_a_second_grant_is_refused_revoke_then_grant(auth_server: AuthServer, world: World) -> None:
    user = auth_server.new_user()
    name = username(user)
    grant(auth_server, world.owner, name, "experiment", world.eid, "READ")
    url = f"{auth_server.url}/api/3.0/mlflow/users/permissions"
    body = {"username": name, "resource_type": "experiment", "resource_id": world.eid, "permission": "EDIT"}
    again = world.owner.post(f"{url}/grant", json=body)
    assert again.status_code == 400 and again.json()["error_code"] == "RESOURCE_ALREADY_EXISTS"
    revoke = {k: v for k, v in body.items() if k != "permission"}
    assert world.owner.post(f"{url}/revoke", json=revoke).status_code == 200
    assert world.owner.post(f"{url}/revoke", json=revoke).status_code == 404
    assert world.owner.post(f"{url}/grant", json=body).status_code == 200
    params = {"username": name, "resource_type": "experiment", "resource_id": world.eid}
    assert world.owner.get(f"{url}/get", params=params).json() == {"allowed": True, "permission": "EDIT"}
    bad = world.owner.post(f"{url}/grant", json={**body, "permission": "SUPERUSER"})
    assert bad.status_code == 400
    unknown = world.owner.post(f"{url}/grant", json={**body, "username": unique("ghost")})
    assert unknown.status_code == 404


def test_the_mlflow_2_per_resource_routes_share_the_grants(auth_server: AuthServer, world: World) -> None:
    api = auth_server.api
    user = auth_server.new_user()
    name = username(user)
    made = world.owner.post(
        api("experiments/permissions/create"),
        json={"experiment_id": world.eid, "username": name, "permission": "NO_PERMISSIONS"},
    )
    assert made.status_code == 200
    assert made.json()["experiment_permission"]["permission"] == "NO_PERMISSIONS"
    assert made.json()["experiment_permission"]["experiment_id"] == world.eid
    assert_403(user.get(api("experiments/get"), params={"experiment_id": world.eid}))  # NO_PERMISSIONS is DENY
    dup = world.owner.post(
        api("experiments/permissions/create"), json={"experiment_id": world.eid, "username": name, "permission": "READ"}
    )
    assert dup.status_code == 400 and dup.json()["error_code"] == "RESOURCE_ALREADY_EXISTS"
    world.owner.patch(
        api("experiments/permissions/update"), json={"experiment_id": world.eid, "username": name, "permission": "READ"}
    ).raise_for_status()
    got = world.owner.get(api("experiments/permissions/get"), params={"experiment_id": world.eid, "username": name})
    assert got.json()["experiment_permission"]["permission"] == "READ"
    assert user.get(api("experiments/get"), params={"experiment_id": world.eid}).status_code == 200
    world.owner.delete(
        api("experiments/permissions/delete"), json={"experiment_id": world.eid, "username": name}
    ).raise_for_status()
    gone = world.owner.get(api("experiments/permissions/get"), params={"experiment_id": world.eid, "username": name})
    assert gone.status_code == 404
    rm = world.owner.post(
        api("registered-models/permissions/create"), json={"name": world.model, "username": name, "permission": "DENY"}
    )
    assert rm.json()["registered_model_permission"] == {
        "name": world.model,
        "user_id": user.get(api("users/current")).json()["user"]["id"],
        "permission": "DENY",
    }
    assert_403(user.get(api("registered-models/get"), params={"name": world.model}))


def test_a_models_grants_follow_its_renames_and_go_with_it(auth_server: AuthServer) -> None:
    owner, other = auth_server.new_user(), auth_server.new_user()
    api = auth_server.api
    name = unique("renamed")
    owner.post(api("registered-models/create"), json={"name": name}).raise_for_status()
    grant(auth_server, owner, username(other), "registered_model", name, "DENY")
    owner.post(api("registered-models/rename"), json={"name": name, "new_name": name + "-2"}).raise_for_status()
    assert_403(other.get(api("registered-models/get"), params={"name": name + "-2"}))
    assert owner.get(api("registered-models/get"), params={"name": name + "-2"}).status_code == 200
    owner.delete(api("registered-models/delete"), json={"name": name + "-2"}).raise_for_status()
    # A new model of that name starts with no grants from the old one.
    other.post(api("registered-models/create"), json={"name": name + "-2"}).raise_for_status()
    assert other.get(api("registered-models/get"), params={"name": name + "-2"}).status_code == 200


def test_a_denied_user_reads_nothing_of_the_experiment(auth_server: AuthServer, world: World) -> None:
    denied = auth_server.new_user()
    grant(auth_server, world.owner, username(denied), "experiment", world.eid, "DENY")
    api = auth_server.api
    bulk: dict[str, Any] = {"run_ids": [world.run_id], "metric_key": "loss", "max_results": 10}
    attempts = [
        denied.get(api("experiments/get"), params={"experiment_id": world.eid}),
        denied.get(api("experiments/get-by-name"), params={"experiment_name": world.exp_name}),
        denied.get(api("runs/get"), params={"run_id": world.run_id}),
        denied.get(api("runs/get"), params={"run_uuid": world.run_id}),
        denied.get(api("metrics/get-history"), params={"run_id": world.run_id, "metric_key": "loss"}),
        denied.get(
            api("metrics/get-history-bulk-interval"),
            params=bulk,
        ),
        denied.get(api("artifacts/list"), params={"run_id": world.run_id}),
        denied.get(f"{api('logged-models')}/{world.model_id}"),
        denied.get(f"{auth_server.url}{PROXY}/{world.artifact}"),
        denied.get(f"{auth_server.url}/api/2.0/mlflow-artifacts/artifacts", params={"path": world.eid}),
        denied.get(f"{auth_server.url}/api/2.0/trackline/runs/artifact", params={"run_id": world.run_id, "path": "x"}),
        denied.get(f"{auth_server.url}/api/2.0/trackline/experiments/keys", params={"experiment_id": world.eid}),
        denied.get(
            f"{auth_server.url}/api/2.0/trackline/metrics/downsample",
            params={"run_ids": [world.run_id], "metric_keys": ["loss"]},
        ),
    ]
    for r in attempts:
        assert_403(r)
        assert world.exp_name not in r.text and "top secret" not in r.text
    # Searches leave it out, and say nothing about it.
    exps = denied.post(api("experiments/search"), json={"max_results": 1000}).json().get("experiments", [])
    assert world.eid not in [e["experiment_id"] for e in exps]
    named = denied.post(api("experiments/search"), json={"filter": f"name = '{world.exp_name}'"})
    assert named.json() == {}
    assert denied.post(api("runs/search"), json={"experiment_ids": [world.eid]}).json() == {}
    lms = denied.post(api("logged-models/search"), json={"experiment_ids": [world.eid]})
    assert lms.status_code == 200 and lms.json().get("models") is None
    assert_403(denied.post(f"{auth_server.url}/api/2.0/trackline/runs/table", json={"experiment_ids": [world.eid]}))
    # A model version cannot be pointed at its files to read them another way.
    denied.post(api("registered-models/create"), json={"name": unique("mine")}).raise_for_status()
    mine = unique("thief")
    denied.post(api("registered-models/create"), json={"name": mine}).raise_for_status()
    for source, extra in [
        (f"runs:/{world.run_id}/model", {}),
        (f"runs://{world.run_id}/model", {}),
        (f"mlflow-artifacts:/{world.eid}/{world.run_id}/artifacts", {}),
        (f"mlflow-artifacts:/./{world.eid}/{world.run_id}/artifacts", {}),
        (f"mlflow-artifacts:/{world.eid}//{world.run_id}", {}),
        (f"models:/{world.model_id}", {}),
        (f"models:/{world.model}/1", {}),
        ("s3://anywhere/x", {"run_id": world.run_id}),
        ("s3://anywhere/x", {"model_id": world.model_id}),
    ]:
        if source.startswith("models:/" + world.model):
            grant(auth_server, world.owner, username(denied), "registered_model", world.model, "DENY")
        r = denied.post(api("model-versions/create"), json={"name": mine, "source": source, **extra})
        assert_403(r)
    assert (
        denied.get(api("registered-models/get"), params={"name": mine})
        .json()["registered_model"]
        .get("latest_versions")
        is None
    )


@pytest.mark.parametrize(
    "path",
    [
        "./{eid}/{run}/artifacts/secret.txt",
        "%2E/{eid}/{run}/artifacts/secret.txt",
        "{eid}%2F{run}%2Fartifacts%2Fsecret.txt",
        ".%2F{eid}/{run}/artifacts/secret.txt",
        "{eid}/./{run}/artifacts/secret.txt",
        "/{eid}/{run}/artifacts/secret.txt",
        "{other}/../{eid}/{run}/artifacts/secret.txt",
        "{other}/%2E%2E/{eid}/{run}/artifacts/secret.txt",
        "{other}%2F..%2F{eid}/{run}/artifacts/secret.txt",
        "{other}\\..\\{eid}/{run}/artifacts/secret.txt",
        "0{eid}/{run}/artifacts/secret.txt",
    ],
)
def test_the_artifact_proxy_checks_the_normalised_path(auth_server: AuthServer, world: World, path: str) -> None:
    """MLflow 3.17.2 checks the raw path: ``./<experiment>/...`` slipped past it."""
    denied = auth_server.new_user()
    grant(auth_server, world.owner, username(denied), "experiment", world.eid, "DENY")
    other = denied.post(auth_server.api("experiments/create"), json={"name": unique("other")}).json()["experiment_id"]
    raw = path.format(eid=world.eid, run=world.run_id, other=other)
    parsed = urlparse(auth_server.url)
    assert parsed.hostname is not None and isinstance(denied.auth, tuple)
    token = base64.b64encode(f"{denied.auth[0]}:{denied.auth[1]}".encode()).decode()
    for method in ("GET", "PUT", "DELETE"):
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
        conn.request(
            method, f"{PROXY}/{raw}", body=b"overwritten" if method == "PUT" else None,
            headers={"Authorization": f"Basic {token}"},
        )  # fmt: skip
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        assert resp.status in (400, 403, 404), (method, raw, resp.status, body)
        assert b"top secret" not in body
    assert world.owner.get(f"{auth_server.url}{PROXY}/{world.artifact}").content == b"top secret"


def test_searches_page_through_only_what_the_user_may_read(auth_server: AuthServer) -> None:
    owner, reader = auth_server.new_user(), auth_server.new_user()
    api = auth_server.api
    prefix = unique("paged")
    readable, models = [], []
    for i in range(9):
        eid = owner.post(api("experiments/create"), json={"name": f"{prefix}-{i}"}).json()["experiment_id"]
        owner.post(api("registered-models/create"), json={"name": f"{prefix}-m{i}"}).raise_for_status()
        if i % 3 == 0:
            readable.append(eid)
            models.append(f"{prefix}-m{i}")
        else:
            grant(auth_server, owner, username(reader), "experiment", eid, "DENY")
            grant(auth_server, owner, username(reader), "registered_model", f"{prefix}-m{i}", "NO_PERMISSIONS")
    seen, token = [], None
    while True:
        body: dict[str, Any] = {"max_results": 2, "filter": f"name LIKE '{prefix}-%'"}
        if token:
            body["page_token"] = token
        page = reader.post(api("experiments/search"), json=body).json()
        seen += [e["experiment_id"] for e in page.get("experiments", [])]
        token = page.get("next_page_token")
        if not token:
            break
    assert sorted(seen) == sorted(readable)
    names, token = [], None
    while True:
        params: dict[str, Any] = {"max_results": 1, "filter": f"name LIKE '{prefix}-m%'"}
        if token:
            params["page_token"] = token
        page = reader.get(api("registered-models/search"), params=params).json()
        names += [m["name"] for m in page.get("registered_models", [])]
        token = page.get("next_page_token")
        if not token:
            break
    assert sorted(names) == sorted(models)
    everything = owner.post(api("experiments/search"), json={"filter": f"name LIKE '{prefix}-%'"}).json()
    assert len(everything["experiments"]) == 9
    mixed = reader.post(api("runs/search"), json={"experiment_ids": readable + ["999999"]})
    assert mixed.status_code == 200


def test_the_audit_trail_records_the_authenticated_user(auth_server: AuthServer) -> None:
    owner = auth_server.new_user()
    api = auth_server.api
    name = unique("audited")
    owner.post(api("registered-models/create"), json={"name": name, "user_id": "someone-else"}).raise_for_status()
    eid = owner.post(api("experiments/create"), json={"name": unique("e")}).json()["experiment_id"]
    run_id = owner.post(api("runs/create"), json={"experiment_id": eid}).json()["run"]["info"]["run_id"]
    owner.post(
        api("model-versions/create"), json={"name": name, "source": f"runs:/{run_id}/m", "user_id": "mallory"}
    ).raise_for_status()
    owner.post(
        api("model-versions/transition-stage"),
        json={"name": name, "version": "1", "stage": "Production", "user_id": "mallory"},
    ).raise_for_status()
    events = owner.get(f"{auth_server.url}/api/2.0/trackline/registry/history", params={"name": name}).json()
    assert events["events"] and {e.get("user_id") for e in events["events"]} == {username(owner)}
    stranger = auth_server.new_user()
    grant(auth_server, owner, username(stranger), "registered_model", name, "DENY")
    hidden = stranger.get(f"{auth_server.url}/api/2.0/trackline/registry/history", params={"name": name}).json()
    assert hidden == {}


def test_admins_can_do_everything(auth_server: AuthServer, world: World) -> None:
    admin = auth_server.admin()
    api = auth_server.api
    grant(auth_server, world.owner, "admin", "experiment", world.eid, "DENY")  # an admin's grants do not bind them
    assert admin.get(api("runs/get"), params={"run_id": world.run_id}).status_code == 200
    assert admin.get(f"{auth_server.url}{PROXY}/{world.artifact}").content == b"top secret"
    assert admin.get(f"{auth_server.url}/api/2.0/mlflow-artifacts/artifacts").status_code == 200
    other = auth_server.new_user()
    grant(auth_server, admin, username(other), "experiment", world.eid, "READ")
    exps = admin.post(api("experiments/search"), json={"max_results": 1000}).json()["experiments"]
    assert world.eid in [e["experiment_id"] for e in exps]


def test_only_admins_choose_where_artifacts_go(auth_server: AuthServer) -> None:
    """MLflow's CVE-2024-1483: a client-chosen artifact location made its server read its own files."""
    user = auth_server.new_user()
    for location in ("file:///etc/", "/etc", "http:///#/../../../../etc/", "mlflow-artifacts:/1"):
        r = user.post(auth_server.api("experiments/create"), json={"name": unique("x"), "artifact_location": location})
        assert_403(r)
    ok = auth_server.admin().post(
        auth_server.api("experiments/create"), json={"name": unique("x"), "artifact_location": "s3://bucket/x"}
    )
    assert ok.status_code == 200


def test_model_version_sources_outside_every_experiment_are_for_admins(auth_server: AuthServer) -> None:
    """MLflow's CVE-2023-1177 and CVE-2024-1483: a version whose source is a server path."""
    user = auth_server.new_user()
    name = unique("lfi")
    user.post(auth_server.api("registered-models/create"), json={"name": name}).raise_for_status()
    for source in ("file:///etc/", "/etc/passwd", "file:///etc/#/../", "http://169.254.169.254/latest/"):
        assert_403(user.post(auth_server.api("model-versions/create"), json={"name": name, "source": source}))
    for source in ("runs:/../../etc", "mlflow-artifacts:/1/..\\..\\etc", "mlflow-artifacts:/%2e%2e/etc"):
        r = user.post(auth_server.api("model-versions/create"), json={"name": name, "source": source})
        assert r.status_code in (400, 403, 404), (source, r.status_code)


def test_failed_sign_ins_slow_down_per_user_and_per_address(tmp_path: Path) -> None:
    # The default delays; one worker, so that every failure counts in the same process.
    server = start_auth_server(f"sqlite:///{tmp_path}/slow.db", tmp_path, workers=1)
    try:
        victim = server.new_user()
        name = username(victim)

        def attempt(user: str, password: str = "wrong-password-xx") -> tuple[int, float]:
            start = time.monotonic()
            r = requests.get(server.api("users/current"), auth=(user, password), timeout=30)
            return r.status_code, time.monotonic() - start

        tries = [attempt(name) for _ in range(9)]
        assert {status for status, _ in tries} == {401}
        assert [t for _, t in tries[-2:]] >= [1.0, 2.0], tries  # 0.25 s after the 5th, doubling
        # The right password is not delayed: one guesser cannot lock a user out.
        status, took = attempt(name, "user-password-123")
        assert status == 200
        assert took < min(t for _, t in tries[-2:]), (took, tries)
        # Other usernames from this address are slowed down too (per address).
        later = [attempt(unique("guess")) for _ in range(2)]
        assert max(t for _, t in later) >= 0.25, later
    finally:
        stop_server(server)


def test_the_server_needs_an_admin_password_and_has_none_built_in(tmp_path: Path) -> None:
    """GHSA-gq3w-7jj3-x7gr: MLflow shipped admin/password1234."""
    port = free_port()
    proc = subprocess.run(
        [TRACKLINE, "server", "--auth", "--port", str(port), "--backend-store-uri", f"sqlite:///{tmp_path}/a.db"],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in __import__("os").environ.items() if k != "TRACKLINE_ADMIN_PASSWORD"},
    )
    assert proc.returncode == 2
    assert "TRACKLINE_ADMIN_PASSWORD" in proc.stderr
    short = subprocess.run(
        [TRACKLINE, "server", "--app-name", "basic-auth", "--port", str(port), "--backend-store-uri",
         f"sqlite:///{tmp_path}/b.db"],
        capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "TRACKLINE_ADMIN_PASSWORD": "short"},
    )  # fmt: skip
    assert short.returncode == 2 and "12 characters" in short.stderr


def test_without_auth_the_auth_routes_are_absent(live_server: Any) -> None:
    r = requests.get(live_server.api("users/current"), timeout=10)
    assert r.status_code == 404 and "--auth" in r.json()["message"]
    assert requests.get(live_server.api("experiments/search"), timeout=10).status_code == 200


def test_the_curl_examples_of_docs_security_md_run(auth_server: AuthServer) -> None:
    import os
    import re

    from conftest import ROOT

    markdown = (ROOT / "docs" / "security.md").read_text()
    blocks = [b for b in re.findall(r"```bash\n(.*?)```", markdown, flags=re.S) if "curl " in b]
    assert blocks
    env = {**os.environ, "TRACKLINE_ADMIN_PASSWORD": ADMIN_PASSWORD}
    for block in blocks:
        script = "set -euo pipefail\n" + block.replace("http://127.0.0.1:5000", auth_server.url)
        out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, env=env)
        assert out.returncode == 0, out.stderr
        assert "error_code" not in out.stdout, out.stdout
        assert out.stdout.rstrip().endswith('{"allowed":true,"permission":"EDIT"}'), out.stdout


def test_a_refused_request_leaves_its_connection_usable(auth_server: AuthServer, live_server: Any) -> None:
    """A body left unread by a refusal (401, 403, an invalid upload path) is read and dropped, so
    that the client's next request on the same connection is answered."""
    denied = auth_server.new_user()
    eid = (
        auth_server.admin()
        .post(auth_server.api("experiments/create"), json={"name": unique("c")})
        .json()["experiment_id"]
    )
    grant(auth_server, auth_server.admin(), username(denied), "experiment", eid, "DENY")
    upload = f"{auth_server.url}{PROXY}/{eid}/r/artifacts/w.bin"
    part = f"{auth_server.url}/api/2.0/mlflow-artifacts/mpu/part/{eid}/r/artifacts/w.bin"
    for _ in range(10):
        assert denied.put(upload, data=b"x" * 5000, timeout=10).status_code == 403
        assert denied.get(auth_server.api("users/current"), timeout=10).status_code == 200
        r = denied.put(part, params={"upload_id": "u", "part_number": "1"}, data=b"part", timeout=10)
        assert r.status_code == 403
        wrong = denied.post(auth_server.api("runs/create"), json={"experiment_id": eid}, auth=("x", "y"), timeout=10)
        assert wrong.status_code == 401
        assert denied.get(auth_server.api("users/current"), timeout=10).status_code == 200
    plain = requests.Session()  # without --auth: an upload refused for its path
    for _ in range(10):
        bad = plain.put(f"{live_server.url}{PROXY}/a/%2E%2E/w.bin", data=b"x" * 5000, timeout=10)
        assert bad.status_code == 400
        assert plain.get(live_server.url + "/health", timeout=10).status_code == 200


def test_the_checks_on_postgresql(new_database: Any, tmp_path: Path) -> None:
    server = start_auth_server(new_database("postgres"), tmp_path)
    try:
        owner, other = server.new_user(), server.new_user()
        api = server.api
        eid = owner.post(api("experiments/create"), json={"name": unique("pg")}).json()["experiment_id"]
        run_id = owner.post(api("runs/create"), json={"experiment_id": eid}).json()["run"]["info"]["run_id"]
        ok = owner.post(api("runs/log-metric"), json={"run_id": run_id, "key": "m", "value": 1, "timestamp": 1})
        assert ok.status_code == 200
        assert_403(other.post(api("runs/log-metric"), json={"run_id": run_id, "key": "m", "value": 1, "timestamp": 1}))
        grant(server, owner, username(other), "experiment", eid, "DENY")
        assert_403(other.get(api("runs/get"), params={"run_id": run_id}))
        found = other.post(api("experiments/search"), json={"max_results": 100}).json().get("experiments", [])
        assert eid not in [e["experiment_id"] for e in found]
        assert_401(requests.get(api("runs/get"), params={"run_id": run_id}, auth=(username(other), "wrong-password")))
    finally:
        stop_server(server)
