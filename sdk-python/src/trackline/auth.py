"""Users, access tokens and permissions on a server started with ``--auth``.

:class:`AuthClient` has the methods of MLflow's ``AuthServiceClient`` (what
``mlflow.server.get_app_client("basic-auth", uri)`` returns): users, the direct grants of MLflow
3.17 (``grant_user_permission``...) and the per-resource methods of MLflow 2.x
(``create_experiment_permission``...), over the same grants; plus Trackline's access tokens.
Credentials come as for :class:`~trackline.TracklineClient`: ``username``/``password`` or
``token``, else ``TRACKLINE_TRACKING_USERNAME``/``PASSWORD``/``TOKEN`` or the ``MLFLOW_`` names.
A request without valid credentials raises :class:`~trackline.TracklineException` with
``error_code`` ``UNAUTHENTICATED`` (401); one the user may not make, ``PERMISSION_DENIED`` (403).

Example (with a server started with ``--auth``)::

    from trackline.auth import AuthClient

    with AuthClient("http://127.0.0.1:5000", username="admin", password=admin_password) as admin:
        admin.create_user("alice", "a-long-password")
        admin.grant_user_permission("alice", "experiment", "1", "EDIT")
        assert admin.get_user_permission("alice", "experiment", "1").permission == "EDIT"
"""

from __future__ import annotations

from dataclasses import dataclass

from trackline_api import models as api
from trackline_api.api.auth import (
    create_access_token,
    create_experiment_permission,
    create_registered_model_permission,
    create_user,
    delete_experiment_permission,
    delete_registered_model_permission,
    delete_user,
    get_current_user,
    get_experiment_permission,
    get_registered_model_permission,
    get_user,
    get_user_permission,
    grant_user_permission,
    list_access_tokens,
    list_users,
    revoke_access_token,
    revoke_user_permission,
    update_experiment_permission,
    update_registered_model_permission,
    update_user_admin,
    update_user_password,
)
from trackline_api.types import UNSET

from ._client_base import ClientBase

__all__ = ["AccessToken", "AuthClient", "ExperimentPermission", "RegisteredModelPermission", "User", "UserPermission"]


@dataclass(frozen=True)
class User:
    """A user (never their password)."""

    id: int
    username: str
    is_admin: bool


@dataclass(frozen=True)
class UserPermission:
    """A user's effective permission on a resource; ``allowed`` when it is USE or more."""

    allowed: bool
    permission: str


@dataclass(frozen=True)
class ExperimentPermission:
    experiment_id: str
    user_id: int
    permission: str


@dataclass(frozen=True)
class RegisteredModelPermission:
    name: str
    user_id: int
    permission: str


@dataclass(frozen=True)
class AccessToken:
    """An access token; ``secret`` only in the answer of :meth:`AuthClient.create_access_token`."""

    token_id: str
    creation_time: int
    name: str | None = None
    expiration_time: int | None = None
    secret: str | None = None


def _user(user: api.User) -> User:
    return User(id=user.id, username=user.username, is_admin=user.is_admin)


def _opt(value: object) -> object:
    return None if value is UNSET else value


def _token(token: api.AccessToken, secret: str | None = None) -> AccessToken:
    name = _opt(token.name)
    expiration = _opt(token.expiration_time)
    return AccessToken(
        token_id=token.token_id,
        creation_time=token.creation_time,
        name=name if isinstance(name, str) else None,
        expiration_time=expiration if isinstance(expiration, int) else None,
        secret=secret,
    )


class AuthClient(ClientBase):
    """Users, grants and access tokens, with the names of MLflow's ``AuthServiceClient``."""

    # --- users ---------------------------------------------------------------------------

    def create_user(self, username: str, password: str) -> User:
        """Create a user (admin only). Passwords have at least 12 characters."""
        body = api.CreateUserRequest(username=username, password=password)
        return _user(self._call(create_user.sync_detailed, api.UserResponse, body=body).user)

    def get_user(self, username: str) -> User:
        """A user: yourself, or anyone for an admin."""
        return _user(self._call(get_user.sync_detailed, api.UserResponse, username=username).user)

    def get_current_user(self) -> User:
        """The user this client is signed in as."""
        return _user(self._call(get_current_user.sync_detailed, api.CurrentUserResponse).user)

    def list_users(self) -> list[User]:
        """Every user (admin only)."""
        answer = self._call(list_users.sync_detailed, api.ListUsersResponse)
        return [_user(u) for u in answer.users or []]

    def update_user_password(self, username: str, password: str, current_password: str | None = None) -> None:
        """Change a password: your own (with ``current_password``), or anyone's for an admin."""
        body = api.UpdateUserPasswordRequest(
            username=username, password=password, current_password=current_password or UNSET
        )
        self._call(update_user_password.sync_detailed, api.Empty, body=body)

    def update_user_admin(self, username: str, is_admin: bool) -> None:
        """Make a user an admin, or not (admin only)."""
        body = api.UpdateUserAdminRequest(username=username, is_admin=is_admin)
        self._call(update_user_admin.sync_detailed, api.Empty, body=body)

    def delete_user(self, username: str) -> None:
        """Delete a user with their grants and tokens (admin only)."""
        self._call(delete_user.sync_detailed, api.Empty, body=api.UsernameRequest(username=username))

    # --- grants (MLflow 3.17) ------------------------------------------------------------

    def grant_user_permission(self, username: str, resource_type: str, resource_id: str, permission: str) -> None:
        """Grant ``permission`` (READ, USE, EDIT, MANAGE, DENY) on an ``experiment`` (by id) or a
        ``registered_model`` (by name); needs MANAGE on it. A second grant raises
        ``RESOURCE_ALREADY_EXISTS``: revoke first."""
        body = api.GrantUserPermissionRequest(
            username=username,
            resource_type=api.ResourceType(resource_type),
            resource_id=str(resource_id),
            permission=api.PermissionLevel(permission),
        )
        self._call(grant_user_permission.sync_detailed, api.Empty, body=body)

    def revoke_user_permission(self, username: str, resource_type: str, resource_id: str) -> None:
        """Remove a user's grant on a resource (needs MANAGE on it)."""
        body = api.UserResourceRequest(
            username=username, resource_type=api.ResourceType(resource_type), resource_id=str(resource_id)
        )
        self._call(revoke_user_permission.sync_detailed, api.Empty, body=body)

    def get_user_permission(self, username: str, resource_type: str, resource_id: str) -> UserPermission:
        """A user's effective permission on a resource (the grant, else the server's default)."""
        answer = self._call(
            get_user_permission.sync_detailed,
            api.GetUserPermissionResponse,
            username=username,
            resource_type=api.ResourceType(resource_type),
            resource_id=str(resource_id),
        )
        return UserPermission(allowed=answer.allowed, permission=answer.permission)

    # --- grants (MLflow 2.x's per-resource methods) ---------------------------------------

    def create_experiment_permission(self, experiment_id: str, username: str, permission: str) -> ExperimentPermission:
        body = api.ExperimentPermissionRequest(
            experiment_id=str(experiment_id), username=username, permission=api.PermissionLevel(permission)
        )
        answer = self._call(create_experiment_permission.sync_detailed, api.ExperimentPermissionResponse, body=body)
        p = answer.experiment_permission
        return ExperimentPermission(p.experiment_id, p.user_id, p.permission)

    def get_experiment_permission(self, experiment_id: str, username: str) -> ExperimentPermission:
        answer = self._call(
            get_experiment_permission.sync_detailed,
            api.ExperimentPermissionResponse,
            experiment_id=str(experiment_id),
            username=username,
        )
        p = answer.experiment_permission
        return ExperimentPermission(p.experiment_id, p.user_id, p.permission)

    def update_experiment_permission(self, experiment_id: str, username: str, permission: str) -> None:
        body = api.ExperimentPermissionRequest(
            experiment_id=str(experiment_id), username=username, permission=api.PermissionLevel(permission)
        )
        self._call(update_experiment_permission.sync_detailed, api.Empty, body=body)

    def delete_experiment_permission(self, experiment_id: str, username: str) -> None:
        body = api.ExperimentUserRequest(experiment_id=str(experiment_id), username=username)
        self._call(delete_experiment_permission.sync_detailed, api.Empty, body=body)

    def create_registered_model_permission(
        self, name: str, username: str, permission: str
    ) -> RegisteredModelPermission:
        body = api.RegisteredModelPermissionRequest(
            name=name, username=username, permission=api.PermissionLevel(permission)
        )
        answer = self._call(
            create_registered_model_permission.sync_detailed, api.RegisteredModelPermissionResponse, body=body
        )
        p = answer.registered_model_permission
        return RegisteredModelPermission(p.name, p.user_id, p.permission)

    def get_registered_model_permission(self, name: str, username: str) -> RegisteredModelPermission:
        answer = self._call(
            get_registered_model_permission.sync_detailed,
            api.RegisteredModelPermissionResponse,
            name=name,
            username=username,
        )
        p = answer.registered_model_permission
        return RegisteredModelPermission(p.name, p.user_id, p.permission)

    def update_registered_model_permission(self, name: str, username: str, permission: str) -> None:
        body = api.RegisteredModelPermissionRequest(
            name=name, username=username, permission=api.PermissionLevel(permission)
        )
        self._call(update_registered_model_permission.sync_detailed, api.Empty, body=body)

    def delete_registered_model_permission(self, name: str, username: str) -> None:
        body = api.RegisteredModelUserRequest(name=name, username=username)
        self._call(delete_registered_model_permission.sync_detailed, api.Empty, body=body)

    # --- access tokens -------------------------------------------------------------------

    def create_access_token(self, name: str | None = None, expires_in_days: int | None = None) -> AccessToken:
        """A new token for yourself; its ``secret`` is in this answer only."""
        body = api.CreateAccessTokenRequest(
            name=name if name is not None else UNSET,
            expires_in_days=expires_in_days if expires_in_days is not None else UNSET,
        )
        answer = self._call(create_access_token.sync_detailed, api.CreateAccessTokenResponse, body=body)
        return _token(answer.token, answer.secret)

    def list_access_tokens(self) -> list[AccessToken]:
        """Your tokens, newest first (without their secrets)."""
        answer = self._call(list_access_tokens.sync_detailed, api.ListAccessTokensResponse)
        return [_token(t) for t in answer.tokens or []]

    def revoke_access_token(self, token_id: str) -> None:
        """Revoke one of your tokens (an admin: anyone's)."""
        self._call(revoke_access_token.sync_detailed, api.Empty, body=api.RevokeAccessTokenRequest(token_id=token_id))
