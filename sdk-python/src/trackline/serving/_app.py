"""The scoring server's Flask application: one route per operation of ``scoring.yaml``.

Handlers are bound to the spec by operationId; :func:`create_app` refuses to build an app
when an operation has no handler or a handler no operation.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from trackline import __version__

from ._batching import Batcher
from ._errors import ScoringError
from ._invoke import prediction_failed, prepare_request
from ._output import predictions_json
from ._served import ModelSet, ServedModel
from ._spec import operations, spec_text

__all__ = ["DEFAULT_MAX_BODY_BYTES", "ScoringSettings", "SpecMismatch", "check_bindings", "create_app"]

log = logging.getLogger("trackline.serving")

DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
MODEL_HEADER = "X-Trackline-Model"


class SpecMismatch(RuntimeError):
    """scoring.yaml and the handlers disagree; the server must not start."""


@dataclass(frozen=True)
class ScoringSettings:
    """``timeout``: seconds per prediction (504 after); ``max_body_bytes``: larger bodies get a
    413; ``batch_max_rows``/``batch_window_ms``: adaptive batching (off when ``batch_max_rows`` is 0)."""

    timeout: float = 60.0
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    batch_max_rows: int = 0
    batch_window_ms: float = 2.0
    predict_threads: int = 8


def check_bindings(handlers: dict[str, Callable[..., Response]]) -> None:
    spec_ids = {op.operation_id for op in operations()}
    missing = sorted(spec_ids - set(handlers))
    extra = sorted(set(handlers) - spec_ids)
    if missing or extra:
        raise SpecMismatch(
            "scoring.yaml and the handlers disagree: "
            + (f"operations without a handler: {missing}. " if missing else "")
            + (f"handlers without an operation: {extra}." if extra else "")
        )


def _error(exc: ScoringError, served: ServedModel | None = None) -> Response:
    response = Response(orjson.dumps(exc.envelope()), status=exc.status, mimetype="application/json")
    if served is not None:
        response.headers.update(served.headers())
    return response


def _predict_without_params(served: ServedModel) -> Callable[[Any], Any]:
    def predict(frame: Any) -> Any:
        return served.model.predict_prepared(frame, None)

    return predict


class _Scorer:
    """Reads a request, checks it against the model's signature, predicts (within the timeout)."""

    def __init__(self, models: ModelSet, settings: ScoringSettings) -> None:
        self.models = models
        self.settings = settings
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._batchers: dict[str, Batcher] = {}
        if settings.batch_max_rows > 0:
            for name, served in models.models.items():
                self._batchers[name] = Batcher(
                    _predict_without_params(served), settings.batch_max_rows, settings.batch_window_ms / 1000.0
                )

    def pool(self) -> concurrent.futures.ThreadPoolExecutor:
        # Made on first use, in the worker process (threads do not survive gunicorn's fork).
        with self._pool_lock:
            if self._pool is None:
                self._pool = concurrent.futures.ThreadPoolExecutor(
                    self.settings.predict_threads, thread_name_prefix="predict"
                )
            return self._pool

    def _call(self, served: ServedModel, data: Any, params: dict[str, Any] | None) -> Any:
        batcher = self._batchers.get(served.name)
        if batcher is not None and batcher.accepts(data, params):
            return batcher.predict(data)
        return served.model.predict_prepared(data, params)

    def score(self, served: ServedModel) -> Response:
        batcher = self._batchers.get(served.name)
        if batcher is None:
            return self._score(served)
        batcher.arrive()
        try:
            return self._score(served)
        finally:
            batcher.depart()

    def _score(self, served: ServedModel) -> Response:
        try:
            body = self.read_body()
            data, params = prepare_request(served.model, request.headers.get("Content-Type"), body)
            future = self.pool().submit(self._call, served, data, params)
            try:
                raw = future.result(timeout=self.settings.timeout)
            except concurrent.futures.TimeoutError:
                future.cancel()
                raise ScoringError(
                    f"Request processing time exceeded limit ({self.settings.timeout:g} s).", "DEADLINE_EXCEEDED"
                ) from None
            except Exception as exc:
                log.exception("model %s raised while predicting", served.name)
                raise prediction_failed(exc) from None
            try:
                payload = predictions_json(raw)
            except (TypeError, orjson.JSONEncodeError) as exc:
                raise ScoringError(f"The model's predictions cannot be written as JSON: {exc}", "BAD_REQUEST") from None
        except ScoringError as exc:
            return _error(exc, served)
        response = Response(payload, mimetype="application/json")
        response.headers.update(served.headers())
        return response

    def read_body(self) -> bytes:
        """The request body, refused (413) as soon as it is known to be over the limit: by its
        Content-Length before reading, or after reading one byte more than the limit when chunked."""
        limit = self.settings.max_body_bytes
        length = request.content_length
        if length is not None and length > limit:
            raise self.too_large()
        stream = request.environ["wsgi.input"]
        data: bytes = stream.read(length) if length is not None else stream.read(limit + 1)
        if len(data) > limit:
            raise self.too_large()
        return data

    def too_large(self) -> ScoringError:
        return ScoringError(
            f"The request body is larger than the limit of {self.settings.max_body_bytes} bytes.", "REQUEST_TOO_LARGE"
        )


def create_app(models: ModelSet, settings: ScoringSettings | None = None) -> Flask:
    """The WSGI app serving ``models``."""
    settings = settings or ScoringSettings()
    scorer = _Scorer(models, settings)

    def scoring_ping() -> Response:
        return Response("\n", mimetype="text/plain")

    def scoring_version() -> Response:
        return Response(__version__, mimetype="text/plain")

    def invocations() -> Response:
        try:
            served = models.pick(request.headers.get(MODEL_HEADER))
        except ScoringError as exc:
            return _error(exc)
        return scorer.score(served)

    def model_invocations(name: str) -> Response:
        try:
            served = models.get(name)
        except ScoringError as exc:
            return _error(exc)
        return scorer.score(served)

    def list_served_models() -> Response:
        body = {"models": [m.describe() for m in models.models.values()]}
        return Response(orjson.dumps(body), mimetype="application/json")

    def get_scoring_spec() -> Response:
        return Response(spec_text(), mimetype="application/yaml")

    handlers: dict[str, Callable[..., Response]] = {
        "scoringPing": scoring_ping,
        "scoringHealth": scoring_ping,
        "scoringVersion": scoring_version,
        "invocations": invocations,
        "modelInvocations": model_invocations,
        "listServedModels": list_served_models,
        "getScoringSpec": get_scoring_spec,
    }
    check_bindings(handlers)

    app = Flask("trackline.serving")
    for op in operations():
        app.add_url_rule(
            op.flask_rule, endpoint=op.operation_id, view_func=handlers[op.operation_id], methods=[op.method]
        )

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = exc.code or 500
        if code == 404:
            return _error(ScoringError(f"No route at {request.method} {request.path}.", "ENDPOINT_NOT_FOUND"))
        if code == 405:
            return _error(ScoringError(f"{request.method} is not allowed on {request.path}.", "BAD_REQUEST", 405))
        return _error(ScoringError(exc.description or exc.name, "BAD_REQUEST", code))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _error(ScoringError("Internal server error.", "INTERNAL_ERROR"))

    return app
