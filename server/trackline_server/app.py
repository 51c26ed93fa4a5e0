"""The Flask application: one route per spec operation, bound to its handler by operationId."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import orjson
from flask import Flask, Response, request
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import BaseConverter, Map, PathConverter

from . import metrics, ui_static, unavailable
from .artifacts import ArtifactService
from .auth import RULES, Access, AuthStore, Gate
from .auth.credentials import basic_auth_user
from .auth.rules import OPEN
from .body import finish_body, request_body
from .config import ServerConfig
from .errors import (
    BAD_REQUEST,
    ENDPOINT_NOT_FOUND,
    INTERNAL_ERROR,
    TEMPORARILY_UNAVAILABLE,
    UNAUTHENTICATED,
    TracklineError,
    invalid,
)
from .handlers import ARTIFACTS_ONLY, Context, Handler, RawAnswer, Stores, all_handlers
from .spec import Operation, operations
from .store.engine import Database
from .store.logged_models import LoggedModelStore
from .store.migrate import prepare
from .store.registry import RegistryStore
from .store.tracking import TrackingStore
from .validation import RequestValidator, validator_for

log = logging.getLogger("trackline")

MAX_BODY_BYTES = 64 * 1024 * 1024


class AnyPathConverter(PathConverter):
    """The rest of the path, whatever its characters (werkzeug's ``path`` stops at a newline)."""

    regex = r"[\s\S]+?"
    part_isolating = False  # spans slashes (werkzeug infers it from a "/" in the regex)


class PatternConverter(BaseConverter):
    """A path segment that matches a parameter's ``pattern`` from the spec."""

    def __init__(self, url_map: Map, pattern: str) -> None:
        super().__init__(url_map)
        self.regex = pattern


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
    unruled = sorted(spec_ids - set(RULES))
    stale = sorted(set(RULES) - spec_ids)
    if unruled or stale:
        raise SpecMismatch(
            "openapi.yaml and the permission table (auth/rules.py) disagree: "
            + (f"operations without a rule: {unruled}. " if unruled else "")
            + (f"rules without an operation: {stale}." if stale else "")
        )


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def raw_response(answer: RawAnswer) -> Response:
    """A text as it is; a file's chunks passed through to the server as they come."""
    streamed = not isinstance(answer.body, str)
    return Response(answer.body, mimetype=answer.mimetype, headers=answer.headers, direct_passthrough=streamed)


def error_response(exc: TracklineError) -> Response:
    response = json_response(exc.to_dict(), exc.http_status)
    # API clients get the challenge; the web UI's calls (X-Requested-With) do not, so that the
    # browser shows no password dialog of its own.
    if exc.error_code == UNAUTHENTICATED and "X-Requested-With" not in request.headers:
        response.headers["WWW-Authenticate"] = 'Basic realm="trackline"'
    return response


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


def _query_args(op: Operation) -> Any:
    args = request.args
    if not args and request.content_length and op.method == "GET":
        return _read_json_body()  # MLflow accepts a JSON body on a GET without a query string
    out: dict[str, Any] = {}
    for param in op.query:
        if param.name in args:
            out[param.name] = args.getlist(param.name) if param.is_list else args.get(param.name)
    return out


def make_view(
    op: Operation, validate: RequestValidator, fn: Handler, ctx: Context, gate: Gate | None = None
) -> Callable[..., Response]:
    from_query = op.body_schema is None
    checked = gate is not None and RULES[op.operation_id].kind != OPEN

    def view(**path_args: Any) -> Response:
        try:
            user = None
            if checked:
                assert gate is not None
                # Who asks comes first: an anonymous request learns nothing, not even what is invalid.
                user = gate.authenticate(request.headers.get("Authorization"), request.remote_addr)
            if from_query:
                data = _query_args(op) if op.method == "GET" or request.args else {}
                args = validate({**data, **path_args} if path_args else data)
            else:
                args = validate(_read_json_body())
                if path_args:
                    args.update(path_args)
            for header in op.headers:  # header parameters reach the handler under their names
                if header.name in request.headers:
                    args[header.name] = request.headers[header.name]
            if user is not None:
                assert gate is not None
                gate.authorize(op.operation_id, user, args)
                result = fn(ctx.for_request(user.username, Access(user, gate)), args)
                gate.after(op.operation_id, user, args, result)
            elif gate is not None:
                result = fn(ctx.for_request(None), args)
            else:
                result = fn(ctx.for_request(basic_auth_user(request.headers.get("Authorization"))), args)
            if isinstance(result, RawAnswer):
                return raw_response(result)
            return json_response(result)
        except TracklineError as exc:
            return error_response(exc)
        except (DataError, IntegrityError) as exc:
            log.info("%s rejected by the database: %s", op.operation_id, exc.orig)
            return error_response(invalid("The request holds a value the database cannot store."))

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
        return _unavailable(ARTIFACTS_ONLY)
    return fn


def open_stores(config: ServerConfig, prepare_database: bool = True) -> Stores:
    """The database's stores, each given its collaborators; a new database is initialised first."""
    db = Database(config.backend_store_uri)
    if prepare_database:
        prepare(db)
    models = LoggedModelStore(db)
    tracking = TrackingStore(db, config.artifact_root, on_model_metrics=models.record_metrics)
    try:
        tracking.experiments.ensure_default()
    except DBAPIError as exc:
        # A worker (re)started while the database is down must still boot (gunicorn stops the
        # whole server when one cannot): it answers 503 until the database is back.
        if not unavailable.database_unavailable(exc):
            raise
        log.warning("the database is unavailable at start-up; requests answer 503 until it is back")
    return Stores(
        tracking=tracking, registry=RegistryStore(db, logged_models=models), logged_models=models, auth=AuthStore(db)
    )


def create_app(config: ServerConfig | None = None, *, prepare_database: bool = True) -> Flask:
    config = config or ServerConfig.from_env()
    ops = operations()
    handlers = all_handlers()
    check_bindings(ops, handlers)

    stores = None if config.artifacts_only else open_stores(config, prepare_database)
    ctx = Context(
        config=config,
        artifacts=ArtifactService(config),
        stores=stores,
        request_body=request_body,
        host_url=lambda: request.host_url,
    )

    gate = None
    if config.auth:
        if stores is None:
            raise SpecMismatch("--auth needs the database: it cannot be combined with --artifacts-only.")
        gate = Gate(stores.auth, config.default_permission, config.max_login_delay)

    app = Flask("trackline_server")
    app.url_map.converters.update(anypath=AnyPathConverter, re=PatternConverter)
    app.url_map.merge_slashes = False  # "a//b" must not be redirected to "a/b"; the handlers judge paths
    app.config["TRACKLINE_CONTEXT"] = ctx
    if config.metrics:
        metrics.install(app, stores.tracking.db.engines if stores is not None else ())
    unavailable.install(app)
    for op in ops:
        app.add_url_rule(
            op.flask_rule,
            endpoint=op.operation_id,
            view_func=make_view(op, validator_for(op), _gate(op, config, handlers[op.operation_id]), ctx, gate),
            methods=[op.method],
        )
    ui_static.install(app)
    app.after_request(finish_body)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        code = exc.code or 500
        if code == 404:
            return error_response(
                TracklineError(f"No operation at {request.method} {request.path}.", ENDPOINT_NOT_FOUND)
            )
        if code != 405:
            return json_response(TracklineError(exc.description or exc.name, BAD_REQUEST).to_dict(), code)
        answer = json_response(
            TracklineError(f"{request.method} is not allowed on {request.path}.", BAD_REQUEST).to_dict(), 405
        )
        answer.headers["Allow"] = ", ".join(allowed_methods(app, request.path))
        return answer

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(TracklineError("Internal server error.", INTERNAL_ERROR))

    return app


def allowed_methods(app: Flask, path: str) -> list[str]:
    """The methods a path answers (RFC 9110: a 405 names them in ``Allow``)."""
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, method="--")
    except MethodNotAllowed as exc:
        return sorted(exc.valid_methods or [])
    except HTTPException:
        return []
    return []
