"""``serve``, ``predict`` and ``prepare-env``: what ``trackline models ...`` runs.

Each returns a process exit status; failures print one line to stderr (no traceback): a model
that cannot be found or loaded, a bad option, a port in use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trackline._errors import TracklineException

from ._errors import CommandError, ScoringError

if TYPE_CHECKING:
    from ._served import ServedModel

__all__ = ["ENV_MANAGERS", "ServeOptions", "predict", "prepare_env", "run_server", "serve"]

ENV_MANAGERS = ("local", "virtualenv")


@dataclass
class ServeOptions:
    """The options of ``trackline models serve`` (see its ``--help``)."""

    models: Sequence[str]
    host: str = "127.0.0.1"
    port: int = 5001
    workers: int = 1
    threads: int = 4
    timeout: float = 60.0
    env_manager: str = "local"
    split: str | None = None
    batch_max_rows: int = 0
    batch_window_ms: float = 2.0
    max_body_size: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _fail(command: str, message: str) -> int:
    print(f"trackline models {command}: {message}", file=sys.stderr)
    return 1


def _check_env_manager(env_manager: str) -> None:
    if env_manager == "conda":
        raise CommandError(
            "conda environments are not supported: use --env-manager local (this Python) or "
            "--env-manager virtualenv (a virtualenv built from the model's python_env.yaml/requirements.txt)"
        )
    if env_manager not in ENV_MANAGERS:
        raise CommandError(f"--env-manager must be one of {', '.join(ENV_MANAGERS)}, got {env_manager!r}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TracklineException | ScoringError):
        return exc.message
    if isinstance(exc, CommandError | ValueError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def serve(options: ServeOptions) -> int:
    """Load every model, then serve them; returns when the server stops."""
    from trackline.pyfunc._loaders import NotAPythonModel  # noqa: PLC0415

    from ._rfunc import is_r_model, serve_in_r  # noqa: PLC0415
    from ._served import load_served, parse_model_spec, parse_split, unique_names  # noqa: PLC0415
    from ._server import port_is_free  # noqa: PLC0415

    try:
        _check_env_manager(options.env_manager)
        if not options.models:
            raise CommandError("give at least one model: -m URI")
        specs = unique_names([parse_model_spec(m) for m in options.models])
        weights = parse_split(options.split, len(specs))
        if options.workers < 1 or options.threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        if not port_is_free(options.host, options.port):
            raise CommandError(f"cannot listen on {options.host}:{options.port}: the address is in use")
        if options.env_manager == "virtualenv":
            from ._environment import serve_in_virtualenv  # noqa: PLC0415

            return serve_in_virtualenv(options, specs)
        served = []
        for spec, weight in zip(specs, weights, strict=True):
            try:
                served.append(load_served(spec, weight))
            except NotAPythonModel as exc:
                if not is_r_model(exc.flavors):
                    raise CommandError(f"cannot load model {spec.uri!r}: {_describe(exc)}") from None
                serve_in_r(specs, options)  # an R model: R serves it (this process is replaced)
            except Exception as exc:
                raise CommandError(f"cannot load model {spec.uri!r}: {_describe(exc)}") from None
    except (CommandError, ValueError, TracklineException) as exc:
        return _fail("serve", _describe(exc))
    return run_server(served, options)


def run_server(served: Sequence[ServedModel], options: ServeOptions) -> int:
    """Serve loaded models with gunicorn until interrupted."""
    from ._app import DEFAULT_MAX_BODY_BYTES, ScoringSettings, create_app  # noqa: PLC0415
    from ._served import ModelSet  # noqa: PLC0415
    from ._server import run_gunicorn  # noqa: PLC0415

    settings = ScoringSettings(
        timeout=options.timeout,
        max_body_bytes=options.max_body_size or DEFAULT_MAX_BODY_BYTES,
        batch_max_rows=options.batch_max_rows,
        batch_window_ms=options.batch_window_ms,
    )
    models = ModelSet(served)
    names = ", ".join(f"{m.name} (version {m.version})" for m in served)
    print(f"trackline scoring server on http://{options.host}:{options.port}: {names}", file=sys.stderr, flush=True)
    run_gunicorn(
        lambda: create_app(models, settings),
        options.host,
        options.port,
        options.workers,
        options.threads,
        options.timeout,
    )
    return 0


def predict(
    model_uri: str,
    input_path: str | None = None,
    output_path: str | None = None,
    content_type: str = "json",
    env_manager: str = "local",
) -> int:
    """Predict for one request body read from a file (or stdin); write the JSON answer to
    ``output_path`` (or stdout)."""
    from trackline.pyfunc import load_model  # noqa: PLC0415

    from ._invoke import prediction_failed, prepare_request  # noqa: PLC0415
    from ._output import predictions_json  # noqa: PLC0415

    types = {"json": "application/json", "csv": "text/csv"}
    try:
        _check_env_manager(env_manager)
        if content_type not in types:
            raise CommandError(f"--content-type must be json or csv, got {content_type!r}")
        if env_manager == "virtualenv":
            from ._environment import predict_in_virtualenv  # noqa: PLC0415

            return predict_in_virtualenv(model_uri, input_path, output_path, content_type)
        try:
            model = load_model(model_uri)
        except Exception as exc:
            raise CommandError(f"cannot load model {model_uri!r}: {_describe(exc)}") from None
        body = Path(input_path).read_bytes() if input_path else sys.stdin.buffer.read()
        data, params = prepare_request(model, types[content_type], body)
        try:
            raw = model.predict_prepared(data, params)
        except Exception as exc:
            raise prediction_failed(exc) from None
        answer = predictions_json(raw)
    except ScoringError as exc:
        return _fail("predict", f"{exc.error_code}: {exc.message}")
    except (CommandError, TracklineException, OSError) as exc:
        return _fail("predict", _describe(exc))
    if output_path:
        Path(output_path).write_bytes(answer)
    else:
        sys.stdout.buffer.write(answer + b"\n")
        sys.stdout.flush()
    return 0


def prepare_env(model_uri: str) -> int:
    """Build (or find in the cache) the virtualenv the model is served in; prints its path."""
    from ._environment import model_virtualenv  # noqa: PLC0415

    try:
        from trackline.models._resolve import download_model  # noqa: PLC0415

        path = model_virtualenv(download_model(model_uri))
    except (CommandError, TracklineException, ValueError, OSError) as exc:
        return _fail("prepare-env", _describe(exc))
    print(os.fspath(path))
    return 0
