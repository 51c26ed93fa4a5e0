"""Engines for SQLite (the embedded default) and PostgreSQL.

SQLite runs in WAL mode with a busy timeout, and every write transaction starts with
``BEGIN IMMEDIATE``: a writer waits for the write lock up front instead of failing later with
"database is locked" when it upgrades a read lock.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 60_000


def normalize_uri(uri: str) -> str:
    """Accept a bare path as a SQLite file and MLflow's ``postgresql://`` URIs."""
    if "://" not in uri:
        return "sqlite:///" + os.path.abspath(uri)
    return uri


def sqlite_path(uri: str) -> str | None:
    url = make_url(normalize_uri(uri))
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        return None
    return os.path.abspath(url.database)


def make_engine(uri: str, autocommit: bool = False) -> Engine:
    """An engine for ``uri``; ``autocommit`` (PostgreSQL) for one whose connections never open a transaction."""
    uri = normalize_uri(uri)
    url = make_url(uri)
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(uri)
        if path:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=8,
            max_overflow=16,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None  # transactions are begun explicitly below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA case_sensitive_like=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            if conn.get_execution_options().get("write"):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("BEGIN")

        return engine
    options: dict[str, Any] = {"pool_size": 8, "max_overflow": 16}
    if url.get_driver_name() == "psycopg2":
        # A database host that does not answer fails a request in seconds (a 503), not minutes.
        # JIT compilation is for long analytic queries: the query of a page of 1,000 runs costs
        # enough for PostgreSQL to compile it (about 20 ms each time), and runs in less without.
        options["connect_args"] = {"connect_timeout": 5, "options": "-c jit=off"}
        # An executemany through SQLAlchemy that is not a plain INSERT (INSERT ... ON CONFLICT,
        # UPDATE) would otherwise be one round trip per row; this sends them in pages. The
        # logging path has its own (Database.executemany).
        options["executemany_mode"] = "values_plus_batch"
    if autocommit:
        options["isolation_level"] = "AUTOCOMMIT"
    engine = create_engine(url, **options)
    _ping_when_idle(engine)
    return engine


# A pooled connection idle for longer than this is pinged before use. SQLAlchemy's pool_pre_ping
# pings on every checkout: one more round trip per request, a third of a log-metric's (2 -> 1).
# A connection lost while in use (the database restarted under load) fails that request with a
# 503 and makes the pool recycle all its connections (``Database._invalidate_if_gone``).
PING_AFTER_IDLE_S = 1.0


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError() from exc  # the pool drops this connection and takes another


@contextmanager
def driver_cursor(conn: Connection) -> Iterator[DBAPICursor]:
    """A cursor of the connection's DBAPI connection, inside its transaction; closed afterwards.

    For statements made by ``driver_sql``, and for reading many rows with ``fetchall()``.
    """
    cursor = conn.connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def driver_sql(db: Database, sql: str) -> str:
    """SQL with ``?`` parameter markers in the style of the database's driver.

    For the few hot statements run with ``Connection.exec_driver_sql`` and tuples of values:
    sqlite3 takes ``?`` as it is, psycopg2 wants ``%s``.
    """
    if db.dialect == "sqlite":
        return sql
    if db.engine.dialect.paramstyle in ("format", "pyformat"):
        return sql.replace("%", "%%").replace("?", "%s")
    raise ValueError(f"no driver SQL for the parameter style {db.engine.dialect.paramstyle}")


_VALUES_ROW = re.compile(r"VALUES\s*\((?:%s,\s*)*%s\)")


def _unnest_statement(sql: str, types: Sequence[str]) -> str:
    """``INSERT ... VALUES (%s, ...)`` as ``INSERT ... SELECT * FROM unnest(%s::type[], ...)``."""
    arrays = ", ".join(f"%s::{t}[]" for t in types)
    statement, found = _VALUES_ROW.subn(f"SELECT * FROM unnest({arrays})", sql, count=1)
    if not found:
        raise ValueError(f"not an INSERT ... VALUES statement: {sql}")
    return statement


def _is_lock_error(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


class Database:
    """Hands out read and write transactions."""

    def __init__(self, uri: str) -> None:
        self.uri = normalize_uri(uri)
        self.engine = make_engine(self.uri)
        self.dialect = self.engine.dialect.name
        # On PostgreSQL a second pool of connections in autocommit serves reads and writes of a
        # single statement: under READ COMMITTED each statement takes its own snapshot whether or
        # not a transaction is open, so BEGIN and COMMIT would only add two round trips. (Switching
        # a pooled connection in and out of autocommit costs a SET when it goes back to the pool.)
        # SQLite keeps a read transaction: one snapshot of the file for the whole read.
        self.autocommit_engine = make_engine(self.uri, autocommit=True) if self.dialect == "postgresql" else self.engine
        self._unnest = self.engine.dialect.driver == "psycopg2"
        self._unnest_statements: dict[str, str] = {}
        # SQLite has one writer at a time: threads of one process queue here instead of
        # spinning in SQLite's busy handler.
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else None

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine (pool) this database uses."""
        return (self.engine,) if self.autocommit_engine is self.engine else (self.engine, self.autocommit_engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading: in autocommit on PostgreSQL, in a read transaction on SQLite."""
        with self.autocommit_engine.connect() as conn:
            with conn.begin():
                yield conn

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` in one write transaction; retried if SQLite still reports a lock."""
        return self._retrying(lambda: self._write_once(fn))

    def write_raw(self, fn: Callable[[DBAPICursor], T]) -> T:
        """``write`` with a DBAPI cursor instead of a SQLAlchemy connection, for the logging path.

        SQLAlchemy's connection and execution layer around the four statements of a log-metric
        were about a quarter of its CPU (0.73 -> 0.56 ms in one process). Driver errors are
        raised as SQLAlchemy's exceptions, as in ``write``.
        """
        return self._retrying(lambda: self._write_raw_once(fn))

    def write_statement(self, fn: Callable[[DBAPICursor], T]) -> T:
        """Run ``fn``, which sends one statement, as its own transaction (PostgreSQL only).

        It runs on a connection of the autocommit pool: the statement is atomic by itself, so no
        ``BEGIN`` and ``COMMIT`` round trips around it. Driver errors are raised as SQLAlchemy's
        exceptions, as in ``write``.
        """
        if self.dialect != "postgresql":
            raise ValueError("write_statement is for PostgreSQL")
        engine = self.autocommit_engine
        dbapi_error = engine.dialect.loaded_dbapi.Error
        raw = self._raw_connection(engine, dbapi_error)
        try:
            cursor = raw.cursor()
            try:
                return fn(cursor)
            finally:
                cursor.close()
        except dbapi_error as exc:
            self._invalidate_if_gone(engine, raw, exc)
            raise DBAPIError.instance(None, None, exc, dbapi_error) from exc
        finally:
            raw.close()

    @staticmethod
    def _raw_connection(engine: Engine, dbapi_error: type[Exception]) -> Any:
        try:
            return engine.raw_connection()
        except dbapi_error as exc:  # the pool raises the driver's own error when it cannot connect
            raise DBAPIError.instance(None, None, exc, dbapi_error, connection_invalidated=True) from exc

    @staticmethod
    def _invalidate_if_gone(engine: Engine, raw: Any, exc: Any) -> None:
        """After a lost connection, the pool's other connections are suspect too (the database
        restarted): recycle them all at their next checkout, as SQLAlchemy does for its own."""
        if engine.dialect.is_disconnect(exc, raw.driver_connection, None):
            engine.pool._invalidate(raw, exc)

    def executemany(
        self, cursor: DBAPICursor, sql: str, rows: Sequence[Sequence[Any]], column_types: Sequence[str] = ()
    ) -> None:
        """``cursor.executemany`` of a driver-SQL INSERT, in one round trip on PostgreSQL.

        psycopg2's own executemany sends one statement per row. With the columns' PostgreSQL
        types, the rows go as one array per column to ``INSERT ... SELECT * FROM unnest(...)``
        (a 1,000-metric log-batch in one process: 54 ms with pages of multi-row VALUES, 41 ms
        with unnest). A single row goes as the plain statement, which PostgreSQL plans faster.
        The rows of one INSERT ... ON CONFLICT DO UPDATE must have distinct keys.
        """
        if len(rows) == 1:
            cursor.execute(sql, rows[0])
            return
        if not self._unnest or not column_types or not rows:
            cursor.executemany(sql, rows)
            return
        statement = self._unnest_statements.get(sql)
        if statement is None:
            statement = self._unnest_statements[sql] = _unnest_statement(sql, column_types)
        cursor.execute(statement, [list(column) for column in zip(*rows, strict=True)])

    def _retrying(self, attempt_once: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(8):
            try:
                if self._write_lock is None:
                    return attempt_once()
                with self._write_lock:
                    return attempt_once()
            except OperationalError as exc:
                if not (self.dialect == "sqlite" and _is_lock_error(exc)) or attempt == 7:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")

    def _write_once(self, fn: Callable[[Connection], T]) -> T:
        with self.engine.connect().execution_options(write=True) as conn:
            with conn.begin():
                return fn(conn)

    def _write_raw_once(self, fn: Callable[[DBAPICursor], T]) -> T:
        dbapi_error = self.engine.dialect.loaded_dbapi.Error
        raw = self._raw_connection(self.engine, dbapi_error)
        try:
            cursor = raw.cursor()
            try:
                if self.dialect == "sqlite":
                    cursor.execute("BEGIN IMMEDIATE")
                result = fn(cursor)
                raw.commit()
                return result
            except BaseException as exc:
                try:
                    raw.rollback()
                except dbapi_error as gone:  # the connection is gone, and so may be the pool's others
                    self.engine.pool._invalidate(raw, gone)
                if isinstance(exc, dbapi_error):
                    raise DBAPIError.instance(None, None, exc, dbapi_error) from exc
                raise
            finally:
                cursor.close()
        finally:
            raw.close()

    def dispose(self) -> None:
        for engine in self.engines:
            engine.dispose()
