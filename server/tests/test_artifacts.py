"""The artifact proxy on a local directory and on a real S3-compatible server (moto in server mode)."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from conftest import LiveServer, free_port, start_server, stop_server

PROXY = "/api/2.0/mlflow-artifacts"


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            requests.get(url, timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def s3_env(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import boto3

    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "MLFLOW_S3_ENDPOINT_URL": s3_endpoint,
    }.items():
        monkeypatch.setenv(key, value)
    bucket = f"bucket-{os.urandom(4).hex()}"
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket=bucket)
    return f"s3://{bucket}/artifacts"


@pytest.fixture(params=["local", "s3"])
def proxy_server(
    request: pytest.FixtureRequest, server_factory: Callable[..., LiveServer], tmp_path: Path
) -> LiveServer:
    uri = f"sqlite:///{tmp_path}/a.db"
    if request.param == "s3":
        destination = request.getfixturevalue("s3_env")
        return server_factory(uri, "--artifacts-destination", destination)
    return server_factory(uri)


def put(server: LiveServer, path: str, data: bytes) -> requests.Response:
    return requests.put(f"{server.url}{PROXY}/artifacts/{path}", data=data, timeout=60)


def test_upload_download_list_delete(proxy_server: LiveServer) -> None:
    blob = os.urandom(5 * 1024 * 1024 + 7)
    assert put(proxy_server, "1/run/artifacts/model/weights.bin", blob).status_code == 200
    assert put(proxy_server, "1/run/artifacts/notes.txt", b"hello").status_code == 200
    assert put(proxy_server, "1/run/artifacts/notes.txt", b"hello again").status_code == 200  # replaced
    got = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/model/weights.bin", timeout=60)
    assert got.status_code == 200 and got.content == blob
    assert got.headers["Content-Disposition"].startswith("attachment")
    listing = requests.get(
        f"{proxy_server.url}{PROXY}/artifacts", params={"path": "1/run/artifacts"}, timeout=10
    ).json()
    assert listing == {
        "files": [
            {"path": "model", "is_dir": True},
            {"path": "notes.txt", "is_dir": False, "file_size": len(b"hello again")},
        ]
    }
    for path in ("1/run/artifacts/notes.txt", "1/nothing-here"):
        assert requests.get(f"{proxy_server.url}{PROXY}/artifacts", params={"path": path}, timeout=10).json() == {}
    missing = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/none.txt", timeout=10)
    assert missing.status_code == 404 and missing.json()["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    as_dir = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/model", timeout=10)
    assert as_dir.status_code == 400
    assert requests.delete(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/model", timeout=10).status_code == 200
    listing = requests.get(
        f"{proxy_server.url}{PROXY}/artifacts", params={"path": "1/run/artifacts"}, timeout=10
    ).json()
    assert [f["path"] for f in listing["files"]] == ["notes.txt"]


def test_uploads_of_every_framing_arrive_whole(proxy_server: LiveServer) -> None:
    """Content-Length bodies of sizes around the read size, a chunked body and an empty body."""
    for size in (1, 8191, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 - 5):
        blob = os.urandom(size)
        assert put(proxy_server, f"1/run/artifacts/sized-{size}.bin", blob).status_code == 200
        got = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/sized-{size}.bin", timeout=60)
        assert got.content == blob, size
    blob = os.urandom(2 * 1024 * 1024 + 3)
    pieces = (blob[i : i + 300_001] for i in range(0, len(blob), 300_001))  # sent chunked
    resp = requests.put(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/chunked.bin", data=pieces, timeout=60)
    assert resp.status_code == 200
    got = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/chunked.bin", timeout=60)
    assert got.content == blob
    assert put(proxy_server, "1/run/artifacts/empty.bin", b"").status_code == 200
    got = requests.get(f"{proxy_server.url}{PROXY}/artifacts/1/run/artifacts/empty.bin", timeout=60)
    assert got.status_code == 200 and got.content == b""


def test_json_bodies_sent_chunked_are_read_whole(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    server = server_factory(f"sqlite:///{tmp_path}/j.db")
    name = "chunked-" + "x" * 20_000  # longer than one socket read
    body = json.dumps({"name": name}).encode()
    pieces = (body[i : i + 5000] for i in range(0, len(body), 5000))
    resp = requests.post(
        f"{server.url}/api/2.0/mlflow/experiments/create",
        data=pieces,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert resp.status_code == 400  # the name is longer than 500 characters: the whole body was read
    assert "maximum length" in resp.json()["message"]
    body = json.dumps({"name": "chunked"}).encode()
    resp = requests.post(
        f"{server.url}/api/2.0/mlflow/experiments/create",
        data=iter([body[:5], body[5:]]),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    got = requests.get(
        f"{server.url}/api/2.0/mlflow/experiments/get-by-name", params={"experiment_name": "chunked"}, timeout=30
    )
    assert got.json()["experiment"]["experiment_id"] == resp.json()["experiment_id"]


def test_multipart_upload(proxy_server: LiveServer) -> None:
    parts = [os.urandom(1024 * 1024), os.urandom(1024 * 1024), b"tail"]
    path = "2/run/artifacts/big.bin"
    created = requests.post(
        f"{proxy_server.url}{PROXY}/mpu/create/{path}", json={"path": path, "num_parts": 3}, timeout=10
    )
    assert created.status_code == 200, created.text
    body = created.json()
    etags = []
    for cred, data in zip(body["credentials"], parts, strict=True):
        resp = requests.put(cred["url"], data=data, timeout=60)
        assert resp.status_code == 200, resp.text
        assert resp.json()["etag"] == hashlib.md5(data).hexdigest()
        etags.append({"part_number": cred["part_number"], "etag": resp.json()["etag"]})
    done = requests.post(
        f"{proxy_server.url}{PROXY}/mpu/complete/{path}",
        json={"path": path, "upload_id": body["upload_id"], "parts": etags},
        timeout=60,
    )
    assert done.status_code == 200, done.text
    assert requests.get(f"{proxy_server.url}{PROXY}/artifacts/{path}", timeout=60).content == b"".join(parts)
    again = requests.post(
        f"{proxy_server.url}{PROXY}/mpu/abort/{path}", json={"upload_id": body["upload_id"]}, timeout=10
    )
    assert again.status_code == 404
    bad = requests.post(f"{proxy_server.url}{PROXY}/mpu/create/{path}", json={"num_parts": 0}, timeout=10)
    assert bad.status_code == 400


def raw_request(server: LiveServer, method: str, raw_path: str) -> tuple[int, bytes]:
    """Sends the path exactly as written (no client-side normalisation of dot segments)."""
    parsed = urlparse(server.url)
    assert parsed.hostname is not None
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    conn.request(method, raw_path, body=b"x" if method == "PUT" else None)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


ESCAPES = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "a/../../etc/passwd",
    "a/%2e%2e/%2e%2e/etc/passwd",
    "..%5c..%5cetc%5cpasswd",
    "%2Fetc%2Fpasswd",
    "C:%5cwindows%5csystem32",
    "a%00b",
    "./../etc/passwd",
]


@pytest.fixture(scope="module")
def escape_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("escapes")
    server = start_server(f"sqlite:///{workdir}/e.db", workdir, workers=1)
    yield server
    stop_server(server)


@pytest.mark.parametrize("escape", ESCAPES)
def test_path_escapes_are_refused(escape_server: LiveServer, escape: str) -> None:
    server = escape_server
    tmp_path = Path(server.log).parent
    for method in ("GET", "PUT", "DELETE"):
        status, body = raw_request(server, method, f"{PROXY}/artifacts/{escape}")
        assert status in (400, 404), (method, escape, status, body)
        assert status != 200
    status, _ = raw_request(server, "GET", f"{PROXY}/artifacts?path={escape}")
    assert status == 400, escape
    assert not (tmp_path / "etc").exists()
    assert not list(tmp_path.parent.glob("**/passwd"))


def test_names_with_percent_signs_are_kept(escape_server: LiveServer) -> None:
    server = escape_server
    assert put(server, "names/pct%2520.txt", b"1").status_code == 200  # the file is named "pct%20.txt"
    listing = requests.get(f"{server.url}{PROXY}/artifacts", params={"path": "names"}, timeout=10).json()
    assert [f["path"] for f in listing["files"]] == ["pct%20.txt"]
    assert requests.get(f"{server.url}{PROXY}/artifacts/names/pct%2520.txt", timeout=10).content == b"1"


def test_symlink_escape_is_refused(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    server = server_factory(f"sqlite:///{tmp_path}/s.db")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    root = tmp_path / "artifacts"
    root.mkdir(exist_ok=True)
    (root / "link").symlink_to(outside, target_is_directory=True)
    got = requests.get(f"{server.url}{PROXY}/artifacts/link/secret.txt", timeout=10)
    assert got.status_code == 400 and got.content != b"secret"
    assert put(server, "link/planted.txt", b"x").status_code == 400
    assert not (outside / "planted.txt").exists()
    assert requests.get(f"{server.url}{PROXY}/artifacts", params={"path": "link"}, timeout=10).status_code == 400


def test_run_artifact_listing_through_the_tracking_api(proxy_server: LiveServer) -> None:
    run = requests.post(
        f"{proxy_server.url}/api/2.0/mlflow/runs/create", json={"experiment_id": "0"}, timeout=10
    ).json()["run"]
    root = run["info"]["artifact_uri"]
    assert root.startswith("mlflow-artifacts:/0/")
    rel = root.removeprefix("mlflow-artifacts:/")
    put(proxy_server, f"{rel}/plots/loss.png", b"png")
    put(proxy_server, f"{rel}/plots/raw/data.csv", b"a,b")
    listed = requests.get(
        f"{proxy_server.url}/api/2.0/mlflow/artifacts/list",
        params={"run_id": run["info"]["run_id"], "path": "plots"},
        timeout=10,
    ).json()
    assert listed["root_uri"] == root
    assert listed["files"] == [
        {"path": "plots/loss.png", "is_dir": False, "file_size": 3},
        {"path": "plots/raw", "is_dir": True},
    ]


def test_serving_modes(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    no_proxy = server_factory(f"sqlite:///{tmp_path}/n.db", "--no-serve-artifacts")
    resp = put(no_proxy, "x/y.txt", b"1")
    assert resp.status_code == 503 and resp.json()["error_code"] == "TEMPORARILY_UNAVAILABLE"
    exp = requests.get(
        f"{no_proxy.url}/api/2.0/mlflow/experiments/get", params={"experiment_id": "0"}, timeout=10
    ).json()
    assert not exp["experiment"]["artifact_location"].startswith("mlflow-artifacts:")
    only = server_factory(f"sqlite:///{tmp_path}/o.db", "--artifacts-only")
    assert put(only, "x/y.txt", b"1").status_code == 200
    resp = requests.post(f"{only.url}/api/2.0/mlflow/runs/create", json={}, timeout=10)
    assert resp.status_code == 503 and resp.json()["error_code"] == "TEMPORARILY_UNAVAILABLE"
    assert not (tmp_path / "o.db").exists()


def _rss_kb(pid: int) -> int:
    total = 0
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for p in [str(pid), *children]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total = max(total, int(line.split()[1]))
        except FileNotFoundError:
            pass
    return total


def test_large_transfer_streams_in_flat_memory(server_factory: Callable[..., LiveServer], tmp_path: Path) -> None:
    server = server_factory(f"sqlite:///{tmp_path}/big.db", workers=1)
    size = 300 * 1024 * 1024
    before = _rss_kb(server.proc.pid)
    digest = hashlib.sha256()

    def body() -> Iterator[bytes]:
        chunk = os.urandom(1024 * 1024)
        for i in range(size // len(chunk)):
            block = chunk[:-8] + i.to_bytes(8, "big")
            digest.update(block)
            yield block

    assert requests.put(f"{server.url}{PROXY}/artifacts/big/file.bin", data=body(), timeout=300).status_code == 200
    down = hashlib.sha256()
    with requests.get(f"{server.url}{PROXY}/artifacts/big/file.bin", stream=True, timeout=300) as resp:
        for chunk in resp.iter_content(1024 * 1024):
            down.update(chunk)
    assert down.hexdigest() == digest.hexdigest()
    grown_mb = (_rss_kb(server.proc.pid) - before) / 1024
    assert grown_mb < 100, f"server peak RSS grew by {grown_mb:.0f} MB for a {size >> 20} MB file"
