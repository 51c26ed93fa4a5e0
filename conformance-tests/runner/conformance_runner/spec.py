"""What the runner needs from openapi.yaml: the operations and the declared error codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .paths import OPENAPI_PATH, SCORING_PATH

HTTP_METHODS = ("get", "post", "put", "patch", "delete")

# The error codes a tracking server produces for user errors; the others in the enum
# (BAD_REQUEST, ENDPOINT_NOT_FOUND, INTERNAL_ERROR, TEMPORARILY_UNAVAILABLE) come from the
# scoring server, from clients turning an HTML 404 into a code, or from server faults.
TRIGGERABLE_ERROR_CODES = (
    "INVALID_PARAMETER_VALUE",
    "RESOURCE_ALREADY_EXISTS",
    "RESOURCE_DOES_NOT_EXIST",
)

# Operations every SDK with a hand-written layer implements on top of the spec's operations.
HIGH_LEVEL_OPS = ("hl.logBatch", "hl.getMetricHistory", "hl.searchAllRuns")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str


@lru_cache(maxsize=4)
def load_spec(path: Path = OPENAPI_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def operations(path: Path = OPENAPI_PATH) -> dict[str, Operation]:
    """Every operation in the spec, by operationId."""
    spec = load_spec(path)
    ops: dict[str, Operation] = {}
    for route, item in (spec.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not op or "operationId" not in op:
                continue
            tags = op.get("tags") or ["default"]
            ops[op["operationId"]] = Operation(op["operationId"], method.upper(), route, tags[0])
    return ops


def scoring_operations() -> dict[str, Operation]:
    """The scoring server's operations (scoring.yaml): drivers send them to $TRACKLINE_SCORING_URI."""
    return operations(SCORING_PATH)


def declared_error_codes(path: Path = OPENAPI_PATH) -> list[str]:
    spec = load_spec(path)
    error = spec["components"]["schemas"]["Error"]
    return list(error["properties"]["error_code"].get("enum", []))
