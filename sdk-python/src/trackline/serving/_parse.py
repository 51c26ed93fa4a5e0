"""Request bodies of ``/invocations`` to model input: JSON (four shapes), CSV, parquet.

>>> parse_request("application/json", b'{"inputs": [[1, 2]], "params": {"k": 3}}', None).params
{'k': 3}
>>> try:
...     parse_request("text/plain", b"x", None)
... except ScoringError as exc:
...     print(exc.status, exc.error_code)
415 UNSUPPORTED_MEDIA_TYPE
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import orjson

from trackline._errors import TracklineException
from trackline.models._enforce import as_frame, coerce_wire_columns
from trackline.models._schema import Schema

from ._errors import ScoringError, from_sdk_error

__all__ = ["CONTENT_TYPES", "FORMATS", "Parsed", "parse_request"]

JSON, CSV, PARQUET = "application/json", "text/csv", "application/vnd.apache.parquet"
CONTENT_TYPES = (CSV, JSON, PARQUET)
FORMATS = ("dataframe_split", "dataframe_records", "instances", "inputs")
_LLM_KEYS = ("messages", "prompt", "input")
_FIELDS = "{" + ", ".join(repr(f) for f in FORMATS) + "}"


@dataclass(frozen=True)
class Parsed:
    """The model input read from a request, and the params it carried (JSON only)."""

    data: Any
    params: dict[str, Any] | None


def _bad(message: str) -> ScoringError:
    return ScoringError(message, "BAD_REQUEST")


def _unsupported(message: str) -> ScoringError:
    return ScoringError(message, "UNSUPPORTED_MEDIA_TYPE")


def _mime_type(content_type: str | None) -> str:
    if not content_type or not content_type.strip():
        raise _unsupported(
            f"The request has no Content-Type; send one of {list(CONTENT_TYPES)} (application/json for JSON bodies)."
        )
    mime, *parameters = (part.strip() for part in content_type.split(";"))
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() != "charset":
            raise _unsupported(
                f"Unrecognized content type parameters: {key.strip()}. The scoring protocol changed in MLflow "
                "2.0: send the format as a key of the JSON body (dataframe_split, dataframe_records, instances "
                "or inputs) instead."
            )
        if value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise _unsupported("The scoring server only supports UTF-8")
    mime = mime.lower()
    if mime not in CONTENT_TYPES:
        raise _unsupported(
            f"This predictor only supports the following content types: {list(CONTENT_TYPES)}. Got '{content_type}'."
        )
    return mime


def parse_request(content_type: str | None, body: bytes, schema: Schema | None) -> Parsed:
    """The model input of a request (values converted to the signature's column types)."""
    mime = _mime_type(content_type)
    if mime == JSON:
        data, params = _from_json(body, schema)
    elif mime == CSV:
        data, params = _from_csv(body), None
    else:
        data, params = _from_parquet(body), None
    try:
        return Parsed(coerce_wire_columns(_plain_column_labels(data), schema), params)
    except TracklineException as exc:
        raise from_sdk_error(exc) from None


def _plain_column_labels(data: Any) -> Any:
    """A table whose column labels are plain Python strings: pandas 3 keeps them in an Arrow
    string index, which makes every column lookup, here and in scikit-learn's check of the
    feature names, several times slower."""
    columns = getattr(data, "columns", None)
    if columns is not None and type(data).__name__ == "DataFrame" and columns.dtype != object:
        data.columns = columns.astype(object)
    return data


def _shape_error(keys: list[str]) -> ScoringError:
    return _bad(
        f"The input must be a JSON dictionary with exactly one of the input fields {_FIELDS}. "
        f"Received dictionary with input fields: {keys}. (The scoring protocol changed in MLflow 2.0: "
        "a body of only 'columns' and 'data' is now sent as {\"dataframe_split\": {...}}.)"
    )


def _from_json(body: bytes, schema: Schema | None) -> tuple[Any, dict[str, Any] | None]:
    if not body.strip():
        raise _bad("Invalid input. Ensure that input is a valid JSON formatted string. Error: the body is empty.")
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise _bad(f"Invalid input. Ensure that input is a valid JSON formatted string. Error: {exc}") from None
    if isinstance(document, list):
        raise _bad(
            f"The input must be a JSON dictionary with exactly one of the input fields {_FIELDS}. Received a list."
        )
    if not isinstance(document, dict):
        raise _bad(
            f"The input must be a JSON dictionary with exactly one of the input fields {_FIELDS}. "
            f"Received a {type(document).__name__}."
        )
    present = [k for k in FORMATS if k in document]
    if len(present) != 1:
        if not present and any(k in document for k in _LLM_KEYS):
            raise _bad(
                "Chat and completion bodies (messages, prompt, input) are not served; "
                f"send one of the input fields {_FIELDS}."
            )
        raise _shape_error(list(document))
    params = document.get("params")
    if params is not None and not isinstance(params, dict):
        raise _bad(f"'params' must be a JSON object, got {type(params).__name__}.")
    key = present[0]
    value = document[key]
    try:
        if key == "dataframe_split":
            return _split(value), params
        if key == "dataframe_records":
            return _records(value), params
        return _tensors(key, value, schema), params
    except (ValueError, TypeError) as exc:
        raise _bad(f"Invalid input. The {key} field is not a valid {key} value: {exc}") from None


def _split(value: Any) -> Any:
    import pandas as pd  # noqa: PLC0415

    if not isinstance(value, dict):
        raise _bad(f"Invalid input. Dataframe split format must be a dictionary. Got {type(value).__name__}.")
    keys = set(value)
    if "data" not in keys or keys - {"columns", "data", "index"}:
        raise _bad(
            "Invalid input. Dataframe split format must have 'data' field and optionally 'columns' and "
            f"'index' fields. Got {sorted(keys)}."
        )
    data = value["data"]
    if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
        raise _bad("Invalid input. The 'data' of dataframe_split must be a list of rows (lists).")
    columns = value.get("columns")
    labels = pd.Index(columns, dtype=object) if isinstance(columns, list) else columns
    return pd.DataFrame(data=data, columns=labels, index=value.get("index"))


def _records(value: Any) -> Any:
    import pandas as pd  # noqa: PLC0415

    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        got = "dictionary" if isinstance(value, dict) else type(value).__name__
        raise _bad(f"Invalid input. Dataframe records format must be a list of records (objects). Got {got}.")
    return pd.DataFrame(value)


def _tensors(key: str, value: Any, schema: Schema | None) -> Any:
    """``instances`` (rows) or ``inputs`` (columns or a tensor), as MLflow reads them."""
    import numpy as np  # noqa: PLC0415

    columnar = schema is not None and not schema.is_tensor_spec()
    if key == "instances" and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return _records(value)
    if isinstance(value, dict):
        if columnar:
            assert schema is not None
            return as_frame(value, schema)
        return {name: np.asarray(column) for name, column in value.items()}
    if not isinstance(value, list):
        if columnar:
            assert schema is not None
            return as_frame(value, schema)
        return np.asarray(value)
    return np.asarray(value)


def _from_csv(body: bytes) -> Any:
    import pandas as pd  # noqa: PLC0415

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"Invalid input. Ensure that input is a valid UTF-8 encoded string. Error: {exc}") from None
    try:
        return pd.read_csv(io.StringIO(text))
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _bad(
            "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted "
            f"Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '{exc}'"
        ) from None


def _from_parquet(body: bytes) -> Any:
    import pandas as pd  # noqa: PLC0415

    try:
        return pd.read_parquet(io.BytesIO(body))
    except ImportError:
        raise _unsupported("Parquet bodies need pyarrow installed in the server's environment") from None
    except Exception as exc:
        raise _bad(
            "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid Parquet "
            f"Pandas DataFrame produced using the `pandas.DataFrame.to_parquet()` method. Error: '{exc}'"
        ) from None
