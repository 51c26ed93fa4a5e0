"""Operation handlers, bound to the spec by operationId.

A handler takes the request's context and its validated fields, and returns the response body as a
dict (or a ``RawAnswer`` for the operations whose answer is not JSON). Presence and types are
checked before a handler runs (:mod:`trackline_server.validation`), MLflow's limits by the stores
(:mod:`trackline_server.store.rules`): handlers only pass fields on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import TEMPORARILY_UNAVAILABLE, TracklineError

if TYPE_CHECKING:
    from ..artifacts import ArtifactService, Readable
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
    user: str | None = None  # the authenticated (basic auth) user, if any

    def for_request(self, user: str | None) -> Context:
        return Context(self.config, self.artifacts, self.stores, self.request_body, self.host_url, user)

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


@dataclass(frozen=True, slots=True)
class RawAnswer:
    """An answer that is not JSON: a text, or a file's chunks streamed as they come."""

    body: str | Iterable[bytes] = ""
    mimetype: str | None = None  # None: the web framework's default
    headers: dict[str, str] = field(default_factory=dict)


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
    from . import artifact_streams, artifacts, models, registry, server_info, tracking  # noqa: F401

    return dict(HANDLERS)
