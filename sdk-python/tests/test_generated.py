"""The generated package `trackline_api`: its layout, its header line and its templates."""

from __future__ import annotations

import importlib
import math
import re
from pathlib import Path

import openapi_python_client
import pytest
import yaml

from trackline_api import models as api

SDK = Path(__file__).resolve().parents[1]
SPEC = SDK.parent / "openapi.yaml"
GENERATED = SDK / "src" / "trackline_api"
TEMPLATES = SDK / "templates"
GENERATOR_TEMPLATES = Path(openapi_python_client.__file__).parent / "templates"
HEADER_INCLUDE = '{% include "generated_header.jinja" %}\n'
#: The generator's templates that each produce one kind of Python file.
FILE_TEMPLATES = [
    "api_init", "client", "endpoint_init", "endpoint_module", "errors", "int_enum", "literal_enum",
    "model", "models_init", "package_init", "str_enum", "types",
]  # fmt: skip


def test_every_generated_file_starts_with_the_header() -> None:
    header = (TEMPLATES / "generated_header.jinja").read_text().rstrip("\n")
    assert header.startswith("# Generated from openapi.yaml")
    assert "Do not edit" in header
    files = sorted(GENERATED.rglob("*.py"))
    assert len(files) > 100
    without = [str(f.relative_to(GENERATED)) for f in files if f.read_text().split("\n", 1)[0] != header]
    assert without == []


@pytest.mark.parametrize("name", FILE_TEMPLATES)
def test_file_templates_add_the_header_to_the_generators_own(name: str) -> None:
    """Each file template is two lines: the header, then the generator's template of the same name
    (reached through the link `make generate-python` makes), so nothing of the generator is copied."""
    ours = (TEMPLATES / f"{name}.py.jinja").read_text()
    assert ours == HEADER_INCLUDE + f'{{% extends "openapi_python_client/{name}.py.jinja" %}}\n'
    assert (GENERATOR_TEMPLATES / f"{name}.py.jinja").is_file()


def test_every_python_file_template_of_the_generator_is_covered() -> None:
    """A generator template for Python files that is not overridden would make files without
    the header (``setup.py`` is only made for ``--meta setup``, which is not used)."""
    theirs = {p.name.removesuffix(".py.jinja") for p in GENERATOR_TEMPLATES.glob("*.py.jinja")}
    macros_and_unused = {"endpoint_macros", "setup"}
    assert sorted(theirs - macros_and_unused) == sorted(FILE_TEMPLATES)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_generated_functions_follow_operation_ids() -> None:
    """``trackline_api.api.<tag>.<snake_case operationId>.sync_detailed`` for every operation."""
    spec = yaml.safe_load(SPEC.read_text())
    operations = [
        (op["tags"][0], op["operationId"])
        for path in spec["paths"].values()
        for method, op in path.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(operations) >= 20
    for tag, operation_id in operations:
        module = importlib.import_module(f"trackline_api.api.{tag}.{_snake(operation_id)}")
        assert callable(module.sync_detailed), operation_id


def test_generated_models_carry_not_finite_values_as_strings() -> None:
    wire = [
        api.Metric(key="m", value=v, timestamp=1).to_dict()["value"]
        for v in (float("nan"), float("inf"), float("-inf"), 0.5)
    ]
    assert wire == ["NaN", "Infinity", "-Infinity", 0.5]
    parsed = [
        api.Metric.from_dict({"key": "m", "value": v, "timestamp": 1}).value
        for v in ("NaN", "Infinity", "-Infinity", 2, 0.25)
    ]
    assert math.isnan(parsed[0])
    assert parsed[1:] == [math.inf, -math.inf, 2.0, 0.25]
    batch = api.LogBatchRequest(run_id="r", metrics=[api.Metric("m", float("nan"), 1)])
    assert batch.to_dict()["metrics"][0]["value"] == "NaN"
