"""Operation handlers, bound to the spec by operationId.

A handler takes the request context and the validated request fields, and returns the response
body as a dict (or a Flask response for non-JSON operations).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..artifacts import ArtifactService
    from ..config import ServerConfig
    from ..store.logged_models import LoggedModelStore
    from ..store.registry import RegistryStore
    from ..store.tracking import TrackingStore

Handler = Callable[["Context", dict[str, Any]], Any]

HANDLERS: dict[str, Handler] = {}


@dataclass
class Context:
    config: ServerConfig
    tracking: TrackingStore
    artifacts: ArtifactService
    registry: RegistryStore
    logged_models: LoggedModelStore
    extra: dict[str, Any] = field(default_factory=dict)


def handler(*operation_ids: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for op in operation_ids:
            if op in HANDLERS:
                raise RuntimeError(f"two handlers for operation {op}")
            HANDLERS[op] = fn
        return fn

    return register


def all_handlers() -> dict[str, Handler]:
    """Every handler, after importing the modules that define them."""
    from . import artifacts, models, registry, server_info, tracking, ui  # noqa: F401

    return dict(HANDLERS)
