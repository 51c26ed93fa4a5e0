"""A client for scoring servers (``trackline models serve`` and ``mlflow models serve``).

::

    from trackline.scoring import ScoringClient

    with ScoringClient("http://127.0.0.1:5001") as scoring:
        scoring.wait_ready(timeout=60)
        answer = scoring.invoke(df, params={"k": 5})          # a DataFrame, array, dict or list
        answer.predictions, answer.model, answer.model_version
        scoring.invoke(df, model="recs@challenger")           # one of several served models

Inputs are sent as MLflow's scoring protocol expects them: a DataFrame as ``dataframe_split``,
a numpy array, dict or list as ``inputs``; ``invoke_raw`` sends a body as it is (CSV, parquet,
or JSON in any of the four shapes). Errors raise :class:`~trackline.TracklineException` with
the server's ``error_code`` and HTTP status.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from ._errors import TracklineException

__all__ = ["ScoringClient", "ScoringResponse", "scoring_body"]

MODEL_HEADER = "X-Trackline-Model"
VERSION_HEADER = "X-Trackline-Model-Version"


@dataclass(frozen=True)
class ScoringResponse:
    """An answer: the predictions, and which served model (and version) gave them."""

    predictions: Any
    model: str | None
    model_version: str | None


def _jsonable(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot send a {type(value).__name__} as JSON")


def scoring_body(data: Any, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body for ``data``: ``dataframe_split`` for a DataFrame, ``inputs`` otherwise.

    >>> scoring_body({"age": [31, 58]}, {"k": 2})
    {'inputs': {'age': [31, 58]}, 'params': {'k': 2}}
    """
    if type(data).__name__ == "DataFrame":
        body: dict[str, Any] = {"dataframe_split": json.loads(data.to_json(orient="split", date_format="iso"))}
    elif type(data).__name__ == "Series":
        body = {"inputs": data.tolist()}
    else:
        body = {"inputs": data}
    if params:
        body["params"] = params
    return body


class ScoringClient:
    """Talks to one scoring server at ``url``."""

    def __init__(self, url: str, timeout: float = 60.0, headers: dict[str, str] | None = None) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=timeout, headers=headers)

    def __enter__(self) -> ScoringClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise TracklineException(
                f"Cannot reach the scoring server at {self.url}: {exc}", "TEMPORARILY_UNAVAILABLE"
            ) from None
        if response.status_code >= 400:
            try:
                envelope = response.json()
            except ValueError:
                envelope = {}
            if not isinstance(envelope, dict):
                envelope = {}
            raise TracklineException(
                str(envelope.get("message") or response.text[:500] or response.reason_phrase),
                str(envelope.get("error_code") or "BAD_REQUEST"),
                response.status_code,
            )
        return response

    def ping(self) -> bool:
        """Whether the server answers ``/ping`` (every model loaded)."""
        try:
            return self._http.get("/ping").status_code == 200
        except httpx.HTTPError:
            return False

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until ``/ping`` answers 200; raises after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not self.ping():
            if time.monotonic() > deadline:
                raise TracklineException(f"The scoring server at {self.url} was not ready after {timeout:g} s")
            time.sleep(0.1)

    def version(self) -> str:
        return self._send("GET", "/version").text.strip()

    def spec(self) -> str:
        """The server's API description (``GET /openapi.yaml``, Trackline's scoring.yaml)."""
        return self._send("GET", "/openapi.yaml").text

    def models(self) -> list[dict[str, Any]]:
        """The served models (``GET /models``): name, uri, version, weight."""
        found: list[dict[str, Any]] = self._send("GET", "/models").json()["models"]
        return found

    def invoke(self, data: Any, params: dict[str, Any] | None = None, model: str | None = None) -> ScoringResponse:
        """Predictions for ``data`` (see :func:`scoring_body`), from ``model`` when given."""
        body = json.dumps(scoring_body(data, params), default=_jsonable).encode()
        return self.invoke_raw(body, "application/json", model)

    def invoke_raw(
        self, body: bytes | str, content_type: str | None = "application/json", model: str | None = None
    ) -> ScoringResponse:
        """Send ``body`` as it is, with ``content_type`` (None sends no Content-Type)."""
        headers = {"Content-Type": content_type} if content_type is not None else {}
        path = f"/models/{model}/invocations" if model else "/invocations"
        content = body.encode() if isinstance(body, str) else body
        response = self._send("POST", path, content=content, headers=headers)
        return ScoringResponse(
            response.json().get("predictions"),
            response.headers.get(MODEL_HEADER),
            response.headers.get(VERSION_HEADER),
        )
