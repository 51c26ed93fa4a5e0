"""``--env-manager virtualenv``: a model served from a virtualenv built for it (with uv), cached
by content, without MLflow even when the model's requirements name it."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from scoring_support import BIN_DIR, ScoringServer, save_test_models


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Trackline model whose requirements also name MLflow, as every model MLflow saves does."""
    path = save_test_models(tmp_path_factory.mktemp("env-models")) / "scorer"
    requirements = path / "requirements.txt"
    requirements.write_text("mlflow==3.17.2\n" + requirements.read_text())
    return path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "TRACKLINE_ENV_ROOT": str(tmp_path / "envs")}


def _trackline(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN_DIR / "trackline"), "models", *args], capture_output=True, text=True, env=env, check=False, timeout=900
    )


@pytest.mark.timeout(1200)
def test_virtualenv_is_built_once_and_serves(model: Path, env: dict[str, str], tmp_path: Path) -> None:
    built = _trackline("prepare-env", "-m", str(model), env=env)
    assert built.returncode == 0, built.stderr
    env_dir = Path(built.stdout.strip().splitlines()[-1])
    assert env_dir.parent == tmp_path / "envs"
    python = env_dir / "bin" / "python"
    check = subprocess.run(
        [str(python), "-c", "import importlib.util as u, trackline.serving; print(u.find_spec('mlflow') is None)"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (check.returncode, check.stdout.strip()) == (0, "True"), check.stderr  # the SDK, and no MLflow

    started = time.monotonic()
    again = _trackline("prepare-env", "-m", str(model), env=env)
    assert again.returncode == 0, again.stderr
    assert Path(again.stdout.strip().splitlines()[-1]) == env_dir  # the cached environment
    assert len(list((tmp_path / "envs").glob("py*-*/"))) == 1
    reuse_seconds = time.monotonic() - started

    args = ["-m", str(model), "--env-manager", "virtualenv", "-w", "1"]
    with ScoringServer(args, tmp_path / "serve.log", env=env) as server, server.client() as scoring:
        assert scoring.invoke({"x": [1.0], "n": [2]}).predictions == [{"y": 4.0}]
        command = Path(f"/proc/{server.process.pid}/cmdline").read_text().split("\0")
        assert command[0] == str(python)  # the server process became the environment's Python

    request = tmp_path / "in.json"
    request.write_text(json.dumps({"dataframe_records": [{"x": 1.0, "n": 1}]}))
    predicted = _trackline("predict", "-m", str(model), "-i", str(request), "--env-manager", "virtualenv", env=env)
    assert predicted.returncode == 0, predicted.stderr
    assert json.loads(predicted.stdout) == {"predictions": [{"y": 3.0}]}
    print(f"environment reused in {reuse_seconds:.1f} s")


def test_a_conda_only_model_is_refused_with_a_clear_error(model: Path, env: dict[str, str], tmp_path: Path) -> None:
    conda_only = tmp_path / "conda-only"
    conda_only.mkdir()
    meta = yaml.safe_load((model / "MLmodel").read_text())
    (conda_only / "MLmodel").write_text(yaml.safe_dump(meta))
    (conda_only / "python_model.pkl").write_bytes((model / "python_model.pkl").read_bytes())
    (conda_only / "conda.yaml").write_text((model / "conda.yaml").read_text())
    for args in (
        ["prepare-env", "-m", str(conda_only)],
        ["serve", "-m", str(conda_only), "--env-manager", "virtualenv"],
    ):
        done = _trackline(*args, env=env)
        assert done.returncode == 1, done.stderr
        assert "conda" in done.stderr
        assert "--env-manager local" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
