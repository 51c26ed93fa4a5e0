"""``python -m tlbench.authcost``: what checking credentials and permissions costs, per request.

The Flask app in this process (no HTTP server, no client on the same cores), once without and
once with ``--auth`` (signed in with HTTP Basic as a user who is not an admin, so that every
request looks its permission up), each on its own SQLite file; batches of log-metric requests and
of searches (``runs/search`` of one experiment, ``experiments/search``) alternate between the two,
and the figure is the median of the batches' CPU time per request (``time.process_time``), which
other jobs on the machine disturb far less than wall-clock rates. The whole request is counted:
routing, validation, the checks, the handler and the SQL.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import tempfile
import time
from typing import Any

from trackline_server.app import create_app
from trackline_server.auth.store import AuthStore
from trackline_server.config import ServerConfig
from trackline_server.store.engine import Database

USER, PASSWORD = "bench", "bench-password-1"


def _app(workdir: str, auth: bool) -> tuple[Any, dict[str, str], str, str]:
    mode = "on" if auth else "off"
    config = ServerConfig(
        backend_store_uri=f"sqlite:///{workdir}/{mode}.db", artifacts_destination=f"{workdir}/art", auth=auth
    )
    config.metrics = False
    client = create_app(config).test_client()
    headers: dict[str, str] = {}
    if auth:
        db = Database(config.backend_store_uri)
        AuthStore(db).create_user(USER, PASSWORD)
        db.dispose()
        headers = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
    eid = client.post("/api/2.0/mlflow/experiments/create", json={"name": "e"}, headers=headers).get_json()[
        "experiment_id"
    ]
    run = client.post("/api/2.0/mlflow/runs/create", json={"experiment_id": eid}, headers=headers).get_json()
    return client, headers, eid, run["run"]["info"]["run_id"]


def measure(rounds: int = 8, batch: int = 400) -> dict[str, dict[str, float]]:
    workdir = tempfile.mkdtemp(prefix="tlbench-authcost-")
    apps = {"off": _app(workdir, False), "on": _app(workdir, True)}
    samples: dict[str, dict[str, list[float]]] = {m: {"log_metric": [], "search": []} for m in apps}
    step = 0
    for r in range(rounds):
        for mode in ("off", "on") if r % 2 == 0 else ("on", "off"):
            client, headers, eid, run_id = apps[mode]
            start = time.process_time()
            for _ in range(batch):
                step += 1
                body = {"run_id": run_id, "key": "m", "value": 1.0, "timestamp": 1, "step": step}
                assert client.post("/api/2.0/mlflow/runs/log-metric", json=body, headers=headers).status_code == 200
            samples[mode]["log_metric"].append((time.process_time() - start) * 1000 / batch)
            start = time.process_time()
            for _ in range(batch // 4):
                runs = client.post("/api/2.0/mlflow/runs/search", json={"experiment_ids": [eid]}, headers=headers)
                exps = client.post("/api/2.0/mlflow/experiments/search", json={"max_results": 10}, headers=headers)
                assert runs.status_code == exps.status_code == 200
            samples[mode]["search"].append((time.process_time() - start) * 1000 / (batch // 2))
    return {m: {k: statistics.median(v) for k, v in s.items()} for m, s in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="tlbench.authcost", description=__doc__)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--batch", type=int, default=400)
    args = parser.parse_args()
    got = measure(args.rounds, args.batch)
    print("CPU ms per request in one process (median of the batches)")
    print(f"{'request':<12} {'auth off':>9} {'auth on':>9} {'cost':>9}")
    for key in ("log_metric", "search"):
        off, on = got["off"][key], got["on"][key]
        print(f"{key:<12} {off:9.3f} {on:9.3f} {on - off:+9.3f}")


if __name__ == "__main__":
    main()
