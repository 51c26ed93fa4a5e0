"""Input examples: ``input_example.json`` and the ready-to-send ``serving_input_example.json``.

=====================  ===========  ====================================================
example                type         serving_input_example.json
=====================  ===========  ====================================================
pandas DataFrame       dataframe    ``{"dataframe_split": {"columns": [...], "data": [...]}}``
numpy array            ndarray      ``{"inputs": [[...]]}``
dict, list, scalar     json_object  ``{"inputs": <the example>}``
=====================  ===========  ====================================================

An example may be a ``(data, params)`` pair; the params go into both files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackline._errors import TracklineException

__all__ = ["INPUT_EXAMPLE_FILE", "SERVING_INPUT_EXAMPLE_FILE", "SavedExample", "load_input_example", "save_example"]

INPUT_EXAMPLE_FILE = "input_example.json"
SERVING_INPUT_EXAMPLE_FILE = "serving_input_example.json"


@dataclass(frozen=True)
class SavedExample:
    """What was written: the MLmodel ``saved_input_example_info``, and the example itself."""

    info: dict[str, Any]
    data: Any
    params: dict[str, Any] | None


def _jsonable(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        import base64  # noqa: PLC0415

        return base64.b64encode(value).decode("ascii")
    return value


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, indent=indent, default=_jsonable)


def save_example(directory: Path, example: Any) -> SavedExample:
    """Write the example files into ``directory``."""
    data, params = example, None
    if isinstance(example, tuple) and len(example) == 2 and isinstance(example[1], dict):
        data, params = example
    kind = type(data).__name__
    module = type(data).__module__.split(".")[0]
    info: dict[str, Any] = {"artifact_path": INPUT_EXAMPLE_FILE}
    if module == "pandas" and kind in ("DataFrame", "Series"):
        frame = data.to_frame() if kind == "Series" else data
        split = json.loads(frame.to_json(orient="split", index=False, date_format="iso"))
        stored: Any = split
        serving: dict[str, Any] = {"dataframe_split": split}
        info.update(type="dataframe", pandas_orient="split")
    elif module == "numpy" and kind == "ndarray":
        stored = _jsonable(data)
        serving = {"inputs": stored}
        info["type"] = "ndarray"
    elif isinstance(data, dict | list | str | int | float | bool):
        stored = _jsonable(data)
        serving = {"inputs": stored}
        info["type"] = "json_object"
    else:
        raise TracklineException(
            f"Unsupported input example of type {type(data).__name__}: use a pandas DataFrame, a numpy "
            "array, a dict, a list or a scalar",
            error_code="INVALID_PARAMETER_VALUE",
        )
    if params:
        stored = {"inputs": stored, "params": _jsonable(params)}
        serving["params"] = _jsonable(params)
        info["params"] = "true"
    (directory / INPUT_EXAMPLE_FILE).write_text(_dumps(stored), encoding="utf-8")
    (directory / SERVING_INPUT_EXAMPLE_FILE).write_text(_dumps(serving, indent=2), encoding="utf-8")
    info["serving_input_path"] = SERVING_INPUT_EXAMPLE_FILE
    return SavedExample(info, data, params)


def load_input_example(directory: str | Path, info: dict[str, Any] | None) -> Any:
    """The example a model was saved with (a DataFrame, a numpy array or JSON data), or None."""
    if not info:
        return None
    path = Path(directory) / str(info.get("artifact_path", INPUT_EXAMPLE_FILE))
    if not path.is_file():
        return None
    stored = json.loads(path.read_text(encoding="utf-8"))
    if info.get("params") and isinstance(stored, dict) and "inputs" in stored:
        stored = stored["inputs"]
    kind = info.get("type")
    if kind == "dataframe":
        import pandas as pd  # noqa: PLC0415 - pandas is optional

        return pd.DataFrame(stored.get("data"), columns=stored.get("columns"), index=stored.get("index"))
    if kind == "ndarray":
        import numpy as np  # noqa: PLC0415 - numpy is optional

        return np.asarray(stored)
    return stored
