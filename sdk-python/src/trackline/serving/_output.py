"""Predictions as the JSON body of an answer: ``{"predictions": ...}``.

A numpy array becomes a (nested) list, a DataFrame a list of row objects, a Series the rows
of a one-column table (keyed by its name, or ``"0"``); other values are written as they are.
Missing values (NaN) are written as ``null``, which every JSON reader accepts.

>>> import numpy as np
>>> predictions_json(np.array([0, 2]))
b'{"predictions":[0,2]}'
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import orjson

__all__ = ["jsonable", "predictions_json"]

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def jsonable(raw: Any) -> Any:
    """The predictions in the shape MLflow's scoring server answers them."""
    kind = type(raw).__name__
    module = type(raw).__module__.split(".", 1)[0]
    if module == "pandas" and kind == "DataFrame":
        return raw.to_dict(orient="records")
    if module == "pandas" and kind == "Series":
        return raw.to_frame(name=raw.name if raw.name is not None else 0).to_dict(orient="records")
    if module == "numpy" and kind == "ndarray" and raw.dtype.kind in "OUSMm":
        return raw.tolist()
    return raw


def _default(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def predictions_json(raw: Any) -> bytes:
    """The answer body for ``raw`` predictions."""
    return orjson.dumps({"predictions": jsonable(raw)}, default=_default, option=_OPTIONS)
