"""Schema migrations (Alembic), run once per database under a lock.

A new, empty database is brought to the current schema on first start. A database on an older
schema is refused until ``trackline db upgrade`` is run, so that upgrading stays an explicit step
when several servers share one database.
"""

from __future__ import annotations

import ast
import fcntl
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from .engine import Database, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_PG_LOCK_KEY = 7_274_201
# Alembic is imported only to migrate: a server starting on a database at the newest revision
# needs only that revision's name and the database's, and importing Alembic was about a quarter
# of the server's imports.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*(.+)$", re.MULTILINE)


class SchemaOutOfDate(RuntimeError):
    pass


def _config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest revision: the one no migration names as its ``down_revision``."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((name, ast.literal_eval(value)) for name, value in _REVISION_LINE.findall(path.read_text()))
        revisions.add(found["revision"])
        down = found.get("down_revision")
        parents.update(down if isinstance(down, tuple) else [down] if down else [])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return str(heads.pop())


def current_revision(conn: Connection) -> str | None:
    """The database's revision (None for a database never migrated)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def migration_lock(db: Database) -> Iterator[None]:
    """Only one process migrates a database at a time."""
    path = sqlite_path(db.uri)
    if db.dialect == "sqlite":
        if path is None:
            yield
            return
        with open(path + ".migrate-lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if db.dialect == "postgresql":
        with db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
        return
    yield


def _upgrade_locked(db: Database) -> None:
    from alembic import command

    with db.engine.connect().execution_options(write=True) as conn:
        with conn.begin():
            command.upgrade(_config(conn), "head")


def upgrade(db: Database) -> tuple[str | None, str]:
    """``trackline db upgrade``: bring the schema to the newest revision."""
    with migration_lock(db):
        with db.engine.connect() as conn:
            before = current_revision(conn)
        _upgrade_locked(db)
    return before, head_revision()


def prepare(db: Database) -> None:
    """Initialise a new database; refuse one whose schema is out of date."""
    head = head_revision()
    with migration_lock(db):
        with db.engine.connect() as conn:
            revision = current_revision(conn)
            tables = set(inspect(conn).get_table_names())
        if revision == head:
            return
        if revision is None and "experiments" not in tables:
            _upgrade_locked(db)
            return
        raise SchemaOutOfDate(
            f"The database schema is at revision {revision or 'unknown'}, but this server needs {head}. "
            f"Run `trackline db upgrade --backend-store-uri {db.uri}` to upgrade it, then start the server."
        )
