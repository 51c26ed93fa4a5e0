"""Retries, errors, timeouts and credentials, against a small real HTTP server in this process."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import trackline
from trackline import TracklineClient, TracklineException

EXPERIMENT = {"experiment": {"experiment_id": "7", "name": "scripted", "lifecycle_stage": "active"}}


@dataclass
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None  # sent as it is instead of ``body`` as JSON


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    peer_port: int
    body: bytes = b""


class ScriptedServer(ThreadingHTTPServer):
    """Answers each request with the next scripted answer (the last one repeats)."""

    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.script: list[Answer] = []
        self.seen: list[Seen] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_answer(self, seen: Seen) -> Answer:
        with self.lock:
            self.seen.append(seen)
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedServer
    protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be seen

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = Seen(
            self.command,
            self.path,
            dict(self.headers.items()),
            time.monotonic(),
            self.client_address[1],
            body,
        )
        answer = self.server.next_answer(seen)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.raw is not None:
            payload = answer.raw
        else:
            payload = b"" if answer.body is None else json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(server: ScriptedServer) -> Iterator[ScriptedServer]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    with serving(ScriptedServer()) as server:
        yield server


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_client(url: str, **kwargs: Any) -> TracklineClient:
    kwargs.setdefault("backoff_factor", 0.05)
    return TracklineClient(url, **kwargs)


def test_503_with_retry_after_is_retried_after_the_wait(scripted: ScriptedServer) -> None:
    scripted.script = [
        Answer(503, {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "busy"}, {"Retry-After": "1"}),
        Answer(200, EXPERIMENT),
    ]
    with make_client(scripted.url) as client:
        exp = client.get_experiment("7")
    assert exp.name == "scripted"
    assert [s.path for s in scripted.seen] == ["/api/2.0/mlflow/experiments/get?experiment_id=7"] * 2
    waited = scripted.seen[1].at - scripted.seen[0].at
    assert waited >= 0.95, f"Retry-After: 1 honoured, waited {waited:.2f} s"


def test_429_is_retried(scripted: ScriptedServer) -> None:
    scripted.script = [
        Answer(429, {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down"}),
        Answer(429, {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down"}),
        Answer(200, {"experiment_id": "9"}),
    ]
    with make_client(scripted.url) as client:
        assert client.create_experiment("x") == "9"
    assert len(scripted.seen) == 3
    assert {s.method for s in scripted.seen} == {"POST"}


def test_400_is_not_retried(scripted: ScriptedServer) -> None:
    scripted.script = [
        Answer(400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "bad key"}),
        Answer(200, {"experiment_id": "9"}),
    ]
    with make_client(scripted.url) as client, pytest.raises(TracklineException) as err:
        client.create_experiment("x")
    assert (err.value.error_code, err.value.http_status, err.value.message) == (
        "INVALID_PARAMETER_VALUE",
        400,
        "bad key",
    )
    assert len(scripted.seen) == 1


@pytest.mark.parametrize("status", [401, 403, 404, 409, 500])
def test_other_errors_are_not_retried(scripted: ScriptedServer, status: int) -> None:
    scripted.script = [Answer(status, {"error_code": "SOME_CODE", "message": "no"})]
    with make_client(scripted.url) as client, pytest.raises(TracklineException) as err:
        client.get_experiment("7")
    assert (err.value.error_code, err.value.http_status) == ("SOME_CODE", status)
    assert len(scripted.seen) == 1


def test_retries_give_up_after_max_retries(scripted: ScriptedServer) -> None:
    scripted.script = [Answer(503, {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "down"})]
    with (
        make_client(scripted.url, max_retries=2) as client,
        pytest.raises(TracklineException) as err,
    ):
        client.get_experiment("7")
    assert (err.value.error_code, err.value.http_status) == ("TEMPORARILY_UNAVAILABLE", 503)
    assert len(scripted.seen) == 3


def test_error_without_envelope(scripted: ScriptedServer) -> None:
    scripted.script = [Answer(502, None)]
    with make_client(scripted.url) as client, pytest.raises(TracklineException) as err:
        client.get_experiment("7")
    assert (err.value.error_code, err.value.http_status) == ("INTERNAL_ERROR", 502)
    assert "/api/2.0/mlflow/experiments/get" in err.value.message


def test_connection_errors_are_retried_then_reported() -> None:
    url = f"http://127.0.0.1:{unused_port()}"
    started = time.monotonic()
    client = make_client(url, max_retries=3, backoff_factor=0.1)
    with client, pytest.raises(TracklineException) as err:
        client.get_experiment("7")
    assert err.value.error_code == "TEMPORARILY_UNAVAILABLE"
    assert err.value.http_status is None
    # Three waits of about 0.1, 0.2 and 0.4 s (with jitter, at least half of each).
    assert time.monotonic() - started >= 0.35


def test_connection_refused_then_server_comes_up() -> None:
    port = unused_port()
    started: list[ScriptedServer] = []

    def start_late() -> None:
        time.sleep(0.5)
        server = ScriptedServer(port)
        server.script = [Answer(200, EXPERIMENT)]
        started.append(server)
        server.serve_forever()

    thread = threading.Thread(target=start_late, daemon=True)
    thread.start()
    try:
        with make_client(f"http://127.0.0.1:{port}", max_retries=8, backoff_factor=0.1) as client:
            assert client.get_experiment("7").experiment_id == "7"
    finally:
        for server in started:
            server.shutdown()
            server.server_close()
        thread.join(timeout=5)
    assert len(started[0].seen) == 1


def test_timeout(scripted: ScriptedServer) -> None:
    scripted.script = [Answer(200, EXPERIMENT, delay=2.0)]
    with make_client(scripted.url, timeout=0.3) as client, pytest.raises(TracklineException) as err:
        client.get_experiment("7")
    assert err.value.error_code == "TEMPORARILY_UNAVAILABLE"
    assert "timed out" in err.value.message
    assert len(scripted.seen) == 1  # a read timeout is not retried


def test_bearer_token_from_environment(scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "s3cret")
    scripted.script = [Answer(200, EXPERIMENT)]
    with make_client(scripted.url) as client:
        client.get_experiment("7")
    assert scripted.seen[0].headers["Authorization"] == "Bearer s3cret"


def test_basic_auth_from_environment(scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLFLOW_TRACKING_TOKEN", raising=False)
    monkeypatch.delenv("TRACKLINE_TRACKING_TOKEN", raising=False)
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "ann")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "pw")
    scripted.script = [Answer(200, EXPERIMENT)]
    with make_client(scripted.url) as client:
        client.get_experiment("7")
    expected = "Basic " + base64.b64encode(b"ann:pw").decode()
    assert scripted.seen[0].headers["Authorization"] == expected


def test_one_connection_is_reused(scripted: ScriptedServer) -> None:
    scripted.script = [Answer(200, EXPERIMENT)]
    with make_client(scripted.url) as client:
        for _ in range(5):
            client.get_experiment("7")
    assert len(scripted.seen) == 5
    assert len({s.peer_port for s in scripted.seen}) == 1


def test_retry_settings_from_environment(scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "1")
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "0.01")
    scripted.script = [Answer(503, {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "down"})]
    with TracklineClient(scripted.url) as client, pytest.raises(TracklineException):
        client.get_experiment("7")
    assert len(scripted.seen) == 2


# --- artifact transfers: checks that need a server that misbehaves ------------------------------

RUN = {
    "run": {
        "info": {
            "run_id": "r1",
            "experiment_id": "1",
            "artifact_uri": "mlflow-artifacts:/1/r1/artifacts",
        }
    }
}


def test_download_shorter_than_listed_is_refused(scripted: ScriptedServer, tmp_path: Any) -> None:
    scripted.script = [
        Answer(200, {}),  # the path itself lists as nothing: it is a file
        Answer(200, {"files": [{"path": "f.bin", "is_dir": False, "file_size": 10}]}),
        Answer(200, raw=b"12345"),  # five of the ten bytes
    ]
    with pytest.raises(TracklineException) as err:
        trackline.artifacts.download_artifacts(
            "mlflow-artifacts:/x/f.bin", dst_path=tmp_path, tracking_uri=scripted.url
        )
    assert err.value.error_code == "DATA_LOSS"
    assert "listing says it has 10" in err.value.message
    assert [s.path for s in scripted.seen] == [
        "/api/2.0/mlflow-artifacts/artifacts?path=x%2Ff.bin",
        "/api/2.0/mlflow-artifacts/artifacts?path=x",
        "/api/2.0/mlflow-artifacts/artifacts/x/f.bin",
    ]
    assert list(tmp_path.iterdir()) == []  # neither the file nor a partial one is left


def test_multipart_part_with_a_different_md5_is_refused(scripted: ScriptedServer, tmp_path: Any) -> None:
    part_url = f"{scripted.url}/api/2.0/mlflow-artifacts/mpu/part/1/r1/artifacts/big.bin"
    scripted.script = [
        Answer(200, RUN),
        Answer(200, {"upload_id": "u1", "credentials": [{"part_number": 1, "url": part_url}]}),
        Answer(200, {"etag": "0" * 32}),  # not the md5 of what was sent
        Answer(200, {}),  # the abort
    ]
    local = tmp_path / "big.bin"
    local.write_bytes(b"x" * 64)
    with make_client(scripted.url) as client:
        client.transfer_settings.multipart_threshold = 16
        with pytest.raises(TracklineException) as err:
            client.log_artifact("r1", local)
    assert err.value.error_code == "DATA_LOSS"
    assert [(s.method, s.path.split("?")[0]) for s in scripted.seen] == [
        ("GET", "/api/2.0/mlflow/runs/get"),
        ("POST", "/api/2.0/mlflow-artifacts/mpu/create/1/r1/artifacts/big.bin"),
        ("PUT", "/api/2.0/mlflow-artifacts/mpu/part/1/r1/artifacts/big.bin"),
        ("POST", "/api/2.0/mlflow-artifacts/mpu/abort/1/r1/artifacts/big.bin"),
    ]
    assert scripted.seen[2].body == b"x" * 64
    assert json.loads(scripted.seen[3].body) == {
        "upload_id": "u1",
        "path": "1/r1/artifacts/big.bin",
    }


def test_a_retried_upload_sends_the_whole_file_again(scripted: ScriptedServer, tmp_path: Any) -> None:
    scripted.script = [
        Answer(200, RUN),
        Answer(503, {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "busy"}),
        Answer(200, {}),
    ]
    data = bytes(range(256)) * 4096  # 1 MiB, several chunks
    local = tmp_path / "w.bin"
    local.write_bytes(data)
    with make_client(scripted.url) as client:
        client.log_artifact("r1", local, "m")
    puts = [s for s in scripted.seen if s.method == "PUT"]
    assert [s.path for s in puts] == ["/api/2.0/mlflow-artifacts/artifacts/1/r1/artifacts/m/w.bin"] * 2
    assert [s.body for s in puts] == [data, data]
    assert puts[0].headers["Content-Length"] == str(len(data))


def test_parts_for_an_object_store_go_without_our_credentials(scripted: ScriptedServer, tmp_path: Any) -> None:
    data = b"0123456789" * 10
    etag = f'"{hashlib.md5(data).hexdigest()}"'  # as S3 answers a part upload
    with serving(ScriptedServer()) as store:
        store.script = [Answer(200, raw=b"", headers={"ETag": etag})]
        presigned = f"{store.url}/bucket/1/r1/artifacts/big.bin?partNumber=1&uploadId=s3u"
        scripted.script = [
            Answer(200, RUN),
            Answer(
                200,
                {
                    "upload_id": "s3u",
                    "credentials": [{"part_number": 1, "url": presigned, "headers": {"x-amz-meta-a": "b"}}],
                },
            ),
            Answer(200, {}),  # complete
        ]
        local = tmp_path / "big.bin"
        local.write_bytes(data)
        with make_client(scripted.url, token="s3cret") as client:
            client.transfer_settings.multipart_threshold = 10
            client.log_artifact("r1", local)
    (part,) = store.seen
    assert (part.method, part.path, part.body) == (
        "PUT", "/bucket/1/r1/artifacts/big.bin?partNumber=1&uploadId=s3u", data
    )  # fmt: skip
    assert "Authorization" not in part.headers
    assert part.headers["x-amz-meta-a"] == "b"
    assert all(s.headers["Authorization"] == "Bearer s3cret" for s in scripted.seen)
    complete = json.loads(scripted.seen[-1].body)
    assert complete["parts"] == [{"part_number": 1, "etag": etag, "url": presigned}]
