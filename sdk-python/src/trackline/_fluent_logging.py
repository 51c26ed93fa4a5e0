"""The fluent API's logging functions: MLflow's names, on the active run (started when none is).

Example (with a server running)::

    import trackline as tl

    tl.log_params({"alpha": 0.5, "l1_ratio": 0.1})
    tl.log_metrics({"rmse": 0.7, "r2": 0.3}, step=1)
    for step in range(1000):  # queued; sent by a worker thread in log-batch requests
        tl.log_metric("loss", 1 / (step + 1), step=step, synchronous=False)
    tl.flush_async_logging()  # all 1000 are on the server here (end_run does it too)
"""

from __future__ import annotations

from typing import Any

from . import _entities as ent
from ._async_logging import RunOperations
from ._convert import metric_value, now_ms
from ._fluent import _flush_fluent_client, _get_client, _run_id

__all__ = [
    "delete_tag",
    "flush_async_logging",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "set_tag",
    "set_tags",
]


def log_param(key: str, value: Any, synchronous: bool | None = None) -> Any:
    """Log a parameter of the active run and return ``value`` (a :class:`~trackline.RunOperations`
    when the call is queued: ``synchronous=False``, or asynchronous logging on)."""
    return _get_client().log_param(_run_id(), key, value, synchronous=synchronous)


def log_params(
    params: dict[str, Any], synchronous: bool | None = None, run_id: str | None = None
) -> RunOperations | None:
    """Log parameters of the active run (or of ``run_id``)."""
    return _get_client()._log_values(
        "log_params",
        _run_id(run_id),
        params=[ent.Param(str(k), str(v)) for k, v in params.items()],
        synchronous=synchronous,
    )


def log_metric(
    key: str,
    value: float,
    step: int | None = None,
    synchronous: bool | None = None,
    timestamp: int | None = None,
    run_id: str | None = None,
) -> RunOperations | None:
    """Log a metric value of the active run; ``step`` defaults to 0, ``timestamp`` to now.

    Returns a :class:`~trackline.RunOperations` when the call is queued, else ``None``.
    """
    return _get_client().log_metric(_run_id(run_id), key, value, timestamp, step, synchronous=synchronous)


def log_metrics(
    metrics: dict[str, float],
    step: int | None = None,
    synchronous: bool | None = None,
    run_id: str | None = None,
    timestamp: int | None = None,
) -> RunOperations | None:
    """Log several metric values of the active run at one step and time."""
    when = timestamp if timestamp is not None else now_ms()
    return _get_client()._log_values(
        "log_metrics",
        _run_id(run_id),
        metrics=[ent.Metric(key, metric_value(key, value), when, step or 0) for key, value in metrics.items()],
        synchronous=synchronous,
    )


def set_tag(key: str, value: Any, synchronous: bool | None = None) -> RunOperations | None:
    """Set a tag on the active run."""
    return _get_client().set_tag(_run_id(), key, value, synchronous=synchronous)


def set_tags(tags: dict[str, Any], synchronous: bool | None = None) -> RunOperations | None:
    """Set tags on the active run."""
    return _get_client()._log_values(
        "set_tags", _run_id(), tags=[ent.RunTag(str(k), str(v)) for k, v in tags.items()], synchronous=synchronous
    )


def delete_tag(key: str) -> None:
    """Remove a tag from the active run."""
    _get_client().delete_tag(_run_id(), key)


def flush_async_logging() -> None:
    """Wait until every logging call the fluent API queued is on the server, as MLflow's
    ``mlflow.flush_async_logging()``; raises :class:`~trackline.AsyncLoggingException` for
    calls the server did not store. ``end_run`` and leaving ``with start_run()`` do this too.
    """
    _flush_fluent_client()
