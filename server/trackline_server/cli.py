"""The ``trackline`` command line."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from typing import Any

import click

from . import __version__
from .config import DEFAULT_ARTIFACTS_DESTINATION, DEFAULT_BACKEND_STORE_URI, ServerConfig
from .models_cli import models


def _default_workers() -> int:
    return max(2, min(4, multiprocessing.cpu_count()))


@click.group()
@click.version_option(__version__, prog_name="trackline")
def main() -> None:
    """Trackline: an ML lifecycle server that speaks MLflow's REST API."""


@main.command()
@click.option(
    "--host", "-h", default="127.0.0.1", show_default=True, envvar="TRACKLINE_HOST", help="Address to listen on."
)
@click.option(
    "--port", "-p", default=5000, show_default=True, type=int, envvar="TRACKLINE_PORT", help="Port to listen on."
)
@click.option(
    "--workers",
    "-w",
    default=None,
    type=int,
    envvar="TRACKLINE_WORKERS",
    help="Worker processes (default: 2 to 4, by CPU count).",
)
@click.option(
    "--threads", default=4, show_default=True, type=int, envvar="TRACKLINE_THREADS", help="Threads per worker process."
)
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
    envvar="TRACKLINE_DEFAULT_ARTIFACT_ROOT",
    help="Artifact location of new experiments (default: mlflow-artifacts:/ when serving artifacts).",
)
@click.option(
    "--artifacts-destination",
    default=DEFAULT_ARTIFACTS_DESTINATION,
    show_default=True,
    envvar="TRACKLINE_ARTIFACTS_DESTINATION",
    help="Where the artifact proxy stores files.",
)
@click.option(
    "--serve-artifacts/--no-serve-artifacts",
    default=True,
    show_default=True,
    envvar="TRACKLINE_SERVE_ARTIFACTS",
    help="Proxy artifacts.",
)
@click.option("--artifacts-only", is_flag=True, default=False, help="Serve only the artifact proxy (no database).")
@click.option(
    "--timeout", default=120, show_default=True, type=int, envvar="TRACKLINE_WORKER_TIMEOUT", help="Worker timeout (s)."
)
@click.option(
    "--metrics/--no-metrics",
    default=True,
    show_default=True,
    envvar="TRACKLINE_METRICS",
    help="Serve Prometheus metrics at /metrics.",
)
@click.option(
    "--metrics-dir",
    default=None,
    envvar="PROMETHEUS_MULTIPROC_DIR",
    help="Where the worker processes keep their metrics (emptied at start; default: a new temporary directory).",
)
@click.option(
    "--auth",
    is_flag=True,
    default=False,
    envvar="TRACKLINE_AUTH",
    help="Require credentials (HTTP Basic or a bearer token) and check permissions per experiment and registered model.",
)
@click.option(
    "--app-name",
    default=None,
    type=click.Choice(["basic-auth"]),
    help="MLflow's spelling of --auth: --app-name basic-auth.",
)
@click.option(
    "--admin-username",
    default="admin",
    show_default=True,
    envvar="TRACKLINE_ADMIN_USERNAME",
    help="With --auth: the first admin, created when missing with the password in TRACKLINE_ADMIN_PASSWORD.",
)
@click.option(
    "--auth-default-permission",
    default="READ",
    show_default=True,
    type=click.Choice(["READ", "USE", "EDIT", "MANAGE", "DENY", "NO_PERMISSIONS"]),
    envvar="TRACKLINE_AUTH_DEFAULT_PERMISSION",
    help="With --auth: what a user may do with a resource they hold no grant for.",
)
@click.option(
    "--auth-max-login-delay",
    default=4.0,
    show_default=True,
    type=click.FloatRange(0, 60),
    envvar="TRACKLINE_AUTH_MAX_LOGIN_DELAY",
    help="With --auth: the longest wait (s) before a repeated failed sign-in is answered.",
)
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
    metrics: bool,
    metrics_dir: str | None,
    auth: bool,
    app_name: str | None,
    admin_username: str,
    auth_default_permission: str,
    auth_max_login_delay: float,
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
        metrics=metrics,
        auth=auth or app_name == "basic-auth",
        default_permission=auth_default_permission,
        max_login_delay=auth_max_login_delay,
    )
    if config.auth and artifacts_only:
        click.echo("trackline: --auth needs the database; it cannot be combined with --artifacts-only", err=True)
        sys.exit(2)
    if not artifacts_only:
        db = Database(config.backend_store_uri)
        try:
            prepare(db)
            if config.auth:
                _first_admin(db, admin_username)
        except SchemaOutOfDate as exc:
            click.echo(f"trackline: {exc}", err=True)
            sys.exit(2)
        finally:
            db.dispose()
    os.environ.update(config.to_env())
    if metrics:
        from . import metrics as prometheus

        own_metrics_dir = metrics_dir is None
        workers_metrics = metrics_dir or tempfile.mkdtemp(prefix="trackline-metrics-")
        prometheus.prepare_directory(workers_metrics)

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers or _default_workers(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "keepalive": 30,
        "graceful_timeout": 10,
        "limit_request_line": 0,  # GET queries carry up to 100 run ids
        "limit_request_field_size": 65536,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "trackline",
        # gunicorn's control socket has one default path per user: replicas on one machine would share it.
        "control_socket_disable": True,
    }
    if metrics:
        options["child_exit"] = _worker_exited
        if own_metrics_dir:  # a directory made here goes when the server stops
            options["on_exit"] = lambda _arbiter: shutil.rmtree(workers_metrics, ignore_errors=True)

    class _App(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from .app import create_app

            return create_app(ServerConfig.from_env(), prepare_database=False)

    click.echo(f"trackline {__version__} listening on http://{host}:{port} ({backend_store_uri})", err=True)
    _App().run()


def _first_admin(db: Any, username: str) -> None:
    """With --auth: the admin named on the command line exists (made now from TRACKLINE_ADMIN_PASSWORD)."""
    from .auth.store import AuthStore
    from .errors import TracklineError

    try:
        if AuthStore(db).ensure_admin(username, os.environ.get("TRACKLINE_ADMIN_PASSWORD")):
            click.echo(f"trackline: created the admin user '{username}'", err=True)
    except TracklineError as exc:
        click.echo(f"trackline: {exc.message}", err=True)
        sys.exit(2)


def _worker_exited(arbiter: Any, worker: Any) -> None:
    from .metrics import worker_exited

    worker_exited(worker.pid)


def _parse_age(text: str) -> int:
    """``30d``, ``1d2h``, ``90m``, ``45s`` or ``0`` as milliseconds."""
    units = {"d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000}
    total, number = 0, ""
    for ch in text.strip():
        if ch.isdigit():
            number += ch
        elif ch in units and number:
            total += int(number) * units[ch]
            number = ""
        else:
            raise click.BadParameter(f"'{text}' is not an age like 30d, 1d2h or 45s")
    if number:
        if total or number != "0":
            raise click.BadParameter(f"'{text}' is not an age like 30d, 1d2h or 45s")
    return total


@main.command()
@click.option(
    "--backend-store-uri",
    default=DEFAULT_BACKEND_STORE_URI,
    show_default=True,
    envvar="TRACKLINE_BACKEND_STORE_URI",
)
@click.option(
    "--artifacts-destination",
    default=DEFAULT_ARTIFACTS_DESTINATION,
    show_default=True,
    help="The artifact proxy's store, where proxied (mlflow-artifacts:) artifacts live.",
)
@click.option(
    "--older-than",
    default="0",
    show_default=True,
    help="Only what was deleted at least this long ago (30d, 1d2h, 45s).",
)
@click.option(
    "--run-ids", default="", help="Comma-separated ids of deleted runs to remove (instead of all old enough)."
)
@click.option(
    "--experiment-ids",
    default="",
    help="Comma-separated ids of deleted experiments to remove with their runs.",
)
def gc(backend_store_uri: str, artifacts_destination: str, older_than: str, run_ids: str, experiment_ids: str) -> None:
    """Permanently remove deleted runs and experiments, with their artifacts."""
    from .artifacts import ArtifactService
    from .errors import TracklineError
    from .store.engine import Database
    from .store.migrate import SchemaOutOfDate, prepare
    from .store.tracking.gc import GarbageCollector

    config = ServerConfig(backend_store_uri=backend_store_uri, artifacts_destination=artifacts_destination)
    database = Database(backend_store_uri)
    try:
        prepare(database)
        collector = GarbageCollector(database)
        artifacts = ArtifactService(config)
        runs, experiments = collector.deleted(
            _parse_age(older_than),
            [r for r in run_ids.split(",") if r],
            [e for e in experiment_ids.split(",") if e],
        )
        for run_id, artifact_uri in runs:
            if artifact_uri:
                try:
                    artifacts.delete_location(artifact_uri)
                except TracklineError as exc:
                    click.echo(f"run {run_id}: artifacts at {artifact_uri} left in place: {exc.message}", err=True)
        collector.purge([r for r, _ in runs], experiments)
    except (TracklineError, SchemaOutOfDate) as exc:
        click.echo(f"trackline gc: {getattr(exc, 'message', exc)}", err=True)
        sys.exit(2)
    finally:
        database.dispose()
    click.echo(f"removed {len(runs)} runs and {len(experiments)} experiments")


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(args: tuple[str, ...]) -> None:
    """Run an MLflow project as a tracked run (trackline run --help)."""
    try:
        from trackline.projects.cli import main as run_project
    except ModuleNotFoundError as exc:
        if exc.name not in ("trackline", "trackline.projects", "trackline.projects.cli"):
            raise
        click.echo(
            "trackline run needs the Trackline Python SDK: install it from the Trackline repository "
            "with pip install './sdk-python[projects]'",
            err=True,
        )
        sys.exit(1)
    sys.exit(run_project(list(args)))


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


main.add_command(models)

if __name__ == "__main__":
    main()
