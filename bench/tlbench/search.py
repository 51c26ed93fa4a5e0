"""Workload 6: search-runs over one experiment of many runs, each with params, metrics and tags."""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from .base import LOWER, CheckFailed, Context, Measurement, Row, Workload
from .client import ApiError
from .scale import Scale

FILTER = "metrics.m1 > 0.5 and params.p1 = 'x'"
ORDER_BY = ["metrics.m1 DESC"]
PARAMS, METRICS, TAGS = 10, 10, 5


@dataclass(frozen=True)
class RunData:
    metrics: dict[str, float]
    params: dict[str, str]
    tags: dict[str, str]


def run_data(i: int) -> RunData:
    """The same values for run ``i`` on every server."""
    rng = random.Random(i)
    metrics = {f"m{k}": rng.random() for k in range(METRICS)}
    params = {f"p{k}": f"v{rng.randrange(100)}" for k in range(PARAMS)}
    params["p1"] = "x" if rng.random() < 0.5 else "y"
    tags = {f"t{k}": f"tag{rng.randrange(10)}" for k in range(TAGS)}
    return RunData(metrics, params, tags)


def expected_filtered(n: int, limit: int) -> list[float]:
    """m1 of the runs the filtered, ordered search returns, in order."""
    values = [d.metrics["m1"] for d in map(run_data, range(n)) if d.metrics["m1"] > 0.5 and d.params["p1"] == "x"]
    return sorted(values, reverse=True)[:limit]


class SearchRuns(Workload):
    id = "search"
    rows = (
        Row("populate_s", "populate (create-run + log-batch per run, once)", "s", LOWER),
        Row("no_filter_s", "no filter, first page", "s", LOWER),
        Row("filter_order_s", "filter + order by metric", "s", LOWER),
        Row("paginate_s", "page through all runs", "s", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return (
            f"6. search-runs, {scale.search_runs:,} runs ({PARAMS} params, {METRICS} metrics, {TAGS} tags each),"
            f" max_results {scale.search_page:,}"
        )

    def setup(self, ctx: Context) -> Measurement:
        n = ctx.scale.search_runs
        exp = ctx.client.create_experiment(f"bench-search-{uuid.uuid4().hex[:8]}")
        ctx.state["search_exp"] = exp
        deadline = ctx.deadline(populate=True)
        t0 = int(time.time() * 1000) - n
        retries: list[str] = []
        failures: list[str] = []
        lock = threading.Lock()
        next_index = iter(range(n))

        def call(fn: Any, *args: Any) -> Any:
            for attempt in range(6):
                try:
                    return fn(*args)
                except (ApiError, OSError) as exc:
                    status = getattr(exc, "status", 0)
                    if attempt == 5 or (status and status < 500):
                        raise
                    with lock:
                        retries.append(str(exc)[:200])
                    time.sleep(0.2 * 2**attempt)
            raise AssertionError("unreachable")

        def worker() -> None:
            try:
                while not deadline.expired():
                    with lock:
                        i = next(next_index, None)
                    if i is None:
                        return
                    data = run_data(i)
                    run_id = call(ctx.client.create_run, exp, f"r{i}", t0 + i)
                    body = {
                        "run_id": run_id,
                        "metrics": [
                            {"key": k, "value": v, "timestamp": t0 + i, "step": 0} for k, v in data.metrics.items()
                        ],
                        "params": [{"key": k, "value": v} for k, v in data.params.items()],
                        "tags": [{"key": k, "value": v} for k, v in data.tags.items()],
                    }
                    call(ctx.client.post, "/runs/log-batch", body)
            except Exception as exc:  # reported below; the other threads go on
                with lock:
                    failures.append(f"{type(exc).__name__}: {exc}")
            finally:
                ctx.client.close_thread_session()

        threads = [threading.Thread(target=worker) for _ in range(ctx.scale.populate_clients)]
        start = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.perf_counter() - start
        if failures:
            raise CheckFailed(f"populating failed: {failures[0]}")
        if deadline.expired():
            raise CheckFailed(f"populating hit the time limit of {deadline.seconds:.0f} s")
        ctx.server.settle_database()  # not timed
        notes = [f"populated with {ctx.scale.populate_clients} clients"]
        if retries:
            notes.append(f"{len(retries)} populate requests retried, first: {retries[0]}")
        return Measurement({"populate_s": elapsed}, notes)

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        n, page = ctx.scale.search_runs, ctx.scale.search_page
        exp = ctx.state["search_exp"]
        search = ctx.client.post

        start = time.perf_counter()
        first = search("/runs/search", {"experiment_ids": [exp], "max_results": page})
        no_filter_s = time.perf_counter() - start
        got = len(first.get("runs", []))
        if got != min(page, n):
            raise CheckFailed(f"no-filter search returned {got} runs, expected {min(page, n)}")
        _check_run_shape(first["runs"][0])

        start = time.perf_counter()
        filtered = search(
            "/runs/search", {"experiment_ids": [exp], "filter": FILTER, "order_by": ORDER_BY, "max_results": page}
        )
        filter_order_s = time.perf_counter() - start
        _check_filtered(filtered.get("runs", []), expected_filtered(n, page))

        ids: set[str] = set()
        pages = 0
        token = None
        start = time.perf_counter()
        while True:
            body: dict[str, Any] = {"experiment_ids": [exp], "max_results": page}
            if token:
                body["page_token"] = token
            result = search("/runs/search", body)
            pages += 1
            ids.update(r["info"]["run_id"] for r in result.get("runs", []))
            token = result.get("next_page_token")
            if not token:
                break
        paginate_s = time.perf_counter() - start
        if len(ids) != n:
            raise CheckFailed(f"paging returned {len(ids)} distinct runs in {pages} pages, expected {n}")
        return Measurement(
            {"no_filter_s": no_filter_s, "filter_order_s": filter_order_s, "paginate_s": paginate_s},
            [f"{pages} pages"] if repeat == 0 else [],
        )


def _check_run_shape(run: dict[str, Any]) -> None:
    data = run.get("data", {})
    counts = (len(data.get("metrics", [])), len(data.get("params", [])))
    user_tags = [t for t in data.get("tags", []) if not t["key"].startswith("mlflow.")]
    if counts != (METRICS, PARAMS) or len(user_tags) != TAGS:
        raise CheckFailed(
            f"a run came back with {counts[0]} metrics, {counts[1]} params, {len(user_tags)} tags;"
            f" expected {METRICS}, {PARAMS}, {TAGS}"
        )


def _check_filtered(runs: list[dict[str, Any]], expected: list[float]) -> None:
    got = []
    for run in runs:
        data = run.get("data", {})
        metrics = {m["key"]: m["value"] for m in data.get("metrics", [])}
        params = {p["key"]: p["value"] for p in data.get("params", [])}
        if params.get("p1") != "x":
            raise CheckFailed(f"filtered search returned a run with p1={params.get('p1')!r}")
        got.append(metrics.get("m1"))
    if got != expected:
        raise CheckFailed(
            f"filtered search returned {len(got)} runs (m1 from {got[:3]}...), expected {len(expected)} (m1 from {expected[:3]}...)"
        )
