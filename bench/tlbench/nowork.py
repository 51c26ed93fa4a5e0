"""The client's floor: the benchmark's own clients against a server that does no work.

A small HTTP/1.1 server in a process of its own answers every request at once with ``200 {}``
(keep-alive, no parsing beyond the head and ``Content-Length``). The clients of workloads 2 and
3 send it the same log-metric requests, and workload 7's client uploads its file to it (received
and dropped) and downloads one of the same size (sent with ``sendfile``). What it measures bounds
every server in the same run: no server answers these clients faster, and the clients' own CPU
per request is spent whatever the server is. The table's single-request and transfer rows are
read against it (``floor_lines``).
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import time
from pathlib import Path
from typing import Any

from .artifacts import CHUNK, make_blob
from .base import CheckFailed
from .client import API, Client
from .procfs import tree_cpu_seconds
from .scale import Scale
from .stats import median, percentile
from .tracking import log_metric_body, run_log_metric_clients

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
RUN_ID = "0" * 32


class _NoWork(asyncio.Protocol):
    """Answers every request at once. A request's body is read and dropped (an upload is only
    received: no server takes one faster than the client sends it); a GET of ``/download`` sends
    ``blob`` with ``sendfile`` from the page cache (no server sends one with less work)."""

    def __init__(self, blob: Path) -> None:
        self.blob = blob
        self.buffer = b""
        self.body_left = 0

    def connection_made(self, transport: Any) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        if self.body_left:
            taken = min(len(data), self.body_left)
            self.body_left -= taken
            data = data[taken:]
            if self.body_left:
                return
            self.transport.write(ANSWER)
        self.buffer += data
        while not self.body_left:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            request_line, *headers = self.buffer[:head_end].split(b"\r\n")
            method, path = request_line.split(b" ")[:2]
            length = 0
            for line in headers:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            in_buffer = min(len(self.buffer) - head_end - 4, length)
            self.buffer = self.buffer[head_end + 4 + in_buffer :]
            self.body_left = length - in_buffer
            if method == b"GET" and path == b"/download":
                asyncio.get_running_loop().create_task(self._send_blob())
                return
            if not self.body_left:
                self.transport.write(ANSWER)

    async def _send_blob(self) -> None:
        self.transport.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + f"Content-Length: {self.blob.stat().st_size}\r\n\r\n".encode()
        )
        with open(self.blob, "rb") as f:
            await asyncio.get_running_loop().sendfile(self.transport, f)


def _serve(ports: Any, blob: str) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _NoWork(Path(blob)), "127.0.0.1", 0)
        ports.put(server.sockets[0].getsockname()[1])
        await server.serve_forever()

    asyncio.run(main())


def _transfers(client: Client, blob: Path, size: int) -> dict[str, float]:
    """Workload 7's upload and download of ``blob``, through the no-work server."""
    with open(blob, "rb") as f:
        start = time.perf_counter()
        resp = client.raw("PUT", "/upload", data=f, headers={"Content-Type": "application/octet-stream"})
        upload_s = time.perf_counter() - start
    resp.raise_for_status()
    digest = hashlib.sha256()
    received = 0
    start = time.perf_counter()
    with client.raw("GET", "/download", stream=True) as resp:
        resp.raise_for_status()
        for chunk in resp.iter_content(CHUNK):
            digest.update(chunk)
            received += len(chunk)
    download_s = time.perf_counter() - start
    if received != size:
        raise CheckFailed(f"the no-work server sent {received} of {size} bytes back")
    return {"upload_mb_s": size / 1e6 / upload_s, "download_mb_s": size / 1e6 / download_s}


def measure_floor(scale: Scale, workdir: Path) -> dict[str, float]:
    """The no-work server through one client (as workload 2), N client processes (as workload 3)
    and one artifact's upload and download (as workload 7)."""
    blob = workdir / "nowork-blob.bin"
    make_blob(blob, scale.artifact_bytes)
    mp = multiprocessing.get_context("spawn")
    ports: Any = mp.Queue()
    proc = mp.Process(target=_serve, args=(ports, str(blob)), daemon=True)
    proc.start()
    try:
        url = f"http://127.0.0.1:{ports.get(timeout=60)}"
        client = Client(url)
        n = scale.log_metric_requests
        client.post("/runs/log-metric", log_metric_body(RUN_ID, 0))
        latencies: list[float] = []
        server_cpu, client_cpu = tree_cpu_seconds(proc.pid), time.process_time()
        start = time.perf_counter()
        for step in range(1, n + 1):
            t = time.perf_counter()
            client.post("/runs/log-metric", log_metric_body(RUN_ID, step))
            latencies.append(time.perf_counter() - t)
        elapsed = time.perf_counter() - start
        out = {
            "one_req_s": n / elapsed,
            "one_p50_ms": percentile(latencies, 50) * 1000,
            "one_client_cpu_ms": (time.process_time() - client_cpu) * 1000 / n,
            "one_server_cpu_ms": (tree_cpu_seconds(proc.pid) - server_cpu) * 1000 / n,
        }
        clients = scale.concurrent_clients
        started: list[float] = []
        got = run_log_metric_clients(
            url + API + "/runs/log-metric",
            [RUN_ID] * clients,
            scale.concurrent_requests // clients,
            60.0,
            600.0,
            lambda: started.append(tree_cpu_seconds(proc.pid)),
        )
        done = sum(len(x) for x in got.latencies)
        out.update(
            {
                "clients": float(clients),
                "n_req_s": done / got.elapsed_s,
                "n_client_cpu_ms": got.client_cpu_s * 1000 / done,
                "n_server_cpu_ms": (tree_cpu_seconds(proc.pid) - started[0]) * 1000 / done,
                "n_errors": float(sum(len(e) for e in got.errors)),
            }
        )
        transfers = [_transfers(client, blob, scale.artifact_bytes) for _ in range(scale.repeats)]
        out["upload_mb_s"] = median([t["upload_mb_s"] for t in transfers])
        out["download_mb_s"] = median([t["download_mb_s"] for t in transfers])
        return out
    finally:
        proc.kill()
        proc.join(timeout=10)
        blob.unlink(missing_ok=True)


def _row(doc: dict[str, Any], section_id: str, key: str) -> dict[str, Any] | None:
    for section in doc["sections"]:
        if section["id"] == section_id:
            for row in section["rows"]:
                if row["key"] == key:
                    return row
    return None


def floor_lines(doc: dict[str, Any]) -> list[str]:
    """The floor, and what ten times MLflow would ask of a single-request row against it."""
    floor = doc.get("floor")
    if not floor:
        return []
    out = [
        "The clients' floor: the same clients against a server that does no work (tlbench.nowork):",
        f"- 1 client: {floor['one_req_s']:,.0f} req/s, latency p50 {floor['one_p50_ms']:.3f} ms; "
        f"CPU per request: client {floor['one_client_cpu_ms']:.3f} ms, no-work server {floor['one_server_cpu_ms']:.3f} ms",
        f"- {floor['clients']:.0f} client processes: {floor['n_req_s']:,.0f} req/s; CPU per request: clients "
        f"{floor['n_client_cpu_ms']:.3f} ms, no-work server {floor['n_server_cpu_ms']:.3f} ms; "
        f"{floor['n_errors']:.0f} errors",
    ]
    if "upload_mb_s" in floor:
        out.append(
            f"- one artifact (as workload 7): upload {floor['upload_mb_s']:,.0f} MB/s "
            f"(the body received and dropped), download {floor['download_mb_s']:,.0f} MB/s (sendfile from the page cache)"
        )
    checks = (
        ("create-run", "p50_ms", "create-run latency p50", "latency", floor["one_p50_ms"]),
        ("log-metric-1", "p50_ms", "log-metric from 1 client, latency p50", "latency", floor["one_p50_ms"]),
        ("log-metric-1", "req_s", "log-metric from 1 client, throughput", "rate", floor["one_req_s"]),
        (
            "log-metric-n",
            "req_s",
            f"log-metric from {floor['clients']:.0f} clients, throughput",
            "rate",
            floor["n_req_s"],
        ),
        ("registry", "create_p50_ms", "create-model-version p50", "latency", floor["one_p50_ms"]),
        ("registry", "latest_ms", "get-latest-versions", "latency", floor["one_p50_ms"]),
        ("artifacts", "upload_mb_s", "artifact upload", "rate", floor.get("upload_mb_s")),
        ("artifacts", "download_mb_s", "artifact download", "rate", floor.get("download_mb_s")),
    )
    for section_id, key, label, kind, bound in checks:
        row = _row(doc, section_id, key)
        if row is None or row.get("mlflow") is None or bound is None:
            continue
        if kind == "latency":
            aim = row["mlflow"] / 10
            reachable = aim > bound
            out.append(
                f"- {label}: 10x MLflow is {aim:.3f} ms; the floor is {bound:.3f} ms: "
                + ("above the floor" if reachable else "below the floor, out of reach of any server")
            )
        else:
            aim = row["mlflow"] * 10
            reachable = aim < bound
            unit = row["unit"]
            out.append(
                f"- {label}: 10x MLflow is {aim:,.0f} {unit}; the floor allows {bound:,.0f} {unit}: "
                + ("within it" if reachable else "beyond it, out of reach of any server")
            )
    return out
