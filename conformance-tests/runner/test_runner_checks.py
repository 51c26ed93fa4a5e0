"""The runner catches broken drivers and stale known-failure lists (nested runs of the suite)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conformance_runner.paths import DRIVERS_DIR

RUNNER_DIR = Path(__file__).resolve().parent
BROKEN = RUNNER_DIR / "testing" / "drop_field_driver"


def run_suite(server_url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        str(RUNNER_DIR / "test_conformance.py"),
        "-p",
        "no:cacheprovider",
        "-q",
        "--no-matrix",
        "--server-url",
        server_url,
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300)


def test_driver_dropping_a_field_fails_the_run(server_url: str) -> None:
    result = run_suite(
        server_url,
        "--driver",
        f"broken={BROKEN}",
        "--drivers",
        "broken",
        "-k",
        "Required.Experiments.Get.DefaultExperiment or Required.Experiments.GetByName.Found",
        env={"WRAPPED_DRIVER": str(DRIVERS_DIR / "http" / "run"), "DROP_FIELD": "name"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "2 failed" in output, output
    assert "case Required.Experiments.Get.DefaultExperiment, step 1 (getExperiment)" in output, output
    assert "experiment.name: expected 'Default', but the key is absent" in output, output
    assert "case Required.Experiments.GetByName.Found, step 2 (getExperimentByName)" in output, output
    assert "experiment.name: expected 'exp-" in output, output


def test_driver_dropping_the_first_field_fails_every_case_it_touches(server_url: str) -> None:
    result = run_suite(
        server_url,
        "--driver",
        f"broken={BROKEN}",
        "--drivers",
        "broken",
        "-k",
        "Required.Experiments.Create",
        env={"WRAPPED_DRIVER": str(DRIVERS_DIR / "http" / "run")},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "case Required.Experiments.Create.ReturnsId, step 1 (createExperiment)" in output, output
    assert "cannot save 'exp_id' from 'experiment_id'" in output, output
    assert " passed" not in output.splitlines()[-1] or "failed" in output.splitlines()[-1], output


def test_listed_case_that_passes_fails_the_run(server_url: str, tmp_path: Path) -> None:
    (tmp_path / "http.txt").write_text("Required.Server.Health.Ok # server bug: pretend it fails\n")
    result = run_suite(
        server_url,
        "--drivers",
        "http",
        "--known-failures-dir",
        str(tmp_path),
        "-k",
        "Required.Server.Health.Ok",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "is listed in known-failures/http.txt (server bug: pretend it fails) but passes" in output, output


def test_listed_failure_keeps_the_run_green(server_url: str, tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_text(
        "Required.Experiments.Get.DefaultExperiment # server bug: the name goes missing\n"
    )
    result = run_suite(
        server_url,
        "--driver",
        f"broken={BROKEN}",
        "--drivers",
        "broken",
        "--known-failures-dir",
        str(tmp_path),
        "-k",
        "Required.Experiments.Get.DefaultExperiment",
        env={"WRAPPED_DRIVER": str(DRIVERS_DIR / "http" / "run"), "DROP_FIELD": "name"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 xfailed" in output, output


def test_driver_that_cannot_start_is_reported_and_skipped(server_url: str) -> None:
    result = run_suite(server_url, "--driver", "absent=/bin/false", "-k", "absent and Required.Server.Health.Ok")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 skipped" in output, output
    assert "driver absent is unavailable here" in output, output
    named = run_suite(server_url, "--driver", "absent=/bin/false", "--drivers", "absent", "-k", "Health.Ok")
    assert named.returncode == 1, named.stdout + named.stderr
    assert "driver absent cannot start here" in named.stdout, named.stdout
