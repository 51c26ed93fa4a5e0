"""Signature enforcement: the input a model gets is checked against its input schema.

Rules (MLflow's, with lossy conversions refused):

* a required column that is missing is an error; optional columns may be left out;
* columns the schema does not name are dropped (with a log line); the rest are put in schema order;
* a column's values are converted only when nothing is lost: int32 to long, float to double,
  integers to double when they are exactly representable; anything else (a float to an integer
  column, a string to a number column) is an error naming the column;
* tensors must have the declared dtype (or one that casts safely) and shape (``-1`` is any size).

Values sent over HTTP (JSON or CSV) do not say whether ``2`` is an integer or a float, so
:func:`coerce_wire_columns` also accepts whole floats for integer columns and any number for
float columns; a fraction sent to an integer column is refused, never truncated.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from trackline._errors import TracklineException

from ._schema import AnyType, Array, ColSpec, ColumnType, Map, Object, ParamSchema, ParamSpec, Schema, TensorSpec
from ._types import DataType

__all__ = [
    "SchemaEnforcementError",
    "as_frame",
    "coerce_wire_columns",
    "enforce_params",
    "enforce_schema",
]

log = logging.getLogger("trackline.models")

#: Integers up to this magnitude convert to a double without loss (2**53), to a float (2**24).
_EXACT_INT = {DataType.double: 2**53, DataType.float: 2**24}


class SchemaEnforcementError(TracklineException):
    """The input does not match the model's signature.

    ``error_class`` is MLflow's finer classification: ``SCHEMA_ENFORCEMENT_FAILED`` for inputs
    that break the schema, ``INVALID_PARAMETER_VALUE`` for values that cannot be read as the
    declared type (MLflow's scoring server reports those as ``BAD_REQUEST``).
    """

    def __init__(
        self, message: str, error_code: str = "INVALID_PARAMETER_VALUE", error_class: str = "SCHEMA_ENFORCEMENT_FAILED"
    ) -> None:
        super().__init__(message, error_code=error_code, http_status=400)
        self.error_class = error_class


def _type_error(message: str, wire: bool) -> SchemaEnforcementError:
    if wire:
        return SchemaEnforcementError(
            f"Invalid input. Data is not compatible with model signature. {message}",
            error_code="BAD_REQUEST",
            error_class="INVALID_PARAMETER_VALUE",
        )
    return SchemaEnforcementError(message)


# --- columns --------------------------------------------------------------------------------


def _incompatible(name: Any, got: str, t: ColumnType, why: str = "") -> str:
    return f"Incompatible input types for column {name}. Can not safely convert {got} to {t}.{why}"


class _Column:
    """One column being converted: its name, values, dtype kind and target type."""

    def __init__(self, name: Any, series: Any, t: DataType, wire: bool) -> None:
        if getattr(series.dtype, "kind", "O") == "O" and t not in (DataType.string, DataType.binary):
            inferred = series.infer_objects()
            if inferred.dtype.kind != "O":
                series = inferred
            elif t.is_floating and len(series) and bool(series.isna().all()):
                series = series.astype("float64")  # only missing values: NaN in a float column
        self.name, self.series, self.t, self.wire = name, series, t, wire
        self.kind: str = getattr(series.dtype, "kind", "O")

    def refuse(self, why: str = "") -> SchemaEnforcementError:
        if not why and self.t.is_integer and bool(self.series.isna().any()):
            why = (
                " A missing value (null or NaN) cannot be stored in an integer column: send a number, "
                "or declare the column as double."
            )
        described = _value_kinds(self.series) if self.kind == "O" else str(self.series.dtype)
        return _type_error(_incompatible(self.name, described, self.t, why), self.wire)

    def inferred(self) -> str:
        import pandas as pd  # noqa: PLC0415

        return str(pd.api.types.infer_dtype(self.series, skipna=True))


def _convert_column(name: Any, series: Any, t: ColumnType, wire: bool) -> Any:
    """``series`` as a column of type ``t``; raises when a value would change or does not fit."""
    if not isinstance(t, DataType):
        return series.map(lambda v: _check_composite(name, v, t, wire))
    column = _Column(name, series, t, wire)
    if t is DataType.string:
        return _to_string(column)
    if t is DataType.binary:
        return _to_binary(column)
    if t is DataType.boolean:
        return _to_boolean(column)
    if t is DataType.datetime:
        return _to_datetime(column)
    if column.kind in "iuf":
        return _to_number(column)
    raise column.refuse()


def _to_string(column: _Column) -> Any:
    if column.kind == "O" and column.inferred() in ("string", "empty"):
        return column.series
    raise column.refuse()


def _to_binary(column: _Column) -> Any:
    found = column.inferred()
    if found in ("bytes", "empty"):
        return column.series
    if column.wire and found == "string":
        return _base64_column(column.name, column.series)
    raise column.refuse()


def _to_boolean(column: _Column) -> Any:
    if column.kind == "b" or (column.kind == "O" and column.inferred() in ("boolean", "empty")):
        return column.series
    raise column.refuse()


def _to_datetime(column: _Column) -> Any:
    import pandas as pd  # noqa: PLC0415

    if column.kind == "M":
        return column.series.astype("datetime64[ns]")
    if column.kind == "O":
        try:
            return pd.to_datetime(column.series).astype("datetime64[ns]")
        except (ValueError, TypeError) as exc:
            raise column.refuse(f" {exc}") from None
    raise column.refuse()


def _to_number(column: _Column) -> Any:
    import numpy as np  # noqa: PLC0415

    target = np.dtype(column.t.numpy_name)
    if column.series.dtype == target:
        return column.series
    if column.kind == "f":
        return _float_to_number(column, target)
    return _int_to_number(column, target)


def _int_to_number(column: _Column, target: Any) -> Any:
    """Integers to an integer column (when in range) or to a float column (when exact)."""
    import numpy as np  # noqa: PLC0415

    series, t = column.series, column.t
    if t.is_floating:
        if series.dtype.itemsize <= 2 or (series.dtype.itemsize <= 4 and t is DataType.double):
            return series.astype(target)
        limit = _EXACT_INT[t]
        if len(series) == 0 or int(series.abs().max()) <= limit:
            return series.astype(target)
        raise column.refuse(f" Values above {limit} would lose precision.")
    if np.can_cast(series.dtype, target, "safe"):
        return series.astype(target)
    if column.wire and series.between(np.iinfo(target).min, np.iinfo(target).max).all():
        return series.astype(target)
    raise column.refuse()


def _float_to_number(column: _Column, target: Any) -> Any:
    """Floats to a float column (no narrowing, except from the wire), never truncated to integers."""
    import numpy as np  # noqa: PLC0415

    series, t = column.series, column.t
    if t.is_floating:
        if series.dtype.itemsize <= target.itemsize or column.wire:
            return series.astype(target)
        raise column.refuse()
    values = series.to_numpy()
    whole = bool(np.all(np.isfinite(values)) and np.all(np.floor(values) == values))
    if column.wire and whole and series.between(np.iinfo(target).min, np.iinfo(target).max).all():
        return series.astype(target)
    if not whole and not series.isna().any():
        bad = float(values[np.floor(values) != values][0])
        raise column.refuse(f" {bad!r} is not a whole number; it is refused rather than truncated.")
    raise column.refuse()


def _value_kinds(series: Any) -> str:
    kinds = sorted({type(v).__name__ for v in series.dropna().tolist()})
    return "values of type " + "/".join(kinds) if kinds else str(series.dtype)


def _base64_column(name: Any, series: Any) -> Any:
    import base64  # noqa: PLC0415
    import binascii  # noqa: PLC0415

    def decode(value: Any) -> Any:
        if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
            return value
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise _type_error(f"Column {name} is binary: its values must be base64 strings.", True) from None

    return series.map(decode)


def _check_composite(name: Any, value: Any, t: ColumnType, wire: bool) -> Any:
    """A value of an array, object, map or any column, checked all the way down."""
    if isinstance(t, AnyType) or value is None:
        return value
    if isinstance(t, Array):
        if hasattr(value, "tolist"):
            value = value.tolist()
        if not isinstance(value, list):
            raise _type_error(f"Column {name}: expected a list for {t}, got {type(value).__name__}", wire)
        return [_check_composite(name, v, t.items, wire) for v in value]
    if isinstance(t, Object):
        if not isinstance(value, dict):
            raise _type_error(f"Column {name}: expected an object for {t}, got {type(value).__name__}", wire)
        fields = {p.name: p for p in t.properties}
        missing = [p.name for p in t.properties if p.required and p.name not in value]
        unknown = [k for k in value if k not in fields]
        if missing or unknown:
            raise _type_error(f"Column {name}: object fields missing {missing}, unexpected {unknown}", wire)
        return {k: _check_composite(name, v, fields[k].dtype, wire) for k, v in value.items()}
    if isinstance(t, Map):
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise _type_error(f"Column {name}: expected a map with string keys for {t}", wire)
        return {k: _check_composite(name, v, t.values, wire) for k, v in value.items()}
    assert isinstance(t, DataType)
    return _check_scalar(name, value, t, wire)


def _check_scalar(name: Any, value: Any, t: DataType, wire: bool) -> Any:
    ok: bool
    if t is DataType.boolean:
        ok = isinstance(value, bool)
    elif t.is_integer:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if not ok and wire and isinstance(value, float) and value.is_integer():
            return int(value)
    elif t.is_floating:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif t is DataType.string:
        ok = isinstance(value, str)
    elif t is DataType.binary:
        ok = isinstance(value, bytes) or (wire and isinstance(value, str))
    else:
        ok = isinstance(value, str) or hasattr(value, "isoformat")
    if not ok:
        raise _type_error(f"Column {name}: {value!r} is not a {t}", wire)
    return value


# --- inputs as a whole ------------------------------------------------------------------------


def as_frame(data: Any, schema: Schema) -> Any:
    """The input as a DataFrame with column names (or positions) to check a column schema against."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame()
    if isinstance(data, Mapping):
        columns = {k: _as_column(v) for k, v in data.items()}
        if all(np.ndim(v) == 0 or _single_value_of_array_column(k, v, schema) for k, v in data.items()):
            return pd.DataFrame([dict(data)])
        return pd.DataFrame(columns)
    if isinstance(data, list) and data and all(isinstance(row, dict) for row in data):
        return pd.DataFrame(data)
    if isinstance(data, list | np.ndarray):
        array = np.asarray(data, dtype=object) if isinstance(data, list) else data
        if array.ndim == 1 and len(schema) == 1:
            return pd.DataFrame({schema.input_names()[0]: list(array)})
        if array.ndim == 2:
            return pd.DataFrame(array if not isinstance(data, list) else data)
        return pd.DataFrame(list(array))
    if np.ndim(data) == 0 and len(schema) == 1:
        return pd.DataFrame({schema.input_names()[0]: [data]})
    raise SchemaEnforcementError(f"Cannot check an input of type {type(data).__name__} against the schema {schema}")


def _as_column(value: Any) -> Any:
    return value.tolist() if hasattr(value, "tolist") and getattr(value, "ndim", 0) > 0 else value


def _single_value_of_array_column(name: Any, value: Any, schema: Schema) -> bool:
    spec = dict(zip(schema.input_names(), schema.inputs, strict=True)).get(name)
    return isinstance(spec, ColSpec) and isinstance(spec.type, Array) and not any(isinstance(v, list) for v in value)


def enforce_schema(data: Any, schema: Schema, *, wire: bool = False) -> Any:
    """``data`` checked against ``schema``: a DataFrame for a column schema, arrays for tensors.

    Raises :class:`SchemaEnforcementError` naming the columns that are missing or whose values do
    not fit. ``wire=True`` applies the rules for values read from JSON or CSV.
    """
    if schema.is_tensor_spec():
        return _enforce_tensors(data, schema, wire)
    frame = as_frame(data, schema)
    names = schema.input_names()
    if schema.has_input_names():
        present = [str(c) for c in frame.columns]
        missing = [n for n, s in zip(names, schema.inputs, strict=True) if s.required and n not in present]
        extra = [c for c in frame.columns if str(c) not in names]
        if missing:
            message = f"Model is missing inputs {missing}."
            if extra:
                message += f" Note that there were extra inputs: {extra}."
            raise SchemaEnforcementError(f"Failed to enforce schema of data with schema '{schema}'. Error: {message}")
        if extra:
            log.warning("Columns %s are not in the model's signature and were dropped", extra)
        if not all(isinstance(c, str) for c in frame.columns):
            frame = frame.rename(columns={c: str(c) for c in frame.columns if not isinstance(c, str)})
        keep = [n for n in names if n in present]
        frame = frame[keep] if keep != list(frame.columns) else frame
        specs = dict(zip(names, schema.inputs, strict=True))
    else:
        if len(frame.columns) != len(schema):
            raise SchemaEnforcementError(
                f"Failed to enforce schema of data with schema '{schema}'. Error: the model takes "
                f"{len(schema)} unnamed columns, the input has {len(frame.columns)}."
            )
        specs = dict(zip(frame.columns, schema.inputs, strict=True))
    present_specs = [(c, s) for c, s in specs.items() if c in frame.columns and isinstance(s, ColSpec)]
    return _convert_columns(frame, present_specs, wire)


def _convert_columns(frame: Any, specs: list[tuple[Any, ColSpec]], wire: bool) -> Any:
    """``frame`` with each listed column converted to its spec's type (a new frame when any changed)."""
    dtypes = frame.dtypes
    converted = {}
    for column, spec in specs:
        t = spec.type
        if isinstance(t, DataType) and t.numpy_name != "object" and dtypes[column] == t.numpy_name:
            continue  # already the declared type: nothing to check or convert
        series = frame[column]
        if spec.required and isinstance(t, DataType) and not t.is_floating and series.isna().any():
            raise _type_error(f"Column {column} is required and has missing values.", wire)
        new = _convert_column(column, series, t, wire)
        if new is not series:
            converted[column] = new
    if not converted:
        return frame
    frame = frame.copy(deep=False)
    for column, series in converted.items():
        frame[column] = series
    return frame


def coerce_wire_columns(data: Any, schema: Schema | None) -> Any:
    """Values read from JSON or CSV converted to the schema's column types (no names checked)."""
    import pandas as pd  # noqa: PLC0415

    if schema is None or schema.is_tensor_spec() or not isinstance(data, pd.DataFrame):
        return data
    if not schema.has_input_names():
        return data
    specs = dict(zip(schema.input_names(), schema.inputs, strict=True))
    pairs = [(c, specs[str(c)]) for c in data.columns if isinstance(specs.get(str(c)), ColSpec)]
    return _convert_columns(data, pairs, True)  # type: ignore[arg-type]


# --- tensors ----------------------------------------------------------------------------------


def _enforce_tensors(data: Any, schema: Schema, wire: bool) -> Any:
    specs = [s for s in schema.inputs if isinstance(s, TensorSpec)]
    if not schema.has_input_names():
        if isinstance(data, Mapping):
            raise SchemaEnforcementError(f"The model takes one unnamed tensor {specs[0]}, the input is a dict")
        return _tensor(None, data, specs[0], wire)
    if not isinstance(data, Mapping):
        if len(specs) == 1:
            return {specs[0].name: _tensor(specs[0].name, data, specs[0], wire)}
        raise SchemaEnforcementError(f"The model takes named tensors {[s.name for s in specs]}: send a dict")
    missing = [s.name for s in specs if s.name not in data]
    if missing:
        raise SchemaEnforcementError(f"Failed to enforce schema. Error: Model is missing inputs {missing}.")
    return {s.name: _tensor(s.name, data[s.name], s, wire) for s in specs}


def _tensor(name: str | None, value: Any, spec: TensorSpec, wire: bool) -> Any:
    import numpy as np  # noqa: PLC0415

    label = f"tensor {name!r}" if name else "the input tensor"
    if hasattr(value, "to_numpy"):
        value = value.to_numpy()
    try:
        array = np.asarray(value)
    except ValueError as exc:
        raise _type_error(f"Cannot read {label} as an array: {exc}", wire) from None
    target = np.dtype(spec.type)
    if array.dtype != target:
        if (
            np.can_cast(array.dtype, target, "safe")
            or (array.dtype.kind == "O" and target.kind == "O")
            or (wire and array.dtype.kind in "iuf" and target.kind in "iuf" and _fits(array, target))
        ):
            array = array.astype(target)
        else:
            raise _type_error(
                f"dtype of {label} {array.dtype} does not match the expected dtype {target} "
                "and cannot be converted without loss.",
                wire,
            )
    expected = spec.shape
    if len(expected) != array.ndim or any(e not in (-1, a) for e, a in zip(expected, array.shape, strict=False)):
        raise SchemaEnforcementError(
            f"Shape of {label} {tuple(array.shape)} does not match the expected shape {tuple(expected)}."
        )
    return array


def _fits(array: Any, target: Any) -> bool:
    import numpy as np  # noqa: PLC0415

    if target.kind == "f":
        return True
    values = array.astype("float64")
    if not np.all(np.isfinite(values)) or not np.all(np.floor(values) == values):
        return False
    info = np.iinfo(target)
    return bool(values.min(initial=0) >= info.min and values.max(initial=0) <= info.max)


# --- params -----------------------------------------------------------------------------------


def enforce_params(params: Mapping[str, Any] | None, schema: ParamSchema | None) -> dict[str, Any] | None:
    """Parameters checked against the params schema, with defaults for those not given.

    Parameters the schema does not declare are dropped with a log line (as MLflow does).
    """
    if schema is None:
        if params:
            log.warning("The model declares no parameters; %s ignored", sorted(params))
        return dict(params) if params else None
    given = dict(params or {})
    unknown = [k for k in given if k not in {p.name for p in schema}]
    if unknown:
        log.warning("Parameters %s are not in the model's signature and were ignored", unknown)
    out: dict[str, Any] = {}
    problems = []
    for spec in schema:
        if spec.name not in given:
            out[spec.name] = spec.default
            continue
        try:
            out[spec.name] = _param_value(spec, given[spec.name])
        except ValueError as exc:
            problems.append((spec.name, str(exc)))
    if problems:
        raise SchemaEnforcementError(f"Invalid parameters found: {problems}", error_class="INVALID_PARAMETER_VALUE")
    return out


def _param_value(spec: ParamSpec, value: Any) -> Any:
    if spec.shape is not None:
        if not isinstance(value, list | tuple):
            raise ValueError(f"expected a list of {spec.dtype}, got {value!r}")
        return [_param_scalar(spec, v) for v in value]
    return _param_scalar(spec, value)


def _param_scalar(spec: ParamSpec, value: Any) -> Any:
    t = spec.dtype
    if value is None:
        return None
    if t is DataType.boolean and isinstance(value, bool):
        return value
    if t.is_integer and isinstance(value, int) and not isinstance(value, bool):
        return value
    if t.is_floating and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if t in (DataType.string, DataType.binary) and isinstance(value, str):
        return value
    if t is DataType.datetime and isinstance(value, str):
        import datetime as dt  # noqa: PLC0415

        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date and time") from None
    raise ValueError(f"Can not safely convert {type(value).__name__} to {t} for value {value!r}")
