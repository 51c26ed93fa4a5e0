"""The ``trackline`` command line."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from typing import Any

import click

from . import __version__
from .config import DEFAULT_ARTIFACTS_DESTINATION, DEFAULT_BACKEND_STORE_URI, ServerConfig


def _default_workers() -> int:
    return max(2, min(4, multiprocessing.cpu_count()))


@click.group()
@click.version_option(__version__, prog_name="trackline")
def main() -> None:
    """Trackline: an ML lifecycle server that speaks MLflow's REST API."""


@main.command()
@click.option("--host", "-h", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", "-w", default=None, type=int, help="Worker processes (default: 2 to 4, by CPU count)."
)
@click.option("--threads", default=4, show_default=True, type=int, help="Threads per worker process.")
@click.option(
    "--backend-store-uri",
    default=DEFAULT_BACKEND_STORE_URI,
    show_default=True,
    envvar="TRACKLINE_BACKEND_STORE_URI",
    help="SQLAlchemy URI of the database: sqlite:///path.db or postgresql://user:pw@host/db.",
)
@click.option(
    "--default-artifact-root",
    default=None,
    help="Artifact location of new experiments (default: mlflow-artifacts:/ when serving artifacts).",
)
@click.option(
    "--artifacts-destination",
    default=DEFAULT_ARTIFACTS_DESTINATION,
    show_default=True,
    help="Where the artifact proxy stores files.",
)
@click.option(
    "--serve-artifacts/--no-serve-artifacts", default=True, show_default=True, help="Proxy artifacts."
)
@click.option(
    "--artifacts-only", is_flag=True, default=False, help="Serve only the artifact proxy (no database)."
)
@click.option("--timeout", default=120, show_default=True, type=int, help="Worker timeout in seconds.")
def server(
    host: str,
    port: int,
    workers: int | None,
    threads: int,
    backend_store_uri: str,
    default_artifact_root: str | None,
    artifacts_destination: str,
    serve_artifacts: bool,
    artifacts_only: bool,
    timeout: int,
) -> None:
    """Run the tracking server (gunicorn)."""
    from gunicorn.app.base import BaseApplication

    from .store.engine import Database
    from .store.migrate import SchemaOutOfDate, prepare

    config = ServerConfig(
        backend_store_uri=backend_store_uri,
        default_artifact_root=default_artifact_root,
        artifacts_destination=artifacts_destination,
        serve_artifacts=serve_artifacts or artifacts_only,
        artifacts_only=artifacts_only,
    )
    if not artifacts_only:
        db = Database(config.backend_store_uri)
        try:
            prepare(db)
        except SchemaOutOfDate as exc:
            click.echo(f"trackline: {exc}", err=True)
            sys.exit(2)
        finally:
            db.dispose()
    os.environ.update(config.to_env())

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers or _default_workers(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "keepalive": 30,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "trackline",
    }

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from .app import create_app

            return create_app(ServerConfig.from_env(), prepare_database=False)

    click.echo(f"trackline {__version__} listening on http://{host}:{port} ({backend_store_uri})", err=True)
    _App().run()


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command()
@click.option(
    "--backend-store-uri",
    default=DEFAULT_BACKEND_STORE_URI,
    show_default=True,
    envvar="TRACKLINE_BACKEND_STORE_URI",
)
def upgrade(backend_store_uri: str) -> None:
    """Upgrade the database schema to the newest revision."""
    from .store.engine import Database
    from .store.migrate import upgrade as run_upgrade

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    database = Database(backend_store_uri)
    try:
        before, after = run_upgrade(database)
    finally:
        database.dispose()
    click.echo(f"database schema: {before or 'empty'} -> {after}")


if __name__ == "__main__":
    main()
