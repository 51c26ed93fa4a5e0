"""Operations for those who run the server: readiness and Prometheus metrics."""

from __future__ import annotations

from typing import Any

from flask import Response

from .. import metrics, readiness
from ..errors import ENDPOINT_NOT_FOUND, TEMPORARILY_UNAVAILABLE, TracklineError
from . import Context, handler


@handler("readiness")
def ready(ctx: Context, args: dict[str, Any]) -> dict[str, Any] | Response:
    from ..app import json_response

    states = readiness.check(ctx)
    if readiness.is_ready(states):
        return {"status": "ready", "checks": states}
    down = ", ".join(name for name, state in states.items() if state.startswith("unavailable"))
    body = {"error_code": TEMPORARILY_UNAVAILABLE, "message": f"Not ready: {down} unavailable.", "checks": states}
    return json_response(body, 503)


@handler("getMetrics")
def get_metrics(ctx: Context, args: dict[str, Any]) -> Response:
    if not ctx.config.metrics:
        raise TracklineError("Metrics are off on this server (started with --no-metrics).", ENDPOINT_NOT_FOUND)
    return Response(metrics.exposition(), content_type=metrics.CONTENT_TYPE)
