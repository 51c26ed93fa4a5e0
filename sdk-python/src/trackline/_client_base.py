"""What every part of ``TracklineClient`` stands on: its connections, and ``_call``, the one way
a generated operation is called.

Each part of the client (experiments, runs, logging, registry, artifacts...) is a mixin on
:class:`ClientBase`; ``TracklineClient`` composes them. A mixin calls generated operations only
through :meth:`ClientBase._call`. A mixin that keeps state of its own makes it on first use
(``functools.cached_property``, as the artifacts mixin's run roots) rather than in
``__init__``; one that holds something to release overrides :meth:`ClientBase.close` and
calls ``super().close()``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar, Unpack

from trackline_api import Client
from trackline_api.types import Response

from ._config import HttpOptions, HttpSettings, get_tracking_uri, validate_tracking_uri
from ._http import build_httpx_client, expect, translate_errors
from ._transfer import ArtifactTransfer, TransferSettings

__all__ = ["ClientBase"]

T = TypeVar("T")


class ClientBase:
    """A client's connections: one pooled, retrying httpx client, the generated client on it,
    and the artifact transfers that stream over it.

    Args:
        tracking_uri: The server, such as ``http://127.0.0.1:5000``; defaults to
            :func:`trackline.get_tracking_uri`.
        options: ``timeout``, ``max_retries``, ``backoff_factor``, ``token``, ``username``,
            ``password`` (see :class:`trackline._config.HttpOptions`); the environment gives
            the ones left out.
    """

    def __init__(self, tracking_uri: str | None = None, **options: Unpack[HttpOptions]) -> None:
        self._tracking_uri = validate_tracking_uri(tracking_uri or get_tracking_uri())
        self._http = build_httpx_client(self._tracking_uri, HttpSettings.from_env(**options))
        self._api = Client(base_url=self._tracking_uri).set_httpx_client(self._http)
        self._transfer = ArtifactTransfer(self._http, TransferSettings.from_env())

    @property
    def tracking_uri(self) -> str:
        """The server this client talks to."""
        return self._tracking_uri

    @property
    def api(self) -> Client:
        """The generated low-level client (``trackline_api``) sharing this client's connections."""
        return self._api

    def flush(self) -> None:
        """Wait until every logging call queued on this client is on the server.

        Without asynchronous logging nothing is ever queued; the logging part of the client
        (``_client_logging``) overrides this.
        """

    def close(self) -> None:
        """Close the client's connections."""
        self._transfer.close()
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._tracking_uri!r})"

    def _call(self, operation: Callable[..., Response[Any]], expected: type[T], /, **arguments: Any) -> T:
        """Call a generated operation on this client's connections and return its answer.

        ``operation`` is a generated ``sync_detailed`` (such as ``get_run.sync_detailed``),
        called with ``arguments`` and this client; ``expected`` is the model of its success
        answer (``api.Empty`` for operations that answer ``{}``). Error answers, transport
        failures, unreadable answers and answers of another shape all raise
        :class:`~trackline.TracklineException`.
        """
        with translate_errors():
            return expect(operation(client=self._api, **arguments).parsed, expected)
