"""The context a handler works with: the server's stores and services, and the request's parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import TEMPORARILY_UNAVAILABLE, TracklineError

if TYPE_CHECKING:
    from ..artifacts import ArtifactService, Readable
    from ..auth import Access
    from ..auth.store import AuthStore
    from ..config import ServerConfig
    from ..store.logged_models import LoggedModelStore
    from ..store.registry import RegistryStore
    from ..store.tracking import TrackingStore

ARTIFACTS_ONLY = "This server only serves artifacts (started with --artifacts-only)."


@dataclass(frozen=True, slots=True)
class Stores:
    """The database's stores; a server started with ``--artifacts-only`` has none."""

    tracking: TrackingStore
    registry: RegistryStore
    logged_models: LoggedModelStore
    auth: AuthStore


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler works with: the server's services and the parts of the request it may need.

    The server's context holds the services; the view builds one per request from it
    (``for_request``) with who sends the request, and gives ways to read the request's body and
    its host URL, so that handlers need no web framework.
    """

    config: ServerConfig
    artifacts: ArtifactService
    stores: Stores | None
    request_body: Callable[[], Readable]  # the current request's raw body (an upload), to stream
    host_url: Callable[[], str]  # the current request's host URL, e.g. http://127.0.0.1:5000/
    user: str | None = None  # the authenticated user (with --auth), else the basic-auth name sent, if any
    access: Access | None = None  # with --auth: the user and what they may read

    def for_request(self, user: str | None, access: Access | None = None) -> Context:
        return Context(self.config, self.artifacts, self.stores, self.request_body, self.host_url, user, access)

    def visible(self, resource_type: str) -> Any:
        """A search's SQL filter on its id column for this user (None: everything is visible)."""
        return self.access.visible(resource_type) if self.access is not None else None

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
