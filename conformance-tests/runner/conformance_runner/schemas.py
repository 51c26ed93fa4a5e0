"""The suite's JSON Schemas: case files (case.schema.json) and driver declarations (driver.schema.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from .paths import CASE_SCHEMA_PATH, DRIVER_SCHEMA_PATH


@lru_cache(maxsize=1)
def case_schema() -> dict[str, Any]:
    return json.loads(CASE_SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def driver_schema() -> dict[str, Any]:
    return json.loads(DRIVER_SCHEMA_PATH.read_text(encoding="utf-8"))


def capabilities() -> dict[str, str]:
    """The capability vocabulary, name -> meaning, in the case schema's order."""
    return {c["const"]: c["description"] for c in case_schema()["$defs"]["capability"]["oneOf"]}


def _errors(validator: jsonschema.protocols.Validator, document: Any, where: str) -> list[str]:
    return [
        f"{where}: {'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message[:300]}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def case_file_errors(document: Any, path: Path) -> list[str]:
    return _errors(jsonschema.Draft202012Validator(case_schema()), document, path.name)


def driver_declaration_errors(document: Any, path: Path) -> list[str]:
    """Schema errors of a driver.yaml; the driver schema refers to the case schema's capabilities."""
    registry = Registry().with_resource(case_schema()["$id"], Resource.from_contents(case_schema()))
    validator = jsonschema.Draft202012Validator(driver_schema(), registry=registry)
    return _errors(validator, document, f"{path.parent.name}/{path.name}")
