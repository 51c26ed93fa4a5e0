"""The driver capabilities a case's steps show it needs, judged against openapi.yaml.

The case linter compares them with the case's declared `needs`. Six are seen exactly and must be
declared exactly when seen: high_level_api (an hl.* step), scoring (an operation of scoring.yaml,
which needs nothing else: calling the scoring server is one capability), auth (a step with its
own credentials, `as`), raw_request_body and
non_json_response (an operation whose request body or answer is not JSON), omit_required (a
required field or parameter left out). Three are seen in literal values only, as the type of a saved value is not
known before the run: wrong_types, scalar_for_list, enum_numbers. What the spec's conventions
allow is no wrong type: numbers and booleans sent as strings, "NaN" and the infinities as numbers.
A single value for a list in the query string is that list on the wire.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .cases import Case, Step
from .spec import Operation, Parameter, load_spec, operations, resolve, scoring_operations

SEEN_EXACTLY = frozenset(
    {"high_level_api", "scoring", "auth", "raw_request_body", "non_json_response", "omit_required"}
)
INTEGER = re.compile(r"^\s*[-+]?\d+\s*$")

Sighting = tuple[str, str]  # (capability, what the step does)


def _template(value: Any) -> bool:
    """A value built at run time (a saved value, a unique name): its type is not known here."""
    return isinstance(value, str) and "${" in value


def _number_text(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _fits(schema: dict[str, Any], value: Any) -> bool:
    """Whether a scalar has its field's type, in one of the forms the spec allows."""
    kind = schema.get("type")
    if isinstance(value, bool):
        return kind == "boolean"
    if kind == "string":
        return isinstance(value, str) and value in schema.get("enum", [value])
    if kind == "integer":
        return (isinstance(value, int) or isinstance(value, float) and value.is_integer()) or (
            isinstance(value, str) and bool(INTEGER.match(value))
        )
    if kind == "number":
        return isinstance(value, int | float) or isinstance(value, str) and _number_text(value)
    if kind == "boolean":
        return isinstance(value, str) and value.strip().lower() in ("true", "false")
    return True


def _scalar_needs(schema: dict[str, Any], value: Any, where: str) -> Iterator[Sighting]:
    if _fits(schema, value):
        return
    numbered = schema.get("x-trackline-numbered") and isinstance(value, int) and not isinstance(value, bool)
    yield (
        ("enum_numbers", f"sends {where} as a number") if numbered else ("wrong_types", f"sends {value!r} for {where}")
    )


def _list_needs(
    spec: dict[str, Any], schema: dict[str, Any], value: Any, where: str, query: bool
) -> Iterator[Sighting]:
    items = schema.get("items") or {}
    if isinstance(value, dict) and set(value) == {"$range"}:
        yield from value_needs(spec, items, value["$range"].get("item"), f"{where}[]", query)
    elif isinstance(value, list):
        for item in value:
            yield from value_needs(spec, items, item, f"{where}[]", query)
    elif query:
        yield from value_needs(spec, items, value, where, query)
    else:
        yield ("scalar_for_list", f"sends a single value for the list {where}")


def _object_needs(spec: dict[str, Any], schema: dict[str, Any], value: Any, where: str) -> Iterator[Sighting]:
    if not isinstance(value, dict):
        yield ("wrong_types", f"sends {value!r} for the object {where}")
        return
    for name in schema.get("required", []):
        if name not in value:
            yield ("omit_required", f"leaves out {where}{name}")
    properties = schema.get("properties") or {}
    for name, item in value.items():
        if name in properties:
            yield from value_needs(spec, properties[name], item, f"{where}{name}")


def value_needs(spec: dict[str, Any], schema: Any, value: Any, where: str, query: bool = False) -> Iterator[Sighting]:
    """What sending `value` for a field of `schema` needs (`where` names the field)."""
    schema = resolve(spec, schema)
    if _template(value):
        return
    if value is None:
        yield ("wrong_types", f"sends null for {where}")
    elif schema.get("type") == "array":
        yield from _list_needs(spec, schema, value, where, query)
    elif schema.get("type") == "object" or "properties" in schema:
        yield from _object_needs(spec, schema, value, f"{where}." if where else "")
    else:
        yield from _scalar_needs(schema, value, where)


def _parameter_needs(spec: dict[str, Any], param: Parameter, args: dict[str, Any]) -> Iterator[Sighting]:
    if param.name not in args:
        if param.required:
            yield ("omit_required", f"leaves out the {param.location} parameter {param.name}")
        return
    yield from value_needs(spec, param.schema, args[param.name], param.name, query=param.location == "query")


def operation_needs(spec: dict[str, Any], op: Operation, args: dict[str, Any]) -> Iterator[Sighting]:
    if op.raw_body:
        yield ("raw_request_body", "sends a body that is not JSON")
    if not op.json_response:
        yield ("non_json_response", "reads an answer that is not JSON")
    for param in op.parameters:
        yield from _parameter_needs(spec, param, args)
    if op.body_schema is not None:
        yield from _object_needs(spec, op.body_schema, args, "")


def step_needs(step: Step) -> set[Sighting]:
    found: set[Sighting] = {("auth", "sends its own credentials")} if step.auth is not None else set()
    if step.op.startswith("hl."):
        return found | {("high_level_api", "runs a high-level operation")}
    if step.op in scoring_operations():
        return found | {("scoring", "calls the scoring server")}
    op = operations().get(step.op)
    return found | (set(operation_needs(load_spec(), op, step.args)) if op else set())


def needs_problems(case: Case) -> list[str]:
    """Needs the steps show that the case does not declare, and exact ones it declares but never shows."""
    seen: dict[str, str] = {}
    for number, step in enumerate(case.steps, start=1):
        for capability, what in sorted(step_needs(step)):
            seen.setdefault(capability, f"step {number} ({step.op}) {what}")
    problems = [
        f"{case.name}: {where}: add {capability} to the case's needs"
        for capability, where in sorted(seen.items())
        if capability not in case.needs
    ]
    problems += [
        f"{case.name}: declares the need {capability}, which no step shows"
        for capability in sorted((case.needs & SEEN_EXACTLY) - seen.keys())
    ]
    return problems
