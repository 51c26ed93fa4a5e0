"""Workload 7: upload and download of one large file through the artifact proxy."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from .base import HIGHER, LOWER, CheckFailed, Context, Measurement, Row, Workload
from .scale import Scale
from .servers import MemorySampler

PROXY = "/api/2.0/mlflow-artifacts/artifacts/"
CHUNK = 1 << 20


def make_blob(path: Path, size: int) -> str:
    """Write ``size`` random bytes to ``path`` (once) and return their SHA-256."""
    digest = hashlib.sha256()
    with open(path, "wb") as f:
        left = size
        while left:
            chunk = os.urandom(min(CHUNK, left))
            f.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


class Artifacts(Workload):
    id = "artifacts"
    rows = (
        Row("upload_mb_s", "upload", "MB/s", HIGHER),
        Row("download_mb_s", "download", "MB/s", HIGHER),
        Row("rss_before_mib", "server RSS before", "MiB", LOWER),
        Row("rss_peak_mib", "server RSS peak during transfers", "MiB", LOWER),
    )

    def describe(self, scale: Scale) -> str:
        return f"7. artifact proxy, one {scale.artifact_bytes / 1e6:g} MB file"

    def setup(self, ctx: Context) -> None:
        # One file for both servers; made by the first server's setup.
        blob = ctx.workdir / "blob.bin"
        if "blob_sha256" not in ctx.shared or not blob.exists():
            ctx.shared["blob_sha256"] = make_blob(blob, ctx.scale.artifact_bytes)
        ctx.shared["blob"] = blob

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        blob: Path = ctx.shared["blob"]
        size = ctx.scale.artifact_bytes
        folder = f"bench-{uuid.uuid4().hex[:8]}"
        path = PROXY + quote(f"{folder}/blob-{repeat}.bin")
        before = ctx.server.memory()

        with MemorySampler(ctx.server) as up_mem, open(blob, "rb") as f:
            start = time.perf_counter()
            resp = ctx.client.raw("PUT", path, data=f, headers={"Content-Type": "application/octet-stream"})
            upload_s = time.perf_counter() - start
        if resp.status_code != 200:
            raise CheckFailed(f"upload answered HTTP {resp.status_code}: {resp.text[:300]}")

        digest = hashlib.sha256()
        received = 0
        with MemorySampler(ctx.server) as down_mem:
            start = time.perf_counter()
            with ctx.client.raw("GET", path, stream=True) as resp:
                if resp.status_code != 200:
                    raise CheckFailed(f"download answered HTTP {resp.status_code}: {resp.text[:300]}")
                for chunk in resp.iter_content(CHUNK):
                    digest.update(chunk)
                    received += len(chunk)
            download_s = time.perf_counter() - start
        if received != size or digest.hexdigest() != ctx.shared["blob_sha256"]:
            raise CheckFailed(f"downloaded {received} bytes that differ from the {size} uploaded")

        shutil.rmtree(ctx.server.artifacts_dir / folder, ignore_errors=True)
        peaks = [m.rss_mib for m in (up_mem.peak, down_mem.peak) if m is not None]
        return Measurement(
            {
                "upload_mb_s": size / 1e6 / upload_s,
                "download_mb_s": size / 1e6 / download_s,
                "rss_before_mib": before.rss_mib,
                "rss_peak_mib": max(peaks + [before.rss_mib]),
            }
        )
