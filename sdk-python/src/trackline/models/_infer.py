"""Schemas inferred from example data, as MLflow infers them.

* a pandas DataFrame: one named column per column (``required`` unless it holds a missing value);
* a pandas Series: one column, named after the series;
* a numpy array: one tensor, its first dimension variable (``-1``);
* a dict of numpy arrays: one named tensor each; any other dict: one named column per key;
* a list of dicts: one named column per key; a list of values: one unnamed column;
* a scalar: one unnamed column.

>>> str(infer_schema({"x": 1.5, "tags": ["a", "b"]}))
"['x': double, 'tags': Array(string)]"
>>> infer_param_schema({"k": 3, "names": ["a"]}).to_dict()[1]
{'name': 'names', 'default': ['a'], 'shape': [-1], 'type': 'string'}
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from trackline._errors import TracklineException

from ._schema import AnyType, Array, ColSpec, ColumnType, Object, ParamSchema, ParamSpec, Property, Schema, TensorSpec
from ._signature import ModelSignature
from ._types import DataType

__all__ = ["infer_param_schema", "infer_schema", "infer_signature"]


def _invalid(message: str) -> TracklineException:
    return TracklineException(message, error_code="INVALID_PARAMETER_VALUE")


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _scalar_type(value: Any) -> DataType:
    if isinstance(value, bool):
        return DataType.boolean
    if isinstance(value, int):
        return DataType.long
    if isinstance(value, float):
        return DataType.double
    if isinstance(value, str):
        return DataType.string
    if isinstance(value, bytes | bytearray):
        return DataType.binary
    if isinstance(value, dt.datetime | dt.date):
        return DataType.datetime
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind is not None and getattr(value, "ndim", 0) == 0:  # a numpy scalar
        return DataType.from_numpy_name(value.dtype.str)
    raise _invalid(f"Cannot infer a column type for a value of type {type(value).__name__}")


def _value_type(value: Any) -> ColumnType:
    """The type of one value: scalar, list (array) or dict (object)."""
    if isinstance(value, dict):
        if not value:
            return AnyType()
        if not all(isinstance(k, str) for k in value):
            raise _invalid("Dictionary keys must be strings")
        return Object([Property(k, _value_type(v), not _is_missing(v)) for k, v in value.items()])
    if _is_list_like(value):
        return Array(_values_type(list(value)))
    if _is_missing(value):
        return AnyType()
    return _scalar_type(value)


def _is_list_like(value: Any) -> bool:
    return isinstance(value, list | tuple) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1)


def _values_type(values: list[Any]) -> ColumnType:
    """One type for all the values of a column (missing values ignored)."""
    present = [v for v in values if not _is_missing(v)]
    if not present:
        return AnyType()
    types = {_value_type(v) for v in present}
    if len(types) == 1:
        return types.pop()
    if types <= {DataType.long, DataType.double}:
        return DataType.double
    raise _invalid(f"Values of different types in one column: {sorted(str(t) for t in types)}")


def _series_type(series: Any) -> DataType | ColumnType:
    dtype = series.dtype
    kind = getattr(dtype, "kind", "O")
    if kind == "O" or str(dtype) in ("string", "str") or dtype.__class__.__name__ == "StringDtype":
        if kind == "O":
            inferred = series.infer_objects()
            if inferred.dtype.kind != "O":
                return DataType.from_numpy_name(inferred.dtype.str)
        return _values_type(series.tolist())
    if kind == "M":
        return DataType.datetime
    name = getattr(dtype, "numpy_dtype", dtype)
    return DataType.from_numpy_name(str(name))


def _tensor(array: Any, name: str | None = None) -> TensorSpec:
    shape = [-1, *array.shape[1:]] if array.ndim else []
    dtype = array.dtype
    return TensorSpec("object" if dtype.kind == "O" else dtype.name, shape, name)


def infer_schema(data: Any) -> Schema:
    """The schema of example data (see the module docs for what each kind of data gives)."""
    kind = type(data).__name__
    module = type(data).__module__.split(".")[0]
    if module == "pandas" and kind == "DataFrame":
        return Schema([ColSpec(_series_type(data[c]), str(c), not bool(data[c].isna().any())) for c in data.columns])
    if module == "pandas" and kind == "Series":
        name = None if data.name is None else str(data.name)
        return Schema([ColSpec(_series_type(data), name, not bool(data.isna().any()))])
    if module == "numpy" and kind == "ndarray":
        return Schema([_tensor(data)])
    if isinstance(data, Mapping):
        if not data:
            raise _invalid("Cannot infer a schema from an empty dict")
        if not all(isinstance(k, str) for k in data):
            raise _invalid("Dictionary keys must be strings")
        if all(type(v).__name__ == "ndarray" for v in data.values()):
            return Schema([_tensor(v, k) for k, v in data.items()])
        return Schema([ColSpec(_value_type(v), k, not _column_has_missing(v)) for k, v in data.items()])
    if isinstance(data, list):
        if not data:
            return Schema([ColSpec(DataType.string)])
        if all(isinstance(row, dict) for row in data):
            columns: dict[str, list[Any]] = {}
            for row in data:
                for key, value in row.items():
                    columns.setdefault(str(key), []).append(value)
            return Schema(
                [
                    ColSpec(_values_type(vals), key, all(_present(row.get(key)) for row in data))
                    for key, vals in columns.items()
                ]
            )
        return Schema([ColSpec(_values_type(data))])
    return Schema([ColSpec(_value_type(data))])


def _present(value: Any) -> bool:
    return not _is_missing(value)


def _column_has_missing(value: Any) -> bool:
    if _is_list_like(value):
        return any(_is_missing(v) for v in list(value))
    return _is_missing(value)


def infer_param_schema(params: Mapping[str, Any]) -> ParamSchema:
    """The parameter schema of example parameters; each example value becomes the default."""
    specs = []
    for name, value in params.items():
        if _is_list_like(value):
            items = list(value.tolist() if hasattr(value, "tolist") else value)
            item_type = _values_type(items)
            if not isinstance(item_type, DataType):
                raise _invalid(f"Parameter {name!r}: a list parameter holds scalars")
            specs.append(ParamSpec(name, item_type, items, (-1,)))
            continue
        if _is_missing(value):
            raise _invalid(f"Parameter {name!r} has no value to infer its type from")
        scalar = _scalar_type(value)
        default = value.item() if hasattr(value, "item") else value
        specs.append(ParamSpec(name, scalar, default))
    return ParamSchema(specs)


def infer_signature(
    model_input: Any = None,
    model_output: Any = None,
    params: Mapping[str, Any] | None = None,
) -> ModelSignature:
    """A signature from an example input, an example output and example parameters.

    >>> str(infer_signature([{"age": 31, "city": "Lyon"}], [0.7]))
    "inputs: ['age': long, 'city': string]\\noutputs: [double]"
    """
    return ModelSignature(
        infer_schema(model_input) if model_input is not None else None,
        infer_schema(model_output) if model_output is not None else None,
        infer_param_schema(params) if params else None,
    )
