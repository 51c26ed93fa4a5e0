"""Users, their access tokens and their grants, in the server's database.

Also the lookups the permission checks need: the experiment of a run, of a logged model, of an
experiment name or of an artifact location, and the SQL clause that keeps only what a user may
read in a search.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, cast, delete, exists, insert, literal, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import String

from ..errors import already_exists, invalid, not_found
from ..store.common import now_ms
from ..store.engine import Database, driver_sql
from ..store.schema import access_tokens, experiments, logged_models, permission_grants, users
from . import levels, passwords

MAX_USERNAME_LENGTH = 256
_RUN_CACHE_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class User:
    user_id: int
    username: str
    is_admin: bool
    password_hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.user_id, "username": self.username, "is_admin": self.is_admin}


def check_username(username: str) -> str:
    if not username or len(username) > MAX_USERNAME_LENGTH:
        raise invalid(f"A username must have 1 to {MAX_USERNAME_LENGTH} characters.")
    if not username.isprintable() or ":" in username:
        raise invalid("A username must not hold control characters or ':'.")
    return username


def user_not_found(username: str) -> Exception:
    return not_found(f"User with username={username} not found")


def _user(row: Any) -> User:
    return User(row.user_id, row.username, bool(row.is_admin), row.password_hash)


class AuthStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        # A run never changes experiment: the checks on the logging path look it up once.
        self._run_experiments: OrderedDict[str, str] = OrderedDict()
        self._run_lock = threading.Lock()

    # --- users ---------------------------------------------------------------------------

    def _fetch_one(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """One row of a driver-SQL query (``?`` markers): the per-request lookups skip SQLAlchemy's
        statement layer, which cost more than the rest of a log-metric request."""
        engine = self.db.autocommit_engine  # PostgreSQL: no BEGIN and no ROLLBACK around the lookup
        dbapi_error = engine.dialect.loaded_dbapi.Error
        statement = driver_sql(self.db, sql)
        try:
            raw = engine.raw_connection()
        except dbapi_error as exc:  # as SQLAlchemy's error, so that an unavailable database is a 503
            raise DBAPIError.instance(statement, params, exc, dbapi_error, connection_invalidated=True) from exc
        try:
            cursor = raw.cursor()
            try:
                cursor.execute(statement, params)
                row = cursor.fetchone()
            finally:
                cursor.close()
            return tuple(row) if row is not None else None
        except dbapi_error as exc:
            raw.invalidate()
            raise DBAPIError.instance(statement, params, exc, dbapi_error) from exc
        finally:
            raw.close()

    def user(self, username: str) -> User | None:
        row = self._fetch_one(
            "SELECT user_id, username, password_hash, is_admin FROM users WHERE username = ?", (username,)
        )
        if row is None:
            return None
        return User(int(row[0]), str(row[1]), bool(row[3]), str(row[2]))

    def require_user(self, username: str) -> User:
        found = self.user(username)
        if found is None:
            raise user_not_found(username)
        return found

    def create_user(self, username: str, password: str, is_admin: bool = False) -> User:
        check_username(username)
        passwords.check_new_password(password)
        hashed = passwords.hash_password(password)

        def work(conn: Connection) -> None:
            conn.execute(
                insert(users).values(username=username, password_hash=hashed, is_admin=is_admin, creation_time=now_ms())
            )

        try:
            self.db.write(work)
        except IntegrityError:
            raise already_exists(f"User (username={username}) already exists.") from None
        return self.require_user(username)

    def list_users(self) -> list[User]:
        with self.db.read() as conn:
            rows = conn.execute(select(users).order_by(users.c.user_id)).all()
        return [_user(r) for r in rows]

    def _update_user(self, username: str, **values: Any) -> None:
        def work(conn: Connection) -> int:
            return conn.execute(update(users).where(users.c.username == username).values(**values)).rowcount

        if not self.db.write(work):
            raise user_not_found(username)

    def set_password(self, username: str, password: str) -> None:
        passwords.check_new_password(password)
        self._update_user(username, password_hash=passwords.hash_password(password))

    def set_admin(self, username: str, is_admin: bool) -> None:
        self._update_user(username, is_admin=is_admin)

    def delete_user(self, username: str) -> None:
        user = self.require_user(username)

        def work(conn: Connection) -> None:
            conn.execute(delete(permission_grants).where(permission_grants.c.user_id == user.user_id))
            conn.execute(delete(access_tokens).where(access_tokens.c.user_id == user.user_id))
            conn.execute(delete(users).where(users.c.user_id == user.user_id))

        self.db.write(work)

    def ensure_admin(self, username: str, password: str | None) -> bool:
        """The first admin: created when missing (a password is then required). True if created."""
        found = self.user(username)
        if found is not None:
            if not found.is_admin:
                self.set_admin(username, True)
            return False
        if not password:
            raise invalid(f"There is no user '{username}' yet: set TRACKLINE_ADMIN_PASSWORD to create this admin.")
        try:
            self.create_user(username, password, is_admin=True)
        except Exception as exc:  # another process created it first
            if self.user(username) is None:
                raise exc
            return False
        return True

    # --- access tokens -------------------------------------------------------------------

    def create_token(self, user: User, name: str | None, expires_in_days: int | None) -> tuple[dict[str, Any], str]:
        token_id, secret, hashed = passwords.new_token()
        now = now_ms()
        expiration = now + expires_in_days * 86_400_000 if expires_in_days else None

        def work(conn: Connection) -> None:
            conn.execute(
                insert(access_tokens).values(
                    token_id=token_id,
                    user_id=user.user_id,
                    name=name,
                    secret_hash=hashed,
                    creation_time=now,
                    expiration_time=expiration,
                )
            )

        self.db.write(work)
        return _token_dict(token_id, name, now, expiration), secret

    def list_tokens(self, user: User) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(
                select(access_tokens)
                .where(access_tokens.c.user_id == user.user_id)
                .order_by(access_tokens.c.creation_time.desc(), access_tokens.c.token_id)
            ).all()
        return [_token_dict(r.token_id, r.name, r.creation_time, r.expiration_time) for r in rows]

    def revoke_token(self, token_id: str, owner: User | None) -> None:
        """Revoke a token of ``owner`` (any user's when ``owner`` is None: an admin)."""

        def work(conn: Connection) -> int:
            condition = access_tokens.c.token_id == token_id
            if owner is not None:
                condition = and_(condition, access_tokens.c.user_id == owner.user_id)
            return conn.execute(delete(access_tokens).where(condition)).rowcount

        if not self.db.write(work):
            raise not_found(f"No access token with id={token_id}.")

    def token_user(self, secret: str) -> User | None:
        """The user whose valid (unexpired) token this secret is."""
        token_id = passwords.token_id_of(secret)
        if token_id is None:
            return None
        with self.db.read() as conn:
            row = conn.execute(
                select(access_tokens.c.secret_hash, access_tokens.c.expiration_time, users)
                .join(users, users.c.user_id == access_tokens.c.user_id)
                .where(access_tokens.c.token_id == token_id)
            ).first()
        if row is None or not passwords.same(row.secret_hash, passwords.secret_hash(secret)):
            return None
        if row.expiration_time is not None and row.expiration_time <= now_ms():
            return None
        return _user(row)

    # --- grants --------------------------------------------------------------------------

    def grant_of(self, user: User, resource_type: str, resource_id: str) -> str | None:
        row = self._fetch_one(
            "SELECT permission FROM permission_grants WHERE user_id = ? AND resource_type = ? AND resource_id = ?",
            (user.user_id, resource_type, resource_id),
        )
        return None if row is None else str(row[0])

    def grant(self, user: User, resource_type: str, resource_id: str, permission: str) -> None:
        def work(conn: Connection) -> None:
            conn.execute(
                insert(permission_grants).values(
                    user_id=user.user_id, resource_type=resource_type, resource_id=resource_id, permission=permission
                )
            )

        try:
            self.db.write(work)
        except IntegrityError:
            raise already_exists(
                f"Permission for user={user.username} on resource_type={resource_type}, "
                f"resource_id={resource_id} already exists."
            ) from None

    def update_grant(self, user: User, resource_type: str, resource_id: str, permission: str) -> None:
        def work(conn: Connection) -> int:
            return conn.execute(
                update(permission_grants)
                .where(
                    permission_grants.c.user_id == user.user_id,
                    permission_grants.c.resource_type == resource_type,
                    permission_grants.c.resource_id == resource_id,
                )
                .values(permission=permission)
            ).rowcount

        if not self.db.write(work):
            raise _grant_not_found(user, resource_type, resource_id)

    def revoke(self, user: User, resource_type: str, resource_id: str) -> None:
        def work(conn: Connection) -> int:
            return conn.execute(
                delete(permission_grants).where(
                    permission_grants.c.user_id == user.user_id,
                    permission_grants.c.resource_type == resource_type,
                    permission_grants.c.resource_id == resource_id,
                )
            ).rowcount

        if not self.db.write(work):
            raise _grant_not_found(user, resource_type, resource_id)

    def grant_manage_if_absent(self, user: User, resource_type: str, resource_id: str) -> None:
        """The creator of a resource manages it (a grant already there is left as it is)."""
        try:
            self.grant(user, resource_type, resource_id, levels.MANAGE)
        except Exception as exc:
            if getattr(exc, "error_code", None) != "RESOURCE_ALREADY_EXISTS":
                raise

    def rename_resource(self, resource_type: str, old: str, new: str) -> None:
        def work(conn: Connection) -> None:
            conn.execute(
                update(permission_grants)
                .where(permission_grants.c.resource_type == resource_type, permission_grants.c.resource_id == old)
                .values(resource_id=new)
            )

        self.db.write(work)

    def drop_resource(self, resource_type: str, resource_id: str) -> None:
        def work(conn: Connection) -> None:
            conn.execute(
                delete(permission_grants).where(
                    permission_grants.c.resource_type == resource_type,
                    permission_grants.c.resource_id == resource_id,
                )
            )

        self.db.write(work)

    def readable(self, user: User, resource_type: str, column: Any, default_permission: str) -> ColumnElement[bool]:
        """SQL: the rows of ``column`` (an experiment id or a model name) the user may read."""
        grant = select(permission_grants.c.permission).where(
            permission_grants.c.user_id == user.user_id,
            permission_grants.c.resource_type == resource_type,
            permission_grants.c.resource_id == cast(column, String),
        )
        granted = exists(grant.where(permission_grants.c.permission.in_(levels.READABLE)))
        if levels.allows(default_permission, levels.READ):
            return or_(granted, ~exists(grant))
        return granted

    # --- the resources of requests -------------------------------------------------------

    def experiment_of_run(self, run_id: str) -> str | None:
        with self._run_lock:
            found = self._run_experiments.get(run_id)
        if found is not None:
            return found
        row = self._fetch_one("SELECT experiment_id FROM runs WHERE run_uuid = ?", (run_id,))
        if row is None:
            return None
        eid = row[0]
        with self._run_lock:
            self._run_experiments[run_id] = str(eid)
            if len(self._run_experiments) > _RUN_CACHE_SIZE:
                self._run_experiments.popitem(last=False)
        return str(eid)

    def experiment_of_logged_model(self, model_id: str) -> str | None:
        with self.db.read() as conn:
            eid = conn.execute(
                select(logged_models.c.experiment_id).where(logged_models.c.model_id == model_id)
            ).scalar()
        return None if eid is None else str(eid)

    def experiment_by_name(self, name: str) -> str | None:
        with self.db.read() as conn:
            eid = conn.execute(select(experiments.c.experiment_id).where(experiments.c.name == name)).scalar()
        return None if eid is None else str(eid)

    def experiment_of_location(self, uri: str) -> str | None:
        """The experiment whose artifact location holds this URI (the longest such location)."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(experiments.c.experiment_id, experiments.c.artifact_location).where(
                    literal(uri).startswith(experiments.c.artifact_location, autoescape=False)
                )
            ).all()
        best: tuple[int, str] | None = None
        for r in rows:
            loc = (r.artifact_location or "").rstrip("/")
            if not loc or not (uri == loc or uri.startswith(loc + "/")):
                continue
            if best is None or len(loc) > best[0]:
                best = (len(loc), str(r.experiment_id))
        return best[1] if best else None


def _token_dict(token_id: str, name: str | None, created: int, expiration: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"token_id": token_id, "creation_time": created}
    if name:
        out["name"] = name
    if expiration is not None:
        out["expiration_time"] = expiration
    return out


def _grant_not_found(user: User, resource_type: str, resource_id: str) -> Exception:
    return not_found(
        f"Permission for user={user.username} on resource_type={resource_type}, resource_id={resource_id} not found."
    )
