"""How big each workload is: the full scale of the benchmark, and a tiny one for smoke tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    repeats: int
    cold_starts: int
    create_runs: int
    log_metric_requests: int
    concurrent_clients: int
    concurrent_requests: int
    batches: int
    batch_size: int
    history_points: int
    history_page: int
    search_runs: int
    search_page: int
    populate_clients: int
    artifact_bytes: int
    registry_versions: int
    latency_calls: int
    # Seconds one measurement (one workload, one server, one repeat) may take before it stops early.
    time_limit_s: float
    populate_time_limit_s: float
    # Start both servers at once (saves MLflow's slow start; the cold-start figures get noisier).
    parallel_start: bool = False


FULL = Scale(
    name="full",
    repeats=3,
    cold_starts=3,
    create_runs=300,
    log_metric_requests=2000,
    concurrent_clients=8,
    concurrent_requests=4000,
    batches=50,
    batch_size=1000,
    history_points=100_000,
    history_page=25_000,
    search_runs=10_000,
    search_page=1000,
    populate_clients=4,
    artifact_bytes=100_000_000,
    registry_versions=200,
    latency_calls=20,
    time_limit_s=900.0,
    populate_time_limit_s=3600.0,
)

QUICK = Scale(
    name="quick",
    repeats=1,
    cold_starts=1,
    create_runs=10,
    log_metric_requests=20,
    concurrent_clients=4,
    concurrent_requests=24,
    batches=2,
    batch_size=200,
    history_points=500,
    history_page=200,
    search_runs=20,
    search_page=8,
    populate_clients=2,
    artifact_bytes=2_000_000,
    registry_versions=5,
    latency_calls=2,
    time_limit_s=60.0,
    populate_time_limit_s=120.0,
    parallel_start=True,
)

SCALES = {"full": FULL, "quick": QUICK}
