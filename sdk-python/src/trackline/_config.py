"""Where the server is and how to talk to it, from arguments and the environment.

Each setting is read from a ``TRACKLINE_*`` variable first, then from MLflow's ``MLFLOW_*``
variable of the same meaning, so that MLflow scripts keep their configuration.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import TypedDict, Unpack
from urllib.parse import urlsplit

from ._errors import TracklineException

__all__ = [
    "DEFAULT_TRACKING_URI",
    "HttpOptions",
    "HttpSettings",
    "async_logging_default",
    "env_setting",
    "get_tracking_uri",
    "set_async_logging_default",
    "set_tracking_uri",
    "validate_tracking_uri",
]

#: The address ``trackline server`` listens on by default.
DEFAULT_TRACKING_URI = "http://127.0.0.1:5000"

_lock = threading.Lock()
_tracking_uri: str | None = None
_async_logging: bool | None = None

_TRUE = ("1", "true", "yes", "on")


def env_setting(name: str) -> str | None:
    """The value of ``TRACKLINE_<name>`` or else ``MLFLOW_<name>``; empty counts as unset."""
    for prefix in ("TRACKLINE_", "MLFLOW_"):
        value = os.environ.get(prefix + name)
        if value:
            return value
    return None


def set_tracking_uri(uri: str | os.PathLike[str]) -> None:
    """Set the server address used by the fluent API and by new clients in this process.

    >>> import trackline
    >>> trackline.set_tracking_uri("http://127.0.0.1:5000")
    >>> trackline.get_tracking_uri()
    'http://127.0.0.1:5000'
    """
    global _tracking_uri  # noqa: PLW0603
    with _lock:
        _tracking_uri = os.fspath(uri) if uri else None


def get_tracking_uri() -> str:
    """The server address: the one set with :func:`set_tracking_uri`, else
    ``$TRACKLINE_TRACKING_URI``, else ``$MLFLOW_TRACKING_URI``, else ``http://127.0.0.1:5000``.
    """
    with _lock:
        if _tracking_uri:
            return _tracking_uri
    return env_setting("TRACKING_URI") or DEFAULT_TRACKING_URI


def set_async_logging_default(enable: bool | None) -> None:
    """Make logging calls asynchronous by default (``True``), synchronous (``False``), or follow
    the environment again (``None``)."""
    global _async_logging  # noqa: PLW0603
    _async_logging = None if enable is None else bool(enable)


def async_logging_default() -> bool:
    """Whether a logging call without ``synchronous`` is queued: the process-wide switch
    (:func:`trackline.config.enable_async_logging`), else ``$TRACKLINE_ENABLE_ASYNC_LOGGING``,
    else ``$MLFLOW_ENABLE_ASYNC_LOGGING`` (``true``, ``1``, ``yes`` or ``on``), else off.

    >>> set_async_logging_default(True); async_logging_default()
    True
    >>> set_async_logging_default(None)
    """
    if _async_logging is not None:
        return _async_logging
    return (env_setting("ENABLE_ASYNC_LOGGING") or "").strip().lower() in _TRUE


def validate_tracking_uri(uri: str) -> str:
    """``uri`` without a trailing slash; refuses anything but an http(s) server address."""
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TracklineException(
            f"Tracking URI {uri!r} is not a server address: Trackline needs http://host:port "
            "or https://host:port (local file and database URIs are not supported).",
            error_code="INVALID_PARAMETER_VALUE",
        )
    return uri.rstrip("/")


def env_number(name: str, default: float) -> float:
    """A number from ``TRACKLINE_<name>`` or ``MLFLOW_<name>``, or ``default``; not a number: an error."""
    raw = env_setting(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise TracklineException(
            f"Environment variable for {name} must be a number, got {raw!r}",
            error_code="INVALID_PARAMETER_VALUE",
        ) from None


class HttpOptions(TypedDict, total=False):
    """What a client can be given instead of reading it from the environment."""

    #: Seconds to wait for each answer (default 120, or ``HTTP_REQUEST_TIMEOUT``).
    timeout: float | None
    #: How many times to retry a request (default 5, or ``HTTP_REQUEST_MAX_RETRIES``).
    max_retries: int | None
    #: First wait between tries in seconds, doubling each time (default 0.5).
    backoff_factor: float | None
    #: Sent as ``Authorization: Bearer <token>`` (default ``TRACKING_TOKEN``).
    token: str | None
    #: HTTP Basic credentials (default ``TRACKING_USERNAME`` and ``TRACKING_PASSWORD``).
    username: str | None
    password: str | None


@dataclass(frozen=True)
class HttpSettings:
    """How requests are made: timeout, retries, credentials and TLS.

    ``from_env`` reads (``TRACKLINE_`` or ``MLFLOW_`` prefix): ``TRACKING_TOKEN`` (Bearer),
    ``TRACKING_USERNAME`` and ``TRACKING_PASSWORD`` (Basic), ``TRACKING_INSECURE_TLS``,
    ``TRACKING_SERVER_CERT_PATH``, ``HTTP_REQUEST_TIMEOUT`` (seconds),
    ``HTTP_REQUEST_MAX_RETRIES`` and ``HTTP_REQUEST_BACKOFF_FACTOR`` (seconds).
    """

    timeout: float = 120.0
    max_retries: int = 5
    backoff_factor: float = 0.5
    max_backoff: float = 60.0
    token: str | None = None
    username: str | None = None
    password: str | None = None
    verify: bool | str = True

    @classmethod
    def from_env(cls, **options: Unpack[HttpOptions]) -> HttpSettings:
        """Settings from ``options``, the ones left out (or ``None``) from the environment.

        >>> HttpSettings.from_env(timeout=5, max_retries=0).timeout
        5
        >>> HttpSettings.from_env(timout=5)  # type: ignore[call-arg]
        Traceback (most recent call last):
        TypeError: Unknown options: timout (known: backoff_factor, max_retries, password, timeout, token, username)
        """
        unknown = options.keys() - HttpOptions.__optional_keys__
        if unknown:
            known = ", ".join(sorted(HttpOptions.__optional_keys__))
            raise TypeError(f"Unknown options: {', '.join(sorted(unknown))} (known: {known})")
        timeout = options.get("timeout")
        max_retries = options.get("max_retries")
        backoff_factor = options.get("backoff_factor")
        token = options.get("token")
        username = options.get("username")
        password = options.get("password")
        insecure = (env_setting("TRACKING_INSECURE_TLS") or "").lower() in ("1", "true", "yes")
        verify: bool | str = False if insecure else (env_setting("TRACKING_SERVER_CERT_PATH") or True)
        return cls(
            timeout=timeout if timeout is not None else env_number("HTTP_REQUEST_TIMEOUT", 120.0),
            max_retries=(max_retries if max_retries is not None else int(env_number("HTTP_REQUEST_MAX_RETRIES", 5))),
            backoff_factor=(
                backoff_factor if backoff_factor is not None else env_number("HTTP_REQUEST_BACKOFF_FACTOR", 0.5)
            ),
            token=token if token is not None else env_setting("TRACKING_TOKEN"),
            username=username if username is not None else env_setting("TRACKING_USERNAME"),
            password=password if password is not None else env_setting("TRACKING_PASSWORD"),
            verify=verify,
        )
