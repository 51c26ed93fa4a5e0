"""Generated from the spec: every operation, with --auth on, refuses an anonymous request (401)
and a user without the permission its rule in ``auth/rules.py`` asks for (403), or, for the
documented alternatives (searches), answers with nothing the user may not read."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest
import requests

from conftest import AuthServer
from trackline_server.app import check_bindings
from trackline_server.auth.rules import ADMIN, CHECKED, OPEN, RULES, SIGNED_IN
from trackline_server.handlers import all_handlers
from trackline_server.spec import Operation, _resolve, load_spec, operations

OPS = operations()
PROXY_PREFIX = "/api/2.0/mlflow-artifacts/"


def test_every_operation_of_the_spec_has_a_rule() -> None:
    """The permission table covers the spec exactly (the server refuses to start otherwise)."""
    spec_ids = {op.operation_id for op in OPS}
    assert spec_ids - set(RULES) == set(), "operations without a rule in auth/rules.py"
    assert set(RULES) - spec_ids == set(), "rules for operations the spec does not have"
    check_bindings(OPS, all_handlers())


def test_the_spec_marks_exactly_the_open_operations_as_needing_no_credentials() -> None:
    spec = load_spec()
    assert {"basicAuth", "bearerAuth"} <= set(spec["components"]["securitySchemes"])
    for item in spec["paths"].values():
        for method, raw in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            rule = RULES[raw["operationId"]]
            if rule.kind == OPEN:
                assert raw.get("security") == [], raw["operationId"]
            else:
                assert "security" not in raw, raw["operationId"]  # the spec's default: Basic or Bearer
                assert {"401", "403"} <= set(raw["responses"]), raw["operationId"]


class Setup:
    """What the requests point at: an experiment with a run, an artifact and a logged model, a
    registered model with a version and an alias (the admin's), and a user denied both."""

    def __init__(self, server: AuthServer) -> None:
        admin = server.admin()
        self.server = server
        self.exp_name = f"spec-exp-{uuid.uuid4().hex[:8]}"
        self.eid = admin.post(server.api("experiments/create"), json={"name": self.exp_name}).json()["experiment_id"]
        self.run_id = admin.post(server.api("runs/create"), json={"experiment_id": self.eid}).json()["run"]["info"][
            "run_id"
        ]
        admin.post(
            server.api("runs/log-metric"), json={"run_id": self.run_id, "key": "rmse", "value": 1, "timestamp": 1}
        ).raise_for_status()
        self.artifact = f"{self.eid}/{self.run_id}/artifacts/weights.bin"
        admin.put(f"{server.url}{PROXY_PREFIX}artifacts/{self.artifact}", data=b"w").raise_for_status()
        self.model_id = admin.post(
            server.api("logged-models"), json={"experiment_id": self.eid, "name": "model"}
        ).json()["model"]["info"]["model_id"]
        self.model = f"spec-model-{uuid.uuid4().hex[:8]}"
        admin.post(server.api("registered-models/create"), json={"name": self.model}).raise_for_status()
        admin.post(
            server.api("model-versions/create"), json={"name": self.model, "source": f"runs:/{self.run_id}/m"}
        ).raise_for_status()
        admin.post(
            server.api("registered-models/alias"), json={"name": self.model, "alias": "champion", "version": "1"}
        ).raise_for_status()
        self.nobody_name = f"nobody-{uuid.uuid4().hex[:8]}"
        self.nobody = server.new_user(self.nobody_name)
        for kind, rid in (("experiment", self.eid), ("registered_model", self.model)):
            admin.post(
                f"{server.url}/api/3.0/mlflow/users/permissions/grant",
                json={"username": self.nobody_name, "resource_type": kind, "resource_id": rid, "permission": "DENY"},
            ).raise_for_status()

    def value(self, op: Operation, key: str, example: Any) -> Any:
        """The example value of ``key``, pointed at this setup's resources."""
        proxy = op.path.startswith(PROXY_PREFIX)
        if key in ("experiment_id",):
            return self.eid
        if key == "experiment_ids":
            return [self.eid]
        if key in ("run_id", "run_uuid", "source_run_id"):
            return self.run_id
        if key == "run_ids":
            return [self.run_id]
        if key == "experiment_name":
            return self.exp_name
        if key == "model_id":
            return self.model_id
        if key == "path":
            return self.artifact if proxy else "weights.bin"
        if key == "username":
            return "admin"  # someone else
        if key == "resource_id":
            return self.eid
        if key == "resource_type":
            return "experiment"
        if key == "source":
            return f"runs:/{self.run_id}/m"
        if key == "version":
            return "1"
        if key == "name" and op.operation_id in ("createExperiment", "createRegisteredModel"):
            return f"new-{uuid.uuid4().hex[:8]}"
        if key == "name" and any(part in op.path for part in ("registered-models", "model-versions", "registry")):
            return self.model
        if key == "new_name":
            return f"renamed-{uuid.uuid4().hex[:8]}"
        return example

    def request(self, op: Operation) -> tuple[str, dict[str, Any], Any]:
        """The operation's URL, query and body, from the spec's examples."""
        spec = load_spec()
        raw = spec["paths"][op.path][op.method.lower()]
        path, query = op.path, {}
        for param in [*spec["paths"][op.path].get("parameters", []), *raw.get("parameters", [])]:
            p = _resolve(spec, param)
            example = p.get("example", p.get("schema", {}).get("example"))
            value = self.value(op, p["name"], example)
            if p["in"] == "path":
                path = path.replace("{" + p["name"] + "}", str(value))
            elif p["in"] == "query" and value is not None:
                query[p["name"]] = value
        body: Any = None
        content = raw.get("requestBody", {}).get("content", {})
        for media in content.values():
            example = copy.deepcopy(media.get("example"))
            if isinstance(example, dict):
                body = {k: self.value(op, k, v) for k, v in example.items()}
            else:
                body = example if example is not None else b""
        return self.server.url + path, query, body


@pytest.fixture(scope="module")
def setup(auth_server: AuthServer) -> Setup:
    return Setup(auth_server)


def send(session: requests.Session | None, op: Operation, setup: Setup) -> requests.Response:
    url, query, body = setup.request(op)
    call = session.request if session is not None else requests.request
    kwargs: dict[str, Any] = {"params": query, "timeout": 30}
    if isinstance(body, dict):
        kwargs["json"] = body
    elif body is not None:
        kwargs["data"] = body if isinstance(body, bytes) else str(body).encode()
    return call(op.method, url, **kwargs)


@pytest.mark.parametrize("op", OPS, ids=[op.operation_id for op in OPS])
def test_anonymous_requests_are_refused(setup: Setup, op: Operation) -> None:
    r = send(None, op, setup)
    if RULES[op.operation_id].kind == OPEN:
        assert r.status_code not in (401, 403), r.text
        return
    assert r.status_code == 401, r.text
    assert r.json()["error_code"] == "UNAUTHENTICATED"
    assert r.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("op", OPS, ids=[op.operation_id for op in OPS])
def test_a_user_without_the_permission_is_refused(setup: Setup, op: Operation) -> None:
    rule = RULES[op.operation_id]
    r = send(setup.nobody, op, setup)
    if rule.kind in (ADMIN, CHECKED):
        assert r.status_code == 403, (op.operation_id, r.status_code, r.text)
        assert r.json() == {
            "error_code": "PERMISSION_DENIED",
            "message": "Permission denied.",
            "error_class": "PERMISSION_DENIED",
            "sqlstate": "KAM00",
        }
        return
    if op.operation_id == "searchRunsTable":  # documented: the runs table of no readable experiment is a 403
        assert r.status_code == 403, r.text
        return
    # OPEN, or SIGNED_IN: allowed; searches answer only what the user may read.
    assert r.status_code not in (401, 403), (op.operation_id, r.status_code, r.text)
    if rule.kind == SIGNED_IN and op.operation_id not in ("createExperiment", "createRegisteredModel"):
        assert setup.model not in r.text and setup.exp_name not in r.text and setup.run_id not in r.text, r.text
