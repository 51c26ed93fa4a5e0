"""Throughput through nginx with 1 and 3 replicas: 16 clients logging single points.

``python -m tlcluster.bench`` (``make bench-cluster``) runs against the local cluster: for each
setup, 16 client processes, each with its own run, send ``runs/log-metric`` requests as fast as
they can (one ``requests.Session`` each). Every answer is checked (200); a failure counts as an
error. Besides throughput and latency it reports where the machine's CPU went during the
measurement, from /proc: the replicas' process trees, PostgreSQL's, nginx's and the clients'
own. On a machine with few cores that split, not the replica count, bounds the gain.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import requests

from tlbench.procfs import tree_cpu_seconds
from tlbench.stats import percentile

from .cluster import Cluster
from .layout import Layout
from .processes import read_pid

API = "/api/2.0/mlflow"


@dataclass
class Setup:
    label: str
    replicas: int
    through_nginx: bool = True


SETUPS = (
    Setup("1 replica, direct (no nginx)", 1, through_nginx=False),
    Setup("1 replica behind nginx", 1),
    Setup("3 replicas behind nginx", 3),
)


@dataclass
class Result:
    setup: str
    replicas: int
    clients: int
    requests: int
    errors: int
    seconds: float
    req_s: float
    p50_ms: float
    p99_ms: float
    cpu_s: dict[str, float]


def _client(args: tuple[str, str, int]) -> tuple[list[float], int, float]:
    url, run_id, count = args
    session = requests.Session()
    latencies: list[float] = []
    errors = 0
    cpu = time.process_time()
    for step in range(count):
        body = {"run_id": run_id, "key": "m", "value": step * 0.5, "timestamp": int(time.time() * 1000), "step": step}
        started = time.perf_counter()
        try:
            ok = session.post(f"{url}{API}/runs/log-metric", json=body, timeout=60).status_code == 200
        except requests.RequestException:
            ok = False
        latencies.append(time.perf_counter() - started)
        errors += not ok
    return latencies, errors, time.process_time() - cpu


def _cpu(cluster: Cluster, replicas: int) -> dict[str, float]:
    layout = cluster.layout
    out = {"replicas": 0.0}
    for index in range(replicas):
        pid = cluster.replica_pid(index)
        out["replicas"] += tree_cpu_seconds(pid) if pid else 0.0
    for name in ("postgres", "nginx"):
        pid = read_pid(layout.pid_file(name))
        out[name] = tree_cpu_seconds(pid) if pid else 0.0
    return out


def measure(cluster: Cluster, setup: Setup, clients: int, per_client: int) -> Result:
    layout = cluster.layout
    url = layout.url if setup.through_nginx else layout.replica_url(0)
    experiment = requests.post(
        f"{url}{API}/experiments/create", json={"name": f"bench-{time.time_ns()}"}, timeout=30
    ).json()["experiment_id"]
    runs = [
        requests.post(f"{url}{API}/runs/create", json={"experiment_id": experiment}, timeout=30).json()["run"]["info"][
            "run_id"
        ]
        for _ in range(clients)
    ]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(clients) as pool:
        before = _cpu(cluster, setup.replicas)
        started = time.perf_counter()
        answers = pool.map(_client, [(url, run, per_client) for run in runs])
        seconds = time.perf_counter() - started
        after = _cpu(cluster, setup.replicas)
    latencies = [t for lat, _, _ in answers for t in lat]
    cpu = {name: after[name] - before[name] for name in after}
    cpu["clients"] = sum(c for _, _, c in answers)
    cpu["wall x cores"] = seconds * (os.cpu_count() or 1)
    return Result(
        setup=setup.label,
        replicas=setup.replicas,
        clients=clients,
        requests=len(latencies),
        errors=sum(e for _, e, _ in answers),
        seconds=seconds,
        req_s=len(latencies) / seconds,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        cpu_s=cpu,
    )


def _median_result(results: list[Result]) -> Result:
    ordered = sorted(results, key=lambda r: r.req_s)
    return ordered[len(ordered) // 2]


def run(cluster: Cluster, clients: int, per_client: int, repeats: int) -> list[Result]:
    out = []
    for setup in SETUPS:
        cluster.scale(setup.replicas)
        measure(cluster, setup, clients, max(5, per_client // 10))  # warm-up: connections, caches
        out.append(_median_result([measure(cluster, setup, clients, per_client) for _ in range(repeats)]))
    cluster.scale(cluster.layout.replicas)
    return out


def markdown(results: list[Result]) -> str:
    lines = [
        "| setup | req/s | p50 ms | p99 ms | errors | CPU s: replicas | PostgreSQL | nginx | clients | wall x cores |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        c = r.cpu_s
        lines.append(
            f"| {r.setup} | {r.req_s:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {c['replicas']:.1f} | "
            f"{c['postgres']:.1f} | {c['nginx']:.1f} | {c['clients']:.1f} | {c['wall x cores']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="tlcluster.bench", description=__doc__)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=500, help="requests per client")
    parser.add_argument("--repeats", type=int, default=3, help="the median of this many runs is shown")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    cluster = Cluster(Layout.from_env())
    load = os.getloadavg()[0]
    results = run(cluster, args.clients, args.requests, args.repeats)
    print(f"{args.clients} clients x {args.requests} log-metric requests, median of {args.repeats}; load {load:.1f}")
    print(markdown(results))
    if args.json:
        data: dict[str, Any] = {"load_average_1m": load, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    main()
