"""Operation handlers, bound to the spec by operationId.

A handler takes the request's context and its validated fields, and returns the response body as a
dict (or a Flask response for the operations whose answer is not JSON). Presence and types are
checked before a handler runs (:mod:`trackline_server.validation`), MLflow's limits by the stores
(:mod:`trackline_server.store.rules`): handlers only pass fields on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import TEMPORARILY_UNAVAILABLE, TracklineError

if TYPE_CHECKING:
    from ..artifacts import ArtifactService
    from ..config import ServerConfig
    from ..store.logged_models import LoggedModelStore
    from ..store.registry import RegistryStore
    from ..store.tracking import TrackingStore

Handler = Callable[["Context", dict[str, Any]], Any]

HANDLERS: dict[str, Handler] = {}

ARTIFACTS_ONLY = "This server only serves artifacts (started with --artifacts-only)."


@dataclass(frozen=True, slots=True)
class Stores:
    """The database's stores; a server started with ``--artifacts-only`` has none."""

    tracking: TrackingStore
    registry: RegistryStore
    logged_models: LoggedModelStore


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler works with: the server's services, and who sends the request.

    The view builds one per request, from the server's (``for_request``).
    """

    config: ServerConfig
    artifacts: ArtifactService
    stores: Stores | None
    user: str | None = None  # the authenticated (basic auth) user, if any

    def for_request(self, user: str | None) -> Context:
        return Context(self.config, self.artifacts, self.stores, user)

    def _stores(self) -> Stores:
        if self.stores is None:
            raise TracklineError(ARTIFACTS_ONLY, TEMPORARILY_UNAVAILABLE)
        return self.stores

    @property
    def tracking(self) -> TrackingStore:
        return self._stores().tracking

    @property
    def registry(self) -> RegistryStore:
        return self._stores().registry

    @property
    def logged_models(self) -> LoggedModelStore:
        return self._stores().logged_models


def handler(*operation_ids: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for op in operation_ids:
            if op in HANDLERS:
                raise RuntimeError(f"two handlers for operation {op}")
            HANDLERS[op] = fn
        return fn

    return register


def page(key: str, items: list[dict[str, Any]], token: str | None = None) -> dict[str, Any]:
    """A paged answer: the items under ``key`` and the next page's token, each left out when empty."""
    out: dict[str, Any] = {}
    if items:
        out[key] = items
    if token:
        out["next_page_token"] = token
    return out


def all_handlers() -> dict[str, Handler]:
    """Every handler, after importing the modules that define them."""
    from . import artifacts, models, registry, server_info, tracking  # noqa: F401

    return dict(HANDLERS)
