"""Faults of the parts the server depends on, answered as 503 with ``Retry-After``.

When the database or the artifact store does not answer (restarted, down, unreachable), a request
fails with ``TEMPORARILY_UNAVAILABLE`` and HTTP 503, and every 503 carries ``Retry-After`` so
that clients (MLflow's and Trackline's SDKs retry 503) wait and send it again. The server itself
does not need a restart: the database pool checks a connection before handing it out and the
object store client connects anew.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from . import metrics
from .errors import INTERNAL_ERROR, TEMPORARILY_UNAVAILABLE, TracklineError

log = logging.getLogger("trackline")

RETRY_AFTER_SECONDS = 1
DATABASE = "database"
ARTIFACT_STORE = "artifact_store"


def _object_store_errors() -> tuple[type[Exception], ...]:
    try:
        from botocore.exceptions import ConnectionError as BotoConnectionError
        from botocore.exceptions import HTTPClientError
    except ImportError:  # boto3 is an optional dependency
        return ()
    return (BotoConnectionError, HTTPClientError)


def _object_store_client_error() -> type[Exception] | None:
    try:
        from botocore.exceptions import ClientError
    except ImportError:
        return None
    return ClientError


def database_unavailable(exc: DBAPIError) -> bool:
    """Whether a database error means "not reachable now" rather than a bad statement."""
    return bool(exc.connection_invalidated) or isinstance(exc, (OperationalError, InterfaceError))


def unavailable(dependency: str) -> TracklineError:
    names = {DATABASE: "The database", ARTIFACT_STORE: "The artifact store"}
    metrics.dependency_unavailable(dependency)
    return TracklineError(f"{names[dependency]} is unavailable; try again.", TEMPORARILY_UNAVAILABLE)


def _envelope(exc: TracklineError) -> Response:
    from .app import error_response

    return error_response(exc)


def install(app: Flask) -> None:
    """Answer the dependencies' faults with 503, and add ``Retry-After`` to every 503."""

    @app.errorhandler(DBAPIError)
    def _database_error(exc: DBAPIError) -> Response:
        if database_unavailable(exc):
            log.warning("%s %s: the database is unavailable: %s", request.method, request.path, exc.orig)
            return _envelope(unavailable(DATABASE))
        log.exception("database error on %s %s", request.method, request.path)
        return _envelope(TracklineError("Internal server error.", INTERNAL_ERROR))

    for error_type in _object_store_errors():
        app.register_error_handler(error_type, _artifact_store_error)
    client_error = _object_store_client_error()
    if client_error is not None:
        app.register_error_handler(client_error, _artifact_store_answer)

    @app.after_request
    def _retry_after(response: Response) -> Response:
        if response.status_code == 503 and "Retry-After" not in response.headers:
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def _artifact_store_error(exc: Exception) -> Response:
    log.warning("%s %s: the artifact store is unavailable: %s", request.method, request.path, exc)
    return _envelope(unavailable(ARTIFACT_STORE))


def _artifact_store_answer(exc: Exception) -> Response:
    """An error answer of the object store: its own 5xx and throttling are "try again"."""
    response = getattr(exc, "response", {}) or {}
    status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
    code = str(response.get("Error", {}).get("Code", ""))
    if status >= 500 or status == 429 or code in ("SlowDown", "ServiceUnavailable", "RequestTimeout"):
        return _artifact_store_error(exc)
    log.exception("artifact store error on %s %s", request.method, request.path)
    return _envelope(TracklineError("Internal server error.", INTERNAL_ERROR))
