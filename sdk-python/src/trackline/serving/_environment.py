"""``--env-manager virtualenv``: a model served from a virtualenv built for it.

The environment is the model's ``python_env.yaml`` (else its ``requirements.txt``), built once
per content by :func:`trackline.environments.virtualenv` (with uv, cached under
``$TRACKLINE_ENV_ROOT``), plus this SDK with its ``serve`` extra. A model saved by MLflow lists
``mlflow`` in its requirements: that line is left out, because Trackline loads the model with
its own code (and MLflow would add a minute and hundreds of MB to every environment).

The server then runs in that environment: ``<env>/bin/python -m trackline.serving serve ...``
with the models already downloaded and their versions resolved.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import unquote, urlsplit

from trackline.environments import PythonEnv, default_env_root, virtualenv
from trackline.models._environment import CONDA_ENV_FILE, PYTHON_ENV_FILE, REQUIREMENTS_FILE, requirement_name
from trackline.models._mlmodel import Model

from ._errors import CommandError

if TYPE_CHECKING:
    from ._commands import ServeOptions
    from ._served import ModelSpec

__all__ = ["model_env", "model_virtualenv", "predict_in_virtualenv", "sdk_requirement", "serve_in_virtualenv"]

#: Requirements Trackline leaves out of a model's environment (it loads the model itself).
SKIPPED = frozenset({"mlflow", "mlflow-skinny"})


def sdk_requirement() -> str:
    """The pip requirement of this SDK with its serving extra: ``$TRACKLINE_SDK_REQUIREMENT``,
    else the directory it was installed from (a package named trackline on PyPI is not this one)."""
    configured = os.environ.get("TRACKLINE_SDK_REQUIREMENT")
    if configured:
        return configured
    try:
        text = distribution("trackline").read_text("direct_url.json")
    except PackageNotFoundError:
        text = None
    url = json.loads(text).get("url", "") if text else ""
    if url.startswith("file:"):
        return f"trackline[serve] @ file://{unquote(urlsplit(url).path)}"
    raise CommandError(
        "cannot tell where this trackline SDK was installed from; set TRACKLINE_SDK_REQUIREMENT to a pip "
        "requirement for it (such as 'trackline[serve] @ file:///path/to/sdk-python')"
    )


def _without_skipped(lines: Sequence[str]) -> list[str]:
    return [line for line in lines if requirement_name(line) not in SKIPPED]


def _filtered_requirements(path: Path) -> Path:
    """A copy of a requirements file without the skipped lines, stored by its content."""
    lines = _without_skipped(path.read_text(encoding="utf-8").splitlines())
    text = "".join(f"{line}\n" for line in lines if line.strip())
    digest = hashlib.sha256(text.encode()).hexdigest()[:24]
    target = default_env_root() / "requirements" / f"{digest}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return target


def model_env(model_dir: Path) -> PythonEnv:
    """The environment a model directory asks for, without MLflow."""
    python_env = model_dir / PYTHON_ENV_FILE
    requirements = model_dir / REQUIREMENTS_FILE
    if python_env.is_file():
        env = PythonEnv.from_yaml(python_env)
    elif requirements.is_file():
        conf = Model.load(model_dir).flavors.get("python_function", {})
        python = str(conf.get("python_version") or "") or PythonEnv().python
        env = PythonEnv(python, (), (f"-r {REQUIREMENTS_FILE}",))
    elif (model_dir / CONDA_ENV_FILE).is_file():
        raise CommandError(
            f"the model at {model_dir} describes its environment only in {CONDA_ENV_FILE}, and conda is not "
            "supported: serve it with --env-manager local (in this Python), or add a python_env.yaml or "
            "requirements.txt to use --env-manager virtualenv"
        )
    else:
        env = PythonEnv()
    dependencies: list[str] = []
    for line in env.dependencies:
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("-r", "--requirement"):
            dependencies.append(f"-r {_filtered_requirements(model_dir / parts[1])}")
        else:
            dependencies.extend(_without_skipped([line]))
    return PythonEnv(env.python, env.build_dependencies, tuple(dependencies))


def model_virtualenv(model_dir: Path) -> Path:
    """The virtualenv of a downloaded model (built now unless it was built before)."""
    return virtualenv(model_env(model_dir), model_dir, extra_requirements=(sdk_requirement(),))


def _env_of_all(model_dirs: Sequence[Path]) -> Path:
    envs = {model_virtualenv(d) for d in model_dirs}
    if len(envs) > 1:
        raise CommandError(
            "the models need different environments; serve them from separate servers, or use --env-manager local"
        )
    return envs.pop()


def serve_in_virtualenv(options: ServeOptions, specs: Sequence[ModelSpec]) -> NoReturn:
    """Download the models, build their environment, and run the server there (replacing this process)."""
    from trackline.models._resolve import download_model  # noqa: PLC0415

    from ._served import parse_split, pinned_uri, registry_version  # noqa: PLC0415

    weights = parse_split(options.split, len(specs))
    resolved = []
    for spec, weight in zip(specs, weights, strict=True):
        version = registry_version(spec.uri)
        path = download_model(pinned_uri(spec.uri, version))
        resolved.append({"name": spec.name, "uri": spec.uri, "path": str(path), "version": version, "weight": weight})
    env = _env_of_all([Path(str(r["path"])) for r in resolved])
    python = str(env / "bin" / "python")
    argv = [python, "-m", "trackline.serving", "serve", "--models-json", json.dumps(resolved), *options_args(options)]
    sys.stderr.flush()
    os.execv(python, argv)


def options_args(options: ServeOptions) -> list[str]:
    """The server options as ``python -m trackline.serving serve`` takes them."""
    args = ["--host", options.host, "--port", str(options.port), "--workers", str(options.workers)]
    args += ["--threads", str(options.threads), "--timeout", str(options.timeout)]
    args += ["--batch-max-rows", str(options.batch_max_rows), "--batch-window-ms", str(options.batch_window_ms)]
    if options.max_body_size:
        args += ["--max-body-size", str(options.max_body_size)]
    return args


def predict_in_virtualenv(model_uri: str, input_path: str | None, output_path: str | None, content_type: str) -> int:
    """``predict`` run in the model's environment; returns its exit status."""
    from trackline.models._resolve import download_model  # noqa: PLC0415

    path = download_model(model_uri)
    env = model_virtualenv(path)
    argv = [str(env / "bin" / "python"), "-m", "trackline.serving", "predict", "-m", str(path), "-t", content_type]
    if input_path:
        argv += ["-i", os.path.abspath(input_path)]
    if output_path:
        argv += ["-o", os.path.abspath(output_path)]
    return subprocess.run(argv, check=False).returncode
