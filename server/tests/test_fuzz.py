"""Fuzzing from the spec: no generated request, valid or not, gets a 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import LiveServer


def test_no_server_errors_under_fuzzing(live_server: LiveServer, tmp_path: Path) -> None:
    st = Path(sys.executable).with_name("st")
    out = subprocess.run(
        [
            str(st),
            "run",
            f"{live_server.url}/openapi.yaml",
            "--url",
            live_server.url,
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,fuzzing",
            "--max-examples",
            "5",
            "--workers",
            "2",
            "--request-timeout",
            "60",
            "--seed",
            "20261122",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    summary = out.stdout[-3000:]
    assert out.returncode == 0, summary + out.stderr[-2000:]
    assert "passed" in summary
    assert "Traceback" not in live_server.log.read_text()
