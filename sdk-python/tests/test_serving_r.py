"""``trackline models serve`` with an R model (MLflow's crate flavor): handed to R, or refused."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from scoring_support import BIN_DIR
from trackline.serving._rfunc import is_r_model, r_serve_command
from trackline.serving._served import ModelSpec

REPO = Path(__file__).resolve().parents[2]
# A model directory as MLflow's R package writes it (sdk-r/tests/testthat/fixtures/make-mlflow-r-crate.R).
CRATE_MODEL = REPO / "sdk-r" / "tests" / "testthat" / "fixtures" / "mlflow-r-crate"
R_LIB = Path(os.environ.get("TRACKLINE_R_LIB") or REPO / "build" / "r-lib")
HAS_R_SDK = shutil.which("Rscript") is not None and (R_LIB / "trackline" / "DESCRIPTION").is_file()


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN_DIR / "trackline"), "models", "serve", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_the_r_command_quotes_what_it_is_given() -> None:
    command = r_serve_command(ModelSpec("it's", "/tmp/a 'b'\\c"), "127.0.0.1", 5001, 1024)
    assert command[:4] == ["Rscript", "--no-save", "--no-restore", "-e"]
    assert command[4] == (
        "trackline::mlflow_rfunc_serve('/tmp/a \\'b\\'\\\\c', host = '127.0.0.1', port = 5001, "
        "name = 'it\\'s', max_body_size = 1024)"
    )
    assert is_r_model(["crate"])
    assert not is_r_model(["crate", "python_function"])
    assert not is_r_model(["keras"])


def test_an_r_model_without_r_is_refused_with_what_to_install(tmp_path: Path) -> None:
    done = serve("-m", str(CRATE_MODEL), "-p", "1", env={"PATH": str(tmp_path)})
    assert done.returncode == 1, done.stderr
    assert "R model (the crate flavor)" in done.stderr
    assert "R is not installed" in done.stderr
    assert "r-cran-httpuv" in done.stderr
    assert "R CMD INSTALL sdk-r" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (make install-r)")
def test_an_r_model_without_the_r_sdk_is_refused(tmp_path: Path) -> None:
    done = serve("-m", str(CRATE_MODEL), "-p", "1", env={"R_LIBS": str(tmp_path), "R_LIBS_USER": str(tmp_path)})
    assert done.returncode == 1, done.stderr
    assert "R lacks the R package(s) trackline" in done.stderr


def test_an_r_model_is_served_alone(tmp_path: Path) -> None:
    done = serve("-m", str(CRATE_MODEL), "-m", f"b={CRATE_MODEL}", "-p", "1", env={"PATH": str(tmp_path)})
    assert done.returncode == 1
    assert "served alone" in done.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(not HAS_R_SDK, reason=f"R or the R SDK in {R_LIB} is missing (make r-lib)")
def test_a_model_saved_by_mlflows_r_package_is_served_by_r() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN_DIR / "trackline"), "models", "serve", "-m", f"mtcars={CRATE_MODEL}", "-p", str(port)],
        env={**os.environ, "R_LIBS": str(R_LIB)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/ping", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the R scoring server did not start"
            time.sleep(0.2)
        answer = httpx.post(f"{url}/invocations", json={"dataframe_records": [{"wt": 2.62, "hp": 110}]}, timeout=30)
        assert answer.status_code == 200, answer.text
        assert answer.headers["X-Trackline-Model"] == "mtcars"
        assert answer.json()["predictions"] == [pytest.approx(23.5723294033092, rel=1e-12)]
        bad = httpx.post(f"{url}/invocations", content=b"{not json", headers={"Content-Type": "application/json"})
        assert bad.status_code == 400
        assert bad.json()["error_code"] == "BAD_REQUEST"
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


@pytest.mark.skipif(not HAS_R_SDK, reason=f"R or the R SDK in {R_LIB} is missing (make r-lib)")
def test_mlflow_reads_an_r_model_saved_by_the_r_sdk_and_picks_its_r_backend(tmp_path: Path) -> None:
    mlflow_models = pytest.importorskip("mlflow.models")
    registry = pytest.importorskip("mlflow.models.flavor_backend_registry")
    model_dir = tmp_path / "model"
    code = (
        "trackline::mlflow_save_model(function(df) df$a * 2, commandArgs(TRUE)[[1]], signature = list("
        "inputs = list(list(name = 'a', type = 'double')), "
        "params = list(list(name = 'k', type = 'long', default = 3))))"
    )
    subprocess.run(
        ["Rscript", "-e", code, str(model_dir)], check=True, timeout=120, env={**os.environ, "R_LIBS": str(R_LIB)}
    )
    model = mlflow_models.Model.load(str(model_dir))
    assert model.flavors == {"crate": {"version": "0.1.0", "model": "crate.bin"}}
    assert model.signature.inputs.input_names() == ["a"]
    assert model.signature.params.params[0].default == 3
    assert len(model.model_uuid) == 32
    backend = registry.get_flavor_backend(str(model_dir), env_manager="local")
    assert type(backend).__name__ == "RFuncBackend"
