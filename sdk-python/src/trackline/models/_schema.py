"""Schemas of a model's inputs, outputs and parameters, in MLflow's JSON form.

A :class:`Schema` is a list of named or unnamed columns (:class:`ColSpec`) or of tensors
(:class:`TensorSpec`); a :class:`ParamSchema` lists the parameters ``predict`` takes.

>>> schema = Schema([ColSpec("double", "x"), ColSpec(Array("string"), "tags", required=False)])
>>> schema.to_dict()[1]
{'type': 'array', 'items': {'type': 'string'}, 'name': 'tags', 'required': False}
>>> Schema.from_json(schema.to_json()) == schema
True
>>> Schema([TensorSpec("float32", (-1, 3))]).to_json()
'[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}]'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from trackline._errors import TracklineException

from ._types import DataType

__all__ = [
    "AnyType",
    "Array",
    "ColSpec",
    "ColumnType",
    "Map",
    "Object",
    "ParamSchema",
    "ParamSpec",
    "Property",
    "Schema",
    "TensorSpec",
    "type_from_dict",
    "type_to_dict",
]


def _invalid(message: str) -> TracklineException:
    return TracklineException(message, error_code="INVALID_PARAMETER_VALUE")


@dataclass(frozen=True)
class Array:
    """A list whose items all have one type."""

    items: ColumnType

    def __init__(self, items: ColumnType | str) -> None:
        object.__setattr__(self, "items", as_type(items))

    def __str__(self) -> str:
        return f"Array({self.items})"


@dataclass(frozen=True)
class Property:
    """A field of an :class:`Object`."""

    name: str
    dtype: ColumnType
    required: bool = True

    def __init__(self, name: str, dtype: ColumnType | str, required: bool = True) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dtype", as_type(dtype))
        object.__setattr__(self, "required", required)


@dataclass(frozen=True)
class Object:
    """A dict with named, typed fields."""

    properties: tuple[Property, ...]

    def __init__(self, properties: Sequence[Property]) -> None:
        object.__setattr__(self, "properties", tuple(sorted(properties, key=lambda p: p.name)))

    def __str__(self) -> str:
        return "Object(" + ", ".join(f"{p.name}: {p.dtype}" for p in self.properties) + ")"


@dataclass(frozen=True)
class Map:
    """A dict from strings to values of one type."""

    values: ColumnType

    def __init__(self, values: ColumnType | str) -> None:
        object.__setattr__(self, "values", as_type(values))

    def __str__(self) -> str:
        return f"Map(str -> {self.values})"


@dataclass(frozen=True)
class AnyType:
    """Any value."""

    def __str__(self) -> str:
        return "Any"


ColumnType = Union[DataType, Array, Object, Map, AnyType]  # noqa: UP007 - a runtime alias


def as_type(value: ColumnType | str) -> ColumnType:
    """A column type from a type or a scalar type's name (``"double"``)."""
    if isinstance(value, str) and not isinstance(value, DataType):
        try:
            return DataType(value)
        except ValueError:
            raise _invalid(f"Unknown column type {value!r}; expected one of {[t.value for t in DataType]}") from None
    return value


def type_to_dict(t: ColumnType) -> dict[str, Any]:
    """The JSON form of a type: ``{"type": "double"}``, ``{"type": "array", "items": ...}``..."""
    if isinstance(t, DataType):
        return {"type": t.value}
    if isinstance(t, Array):
        return {"type": "array", "items": type_to_dict(t.items)}
    if isinstance(t, Object):
        return {
            "type": "object",
            "properties": {p.name: {**type_to_dict(p.dtype), "required": p.required} for p in t.properties},
        }
    if isinstance(t, Map):
        return {"type": "map", "values": type_to_dict(t.values)}
    return {"type": "any"}


def type_from_dict(raw: dict[str, Any]) -> ColumnType:
    kind = raw.get("type")
    if kind == "array":
        return Array(type_from_dict(raw["items"]))
    if kind == "object":
        props = raw.get("properties") or {}
        return Object([Property(n, type_from_dict(p), _required(p)) for n, p in props.items()])
    if kind == "map":
        return Map(type_from_dict(raw["values"]))
    if kind == "any":
        return AnyType()
    if not isinstance(kind, str):
        raise _invalid(f"A column spec needs a type: {raw!r}")
    return as_type(kind)


def _required(raw: dict[str, Any]) -> bool:
    """``required`` (MLflow 2.8+) or the older ``optional`` flag."""
    if "required" in raw:
        return bool(raw["required"])
    return not bool(raw.get("optional", False))


@dataclass(frozen=True)
class ColSpec:
    """One column: its type, an optional name, and whether a request must carry it."""

    type: ColumnType
    name: str | None = None
    required: bool = True

    def __init__(self, type: ColumnType | str, name: str | None = None, required: bool = True) -> None:
        object.__setattr__(self, "type", as_type(type))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "required", required)

    def to_dict(self) -> dict[str, Any]:
        out = type_to_dict(self.type)
        if self.name is not None:
            out["name"] = self.name
        out["required"] = self.required
        return out

    def __str__(self) -> str:
        where = f"{self.name!r}: " if self.name is not None else ""
        return f"{where}{self.type}{'' if self.required else ' (optional)'}"


@dataclass(frozen=True)
class TensorSpec:
    """A tensor: a numpy dtype and a shape, where ``-1`` matches any size."""

    type: str
    shape: tuple[int, ...]
    name: str | None = None

    def __init__(self, type: str, shape: Sequence[int], name: str | None = None) -> None:
        object.__setattr__(self, "type", str(type))
        object.__setattr__(self, "shape", tuple(int(s) for s in shape))
        object.__setattr__(self, "name", name)

    @property
    def required(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.name is None else {"name": self.name}
        out["type"] = "tensor"
        out["tensor-spec"] = {"dtype": self.type, "shape": list(self.shape)}
        return out

    def __str__(self) -> str:
        where = f"{self.name!r}: " if self.name is not None else ""
        return f"{where}Tensor({self.type}, {self.shape})"


Spec = Union[ColSpec, TensorSpec]  # noqa: UP007 - a runtime alias


def _spec_from_dict(raw: Any) -> Spec:
    if not isinstance(raw, dict):
        raise _invalid(f"A schema entry must be an object, got {raw!r}")
    if raw.get("type") == "tensor":
        tensor = raw.get("tensor-spec") or {}
        return TensorSpec(tensor.get("dtype", "float64"), tensor.get("shape") or (), raw.get("name"))
    return ColSpec(type_from_dict(raw), raw.get("name"), _required(raw))


@dataclass(frozen=True)
class Schema:
    """The inputs or outputs of a model: all columns, or all tensors."""

    inputs: tuple[Spec, ...] = field(default_factory=tuple)

    def __init__(self, inputs: Sequence[Spec]) -> None:
        specs = tuple(inputs)
        if not specs:
            raise _invalid("A schema needs at least one column or tensor")
        kinds = {type(s) for s in specs}
        if len(kinds) > 1:
            raise _invalid("A schema holds columns or tensors, not both")
        named = [s.name is not None for s in specs]
        if any(named) and not all(named):
            raise _invalid("Either every entry of a schema has a name or none has")
        names = [s.name for s in specs if s.name is not None]
        if len(set(names)) != len(names):
            raise _invalid(f"Duplicate names in a schema: {names}")
        object.__setattr__(self, "inputs", specs)

    def __iter__(self) -> Iterator[Spec]:
        return iter(self.inputs)

    def __len__(self) -> int:
        return len(self.inputs)

    def is_tensor_spec(self) -> bool:
        return isinstance(self.inputs[0], TensorSpec)

    def has_input_names(self) -> bool:
        return self.inputs[0].name is not None

    def input_names(self) -> list[str | int]:
        return [s.name if s.name is not None else i for i, s in enumerate(self.inputs)]

    def required_input_names(self) -> list[str | int]:
        return [n for n, s in zip(self.input_names(), self.inputs, strict=True) if s.required]

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.inputs]

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> Schema:
        try:
            raw = json.loads(text)
        except ValueError:
            raise _invalid(f"A schema is not JSON: {text[:200]!r}") from None
        if not isinstance(raw, list):
            raise _invalid("A schema is a JSON list of column or tensor specs")
        return cls([_spec_from_dict(item) for item in raw])

    def __str__(self) -> str:
        return "[" + ", ".join(str(s) for s in self.inputs) + "]"


@dataclass(frozen=True)
class ParamSpec:
    """A parameter of ``predict``: name, scalar type, default, and ``(-1,)`` for a list."""

    name: str
    dtype: DataType
    default: Any
    shape: tuple[int, ...] | None = None

    def __init__(self, name: str, dtype: DataType | str, default: Any, shape: Sequence[int] | None = None) -> None:
        object.__setattr__(self, "name", name)
        t = as_type(dtype)
        if not isinstance(t, DataType):
            raise _invalid(f"Parameter {name!r} must have a scalar type, got {t}")
        object.__setattr__(self, "dtype", t)
        object.__setattr__(self, "shape", tuple(shape) if shape is not None else None)
        object.__setattr__(self, "default", default)

    def to_dict(self) -> dict[str, Any]:
        default = self.default
        if isinstance(default, dt.datetime | dt.date):
            default = default.isoformat()
        return {
            "name": self.name,
            "default": default,
            "shape": list(self.shape) if self.shape is not None else None,
            "type": self.dtype.value,
        }


@dataclass(frozen=True)
class ParamSchema:
    """The parameters ``predict`` takes."""

    params: tuple[ParamSpec, ...]

    def __init__(self, params: Sequence[ParamSpec]) -> None:
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise _invalid(f"Duplicate parameter names: {names}")
        object.__setattr__(self, "params", tuple(params))

    def __iter__(self) -> Iterator[ParamSpec]:
        return iter(self.params)

    def to_dict(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self.params]

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> ParamSchema:
        try:
            raw = json.loads(text)
        except ValueError:
            raise _invalid(f"A parameter schema is not JSON: {text[:200]!r}") from None
        if not isinstance(raw, list) or not all(isinstance(p, dict) and "name" in p for p in raw):
            raise _invalid("A parameter schema is a JSON list of {name, type, default, shape}")
        return cls([ParamSpec(p["name"], p.get("type", "string"), p.get("default"), p.get("shape")) for p in raw])
