"""The runner catches broken drivers and stale known-failure lists (nested runs of the suite)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conformance_runner.cases import load_cases
from conformance_runner.paths import DRIVERS_DIR
from conformance_runner.schemas import capabilities

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


def run_declared_http_driver(
    server_url: str, directory: Path, cannot: dict[str, str], selection: str
) -> subprocess.CompletedProcess[str]:
    """Runs the cases selected with -k through a driver that logs each request to requests.log and
    hands it to the http driver, declaring in its driver.yaml that it lacks what `cannot` names."""
    directory.mkdir()
    run = directory / "run"
    run.write_text(f'#!/bin/sh\ntee -a "{directory / "requests.log"}" | "{DRIVERS_DIR / "http" / "run"}"\n')
    run.chmod(0o755)
    can = [name for name in capabilities() if name not in cannot]
    declaration = {"description": "the http driver, declared otherwise", "can": can, "cannot": cannot}
    (directory / "driver.yaml").write_text(yaml.safe_dump(declaration))
    return run_suite(server_url, "--driver", f"{directory.name}={run}", "--drivers", directory.name, "-k", selection)


def test_case_a_driver_is_not_capable_of_is_not_applicable_and_not_run(server_url: str, tmp_path: Path) -> None:
    lacking = {"high_level_api": "none", "omit_required": "pretends it cannot"}
    selection = "Recommended.Experiments.Create.MissingNameRejected or Required.Experiments.Create.ReturnsId"
    result = run_declared_http_driver(server_url, tmp_path / "lacking", lacking, selection)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 passed" in output, output
    assert "skipped" not in output.splitlines()[-1], output
    cases = load_cases()
    hl, omit = (sum(1 for c in cases if need in c.needs) for need in lacking)
    both = sum(1 for c in cases if set(lacking) <= c.needs)
    assert (
        f"driver lacking: {hl + omit - both} cases not applicable, not run (deselected): "
        f"high_level_api {hl}, omit_required {omit}" in output
    ), output
    requests = (tmp_path / "lacking" / "requests.log").read_text()
    assert '"op": "createExperiment"' in requests, requests
    assert '{"op": "createExperiment", "args": {}}' not in requests, "the case that is not applicable ran:\n" + requests


def test_driver_refusing_a_case_it_declares_it_can_do_fails_the_run(server_url: str, tmp_path: Path) -> None:
    result = run_declared_http_driver(server_url, tmp_path / "boasting", {}, "Recommended.SearchRuns.Sdk.AllPages")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed" in output, output
    assert "Recommended.SearchRuns.Sdk.AllPages was refused by driver boasting" in output, output
    assert "skipped by the driver: raw HTTP has no high-level layer" in output, output
