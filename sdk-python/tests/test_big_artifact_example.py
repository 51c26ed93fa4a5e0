"""examples/big_artifact.py runs (at a small size) and reports sound figures.

The transfer takes a fraction of a second here; the server's memory must still have been
sampled when it started, between upload and download, and right after it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import LiveServer

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "big_artifact.py"
#: Any Python HTTP server holds more than this in memory: less means a wrong reading.
MIN_SERVER_RSS = 16 * 1024 * 1024
MAX_SERVER_RSS = 64 * 1024**3


def test_big_artifact_example(live_server: LiveServer, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    options = {
        "--tracking-uri": live_server.url,
        "--server-pid": str(live_server.process.pid),
        "--size-gb": str(12 / 1024),  # 12 MiB
        "--multipart-threshold-mb": "8",
        "--part-size-mb": "4",
        "--workdir": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), *(x for item in options.items() for x in item), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(done.stdout)
    assert figures["checksum_ok"] is True
    assert figures["size_bytes"] == 12 * 1024 * 1024
    assert figures["multipart"] is True
    assert figures["upload_mb_per_s"] > 0
    assert figures["download_mb_per_s"] > 0
    assert figures["server_processes"] >= 1
    assert figures["rss_samples"] >= 3  # at the start, between upload and download, after
    assert MIN_SERVER_RSS < figures["server_rss_before_bytes"] < MAX_SERVER_RSS
    assert MIN_SERVER_RSS < figures["server_rss_peak_bytes"] < MAX_SERVER_RSS
    assert (tmp_path / "download" / "big.bin").stat().st_size == figures["size_bytes"]
