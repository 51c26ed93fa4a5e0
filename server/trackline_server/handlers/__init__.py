"""Operation handlers, bound to the spec by operationId.

A handler takes the request's context and its validated fields, and returns the response body as a
dict (or a ``RawAnswer`` for the operations whose answer is not JSON). Presence and types are
checked before a handler runs (:mod:`trackline_server.validation`), MLflow's limits by the stores
(:mod:`trackline_server.store.rules`): handlers only pass fields on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .context import ARTIFACTS_ONLY, Context, Stores

__all__ = ["ARTIFACTS_ONLY", "Context", "Handler", "RawAnswer", "Stores", "all_handlers", "handler", "page"]

Handler = Callable[[Context, dict[str, Any]], Any]

HANDLERS: dict[str, Handler] = {}


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
    from . import (  # noqa: F401
        artifact_streams,
        artifacts,
        auth,
        models,
        operations,
        registry,
        server_info,
        tracking,
        ui,
    )

    return dict(HANDLERS)
