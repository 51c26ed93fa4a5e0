"""R models (MLflow's ``crate`` flavor) served by R: ``trackline models serve`` hands them over.

A model with a ``crate`` flavor and no ``python_function`` flavor is an R function saved by
MLflow's R package or Trackline's R SDK. Python cannot run it, so the command is replaced by
``Rscript -e 'trackline::mlflow_rfunc_serve(...)'``: the R SDK's scoring server, which speaks
the same protocol (``scoring.yaml``). It needs R (``Rscript`` on ``PATH``) with the Trackline R
package and ``httpuv`` installed (found through ``R_LIBS`` like any R package); without them the
command refuses with a message saying what to install. The R server serves one model, in one
process: ``--workers``, ``--threads``, ``--timeout``, ``--split`` and batching do not apply.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from ._errors import CommandError

if TYPE_CHECKING:
    from ._commands import ServeOptions
    from ._served import ModelSpec

__all__ = ["CRATE_FLAVOR", "is_r_model", "r_serve_command", "serve_in_r"]

CRATE_FLAVOR = "crate"
_R_PACKAGES = ("trackline", "httpuv")
_INSTALL_HINT = (
    "install R with its packages (apt-get install r-base-core r-cran-curl r-cran-jsonlite r-cran-tibble "
    "r-cran-yaml r-cran-processx r-cran-httpuv) and the Trackline R package (R CMD INSTALL sdk-r)"
)


def is_r_model(flavors: Sequence[str]) -> bool:
    """A model R serves: it has the ``crate`` flavor (and no ``python_function``)."""
    return CRATE_FLAVOR in flavors and "python_function" not in flavors


def _r_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def r_serve_command(spec: ModelSpec, host: str, port: int, max_body_size: int | None) -> list[str]:
    """The ``Rscript`` command that serves ``spec`` with the R SDK."""
    call = (
        f"trackline::mlflow_rfunc_serve({_r_string(spec.uri)}, host = {_r_string(host)}, port = {int(port)}, "
        f"name = {_r_string(spec.name)}" + (f", max_body_size = {int(max_body_size)}" if max_body_size else "") + ")"
    )
    return ["Rscript", "--no-save", "--no-restore", "-e", call]


def _check_r() -> str:
    rscript = shutil.which("Rscript")
    if rscript is None:
        raise CommandError(
            f"this is an R model (the crate flavor), served by R, and R is not installed: {_INSTALL_HINT}"
        )
    probe = (
        "m <- commandArgs(TRUE); miss <- m[!vapply(m, requireNamespace, TRUE, quietly = TRUE)]; "
        "cat(miss); q(status = as.integer(length(miss) > 0))"
    )
    found = subprocess.run(
        [rscript, "--no-save", "-e", probe, *_R_PACKAGES], capture_output=True, text=True, check=False, timeout=120
    )
    if found.returncode != 0:
        missing = " and ".join(found.stdout.split()) or " and ".join(_R_PACKAGES)
        raise CommandError(
            f"this is an R model (the crate flavor), served by R, and R lacks the R package(s) {missing}: "
            f"{_INSTALL_HINT}"
        )
    return rscript


def serve_in_r(specs: Sequence[ModelSpec], options: ServeOptions) -> NoReturn:
    """Replace this process with R serving the one R model of ``specs``."""
    if len(specs) != 1:
        raise CommandError("an R model (the crate flavor) is served alone: give one -m for it")
    if options.env_manager != "local":
        raise CommandError("an R model is served by R: --env-manager applies to Python models only")
    rscript = _check_r()
    command = r_serve_command(specs[0], options.host, options.port, options.max_body_size)
    env = dict(os.environ)
    from trackline._config import get_tracking_uri  # noqa: PLC0415

    env.setdefault("MLFLOW_TRACKING_URI", get_tracking_uri())
    os.execve(rscript, [rscript, *command[1:]], env)
