"""Logging clients that keep a ledger of every write they saw acknowledged, and its check.

Each client is a process with its own run: it logs single points, batches (points, a param and a
tag) and small artifacts through the load balancer, as fast as it can, until its deadline or its
count of steps. A failure that a client is expected to retry (a connection error, 502, 503 or
504) is retried with the same request, as MLflow's and Trackline's clients do: the same body
(timestamps included) and, for runs/create, the same ``Idempotency-Key``. Every other failure
is an error. Afterwards :func:`check` compares the ledgers with PostgreSQL and the bucket.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from .layout import ARTIFACT_PREFIX, BUCKET, Layout

API = "/api/2.0/mlflow"
ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts"
RETRYABLE_STATUSES = frozenset({502, 503, 504})
GIVE_UP_AFTER = 60.0  # seconds of retrying one request before counting it as lost


@dataclass
class ClientReport:
    client: int
    run_id: str | None = None
    acked: list[dict[str, Any]] = field(default_factory=list)
    # Retried failures by kind: "503", "502", "ConnectionError", ... ("503 without Retry-After" too).
    retried: Counter[str] = field(default_factory=Counter)
    # Failures that must not happen: other statuses, answers a client cannot read, gave up.
    errors: list[str] = field(default_factory=list)


class _Client:
    def __init__(self, url: str, report: ClientReport) -> None:
        self.url = url
        self.report = report
        self.session = requests.Session()

    def send(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        """The answer once it is a success; None (an error recorded) if it is not retryable or never came."""
        give_up = time.monotonic() + GIVE_UP_AFTER
        while True:
            try:
                resp = self.session.request(method, self.url + path, timeout=30, **kwargs)
            except requests.ConnectionError as exc:
                self.report.retried[type(exc).__name__] += 1
            else:
                if resp.status_code == 200:
                    return resp
                if resp.status_code not in RETRYABLE_STATUSES:
                    self.report.errors.append(f"{method} {path} -> {resp.status_code}: {resp.text[:300]}")
                    return None
                kind = str(resp.status_code)
                if "Retry-After" not in resp.headers:
                    kind += " without Retry-After"
                try:
                    if resp.json().get("error_code") != "TEMPORARILY_UNAVAILABLE":
                        kind += " without the error envelope"
                except ValueError:
                    kind += " without the error envelope"
                self.report.retried[kind] += 1
            if time.monotonic() > give_up:
                self.report.errors.append(f"{method} {path}: gave up after {GIVE_UP_AFTER:.0f} s of retries")
                return None
            time.sleep(0.2)


def _write(
    url: str, experiment_id: str, client_no: int, seconds: float, max_steps: int, artifacts: bool
) -> ClientReport:
    report = ClientReport(client_no)
    client = _Client(url, report)
    deadline = time.monotonic() + seconds
    key = f"ledger-{client_no}-{uuid.uuid4().hex}"
    created = client.send(
        "POST",
        f"{API}/runs/create",
        json={"experiment_id": experiment_id, "run_name": f"client-{client_no}"},
        headers={"Idempotency-Key": key},
    )
    if created is None:
        return report
    info = created.json()["run"]["info"]
    run_id = report.run_id = info["run_id"]
    report.acked.append({"kind": "run", "run_id": run_id})
    artifact_base = info["artifact_uri"].removeprefix("mlflow-artifacts:/")
    for step in range(max_steps):
        if time.monotonic() > deadline:
            break
        now = int(time.time() * 1000)
        point = {"run_id": run_id, "key": "loss", "value": step / 7, "timestamp": now, "step": step}
        if client.send("POST", f"{API}/runs/log-metric", json=point):
            report.acked.append({"kind": "metric", **point})
        if step % 5 == 0:
            batch = {
                "run_id": run_id,
                "metrics": [{"key": "acc", "value": step / 11, "timestamp": now, "step": step}],
                "params": [{"key": f"p{step}", "value": f"v{step}"}],
                "tags": [{"key": "last_batch", "value": str(step)}],
            }
            if client.send("POST", f"{API}/runs/log-batch", json=batch):
                report.acked.append({"kind": "metric", "run_id": run_id, **batch["metrics"][0]})
                report.acked.append({"kind": "param", "run_id": run_id, "key": f"p{step}", "value": f"v{step}"})
        if artifacts and step % 10 == 0:
            body = f"client {client_no} step {step} {uuid.uuid4().hex}\n".encode() * 50
            path = f"{artifact_base}/steps/{step}.txt"
            if client.send("PUT", f"{ARTIFACTS}/{path}", data=body):
                report.acked.append({"kind": "artifact", "path": path, "md5": hashlib.md5(body).hexdigest()})
    return report


def _write_to_file(args: tuple[str, str, int, float, int, bool, str]) -> None:
    *params, out = args
    report = _write(*params)  # type: ignore[arg-type]
    Path(out).write_text(
        json.dumps(
            {
                "client": report.client,
                "run_id": report.run_id,
                "acked": report.acked,
                "retried": dict(report.retried),
                "errors": report.errors,
            }
        )
    )


def start_clients(
    url: str, experiment_id: str, clients: int, seconds: float, max_steps: int, workdir: Path, artifacts: bool = True
) -> tuple[Any, Any]:
    """Start ``clients`` processes; returns (pool, async result) for :func:`collect`."""
    workdir.mkdir(parents=True, exist_ok=True)
    jobs = [
        (url, experiment_id, n, seconds, max_steps, artifacts, str(workdir / f"client-{n}.json"))
        for n in range(clients)
    ]
    pool = multiprocessing.get_context("fork").Pool(clients)
    return pool, pool.map_async(_write_to_file, jobs)


def collect(pool: Any, pending: Any, workdir: Path, clients: int, timeout: float) -> list[ClientReport]:
    try:
        pending.get(timeout=timeout)
    finally:
        pool.terminate()
        pool.join()
    reports = []
    for n in range(clients):
        data = json.loads((workdir / f"client-{n}.json").read_text())
        reports.append(
            ClientReport(data["client"], data["run_id"], data["acked"], Counter(data["retried"]), data["errors"])
        )
    return reports


@dataclass
class Check:
    acked: Counter[str]
    missing: list[str]
    duplicates: list[str]
    runs_in_experiment: int


def check(layout: Layout, experiment_id: str, reports: list[ClientReport]) -> Check:
    """Every acknowledged write in PostgreSQL and the bucket, no point twice, one run per client."""
    import psycopg2

    from .seaweed import s3_client

    acked: Counter[str] = Counter(entry["kind"] for r in reports for entry in r.acked)
    missing: list[str] = []
    duplicates: list[str] = []
    run_ids = [r.run_id for r in reports if r.run_id]
    conn = psycopg2.connect(layout.database_uri, connect_timeout=10)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT run_uuid, key, step, timestamp, value, count(*) OVER (PARTITION BY run_uuid, key, step) "
                "FROM metrics WHERE run_uuid = ANY(%s)",
                (run_ids,),
            )
            points = {}
            for run, key, step, ts, value, copies in cur.fetchall():
                points[(run, key, step)] = (ts, value)
                if copies > 1:
                    duplicates.append(f"{run} {key} step {step}: {copies} points")
            cur.execute("SELECT run_uuid, key, value FROM params WHERE run_uuid = ANY(%s)", (run_ids,))
            params = {(run, key): value for run, key, value in cur.fetchall()}
            cur.execute(
                "SELECT count(*) FROM runs WHERE experiment_id = %s AND lifecycle_stage = 'active'",
                (int(experiment_id),),
            )
            runs_in_experiment = int(cur.fetchone()[0])
    finally:
        conn.close()
    s3 = s3_client(layout)
    for report in reports:
        for entry in report.acked:
            kind = entry["kind"]
            if kind == "metric":
                found = points.get((entry["run_id"], entry["key"], entry["step"]))
                if found is None or found[0] != entry["timestamp"] or abs(found[1] - entry["value"]) > 1e-12:
                    missing.append(f"metric {entry}: stored {found}")
            elif kind == "param":
                if params.get((entry["run_id"], entry["key"])) != entry["value"]:
                    missing.append(f"param {entry}")
            elif kind == "artifact":
                key = f"{ARTIFACT_PREFIX}/{entry['path']}"
                try:
                    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
                except s3.exceptions.NoSuchKey:
                    missing.append(f"artifact {key}")
                    continue
                if hashlib.md5(body).hexdigest() != entry["md5"]:
                    missing.append(f"artifact {key}: other content")
    return Check(acked, missing, duplicates, runs_in_experiment)
