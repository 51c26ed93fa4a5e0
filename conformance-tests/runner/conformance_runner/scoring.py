"""The scoring server the Scoring cases run against.

A small model is logged to the tracking server under test and registered (alias ``champion``);
``trackline models serve`` serves it under the name ``conformance`` (with ``--reference``,
MLflow's ``mlflow models serve --env-manager local`` serves the Python model). Drivers reach it at
``$TRACKLINE_SCORING_URI``. The model is a Python one (a ``PythonModel`` logged with the Python
SDK), or for a driver declaring ``scoring_model: r`` an R one: a crate logged with the R SDK,
which ``trackline models serve`` hands to R (``mlflow_rfunc_serve``).

The model: inputs ``a`` (double), ``b`` (long), optional ``label`` (string); parameter ``k``
(double, default 1.0); predictions ``a * k + b``, one number per row.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .paths import REPO_ROOT
from .server import free_port, stop_process_group, wait_healthy

SERVED_NAME = "conformance"

LOG_MODEL = r"""
import sys
import pandas as pd
import trackline
from trackline import pyfunc
from trackline.models import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema


class Linear(pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        k = (params or {}).get("k", 1.0)
        return (model_input["a"] * k + model_input["b"]).to_numpy()


name = sys.argv[1]
signature = ModelSignature(
    Schema([ColSpec("double", "a"), ColSpec("long", "b"), ColSpec("string", "label", required=False)]),
    Schema([ColSpec("double")]),
    ParamSchema([ParamSpec("k", "double", 1.0)]),
)
trackline.set_experiment(name)
with trackline.start_run():
    info = pyfunc.log_model(name="linear", python_model=Linear(), signature=signature, registered_model_name=name)
trackline.MlflowClient().set_registered_model_alias(name, "champion", info.registered_model_version)
"""


LOG_R_MODEL = r"""
suppressPackageStartupMessages(library(trackline))
name <- commandArgs(TRUE)[[1]]
linear <- function(df, params = list()) {
  k <- if (is.null(params$k)) 1 else params$k
  df$a * k + df$b
}
signature <- list(
  inputs = list(list(name = "a", type = "double"), list(name = "b", type = "long"),
                list(name = "label", type = "string", required = FALSE)),
  outputs = list(list(type = "double")),
  params = list(list(name = "k", type = "double", default = 1.0))
)
mlflow_set_experiment(name)
run <- mlflow_start_run()
info <- mlflow_log_model(linear, "linear", registered_model_name = name, signature = signature)
mlflow_end_run()
mlflow_set_registered_model_alias(name, "champion", info$registered_model_version)
"""


def r_library() -> str:
    """Where the R SDK is installed for the conformance suite (the r driver installs it there)."""
    return os.environ.get("TRACKLINE_R_LIB") or str(REPO_ROOT / "build" / "r-lib")


class ScoringServer:
    """A model logged to ``tracking_url`` and a scoring server for it, in a process group."""

    def __init__(self, kind: str, executable: Path, tracking_url: str, unique: str, model: str = "python") -> None:
        self.kind = kind
        self.model = "python" if kind == "mlflow" else model  # MLflow serves R models only with its R package
        self.executable = executable.resolve()
        self.tracking_url = tracking_url
        self.model_name = f"conformance-scoring-{unique}" + ("-r" if self.model == "r" else "")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix="conformance-scoring-"))
        self.proc: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
        env.update(TRACKLINE_TRACKING_URI=self.tracking_url, MLFLOW_TRACKING_URI=self.tracking_url)
        # MLflow's server runs `uvicorn` from PATH: the one beside its own executable.
        env["PATH"] = f"{self.executable.parent}{os.pathsep}{env.get('PATH', '')}"
        if self.model == "r":
            env["R_LIBS"] = r_library() + (os.pathsep + env["R_LIBS"] if env.get("R_LIBS") else "")
        return env

    def log_command(self) -> list[str]:
        if self.model == "r":
            return ["Rscript", "--vanilla", "-e", LOG_R_MODEL, self.model_name]
        return [sys.executable, "-c", LOG_MODEL, self.model_name]

    def command(self) -> list[str]:
        uri = f"models:/{self.model_name}@champion"
        common = ["models", "serve", "-h", "127.0.0.1", "-p", str(self.port), "-w", "1"]
        if self.kind == "mlflow":
            return [str(self.executable), *common, "-m", uri, "--env-manager", "local"]
        return [str(self.executable), *common, "-m", f"{SERVED_NAME}={uri}"]

    def start(self, timeout: float = 300.0) -> None:
        logged = subprocess.run(
            self.log_command(),
            capture_output=True,
            text=True,
            env=self._env(),
            timeout=300,
            check=False,
        )
        if logged.returncode != 0:
            raise RuntimeError(f"could not log the scoring model:\n{logged.stderr[-3000:]}")
        log_path = self.tmp / "scoring.log"
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.tmp,
                env=self._env(),
                start_new_session=True,
            )
        try:
            wait_healthy(self.url, self.proc, timeout)
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{exc}\n{log_path.read_text(errors='replace')[-3000:]}") from None

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)
        self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)
