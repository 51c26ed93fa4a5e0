"""Schema setup: new databases are initialised once, old ones are refused until upgraded."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from conftest import TRACKLINE, LiveServer, free_port, stop_server, wait_healthy
from trackline_server.store.engine import Database
from trackline_server.store.migrate import SchemaOutOfDate, current_revision, head_revision, prepare, upgrade
from trackline_server.store.schema import metadata


def test_migrations_build_the_tables_schema_py_describes(backend_uri: str) -> None:
    """A new database upgraded through every migration has exactly the tables, columns, types,
    keys and indexes of store/schema.py."""
    db = Database(backend_uri)
    try:
        assert upgrade(db) == (None, head_revision())
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert set(inspect(conn).get_table_names()) == set(metadata.tables) | {"alembic_version"}
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
            assert compare_metadata(context, metadata) == []
    finally:
        db.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_two_servers_started_at_once_on_a_new_database(
    kind: str, new_database: Callable[[str], str], tmp_path: Path
) -> None:
    uri = new_database(kind)
    procs, servers = [], []
    for _ in range(2):
        port = free_port()
        log = tmp_path / f"s{port}.log"
        cmd = [
            TRACKLINE,
            "server",
            "--port",
            str(port),
            "--workers",
            "2",
            "--backend-store-uri",
            uri,
            "--artifacts-destination",
            str(tmp_path / "art"),
        ]
        procs.append((subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT), port, log))
    try:
        for proc, port, log in procs:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc, log)
            servers.append(LiveServer(url, proc, log))
        for server in servers:
            exps = requests.post(server.api("experiments/search"), json={"max_results": 10}, timeout=10).json()
            assert [e["name"] for e in exps["experiments"]] == ["Default"]
    finally:
        for proc, _, _ in procs:
            if proc.poll() is None:
                stop_server(LiveServer("", proc, Path()))


def test_out_of_date_schema_is_refused_until_upgraded(backend_uri: str, tmp_path: Path) -> None:
    db = Database(backend_uri)
    prepare(db)
    engine = create_engine(db.uri)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    with pytest.raises(SchemaOutOfDate, match="trackline db upgrade"):
        prepare(db)
    port = free_port()
    proc = subprocess.run(
        [TRACKLINE, "server", "--port", str(port), "--backend-store-uri", backend_uri],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode != 0 and "trackline db upgrade" in proc.stderr
    # A stamped database with the tables already there: upgrading from the newest revision is a no-op.
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})
    engine.dispose()
    out = subprocess.run(
        [TRACKLINE, "db", "upgrade", "--backend-store-uri", backend_uri], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    prepare(db)
    db.dispose()


def test_db_upgrade_creates_a_new_database(new_database: Callable[[str], str]) -> None:
    uri = new_database("sqlite")
    out = subprocess.run(
        [TRACKLINE, "db", "upgrade", "--backend-store-uri", uri], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert head_revision() in out.stdout
    db = Database(uri)
    prepare(db)  # already current: nothing to do, nothing refused
    db.dispose()


def test_cli_help_lists_mlflow_flags() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "trackline_server.cli", "server", "--help"], capture_output=True, text=True
    )
    for flag in (
        "--host",
        "--port",
        "--workers",
        "--backend-store-uri",
        "--default-artifact-root",
        "--artifacts-destination",
        "--serve-artifacts / --no-serve-artifacts",
    ):
        assert flag in out.stdout, flag


def test_head_revision_is_alembics_head() -> None:
    """The server names the newest revision without Alembic; Alembic must agree."""
    from alembic.script import ScriptDirectory

    from trackline_server.store.migrate import MIGRATIONS

    assert head_revision() == ScriptDirectory(str(MIGRATIONS)).get_current_head()
