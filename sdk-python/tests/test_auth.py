"""``trackline.auth.AuthClient`` and the SDK's credentials against a Trackline server with --auth."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import trackline
from conftest import BIN_DIR, free_port
from trackline import TracklineClient, TracklineException
from trackline.auth import AuthClient

ADMIN_PASSWORD = "sdk-admin-password"


@pytest.fixture(scope="module")
def auth_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("auth-server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    env["TRACKLINE_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    log = workdir / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(BIN_DIR / "trackline"), "server", "--auth", "--host", "127.0.0.1", "--port", str(port),
             "--backend-store-uri", f"sqlite:///{workdir}/auth.db", "--artifacts-destination", str(workdir / "art")],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def no_credentials_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("MLFLOW_TRACKING_", "TRACKLINE_TRACKING_")):
            monkeypatch.delenv(name)


def test_users_grants_and_tokens(auth_url: str, no_credentials_in_env: None) -> None:
    with AuthClient(auth_url, username="admin", password=ADMIN_PASSWORD, max_retries=0) as admin:
        name = unique("alice")
        alice = admin.create_user(name, "alice-password-1")
        assert (alice.username, alice.is_admin) == (name, False)
        assert admin.get_user(name) == alice
        assert name in [u.username for u in admin.list_users()]
        assert admin.get_current_user().is_admin is True
        with pytest.raises(TracklineException) as dup:
            admin.create_user(name, "alice-password-1")
        assert dup.value.error_code == "RESOURCE_ALREADY_EXISTS"

    with TracklineClient(auth_url, username=name, password="alice-password-1", max_retries=0) as as_alice:
        eid = as_alice.create_experiment(unique("exp"))
    with AuthClient(auth_url, username=name, password="alice-password-1", max_retries=0) as auth:
        bob = unique("bob")
        with pytest.raises(TracklineException) as not_admin:
            auth.create_user(bob, "bob-password-123")
        assert (not_admin.value.error_code, not_admin.value.http_status) == ("PERMISSION_DENIED", 403)
        with AuthClient(auth_url, username="admin", password=ADMIN_PASSWORD) as admin:
            admin.create_user(bob, "bob-password-123")
        # alice created the experiment, so she manages it and may grant it.
        assert auth.get_user_permission(name, "experiment", eid).permission == "MANAGE"
        auth.grant_user_permission(bob, "experiment", eid, "READ")
        with pytest.raises(TracklineException) as twice:
            auth.grant_user_permission(bob, "experiment", eid, "EDIT")
        assert twice.value.error_code == "RESOURCE_ALREADY_EXISTS"
        auth.revoke_user_permission(bob, "experiment", eid)
        made = auth.create_experiment_permission(eid, bob, "EDIT")
        assert (made.experiment_id, made.permission) == (eid, "EDIT")
        auth.update_experiment_permission(eid, bob, "READ")
        assert auth.get_experiment_permission(eid, bob).permission == "READ"
        assert auth.get_user_permission(bob, "experiment", eid).allowed is False

        token = auth.create_access_token("ci", expires_in_days=1)
        assert token.secret
        assert token.secret.startswith("tlk_")
        assert token.expiration_time
        assert [t.token_id for t in auth.list_access_tokens()] == [token.token_id]
        assert auth.list_access_tokens()[0].secret is None

    # The token alone signs in, as MLFLOW_TRACKING_TOKEN does.
    with TracklineClient(auth_url, token=token.secret, max_retries=0) as with_token:
        assert with_token.get_experiment(eid).experiment_id == eid
    with AuthClient(auth_url, token=token.secret) as auth:
        auth.revoke_access_token(token.token_id)
    revoked = TracklineClient(auth_url, token=token.secret, max_retries=0)
    with revoked, pytest.raises(TracklineException) as e:
        revoked.get_experiment(eid)
    assert (e.value.error_code, e.value.http_status) == ("UNAUTHENTICATED", 401)


@pytest.mark.parametrize("prefix", ["TRACKLINE_", "MLFLOW_"])
def test_credentials_from_the_environment(
    auth_url: str, no_credentials_in_env: None, monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    name = unique("env")
    with AuthClient(auth_url, username="admin", password=ADMIN_PASSWORD) as admin:
        admin.create_user(name, "env-password-123")
    trackline.set_tracking_uri(auth_url)
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    with TracklineClient() as anonymous, pytest.raises(TracklineException) as e:
        anonymous.search_experiments()
    assert (e.value.error_code, e.value.http_status) == ("UNAUTHENTICATED", 401)
    monkeypatch.setenv(prefix + "TRACKING_USERNAME", name)
    monkeypatch.setenv(prefix + "TRACKING_PASSWORD", "env-password-123")
    with TracklineClient() as signed_in:
        eid = signed_in.create_experiment(unique("mine"))
        run = signed_in.create_run(eid)
        signed_in.log_metric(run.info.run_id, "loss", 0.5)
        assert run.info.user_id == name
    # A READ user (the default) cannot write in someone else's experiment.
    reader = unique("reader")
    with AuthClient(auth_url, username="admin", password=ADMIN_PASSWORD) as admin:
        admin.create_user(reader, "reader-password-1")
    monkeypatch.setenv(prefix + "TRACKING_USERNAME", reader)
    monkeypatch.setenv(prefix + "TRACKING_PASSWORD", "reader-password-1")
    with TracklineClient() as as_reader:
        assert as_reader.get_run(run.info.run_id).info.run_id == run.info.run_id
        with pytest.raises(TracklineException) as denied:
            as_reader.log_metric(run.info.run_id, "loss", 0.1)
    assert (denied.value.error_code, denied.value.http_status) == ("PERMISSION_DENIED", 403)
    with AuthClient() as auth:
        token = auth.create_access_token()
    monkeypatch.delenv(prefix + "TRACKING_USERNAME")
    monkeypatch.delenv(prefix + "TRACKING_PASSWORD")
    monkeypatch.setenv(prefix + "TRACKING_TOKEN", str(token.secret))
    with AuthClient() as auth:
        assert auth.get_current_user().username == reader


def test_the_auth_module_is_public() -> None:
    import trackline.auth as module

    assert trackline.auth is module
    assert sorted(module.__all__) == sorted(
        ["AccessToken", "AuthClient", "ExperimentPermission", "RegisteredModelPermission", "User", "UserPermission"]
    )
    assert Path(module.__file__).name == "auth.py"
