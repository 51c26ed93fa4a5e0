"""The spec is valid, complete, and the server is bound to it exactly."""

from __future__ import annotations

import re

import pytest
import requests
import yaml
from openapi_spec_validator import validate

from conftest import ROOT, LiveServer
from trackline_server import app as app_module
from trackline_server.app import SpecMismatch, check_bindings, create_app
from trackline_server.config import ServerConfig
from trackline_server.handlers import all_handlers
from trackline_server.spec import load_spec, operations

SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())


def test_spec_validates() -> None:
    validate(SPEC)


def test_every_operation_is_documented() -> None:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            where = f"{method.upper()} {path}"
            assert op.get("operationId"), where
            assert op.get("summary"), where
            ok = op["responses"]["200"]
            ok = SPEC["components"]["responses"][ok["$ref"].rsplit("/", 1)[1]] if "$ref" in ok else ok
            if "content" in ok:
                assert any("example" in c or "examples" in c for c in ok["content"].values()), f"{where}: no example"
            else:
                assert op["operationId"] == "uploadArtifact", f"{where}: a success without a body"
            if "requestBody" in op:
                for body in op["requestBody"]["content"].values():
                    assert "example" in body, f"{where}: no request example"
            if path.startswith("/api/2.0/"):
                refs = {r.get("$ref") for code, r in op["responses"].items() if code != "200"}
                assert "#/components/responses/BadRequest" in refs, f"{where}: no error response"


def test_every_operation_has_a_handler_and_no_handler_lacks_one() -> None:
    ops = operations(load_spec())
    handlers = all_handlers()
    assert {op.operation_id for op in ops} == set(handlers)


def test_server_refuses_to_start_when_spec_and_handlers_disagree(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ops = operations(load_spec())
    handlers = all_handlers()
    extra = dict(handlers, notInTheSpec=lambda ctx, args: {})
    with pytest.raises(SpecMismatch, match="notInTheSpec"):
        check_bindings(ops, extra)
    missing = {k: v for k, v in handlers.items() if k != "logMetric"}
    monkeypatch.setattr(app_module, "all_handlers", lambda: missing)
    with pytest.raises(SpecMismatch, match="logMetric"):
        create_app(ServerConfig(backend_store_uri=f"sqlite:///{tmp_path}/x.db"))


def test_every_route_is_in_the_spec(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(ServerConfig(backend_store_uri=f"sqlite:///{tmp_path}/routes.db"))
    routes = {
        (method, re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.endpoint.startswith("ui.")  # the web UI's files
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    spec_routes = {(op.method, op.path) for op in operations(load_spec())}
    assert routes == spec_routes


def test_server_serves_its_spec(live_server: LiveServer) -> None:
    resp = requests.get(f"{live_server.url}/openapi.yaml", timeout=10)
    assert resp.status_code == 200
    assert yaml.safe_load(resp.text) == SPEC
