"""The README's quick start works: `make serve` answers, and every curl example runs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import requests

from conftest import ROOT, LiveServer, free_port, wait_healthy


def bash_blocks_with_curl(markdown: str) -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", markdown, flags=re.S)
    return [b for b in blocks if "curl " in b]


def test_readme_curl_examples_run(live_server: LiveServer) -> None:
    blocks = bash_blocks_with_curl((ROOT / "README.md").read_text())
    assert blocks, "the README has no curl examples"
    for block in blocks:
        script = "set -euo pipefail\n" + block.replace("http://127.0.0.1:5000", live_server.url)
        out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert "error_code" not in out.stdout, out.stdout
    runs = requests.post(
        live_server.api("runs/search"), json={"experiment_ids": ["0"], "filter": "metrics.rmse < 1"}, timeout=10
    )
    assert any(r["info"]["run_name"] == "first" for r in runs.json()["runs"])


def test_make_serve_starts_a_server(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    proc = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "serve",
            f"PORT={port}",
            f"SERVE_ARGS=--backend-store-uri sqlite:///{tmp_path}/serve.db --artifacts-destination {tmp_path}/art",
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # The first `make serve` installs the server and the Python SDK into .venv before serving.
        wait_healthy(url, proc, log, timeout=300)
        out = subprocess.run(["curl", "-s", f"{url}/health"], capture_output=True, text=True, timeout=10)
        assert out.stdout == "OK"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # make and gunicorn, as Ctrl-C would
            proc.wait(timeout=30)
