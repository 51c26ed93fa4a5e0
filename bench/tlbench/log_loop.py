"""A training loop's logging, for workload 12, with MLflow's Python client or Trackline's.

``count`` calls of ``log_metric("m", i * 0.5, step=i)`` in one existing run, through the
fluent API as a training script writes them, then a flush. Prints one JSON line
``{"count": N, "seconds": S}``, S from the first call to the end of the flush: when it ends,
every point is on the server.

    python log_loop.py --client mlflow|trackline --tracking-uri URL --run-id ID --count N --mode sync|async

Runs in any Python that has the client installed (MLflow's venv for ``mlflow``); it imports
nothing else from the benchmark.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--client", choices=("mlflow", "trackline"), required=True)
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--run-id", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--mode", choices=("sync", "async"), required=True)
    p.add_argument("--key", default="m")
    args = p.parse_args()

    client = importlib.import_module(args.client)  # mlflow, or trackline (the same fluent API)
    client.set_tracking_uri(args.tracking_uri)
    client.config.enable_async_logging(args.mode == "async")
    key = args.key
    with client.start_run(run_id=args.run_id):
        log_metric = client.log_metric
        started = time.perf_counter()
        for i in range(args.count):
            log_metric(key, i * 0.5, step=i)
        client.flush_async_logging()
        seconds = time.perf_counter() - started
    print(json.dumps({"count": args.count, "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
