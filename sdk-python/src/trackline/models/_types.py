"""The column types of a model signature and their numpy equivalents.

>>> DataType.long.numpy_name
'int64'
>>> DataType.from_numpy_name("float32")
<DataType.float: 'float'>
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DataType"]


class DataType(StrEnum):
    """A scalar type of a column (MLflow's names, as written in ``MLmodel``)."""

    boolean = "boolean"
    integer = "integer"
    long = "long"
    float = "float"
    double = "double"
    string = "string"
    binary = "binary"
    datetime = "datetime"

    def __repr__(self) -> str:
        return f"<DataType.{self.name}: {self.value!r}>"

    @property
    def numpy_name(self) -> str:
        """The numpy dtype name a column of this type has in a DataFrame."""
        return _NUMPY[self]

    @property
    def is_integer(self) -> bool:
        return self in (DataType.integer, DataType.long)

    @property
    def is_floating(self) -> bool:
        return self in (DataType.float, DataType.double)

    @classmethod
    def from_numpy_name(cls, name: str) -> DataType:
        """The type of a numpy dtype (by name or ``dtype.str``); ValueError when there is none."""
        kind, size = _kind_and_size(name)
        if kind == "b":
            return cls.boolean
        if kind in "iu":
            return cls.integer if size < 4 or (kind == "i" and size == 4) else cls.long
        if kind == "f":
            return cls.float if size <= 4 else cls.double
        if kind == "U":
            return cls.string
        if kind == "S":
            return cls.binary
        if kind == "M":
            return cls.datetime
        raise ValueError(f"no column type for numpy type {name!r}")


_NUMPY = {
    DataType.boolean: "bool",
    DataType.integer: "int32",
    DataType.long: "int64",
    DataType.float: "float32",
    DataType.double: "float64",
    DataType.string: "object",
    DataType.binary: "object",
    DataType.datetime: "datetime64[ns]",
}


def _kind_and_size(name: str) -> tuple[str, int]:
    import numpy as np  # noqa: PLC0415 - numpy is optional

    dtype = np.dtype(name)
    return dtype.kind, dtype.itemsize
