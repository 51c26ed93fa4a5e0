"""What the runner needs from openapi.yaml: the operations, their request shapes, the error codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .paths import OPENAPI_PATH

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
JSON = "application/json"

# The error codes a tracking server produces for user errors; the others in the enum
# (BAD_REQUEST, ENDPOINT_NOT_FOUND, INTERNAL_ERROR, TEMPORARILY_UNAVAILABLE) come from the
# scoring server, from clients turning an HTML 404 into a code, or from server faults.
TRIGGERABLE_ERROR_CODES = (
    "INVALID_PARAMETER_VALUE",
    "RESOURCE_ALREADY_EXISTS",
    "RESOURCE_DOES_NOT_EXIST",
)

# Operations every SDK with a hand-written layer implements on top of the spec's operations.
HIGH_LEVEL_OPS = ("hl.logBatch", "hl.getMetricHistory", "hl.searchAllRuns", "hl.logMetricsAsync")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # path | query
    required: bool
    schema: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    parameters: tuple[Parameter, ...] = ()
    body_schema: dict[str, Any] | None = field(default=None, hash=False, compare=False)  # a JSON body's schema
    raw_body: bool = False  # the request body is bytes (application/octet-stream), not JSON
    json_response: bool = True  # a success answers JSON (not a file, text or YAML)


@lru_cache(maxsize=4)
def load_spec(path: Path = OPENAPI_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """A node with its local `$ref`s followed."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _parameters(spec: dict[str, Any], item: dict[str, Any], op: dict[str, Any]) -> tuple[Parameter, ...]:
    params = []
    for raw in (item.get("parameters") or []) + (op.get("parameters") or []):
        p = resolve(spec, raw)
        where = p["in"]
        params.append(Parameter(p["name"], where, bool(p.get("required")) or where == "path", p.get("schema") or {}))
    return tuple(params)


def _operation(spec: dict[str, Any], route: str, method: str, item: dict[str, Any], op: dict[str, Any]) -> Operation:
    content = resolve(spec, op.get("requestBody") or {}).get("content") or {}
    body_schema = resolve(spec, content[JSON]["schema"]) if JSON in content else None
    ok = resolve(spec, (op.get("responses") or {}).get("200") or {})
    answers = list(ok.get("content") or {})
    return Operation(
        op["operationId"],
        method.upper(),
        route,
        (op.get("tags") or ["default"])[0],
        _parameters(spec, item, op),
        body_schema,
        raw_body=bool(content) and body_schema is None,
        json_response=not answers or answers[0] == JSON,
    )


@lru_cache(maxsize=4)
def operations(path: Path = OPENAPI_PATH) -> dict[str, Operation]:
    """Every operation in the spec, by operationId."""
    spec = load_spec(path)
    ops: dict[str, Operation] = {}
    for route, item in (spec.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op and "operationId" in op:
                ops[op["operationId"]] = _operation(spec, route, method, item, op)
    return ops


def declared_error_codes(path: Path = OPENAPI_PATH) -> list[str]:
    spec = load_spec(path)
    error = spec["components"]["schemas"]["Error"]
    return list(error["properties"]["error_code"].get("enum", []))
