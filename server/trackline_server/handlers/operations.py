"""Operations for those who run the server: readiness and Prometheus metrics."""

from __future__ import annotations

from typing import Any

from .. import metrics, readiness
from ..errors import ENDPOINT_NOT_FOUND, TracklineError
from . import Context, RawAnswer, handler


@handler("readiness")
def ready(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    states = readiness.check(ctx)
    if not readiness.is_ready(states):
        raise readiness.NotReady(states)
    return {"status": "ready", "checks": states}


@handler("getMetrics")
def get_metrics(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    if not ctx.config.metrics:
        raise TracklineError("Metrics are off on this server (started with --no-metrics).", ENDPOINT_NOT_FOUND)
    return RawAnswer(metrics.exposition().decode("utf-8"), metrics.CONTENT_TYPE)
