"""Request validation compiled once from the spec: presence and types, before any handler runs.

Each operation gets a *coercer*, which brings a request into the types the spec declares the way
MLflow's clients need it (numbers and booleans sent as strings, enum numbers, lowerCamelCase field
names, unknown fields dropped, the legacy ``run_uuid`` as ``run_id``), and a *validator* compiled
by fastjsonschema. MLflow's semantic limits are checked later, by the stores
(:mod:`trackline_server.store.rules`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import fastjsonschema

from .errors import TracklineError, invalid, missing
from .spec import Operation, query_schema

Coercer = Callable[[Any], Any]

_KEPT = {"type", "properties", "required", "items", "enum", "maxLength", "maxItems", "minimum", "maximum"}
_INT_RANGE = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_INT_RE = re.compile(r"^\s*[-+]?\d+\s*$")
_SPECIAL_FLOATS = {
    "nan": math.nan,
    "infinity": math.inf,
    "+infinity": math.inf,
    "inf": math.inf,
    "-infinity": -math.inf,
    "-inf": -math.inf,
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


def json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Keep the keywords that validate; turn integer formats into bounds."""
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in _KEPT:
            continue
        if key == "properties":
            out[key] = {k: json_schema(v) for k, v in value.items()}
        elif key == "items":
            out[key] = json_schema(value)
        elif key == "required":
            if value:
                out[key] = list(value)
        else:
            out[key] = value
    if schema.get("type") == "integer" and schema.get("format") in _INT_RANGE:
        low, high = _INT_RANGE[schema["format"]]
        out.setdefault("minimum", low)
        out.setdefault("maximum", high)
    return out


def _to_int(value: Any) -> Any:
    if isinstance(value, str):
        if _INT_RE.match(value):
            return int(value)
        try:  # R writes whole numbers such as 100000 as "1e+05"
            number = float(value)
        except ValueError:
            return value
        if number.is_integer() and abs(number) < 2**63:
            return int(number)
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _to_number(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        special = _SPECIAL_FLOATS.get(text.lower())
        if special is not None:
            return special
        try:
            return float(text)
        except ValueError:
            return value
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        low = value.strip().lower()
        if low == "true":
            return True
        if low == "false":
            return False
    return value


def compile_coercer(schema: dict[str, Any]) -> Coercer:
    kind = schema.get("type")
    if kind == "object":
        fields = {k: compile_coercer(v) for k, v in schema.get("properties", {}).items()}
        camel = {_camel(k): k for k in fields if _camel(k) != k}

        def coerce_object(value: Any) -> Any:
            if not isinstance(value, dict):
                return value
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key not in fields:
                    snake = camel.get(key)
                    if snake is None:
                        continue  # unknown fields are ignored, as MLflow does
                    if snake in value:
                        raise invalid(f"Both '{snake}' and '{key}' were given; send only one of them.")
                    key = snake
                out[key] = item if item is None else fields[key](item)  # null is refused as a wrong type
            return out

        return coerce_object
    if kind == "array":
        item_coercer = compile_coercer(schema.get("items", {}))

        def coerce_array(value: Any) -> Any:
            if isinstance(value, list):
                return [item_coercer(v) for v in value]
            return value

        return coerce_array
    if kind == "integer":
        return _to_int
    if kind == "number":
        return _to_number
    if kind == "boolean":
        return _to_bool
    if kind == "string":
        enum = schema.get("enum")
        if enum and schema.get("x-trackline-numbered"):
            numbered = {str(i + 1): name for i, name in enumerate(enum)}
            upper = {name.upper(): name for name in enum}

            def coerce_enum(value: Any) -> Any:
                if isinstance(value, bool):
                    return value
                if isinstance(value, (int, float)):
                    return numbered.get(str(int(value)), value)
                if isinstance(value, str):
                    text = value.strip()
                    return numbered.get(text) or upper.get(text.upper(), value)
                return value

            return coerce_enum
        return lambda value: value
    return lambda value: value


def _field_name(path: str) -> str:
    return path[5:] if path.startswith("data.") else path


def _error(exc: fastjsonschema.JsonSchemaValueException) -> TracklineError:
    name = _field_name(exc.name or "data")
    rule = exc.rule
    if rule == "required":
        present = exc.value if isinstance(exc.value, dict) else {}
        absent = [k for k in (exc.rule_definition or []) if k not in present]
        field = absent[0] if absent else "?"
        return missing(field if name == "data" else f"{name}.{field}")
    return invalid(_message(exc, name, rule))


def _message(exc: fastjsonschema.JsonSchemaValueException, name: str, rule: str | None) -> str:
    if name == "data":
        return "The request must be a JSON object."
    value = repr(exc.value)
    if len(value) > 100:
        value = value[:100] + "..."
    if rule == "type":
        return f"Invalid value {value} for parameter '{name}' supplied: expected a value of type {exc.rule_definition}."
    if rule == "enum":
        return (
            f"Invalid value {value} for parameter '{name}' supplied: "
            f"expected one of {', '.join(map(str, exc.rule_definition))}."
        )
    if rule in ("minimum", "maximum"):
        bounds = exc.definition if isinstance(exc.definition, dict) else {}
        low, high = bounds.get("minimum"), bounds.get("maximum")
        if low is not None and high is not None:
            return f"Invalid value {value} for parameter '{name}' supplied: it must be between {low} and {high}."
        return f"Invalid value {value} for parameter '{name}' supplied: out of range."
    if rule == "maxLength":
        return f"Parameter '{name}' exceeds the maximum length of {exc.rule_definition} characters."
    if rule == "maxItems":
        return f"Parameter '{name}' has more than {exc.rule_definition} items."
    return f"Invalid value {value} for parameter '{name}' supplied."


class RequestValidator:
    """Coerces and validates the parameters of one operation.

    A required field sent empty ("") is missing; so is a required query parameter given no values.
    Where an operation takes both ``run_id`` and its legacy spelling ``run_uuid`` (deprecated in the
    spec, where ``run_id`` is required), ``run_uuid`` alone stands for ``run_id``: handlers find it
    as ``run_id``.
    """

    def __init__(self, schema: dict[str, Any], from_query: bool = False) -> None:
        fields = schema.get("properties", {})
        self._run_uuid = "run_id" in fields and "run_uuid" in fields
        self.required = list(schema.get("required", []))
        if self._run_uuid and "run_id" not in self.required:
            self.required.append("run_id")
        self._empty: tuple[Any, ...] = ("", []) if from_query else ("",)
        self._coerce = compile_coercer(schema)
        self._validate = fastjsonschema.compile(json_schema(schema))

    def __call__(self, data: Any) -> dict[str, Any]:
        data = self._coerce(data)
        if self._run_uuid and isinstance(data, dict) and not data.get("run_id") and data.get("run_uuid"):
            data["run_id"] = data["run_uuid"]  # the legacy spelling alone stands for run_id
        try:
            self._validate(data)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise _error(exc) from None
        for name in self.required:
            if data.get(name) in self._empty or name not in data:
                raise missing(name)
        fields: dict[str, Any] = data
        return fields


def validator_for(op: Operation) -> RequestValidator:
    if op.body_schema is None:
        return RequestValidator(query_schema(op), from_query=True)
    return RequestValidator(op.body_schema)
