"""``python -m tlbench.floor``: what one small request costs, and where: HTTP server, app, client.

Prints CPU per request for ``GET /health`` and a single-point ``log-metric``:
- through a Trackline server (gunicorn, its default workers), from one client: the server's CPU;
- with the Flask app called directly as a WSGI callable in this process: the app's own CPU;
- from 8 client processes at once: the server's CPU and the clients' CPU, per request.
It runs in the project venv (it imports ``trackline_server``); SQLite files in a temp directory.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

import orjson
import requests

from .client import API, Client, now_ms
from .servers import TRACKLINE, Backend, ServerProcess, ServerSpec
from .tracking import run_log_metric_clients


def _body(run_id: str, step: int) -> bytes:
    return orjson.dumps({"run_id": run_id, "key": "m", "value": step * 0.5, "timestamp": now_ms(), "step": step})


def through_server(server: ServerProcess, run_id: str, n: int) -> dict[str, float]:
    session = requests.Session()
    out = {}
    for name, send in (
        ("health", lambda i: session.get(server.url + "/health", timeout=60)),
        (
            "log-metric",
            lambda i: session.post(
                server.url + API + "/runs/log-metric",
                data=_body(run_id, i),
                headers={"Content-Type": "application/json"},
                timeout=60,
            ),
        ),
    ):
        send(0)
        before = server.cpu_seconds()
        for i in range(1, n + 1):
            resp = send(i)
            if resp.status_code != 200:
                raise SystemExit(f"{name}: HTTP {resp.status_code} {resp.text[:200]}")
        out[name] = (server.cpu_seconds() - before) * 1000 / n
    return out


def direct_wsgi(workdir: Path, n: int) -> dict[str, float]:
    import dataclasses  # noqa: PLC0415 - the server package is only needed here

    from trackline_server.app import create_app  # noqa: PLC0415
    from trackline_server.config import ServerConfig  # noqa: PLC0415

    config = dataclasses.replace(
        ServerConfig.from_env(),
        backend_store_uri=f"sqlite:///{workdir}/direct.db",
        artifacts_destination=str(workdir / "direct-artifacts"),
    )
    app = create_app(config)
    run_id = (
        app.test_client().post(API + "/runs/create", json={"experiment_id": "0"}).get_json()["run"]["info"]["run_id"]
    )

    def call(method: str, path: str, body: bytes = b"") -> None:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        b"".join(app.wsgi_app(environ, lambda s, h, e=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{method} {path}: {status[0]}")

    out = {}
    for name, send in (
        ("health", lambda i: call("GET", "/health")),
        ("log-metric", lambda i: call("POST", API + "/runs/log-metric", _body(run_id, i))),
    ):
        send(0)
        before = time.process_time()
        for i in range(1, n + 1):
            send(i)
        out[name] = (time.process_time() - before) * 1000 / n
    return out


def eight_clients(server: ServerProcess, client: Client, clients: int, per_client: int) -> dict[str, float]:
    exp = client.create_experiment(f"floor-{time.time_ns()}")
    run_ids = [client.create_run(exp, f"c{c}") for c in range(clients)]
    started: list[float] = []
    got = run_log_metric_clients(
        server.url + API + "/runs/log-metric",
        run_ids,
        per_client,
        60.0,
        600.0,
        lambda: started.append(server.cpu_seconds()),
    )
    server_cpu = server.cpu_seconds() - started[0]
    n = sum(len(x) for x in got.latencies)
    return {
        "req_s": n / got.elapsed_s,
        "server_cpu_ms": server_cpu * 1000 / n,
        "client_cpu_ms": got.client_cpu_s * 1000 / n,
        "errors": float(sum(len(e) for e in got.errors)),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tlbench.floor", description=__doc__)
    p.add_argument("--trackline-bin", default=str(Path(sys.executable).with_name("trackline")))
    p.add_argument("--requests", type=int, default=2000, help="requests per measurement (default 2000)")
    args = p.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="tlbench-floor-"))
    server = ServerProcess(
        ServerSpec(TRACKLINE, args.trackline_bin, None, []), Backend("sqlite", workdir), workdir, "f"
    )
    try:
        server.start()
        client = Client(server.url)
        run_id = client.create_run(client.create_experiment("floor"), "one")
        served = through_server(server, run_id, args.requests)
        concurrent = eight_clients(server, client, 8, args.requests // 4)
        direct = direct_wsgi(workdir, args.requests)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("CPU per request, ms          GET /health   POST log-metric")
    print(f"through gunicorn, 1 client   {served['health']:11.3f}   {served['log-metric']:15.3f}   (server)")
    print(f"Flask app called directly    {direct['health']:11.3f}   {direct['log-metric']:15.3f}")
    print(
        f"8 client processes: {concurrent['req_s']:.0f} log-metric requests/s, "
        f"server {concurrent['server_cpu_ms']:.3f} ms and clients {concurrent['client_cpu_ms']:.3f} ms "
        f"of CPU per request, {concurrent['errors']:.0f} errors"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
