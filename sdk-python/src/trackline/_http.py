"""HTTP plumbing under the generated client: retries, errors, one connection pool per client."""

from __future__ import annotations

import email.utils
import json
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

import httpx

from ._config import HttpSettings
from ._errors import TracklineException

__all__ = ["RetryTransport", "build_httpx_client", "expect", "translate_errors"]

T = TypeVar("T")

#: Answers worth trying again: the server is busy or briefly unavailable.
RETRY_STATUSES = frozenset({429, 503})

#: Failures where the request did not get a complete answer. Read timeouts are not here: a
#: slow server is not helped by sending it the same work again.
RETRY_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.PoolTimeout,
)

_STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "ENDPOINT_NOT_FOUND",
    405: "ENDPOINT_NOT_FOUND",
    409: "RESOURCE_ALREADY_EXISTS",
    429: "REQUEST_LIMIT_EXCEEDED",
    503: "TEMPORARILY_UNAVAILABLE",
}


def _user_agent() -> str:
    try:
        return f"trackline-python/{version('trackline')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "trackline-python"


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The wait asked for by a ``Retry-After`` header (seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RetryTransport(httpx.BaseTransport):
    """Sends a request again after connection errors and 429/503 answers.

    The wait doubles from ``backoff_factor`` seconds (with jitter) up to ``max_backoff``; a
    ``Retry-After`` header on the answer sets the wait instead. Other answers, 4xx included,
    are returned as they are.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        max_retries: int,
        backoff_factor: float,
        max_backoff: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._inner = inner
        self._max_retries = max(0, max_retries)
        self._backoff_factor = max(0.0, backoff_factor)
        self._max_backoff = max_backoff
        self._sleep = sleep

    def _backoff(self, attempt: int) -> float:
        base = min(self._max_backoff, self._backoff_factor * 2.0**attempt)
        return base * (0.5 + random.random() / 2)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self._inner.handle_request(request)
            except RETRY_ERRORS:
                if attempt >= self._max_retries:
                    raise
                delay = self._backoff(attempt)
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self._max_retries:
                    return response
                asked = retry_after_seconds(response)
                delay = min(asked, self._max_backoff) if asked is not None else self._backoff(attempt)
                response.close()
            self._sleep(delay)
            attempt += 1

    def close(self) -> None:
        self._inner.close()


def error_from_response(response: httpx.Response) -> TracklineException:
    """The exception for an error answer, from its ``{"error_code", "message"}`` envelope."""
    status = response.status_code
    code = _STATUS_CODES.get(status, "INTERNAL_ERROR" if status >= 500 else "BAD_REQUEST")
    request = response.request
    message = (
        f"HTTP {status} from {request.method} {request.url.path}: "
        f"{response.text.strip()[:500] or response.reason_phrase}"
    )
    try:
        body = json.loads(response.content)
    except ValueError:
        body = None
    if isinstance(body, dict):
        if isinstance(body.get("error_code"), str):
            code = body["error_code"]
        if isinstance(body.get("message"), str):
            message = body["message"]
    return TracklineException(message, error_code=code, http_status=status, retry_after=retry_after_seconds(response))


def _raise_on_error(response: httpx.Response) -> None:
    if response.status_code >= 400:
        response.read()
        raise error_from_response(response)


def build_httpx_client(base_url: str, settings: HttpSettings) -> httpx.Client:
    """One pooled, retrying httpx client for ``base_url``; error answers raise."""
    headers = {"User-Agent": _user_agent()}
    auth: httpx.Auth | None = None
    # As MLflow's clients: Basic when both a username and a password are set, else the token.
    if settings.username is not None and settings.password is not None:
        auth = httpx.BasicAuth(settings.username, settings.password)
    elif settings.token:
        headers["Authorization"] = f"Bearer {settings.token}"
    transport = RetryTransport(
        httpx.HTTPTransport(verify=settings.verify),
        max_retries=settings.max_retries,
        backoff_factor=settings.backoff_factor,
        max_backoff=settings.max_backoff,
    )
    return httpx.Client(
        base_url=base_url,
        headers=headers,
        auth=auth,
        timeout=httpx.Timeout(settings.timeout),
        transport=transport,
        event_hooks={"response": [_raise_on_error]},
    )


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turns transport failures and unreadable answers into :class:`TracklineException`."""
    try:
        yield
    except TracklineException:
        raise
    except httpx.TimeoutException as exc:
        raise TracklineException(f"Request timed out: {exc}", error_code="TEMPORARILY_UNAVAILABLE") from exc
    except httpx.HTTPError as exc:
        raise TracklineException(f"Request failed: {exc}", error_code="TEMPORARILY_UNAVAILABLE") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise TracklineException(
            f"The server's answer could not be read: {exc!r}", error_code="INTERNAL_ERROR"
        ) from exc


def expect(parsed: Any, model: type[T]) -> T:
    """``parsed`` as ``model``, or an error saying the answer had another shape."""
    if isinstance(parsed, model):
        return parsed
    raise TracklineException(
        f"Expected a {model.__name__} in the server's answer, got {type(parsed).__name__}",
        error_code="INTERNAL_ERROR",
    )
