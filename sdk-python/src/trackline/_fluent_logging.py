"""The fluent API's logging functions: MLflow's names, on the active run (started when none is).

Example (with a server running)::

    import trackline as tl

    tl.log_params({"alpha": 0.5, "l1_ratio": 0.1})
    tl.log_metrics({"rmse": 0.7, "r2": 0.3}, step=1)
"""

from __future__ import annotations

from typing import Any

from . import _entities as ent
from ._convert import metric_value, now_ms
from ._fluent import _get_client, _run_id

__all__ = [
    "delete_tag",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "set_tag",
    "set_tags",
]


def log_param(key: str, value: Any, synchronous: bool | None = None) -> Any:
    """Log a parameter of the active run and return ``value``."""
    del synchronous
    return _get_client().log_param(_run_id(), key, value)


def log_params(params: dict[str, Any], synchronous: bool | None = None, run_id: str | None = None) -> None:
    """Log parameters of the active run (or of ``run_id``)."""
    del synchronous
    _get_client().log_batch(_run_id(run_id), params=[ent.Param(str(k), str(v)) for k, v in params.items()])


def log_metric(
    key: str,
    value: float,
    step: int | None = None,
    synchronous: bool | None = None,
    timestamp: int | None = None,
    run_id: str | None = None,
) -> None:
    """Log a metric value of the active run; ``step`` defaults to 0, ``timestamp`` to now."""
    del synchronous
    _get_client().log_metric(_run_id(run_id), key, value, timestamp, step)


def log_metrics(
    metrics: dict[str, float],
    step: int | None = None,
    synchronous: bool | None = None,
    run_id: str | None = None,
    timestamp: int | None = None,
) -> None:
    """Log several metric values of the active run at one step and time."""
    del synchronous
    when = timestamp if timestamp is not None else now_ms()
    _get_client().log_batch(
        _run_id(run_id),
        metrics=[ent.Metric(key, metric_value(key, value), when, step or 0) for key, value in metrics.items()],
    )


def set_tag(key: str, value: Any, synchronous: bool | None = None) -> None:
    """Set a tag on the active run."""
    del synchronous
    _get_client().set_tag(_run_id(), key, value)


def set_tags(tags: dict[str, Any], synchronous: bool | None = None) -> None:
    """Set tags on the active run."""
    del synchronous
    _get_client().log_batch(_run_id(), tags=[ent.RunTag(str(k), str(v)) for k, v in tags.items()])


def delete_tag(key: str) -> None:
    """Remove a tag from the active run."""
    _get_client().delete_tag(_run_id(), key)
