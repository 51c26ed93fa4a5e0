"""Artifacts through the server's mlflow-artifacts proxy, against live servers (Trackline and
real MLflow): uploads of files, trees, text, dicts, figures and images; listings; downloads;
loading by URI; multipart uploads."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

import trackline
from trackline import FileInfo, TracklineClient, TracklineException
from trackline.artifacts import file_checksum

if TYPE_CHECKING:
    from conftest import LiveServer


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Requests:
    """The requests one client sends (method, path, thread), seen through an httpx hook."""

    def __init__(self, client: TracklineClient) -> None:
        self.seen: list[tuple[str, str, int]] = []
        self._http = client.api.get_httpx_client()
        self._saved = dict(self._http.event_hooks)
        hooks = dict(self._saved)
        hooks["request"] = [*hooks.get("request", []), self._record]
        self._http.event_hooks = hooks
        self._lock = threading.Lock()

    def _record(self, request: httpx.Request) -> None:
        with self._lock:
            self.seen.append((request.method, request.url.path, threading.get_ident()))

    def paths(self, method: str, contains: str) -> list[str]:
        return [p for m, p, _ in self.seen if m == method and contains in p]

    def close(self) -> None:
        self._http.event_hooks = self._saved


@pytest.fixture
def requests_of(client: TracklineClient) -> Iterator[Requests]:
    recorder = Requests(client)
    yield recorder
    recorder.close()


@pytest.fixture
def run_id(client: TracklineClient, unique: str) -> str:
    return client.create_run(client.create_experiment(unique)).info.run_id


def test_log_artifact_list_and_download_a_file(client: TracklineClient, run_id: str, tmp_path: Path) -> None:
    data = os.urandom(300_000)
    local = write(tmp_path / "src" / "weights.bin", data)
    client.log_artifact(run_id, local)
    client.log_artifact(run_id, local, artifact_path="models/v1")
    assert client.list_artifacts(run_id) == [
        FileInfo("models", is_dir=True),
        FileInfo("weights.bin", is_dir=False, file_size=len(data)),
    ]
    assert client.list_artifacts(run_id, "models/v1") == [
        FileInfo("models/v1/weights.bin", is_dir=False, file_size=len(data))
    ]

    out = client.download_artifacts(run_id, "models/v1/weights.bin", tmp_path / "dst")
    assert out == str(tmp_path / "dst" / "models" / "v1" / "weights.bin")
    assert file_checksum(out) == sha256(data)
    assert file_checksum(out, "md5") == hashlib.md5(data).hexdigest()
    # No temporary files are left beside the download.
    assert sorted(os.listdir(tmp_path / "dst" / "models" / "v1")) == ["weights.bin"]


def test_log_artifact_of_a_directory_keeps_its_name(client: TracklineClient, run_id: str, tmp_path: Path) -> None:
    write(tmp_path / "report" / "index.html", b"<html></html>")
    client.log_artifact(run_id, tmp_path / "report", "site")
    assert client.list_artifacts(run_id, "site/report") == [
        FileInfo("site/report/index.html", is_dir=False, file_size=13)
    ]


def test_log_artifacts_tree_in_parallel_and_download_it(
    client: TracklineClient, run_id: str, tmp_path: Path, requests_of: Requests
) -> None:
    tree = {
        "a.txt": b"alpha",
        "empty.bin": b"",
        "sub/b.bin": os.urandom(70_000),
        "sub/deeper/c.json": b'{"c": 1}',
        **{f"many/f{i}.txt": f"file {i}".encode() for i in range(12)},
    }
    for name, data in tree.items():
        write(tmp_path / "tree" / name, data)
    client.log_artifacts(run_id, tmp_path / "tree", artifact_path="outputs")

    uploads = requests_of.paths("PUT", "/mlflow-artifacts/artifacts/")
    assert len(uploads) == len(tree)
    upload_threads = {t for m, p, t in requests_of.seen if m == "PUT"}
    assert len(upload_threads) > 1, "files go up on several threads"

    assert client.list_artifacts(run_id, "outputs/sub") == [
        FileInfo("outputs/sub/b.bin", is_dir=False, file_size=70_000),
        FileInfo("outputs/sub/deeper", is_dir=True),
    ]
    out = Path(client.download_artifacts(run_id, "outputs", tmp_path / "dst"))
    assert out == tmp_path / "dst" / "outputs"
    got = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert got == tree

    everything = Path(client.download_artifacts(run_id, "", tmp_path / "all"))
    assert everything == tmp_path / "all"
    assert (everything / "outputs" / "sub" / "deeper" / "c.json").read_bytes() == b'{"c": 1}'


def test_download_to_a_temporary_directory_by_default(client: TracklineClient, run_id: str) -> None:
    client.log_text(run_id, "x", "dir/x.txt")
    out = Path(client.download_artifacts(run_id, "dir"))
    assert out.name == "dir"
    assert (out / "x.txt").read_text() == "x"


def test_missing_artifacts_and_bad_paths(client: TracklineClient, run_id: str, tmp_path: Path) -> None:
    with pytest.raises(TracklineException) as missing:
        client.download_artifacts(run_id, "nope/none.txt", tmp_path)
    assert missing.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(TracklineException) as escape:
        client.log_text(run_id, "x", "../outside.txt")
    assert escape.value.error_code == "INVALID_PARAMETER_VALUE"
    with pytest.raises(TracklineException) as no_file:
        client.log_artifact(run_id, tmp_path / "absent.bin")
    assert no_file.value.error_code == "INVALID_PARAMETER_VALUE"


def test_log_text_and_dict_and_load_them_by_uri(
    client: TracklineClient, fluent: str, run_id: str, tmp_path: Path
) -> None:
    client.log_text(run_id, "héllo\nworld", "notes/hello.txt")
    config = {"alpha": 0.5, "layers": [64, 32], "name": "baseline", "nested": {"ok": True}}
    client.log_dict(run_id, config, "config.json")
    client.log_dict(run_id, config, "config.yaml")
    big = {"values": list(range(200_000))}  # sent as it is encoded, in chunks
    client.log_dict(run_id, big, "big.json")

    assert trackline.load_text(f"runs:/{run_id}/notes/hello.txt") == "héllo\nworld"
    assert trackline.load_dict(f"runs:/{run_id}/config.json") == config
    assert trackline.load_dict(f"runs:/{run_id}/config.yaml") == config
    assert trackline.load_dict(f"runs:/{run_id}/big.json") == big
    yaml_text = trackline.load_text(f"runs:/{run_id}/config.yaml")
    assert "alpha: 0.5" in yaml_text
    assert json.loads(trackline.load_text(f"runs:/{run_id}/config.json")) == config

    artifact_uri = client.get_run(run_id).info.artifact_uri
    assert artifact_uri is not None
    assert artifact_uri.startswith("mlflow-artifacts:/")
    assert trackline.load_text(f"{artifact_uri}/notes/hello.txt") == "héllo\nworld"
    listed = trackline.artifacts.list_artifacts(f"runs:/{run_id}/notes")
    assert listed == [FileInfo("hello.txt", is_dir=False, file_size=12)]
    by_run = trackline.artifacts.list_artifacts(run_id=run_id, artifact_path="notes")
    assert by_run == [FileInfo("notes/hello.txt", is_dir=False, file_size=12)]
    local = trackline.artifacts.download_artifacts(f"runs:/{run_id}/notes", dst_path=tmp_path)
    assert Path(local, "hello.txt").read_text() == "héllo\nworld"


def test_log_figure_and_image(client: TracklineClient, fluent: str, run_id: str, tmp_path: Path) -> None:
    import numpy as np
    from matplotlib.figure import Figure
    from PIL import Image

    figure = Figure(figsize=(2, 2))
    figure.add_subplot().plot([1, 2, 3], [3, 1, 2])
    client.log_figure(run_id, figure, "plots/curve.png")
    client.log_figure(run_id, figure, "plots/curve.svg", save_kwargs={"transparent": True})

    gradient = np.linspace(0, 1, 24 * 32).reshape(24, 32)
    client.log_image(run_id, gradient, "images/gradient.png")
    rgb = np.zeros((10, 20, 3), dtype=np.uint8)
    rgb[:, :, 0] = 255
    client.log_image(run_id, rgb, "images/red.png")
    client.log_image(run_id, Image.new("RGBA", (5, 7), (0, 0, 255, 128)), "images/blue.png")
    with pytest.raises(TracklineException):
        client.log_image(run_id, np.full((4, 4), 2.0), "images/bad.png")  # floats above 1

    out = Path(client.download_artifacts(run_id, "", tmp_path))
    assert (out / "plots" / "curve.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (out / "plots" / "curve.svg").read_bytes()
    with Image.open(out / "images" / "gradient.png") as image:
        assert (image.size, image.mode) == ((32, 24), "L")
        assert image.getpixel((31, 23)) == 255
    with Image.open(out / "images" / "red.png") as image:
        assert (image.size, image.getpixel((0, 0))) == ((20, 10), (255, 0, 0))
    loaded = trackline.artifacts.load_image(f"runs:/{run_id}/images/blue.png")
    assert (loaded.size, loaded.getpixel((0, 0))) == ((5, 7), (0, 0, 255, 128))
    assert not (out / "images" / "bad.png").exists()


def test_fluent_artifacts(fluent: str, unique: str, tmp_path: Path) -> None:
    trackline.set_experiment(unique)
    write(tmp_path / "data.csv", b"a,b\n1,2\n")
    write(tmp_path / "dir" / "x.txt", b"x")
    with trackline.start_run() as run:
        trackline.log_artifact(tmp_path / "data.csv")
        trackline.log_artifacts(tmp_path / "dir", artifact_path="d")
        trackline.log_text("summary", "summary.txt")
        trackline.log_dict({"k": [1, 2]}, "params.yml")
        uri = trackline.get_artifact_uri()
        assert uri == run.info.artifact_uri
        assert trackline.get_artifact_uri("summary.txt") == f"{uri}/summary.txt"
    run_id = run.info.run_id
    with trackline.MlflowClient() as client:
        names = [f.path for f in client.list_artifacts(run_id)]
    assert names == ["d", "data.csv", "params.yml", "summary.txt"]
    assert trackline.load_dict(f"runs:/{run_id}/params.yml") == {"k": [1, 2]}
    local = trackline.artifacts.download_artifacts(run_id=run_id, artifact_path="d/x.txt", dst_path=tmp_path / "out")
    assert Path(local).read_bytes() == b"x"


def test_multipart_upload_over_a_lowered_threshold(
    client: TracklineClient,
    live_server: LiveServer,
    run_id: str,
    tmp_path: Path,
    requests_of: Requests,
) -> None:
    settings = client.transfer_settings
    settings.multipart_threshold = 3 * 1024 * 1024
    settings.multipart_chunk_size = 1024 * 1024
    data = os.urandom(settings.multipart_threshold + 1)  # just over: 4 parts, the last 1 byte
    client.log_artifact(run_id, write(tmp_path / "big.bin", data))

    creates = requests_of.paths("POST", "/mpu/create/")
    assert len(creates) == 1
    parts = requests_of.paths("PUT", "/mpu/part/")
    single = requests_of.paths("PUT", "/mlflow-artifacts/artifacts/")
    if live_server.kind == "trackline":
        assert len(parts) == 4
        assert len(requests_of.paths("POST", "/mpu/complete/")) == 1
        assert single == []
    else:
        # MLflow has no multipart uploads on a local artifact store (501): one PUT instead.
        assert (parts, len(single)) == ([], 1)

    listed = client.list_artifacts(run_id)
    assert listed == [FileInfo("big.bin", is_dir=False, file_size=len(data))]
    out = client.download_artifacts(run_id, "big.bin", tmp_path / "dst")
    assert file_checksum(out) == sha256(data)


def test_small_files_are_not_split(client: TracklineClient, run_id: str, tmp_path: Path, requests_of: Requests) -> None:
    client.transfer_settings.multipart_threshold = 1024 * 1024
    client.log_artifact(run_id, write(tmp_path / "small.bin", os.urandom(1024 * 1024 - 1)))
    assert requests_of.paths("POST", "/mpu/") == []
    assert len(requests_of.paths("PUT", "/mlflow-artifacts/artifacts/")) == 1


def test_registered_model_files_by_models_uri(
    client: TracklineClient, fluent: str, run_id: str, unique: str, tmp_path: Path
) -> None:
    client.log_text(run_id, "flavors: {}\n", "model/MLmodel")
    client.log_text(run_id, "weights", "model/data/weights.txt")
    version = trackline.register_model(f"runs:/{run_id}/model", unique)
    client.set_registered_model_alias(unique, "champion", version.version)

    assert trackline.load_text(f"models:/{unique}/{version.version}/MLmodel") == "flavors: {}\n"
    assert trackline.load_text(f"models:/{unique}@champion/data/weights.txt") == "weights"
    local = Path(trackline.artifacts.download_artifacts(f"models:/{unique}/1", dst_path=tmp_path))
    assert sorted(str(p.relative_to(local)) for p in local.rglob("*") if p.is_file()) == [
        "MLmodel",
        "data/weights.txt",
    ]
