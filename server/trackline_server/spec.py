"""Loading ``openapi.yaml`` and turning it into a list of operations."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def spec_path() -> Path:
    """Where the spec is: beside the package when installed, at the repo root in a checkout."""
    env = os.environ.get("TRACKLINE_SPEC")
    if env:
        return Path(env)
    packaged = Path(__file__).with_name("openapi.yaml")
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "openapi.yaml"


@lru_cache(maxsize=1)
def spec_text() -> str:
    return spec_path().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    # libyaml's loader when PyYAML has it: the pure-Python one took most of a worker's start-up.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(spec_text(), Loader=loader)  # noqa: S506 - a safe loader
    return spec


@dataclass
class Param:
    name: str
    schema: dict[str, Any]
    required: bool
    is_list: bool


@dataclass
class Operation:
    operation_id: str
    method: str
    path: str
    query: list[Param] = field(default_factory=list)
    path_params: list[Param] = field(default_factory=list)
    headers: list[Param] = field(default_factory=list)
    body_schema: dict[str, Any] | None = None
    body_required: bool = False
    raw_body: bool = False
    json_response: bool = True

    @property
    def flask_rule(self) -> str:
        rule = self.path
        for p in self.path_params:
            rule = rule.replace("{" + p.name + "}", f"<{_converter(p.schema)}{p.name}>")
        return rule


def _converter(schema: dict[str, Any]) -> str:
    """How a path parameter is routed: a multi-segment one takes the rest of the path (any
    character, newlines too); one with a ``pattern`` only what the pattern allows, so another
    route's literal segment (``logged-models/search``) never reaches it."""
    if schema.get("x-trackline-multi-segment"):
        return "anypath:"
    pattern = schema.get("pattern")
    if pattern:
        return f"re({pattern.removeprefix('^').removesuffix('$')!r}):"
    return ""


def _resolve(spec: dict[str, Any], node: Any, seen: tuple[str, ...] = ()) -> Any:
    """Inline every local ``$ref`` (the spec has no recursive schemas)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in seen:
                raise ValueError(f"recursive schema reference {ref}")
            target: Any = spec
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            return _resolve(spec, copy.deepcopy(target), (*seen, ref))
        return {k: _resolve(spec, v, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(spec, v, seen) for v in node]
    return node


def operations(spec: dict[str, Any] | None = None) -> list[Operation]:
    spec = spec if spec is not None else load_spec()
    ops: list[Operation] = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            raw = item.get(method)
            if raw is None:
                continue
            op = Operation(operation_id=raw["operationId"], method=method.upper(), path=path)
            for p in [*item.get("parameters", []), *raw.get("parameters", [])]:
                p = _resolve(spec, p)
                schema = dict(p.get("schema", {}))
                if p.get("x-trackline-multi-segment"):
                    schema["x-trackline-multi-segment"] = True
                param = Param(p["name"], schema, bool(p.get("required")), schema.get("type") == "array")
                if p.get("in") == "query":
                    op.query.append(param)
                elif p.get("in") == "path":
                    op.path_params.append(param)
                elif p.get("in") == "header":
                    op.headers.append(param)
            body = raw.get("requestBody")
            if body:
                body = _resolve(spec, body)
                content = body["content"]
                if "application/json" in content:
                    op.body_schema = content["application/json"]["schema"]
                else:
                    op.raw_body = True
                op.body_required = bool(body.get("required"))
            ok = raw.get("responses", {}).get("200", {})
            ok = _resolve(spec, ok)
            op.json_response = "application/json" in ok.get("content", {})
            ops.append(op)
    return ops


def query_schema(op: Operation) -> dict[str, Any]:
    """One object schema for the query string of a GET operation."""
    params = [*op.query, *op.path_params]
    return {
        "type": "object",
        "properties": {p.name: p.schema for p in params},
        "required": [p.name for p in params if p.required],
    }
