"""``trackline models``: serve models, predict with them, prepare their environments.

The commands run in the Python SDK (``trackline.serving``), which is imported only when one
of them runs: the tracking server does not need it. Install it with the serving extra:
``pip install './sdk-python[serve,sklearn]'`` (``make install`` and ``make serve`` do).
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

import click

ENV_MANAGERS = ("local", "virtualenv", "conda")


def _serving() -> ModuleType:
    try:
        import trackline.serving as serving  # noqa: PLC0415
    except ImportError as exc:
        click.echo(
            "trackline models needs the Trackline Python SDK with its serving extra "
            f"({exc}): pip install './sdk-python[serve,sklearn]' from the repository (make install does)",
            err=True,
        )
        sys.exit(2)
    return serving


def _default_workers() -> int:
    return 2 if (os.cpu_count() or 1) >= 2 else 1


@click.group()
def models() -> None:
    """Serve models over HTTP (MLflow's scoring protocol), predict with them, build their environments."""


@models.command()
@click.option(
    "--model-uri",
    "-m",
    "model_uris",
    multiple=True,
    required=True,
    help="[NAME=]URI of a model: a path, runs:/, models:/<name>/<version|stage|latest>, "
    "models:/<name>@<alias>, models:/<model_id>, mlflow-artifacts:/. Repeat to serve several.",
)
@click.option(
    "--host", "-h", default="127.0.0.1", show_default=True, envvar="MLFLOW_HOST", help="Address to listen on."
)
@click.option("--port", "-p", default=5001, show_default=True, type=int, envvar="MLFLOW_PORT", help="Port.")
@click.option(
    "--workers",
    "-w",
    default=None,
    type=int,
    envvar="MLFLOW_MODELS_WORKERS",
    help="Worker processes, forked after the models load (default: 2 on 2 cores or more, else 1).",
)
@click.option("--threads", default=4, show_default=True, type=int, help="Request threads per worker.")
@click.option(
    "--timeout",
    "-t",
    default=60.0,
    show_default=True,
    type=float,
    envvar="MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT",
    help="Seconds a prediction may take; a longer one is answered 504.",
)
@click.option(
    "--env-manager",
    type=click.Choice(ENV_MANAGERS),
    default="local",
    show_default=True,
    help="local: this Python. virtualenv: a virtualenv built from the model's python_env.yaml "
    "(cached by content). conda is not supported.",
)
@click.option("--split", default=None, help="Weights of the models for /invocations, such as 90,10 (default: equal).")
@click.option(
    "--batch-max-rows",
    default=0,
    show_default=True,
    type=int,
    help="Adaptive batching: concurrent requests of up to this many rows predicted together (0: off).",
)
@click.option("--batch-window-ms", default=2.0, show_default=True, type=float, help="How long a batch waits to fill.")
@click.option(
    "--max-body-size",
    default=64 * 1024 * 1024,
    show_default=True,
    type=int,
    envvar="TRACKLINE_SCORING_MAX_BODY_SIZE",
    help="Largest request body in bytes; larger ones are answered 413.",
)
def serve(
    model_uris: tuple[str, ...],
    host: str,
    port: int,
    workers: int | None,
    threads: int,
    timeout: float,
    env_manager: str,
    split: str | None,
    batch_max_rows: int,
    batch_window_ms: float,
    max_body_size: int,
) -> None:
    """Serve one or more models: POST /invocations, GET /ping, /health, /version, /models."""
    serving = _serving()
    options = serving.ServeOptions(
        models=list(model_uris),
        host=host,
        port=port,
        workers=workers or _default_workers(),
        threads=threads,
        timeout=timeout,
        env_manager=env_manager,
        split=split,
        batch_max_rows=batch_max_rows,
        batch_window_ms=batch_window_ms,
        max_body_size=max_body_size,
    )
    sys.exit(serving.serve(options))


@models.command()
@click.option("--model-uri", "-m", required=True, help="The model's URI (as for serve).")
@click.option("--input-path", "-i", default=None, help="The request body (JSON or CSV); stdin when left out.")
@click.option("--output-path", "-o", default=None, help="Where the answer goes; stdout when left out.")
@click.option("--content-type", "-t", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--env-manager", type=click.Choice(ENV_MANAGERS), default="local", show_default=True)
def predict(
    model_uri: str, input_path: str | None, output_path: str | None, content_type: str, env_manager: str
) -> None:
    """Predict for one input, as POST /invocations would answer it."""
    sys.exit(_serving().predict(model_uri, input_path, output_path, content_type, env_manager))


@models.command("prepare-env")
@click.option("--model-uri", "-m", required=True, help="The model's URI (as for serve).")
def prepare_env(model_uri: str) -> None:
    """Build the model's virtualenv ahead of serving it with --env-manager virtualenv; prints its path."""
    sys.exit(_serving().prepare_env(model_uri))
