"""``trackline.config`` mirrors ``mlflow.config``: the tracking server and the asynchronous
logging switch.

>>> import trackline
>>> trackline.config.enable_async_logging()
>>> trackline.config.is_async_logging_enabled()
True
>>> trackline.config.enable_async_logging(False)
>>> trackline.config.is_async_logging_enabled()
False
>>> trackline.config.reset_async_logging()
"""

from __future__ import annotations

from ._config import async_logging_default, get_tracking_uri, set_async_logging_default, set_tracking_uri

__all__ = [
    "enable_async_logging",
    "get_tracking_uri",
    "is_async_logging_enabled",
    "reset_async_logging",
    "set_tracking_uri",
]


def enable_async_logging(enable: bool = True) -> None:
    """Make ``log_metric``, ``log_param``, ``set_tag``, ``log_metrics``, ``log_params``,
    ``set_tags`` and ``log_batch`` asynchronous by default in this process (fluent functions and
    every ``TracklineClient``), or synchronous with ``enable=False``; a call's own
    ``synchronous=`` argument still decides for that call. This switch wins over
    ``MLFLOW_ENABLE_ASYNC_LOGGING`` / ``TRACKLINE_ENABLE_ASYNC_LOGGING``.
    """
    set_async_logging_default(enable)


def is_async_logging_enabled() -> bool:
    """Whether logging calls are asynchronous by default (the switch, else the environment)."""
    return async_logging_default()


def reset_async_logging() -> None:
    """Forget :func:`enable_async_logging`: the environment decides again."""
    set_async_logging_default(None)
