"""The Flask application: one route per spec operation, bound to its handler by operationId."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import orjson
from flask import Flask, Response, request
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from .artifacts import ArtifactService
from .body import request_body
from .config import ServerConfig
from .errors import INTERNAL_ERROR, TEMPORARILY_UNAVAILABLE, TracklineError, invalid
from .handlers import Context, Handler, all_handlers
from .spec import Operation, operations
from .store.engine import Database
from .store.logged_models import LoggedModelStore
from .store.migrate import prepare
from .store.registry import RegistryStore
from .store.tracking import TrackingStore
from .ui_static import register_ui
from .validation import RequestValidator, validator_for

log = logging.getLogger("trackline")

MAX_BODY_BYTES = 64 * 1024 * 1024


class SpecMismatch(RuntimeError):
    """The spec and the handlers disagree; the server must not start."""


def check_bindings(ops: list[Operation], handlers: dict[str, Handler]) -> None:
    spec_ids = {op.operation_id for op in ops}
    missing = sorted(spec_ids - set(handlers))
    extra = sorted(set(handlers) - spec_ids)
    if missing or extra:
        raise SpecMismatch(
            "openapi.yaml and the handlers disagree: "
            + (f"operations without a handler: {missing}. " if missing else "")
            + (f"handlers without an operation: {extra}." if extra else "")
        )


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def error_response(exc: TracklineError) -> Response:
    return json_response(exc.to_dict(), exc.http_status)


def _read_json_body() -> Any:
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        raise invalid(f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    body = request_body()
    raw = body.read(length) if length is not None else body.read()
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise invalid("Malformed JSON in the request body.") from None
    if isinstance(data, str):  # a JSON document sent as a JSON string, as some old clients do
        try:
            data = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise invalid("Malformed JSON in the request body.") from None
    return data


def _query_args(op: Operation) -> dict[str, Any]:
    args = request.args
    if not args and request.content_length and op.method == "GET":
        return _read_json_body()  # MLflow accepts a JSON body on a GET without a query string
    out: dict[str, Any] = {}
    for param in op.query:
        if param.name in args:
            out[param.name] = args.getlist(param.name) if param.is_list else args.get(param.name)
    return out


def make_view(op: Operation, validate: RequestValidator, fn: Handler, ctx: Context) -> Callable[..., Response]:
    from_query = op.body_schema is None

    def view(**path_args: Any) -> Response:
        try:
            if from_query:
                data = _query_args(op) if op.method == "GET" or request.args else {}
                args = validate({**data, **path_args} if path_args else data)
            else:
                args = validate(_read_json_body())
                if path_args:
                    args.update(path_args)
            result = fn(ctx, args)
            if isinstance(result, Response):
                return result
            return json_response(result)
        except TracklineError as exc:
            return error_response(exc)
        except (DataError, IntegrityError) as exc:
            log.info("%s rejected by the database: %s", op.operation_id, exc.orig)
            return error_response(invalid("The request holds a value the database cannot store."))
        except OperationalError:
            log.exception("%s failed in the database", op.operation_id)
            return error_response(TracklineError("The database is unavailable; try again.", TEMPORARILY_UNAVAILABLE))

    view.__name__ = op.operation_id
    return view


def is_proxy_operation(op: Operation) -> bool:
    return op.path.startswith("/api/2.0/mlflow-artifacts/")


def is_server_operation(op: Operation) -> bool:
    return not op.path.startswith("/api/")


def _unavailable(message: str) -> Handler:
    def refuse(ctx: Context, args: dict[str, Any]) -> Any:
        raise TracklineError(message, TEMPORARILY_UNAVAILABLE)

    return refuse


def _gate(op: Operation, config: ServerConfig, fn: Handler) -> Handler:
    """Operations this server does not serve in its mode answer 503."""
    if is_proxy_operation(op) and not config.serve_artifacts:
        return _unavailable("This server does not serve artifacts (started with --no-serve-artifacts).")
    if config.artifacts_only and not is_proxy_operation(op) and not is_server_operation(op):
        return _unavailable("This server only serves artifacts (started with --artifacts-only).")
    return fn


def create_app(config: ServerConfig | None = None, *, prepare_database: bool = True) -> Flask:
    config = config or ServerConfig.from_env()
    ops = operations()
    handlers = all_handlers()
    check_bindings(ops, handlers)

    tracking: TrackingStore | None = None
    registry: RegistryStore | None = None
    models: LoggedModelStore | None = None
    if not config.artifacts_only:
        db = Database(config.backend_store_uri)
        if prepare_database:
            prepare(db)
        tracking = TrackingStore(db, config.artifact_root)
        tracking.ensure_default_experiment()
        registry = RegistryStore(db)
        models = LoggedModelStore(db)
        tracking.model_metrics_sink = models.record_metrics
    ctx = Context(
        config=config,
        tracking=tracking,  # type: ignore[arg-type]
        artifacts=ArtifactService(config),
        registry=registry,  # type: ignore[arg-type]
        logged_models=models,  # type: ignore[arg-type]
    )

    app = Flask("trackline_server")
    app.url_map.merge_slashes = False  # "a//b" must not be redirected to "a/b"; the handlers judge paths
    app.config["TRACKLINE_CONTEXT"] = ctx
    for op in ops:
        app.add_url_rule(
            op.flask_rule,
            endpoint=op.operation_id,
            view_func=make_view(op, validator_for(op), _gate(op, config, handlers[op.operation_id]), ctx),
            methods=[op.method],
        )
    register_ui(app)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = exc.code or 500
        if code == 404:
            body = TracklineError(f"No operation at {request.method} {request.path}.", "ENDPOINT_NOT_FOUND")
            return error_response(body)
        if code == 405:
            body = {
                "error_code": "BAD_REQUEST",
                "message": f"{request.method} is not allowed on {request.path}.",
            }
            return json_response(body, 405)
        return json_response({"error_code": "BAD_REQUEST", "message": exc.description or exc.name}, code)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return json_response({"error_code": INTERNAL_ERROR, "message": "Internal server error."}, 500)

    return app
