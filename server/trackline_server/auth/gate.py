"""Who sends a request, and whether they may do what it asks: the checks of a server with ``--auth``.

``Gate.authenticate`` turns the ``Authorization`` header into a ``User`` (or a 401);
``Gate.authorize`` applies the operation's rule from :mod:`.rules` (or a 403); ``Gate.after``
keeps the grants in step with what the operation did (the creator of an experiment or a
registered model manages it; a model's grants follow its renames and go with it).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from ..errors import PERMISSION_DENIED, UNAUTHENTICATED, TracklineError
from . import levels, passwords
from .credentials import BadCredentials, parse
from .rules import ADMIN, ADMIN_ONLY, OPEN, RULES, SIGNED_IN, Rule
from .store import AuthStore, User
from .throttle import FailedLogins

_VERIFIED_CACHE_SIZE = 10_000
_dummy_hash: list[str] = []


def _dummy_check(secret: str) -> None:
    """For an unknown username: costs as long as a wrong password, so names cannot be told apart."""
    if not _dummy_hash:
        _dummy_hash.append(passwords.hash_password(secrets.token_urlsafe(16)))
    passwords.password_matches(_dummy_hash[0], secret)


def unauthenticated() -> TracklineError:
    return TracklineError(
        "You are not authenticated. Send a username and password, or an access token.", UNAUTHENTICATED
    )


def denied() -> TracklineError:
    return TracklineError("Permission denied.", PERMISSION_DENIED)


@dataclass(frozen=True, slots=True)
class Access:
    """What a handler knows of the request's user: who, and what they may read."""

    user: User
    gate: Gate

    @property
    def store(self) -> AuthStore:
        return self.gate.store

    def visible(self, resource_type: str) -> Callable[[Any], ColumnElement[bool]] | None:
        """A SQL filter on a search's id column (experiment id or model name); None for an admin."""
        if self.user.is_admin:
            return None
        user, store, default = self.user, self.gate.store, self.gate.default_permission
        return lambda column: store.readable(user, resource_type, column, default)

    def permission(self, resource_type: str, resource_id: str) -> str:
        return self.gate.permission(self.user, resource_type, resource_id)


class Gate:
    def __init__(self, store: AuthStore, default_permission: str = levels.READ, max_login_delay: float = 4.0) -> None:
        self.store = store
        self.default_permission = levels.level(default_permission)
        self.failed_logins = FailedLogins(max_login_delay)
        self._key = secrets.token_bytes(32)
        self._verified: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    # --- who -----------------------------------------------------------------------------

    def authenticate(self, header: str | None, address: str | None) -> User:
        try:
            creds = parse(header)
        except BadCredentials:
            raise unauthenticated() from None
        user = self._user_of(creds.username, creds.secret)
        if user is None:
            self.failed_logins.failed(creds.username, address)
            wait = self.failed_logins.delay(creds.username, address)
            if wait:
                time.sleep(wait)
            raise unauthenticated()
        self.failed_logins.succeeded(user.username)
        return user

    def _user_of(self, username: str | None, secret: str) -> User | None:
        if username is None:
            return self.store.token_user(secret)
        user = self.store.user(username)
        if user is None:
            _dummy_check(secret)
            return None
        if passwords.token_id_of(secret) is not None:
            token_user = self.store.token_user(secret)
            if token_user is not None and token_user.user_id == user.user_id:
                return user
        return user if self.password_ok(user, secret) else None

    def password_ok(self, user: User, password: str) -> bool:
        """scrypt once per (user, stored hash, password) and worker; then a keyed digest lookup.

        The stored hash is part of the key: a changed password never matches an old entry.
        """
        material = f"{user.user_id}\0{user.password_hash}\0{password}".encode()
        key = hmac.new(self._key, material, hashlib.sha256).digest()
        with self._lock:
            if key in self._verified:
                self._verified.move_to_end(key)
                return True
        if not passwords.password_matches(user.password_hash, password):
            return False
        with self._lock:
            self._verified[key] = None
            if len(self._verified) > _VERIFIED_CACHE_SIZE:
                self._verified.popitem(last=False)
        return True

    # --- what ----------------------------------------------------------------------------

    def permission(self, user: User, resource_type: str, resource_id: str) -> str:
        if user.is_admin:
            return levels.MANAGE
        granted = self.store.grant_of(user, resource_type, resource_id)
        return granted or self.default_permission

    def readable(self, user: User, resource_type: str, resource_id: str) -> bool:
        return levels.allows(self.permission(user, resource_type, resource_id), levels.READ)

    def authorize(self, operation_id: str, user: User, args: dict[str, Any]) -> None:
        rule = RULES[operation_id]
        if user.is_admin or rule.kind == OPEN:
            return
        if any(args.get(name) for name in rule.admin_fields):
            raise denied()
        if rule.kind == SIGNED_IN and not rule.filters_experiment_ids:
            return
        if rule.self_ok and args.get("username") == user.username:
            return
        if rule.kind == ADMIN:
            raise denied()
        if rule.filters_experiment_ids:
            self._filter_experiment_ids(operation_id, user, args)
            return
        for needed, resolve in rule.checks:
            for resource_type, resource_id in resolve(self.store, args):
                if resource_type == ADMIN_ONLY:
                    raise denied()
                if resource_id is None:
                    continue  # no such resource: the handler answers 404
                if not levels.allows(self.permission(user, resource_type, resource_id), needed):
                    raise denied()

    def _filter_experiment_ids(self, operation_id: str, user: User, args: dict[str, Any]) -> None:
        asked = [str(e) for e in args.get("experiment_ids") or []]
        kept = [e for e in asked if self.readable(user, levels.EXPERIMENT, e)]
        if asked and not kept and operation_id == "searchRunsTable":
            raise denied()  # the runs table needs an experiment: it cannot answer "none"
        args["experiment_ids"] = kept

    # --- afterwards ----------------------------------------------------------------------

    def after(self, operation_id: str, user: User, args: dict[str, Any], result: Any) -> None:
        if not isinstance(result, dict):
            return
        if operation_id == "createExperiment" and result.get("experiment_id") is not None:
            self.store.grant_manage_if_absent(user, levels.EXPERIMENT, str(result["experiment_id"]))
        elif operation_id == "createRegisteredModel":
            name = (result.get("registered_model") or {}).get("name")
            if name:
                self.store.grant_manage_if_absent(user, levels.REGISTERED_MODEL, name)
        elif operation_id == "renameRegisteredModel":
            self.store.rename_resource(levels.REGISTERED_MODEL, str(args["name"]), str(args["new_name"]))
        elif operation_id == "deleteRegisteredModel":
            self.store.drop_resource(levels.REGISTERED_MODEL, str(args["name"]))

    def rule(self, operation_id: str) -> Rule:
        return RULES[operation_id]
