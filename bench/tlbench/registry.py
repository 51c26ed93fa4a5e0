"""Workload 8: a registered model with many versions; searching them and getting the latest."""

from __future__ import annotations

import time
import uuid

from .base import LOWER, CheckFailed, Context, Measurement, Row, Unavailable, Workload
from .client import ApiError
from .scale import Scale
from .stats import median, percentile


class Registry(Workload):
    id = "registry"
    rows = (
        Row("create_p50_ms", "create-model-version p50", "ms", LOWER),
        Row("search_ms", "search-model-versions", "ms", LOWER),
        Row("latest_ms", "get-latest-versions", "ms", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return f"8. registry, {scale.registry_versions} versions of one model"

    def setup(self, ctx: Context) -> None:
        exp = ctx.client.create_experiment(f"bench-registry-{uuid.uuid4().hex[:8]}")
        ctx.state["registry_run"] = ctx.client.create_run(exp, "registry-source")

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        name = f"bench-m-{uuid.uuid4().hex[:8]}"
        try:
            ctx.client.post("/registered-models/create", {"name": name})
        except ApiError as exc:
            if exc.status == 404 and "ENDPOINT_NOT_FOUND" in exc.body:
                raise Unavailable("the server has no model registry routes (404 ENDPOINT_NOT_FOUND)") from None
            raise
        n = ctx.scale.registry_versions
        body = {"name": name, "source": "s3://bucket/m", "run_id": ctx.state["registry_run"]}
        deadline = ctx.deadline()
        latencies = []
        for _ in range(n):
            if deadline.expired():
                raise CheckFailed(f"time limit after {len(latencies)} of {n} versions")
            t = time.perf_counter()
            ctx.client.post("/model-versions/create", body)
            latencies.append(time.perf_counter() - t)

        search_times = []
        for _ in range(ctx.scale.latency_calls):
            t = time.perf_counter()
            found = ctx.client.get("/model-versions/search", {"filter": f"name='{name}'", "max_results": 1000})
            search_times.append(time.perf_counter() - t)
            versions = found.get("model_versions", [])
            if len(versions) != n:
                raise CheckFailed(f"search-model-versions returned {len(versions)} versions, expected {n}")

        latest_times = []
        for _ in range(ctx.scale.latency_calls):
            t = time.perf_counter()
            latest = ctx.client.post("/registered-models/get-latest-versions", {"name": name})
            latest_times.append(time.perf_counter() - t)
            got = [str(v.get("version")) for v in latest.get("model_versions", [])]
            if got != [str(n)]:
                raise CheckFailed(f"get-latest-versions returned versions {got}, expected ['{n}']")

        return Measurement(
            {
                "create_p50_ms": percentile(latencies, 50) * 1000,
                "search_ms": median(search_times) * 1000,
                "latest_ms": median(latest_times) * 1000,
            }
        )
