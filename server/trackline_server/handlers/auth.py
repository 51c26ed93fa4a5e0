"""Users, access tokens and permission grants (MLflow's basic-auth routes, and Trackline's tokens).

Who may call each operation is decided before the handler runs (``auth/rules.py``); these only
do the work. On a server without ``--auth`` they answer 404.
"""

from __future__ import annotations

from typing import Any

from ..auth import Access, levels
from ..errors import BAD_REQUEST, ENDPOINT_NOT_FOUND, TracklineError, invalid
from . import Context, handler

AUTH_OFF = "Authentication is off on this server (start it with --auth)."


def _access(ctx: Context) -> Access:
    if ctx.access is None:
        raise TracklineError(AUTH_OFF, ENDPOINT_NOT_FOUND)
    return ctx.access


def _text(args: dict[str, Any], name: str) -> str:
    value = args.get(name)
    if value is None or value == "":
        raise invalid(f"Missing value for required parameter '{name}'.")
    return str(value)


# --- users -------------------------------------------------------------------------------


@handler("createUser")
def create_user(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    user = _access(ctx).store.create_user(_text(args, "username"), _text(args, "password"))
    return {"user": user.to_dict()}


@handler("getUser")
def get_user(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"user": _access(ctx).store.require_user(_text(args, "username")).to_dict()}


@handler("getCurrentUser")
def get_current_user(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"user": _access(ctx).user.to_dict(), "is_basic_auth": True}


@handler("listUsers")
def list_users(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    users = [u.to_dict() for u in _access(ctx).store.list_users()]
    return {"users": users} if users else {}


@handler("updateUserPassword")
def update_user_password(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    username, password = _text(args, "username"), _text(args, "password")
    if username == access.user.username:
        current = args.get("current_password")
        if not current:
            raise invalid("Current password is required when changing your own password.")
        if not access.gate.password_ok(access.user, str(current)):
            raise invalid("Current password does not match.")
        if current == password:
            raise invalid("New password must differ from the current password.")
    access.store.set_password(username, password)
    return {}


@handler("updateUserAdmin")
def update_user_admin(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    if args.get("is_admin") is None:
        raise invalid("Missing value for required parameter 'is_admin'.")
    access.store.set_admin(_text(args, "username"), bool(args["is_admin"]))
    return {}


@handler("deleteUser")
def delete_user(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    username = _text(args, "username")
    if username == access.user.username:
        raise TracklineError(
            "Users cannot delete their own account. Ask another admin to delete this user instead.", BAD_REQUEST
        )
    access.store.delete_user(username)
    return {}


# --- grants (MLflow 3.17's routes) -------------------------------------------------------


def _resource(args: dict[str, Any]) -> tuple[str, str]:
    return levels.resource_type(_text(args, "resource_type")), _text(args, "resource_id")


@handler("grantUserPermission")
def grant_user_permission(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    store = _access(ctx).store
    user = store.require_user(_text(args, "username"))
    resource_type, resource_id = _resource(args)
    store.grant(user, resource_type, resource_id, levels.level(_text(args, "permission")))
    return {}


@handler("revokeUserPermission")
def revoke_user_permission(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    store = _access(ctx).store
    user = store.require_user(_text(args, "username"))
    resource_type, resource_id = _resource(args)
    store.revoke(user, resource_type, resource_id)
    return {}


@handler("getUserPermission")
def get_user_permission(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    user = access.store.require_user(_text(args, "username"))
    resource_type, resource_id = _resource(args)
    permission = access.gate.permission(user, resource_type, resource_id)
    if permission == levels.NO_PERMISSIONS:
        permission = levels.DENY
    return {"allowed": levels.allows(permission, levels.USE), "permission": permission}


# --- grants (MLflow 2.x's per-resource routes, over the same grants) ----------------------


def _legacy_grant(ctx: Context, args: dict[str, Any], resource_type: str, field: str, action: str) -> dict[str, Any]:
    store = _access(ctx).store
    user = store.require_user(_text(args, "username"))
    resource_id = _text(args, field)
    if action == "create":
        store.grant(user, resource_type, resource_id, levels.level(_text(args, "permission")))
    elif action == "update":
        store.update_grant(user, resource_type, resource_id, levels.level(_text(args, "permission")))
        return {}
    elif action == "delete":
        store.revoke(user, resource_type, resource_id)
        return {}
    permission = store.grant_of(user, resource_type, resource_id)
    if permission is None:
        raise TracklineError(
            f"Permission for user={user.username} on {resource_type} {field}={resource_id} not found.",
            "RESOURCE_DOES_NOT_EXIST",
        )
    key = "experiment_permission" if resource_type == levels.EXPERIMENT else "registered_model_permission"
    return {key: {field: resource_id, "user_id": user.user_id, "permission": permission}}


def _legacy(resource_type: str, field: str, action: str) -> Any:
    return lambda ctx, args: _legacy_grant(ctx, args, resource_type, field, action)


for _action in ("create", "get", "update", "delete"):
    handler(f"{_action}ExperimentPermission")(_legacy(levels.EXPERIMENT, "experiment_id", _action))
    handler(f"{_action}RegisteredModelPermission")(_legacy(levels.REGISTERED_MODEL, "name", _action))


# --- access tokens (Trackline's) --------------------------------------------------------


@handler("createAccessToken")
def create_access_token(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    token, secret = access.store.create_token(access.user, args.get("name") or None, args.get("expires_in_days"))
    return {"token": token, "secret": secret}


@handler("listAccessTokens")
def list_access_tokens(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    tokens = access.store.list_tokens(access.user)
    return {"tokens": tokens} if tokens else {}


@handler("revokeAccessToken")
def revoke_access_token(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    access = _access(ctx)
    access.store.revoke_token(_text(args, "token_id"), None if access.user.is_admin else access.user)
    return {}
