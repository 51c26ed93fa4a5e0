"""Saving a :class:`PythonModel` in MLflow's format (``loader_module: mlflow.pyfunc.model``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from trackline._errors import TracklineException
from trackline.models._environment import env_flavor_block, pinned, requirements_for_modules, write_environment
from trackline.models._mlmodel import Model
from trackline.models._save import (
    copy_code_paths,
    finish_model_dir,
    new_model_dir,
    python_version,
    save_input_example,
    signature_for,
)
from trackline.models._signature import ModelSignature

from ._loaders import PYFUNC_FLAVOR
from ._pickle import dump_model
from ._python_model import PythonModel, PythonModelContext, call_predict

__all__ = ["save_model"]

PICKLE_FILE = "python_model.pkl"
ARTIFACTS_DIR = "artifacts"


def _copy_artifacts(directory: Path, artifacts: Mapping[str, str] | None) -> tuple[dict[str, Any], dict[str, str]]:
    """Artifacts copied (or downloaded) into ``artifacts/``: the flavor entry and the local paths."""
    if not artifacts:
        return {}, {}
    target = directory / ARTIFACTS_DIR
    target.mkdir()
    entries: dict[str, Any] = {}
    local: dict[str, str] = {}
    for name, uri in artifacts.items():
        if urlsplit(str(uri)).scheme in ("runs", "models", "mlflow-artifacts"):
            from trackline import artifacts as remote  # noqa: PLC0415

            path = Path(remote.download_artifacts(artifact_uri=str(uri), dst_path=target))
        else:
            source = Path(os.fspath(uri))
            if not source.exists():
                raise TracklineException(f"Artifact {name!r}: {source} does not exist", "INVALID_PARAMETER_VALUE")
            path = target / source.name
            if source.is_dir():
                shutil.copytree(source, path)
            else:
                shutil.copy2(source, path)
        entries[name] = {"path": path.relative_to(directory).as_posix(), "uri": str(uri)}
        local[name] = str(path)
    return entries, local


def save_model(
    path: str | os.PathLike[str],
    python_model: PythonModel,
    artifacts: Mapping[str, str] | None = None,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    signature: ModelSignature | None = None,
    input_example: Any = None,
    pip_requirements: Sequence[str] | None = None,
    extra_pip_requirements: Sequence[str] | None = None,
    metadata: dict[str, Any] | None = None,
    model_config: dict[str, Any] | None = None,
) -> Model:
    """Save ``python_model`` as a model directory at ``path``.

    ``artifacts`` maps names to local paths or artifact URIs copied into the model (the model
    finds them in ``context.artifacts``); ``code_paths`` are files or packages it imports. Without
    a ``signature``, one is inferred from ``input_example`` (a DataFrame, array, dict or list,
    or a ``(data, params)`` pair) and the model's prediction on it.
    """
    if not callable(getattr(python_model, "predict", None)):
        raise TracklineException(
            f"python_model must be a PythonModel instance with a predict method, got {type(python_model).__name__}",
            error_code="INVALID_PARAMETER_VALUE",
        )
    directory = new_model_dir(path)
    try:
        entries, local_artifacts = _copy_artifacts(directory, artifacts)
        code = copy_code_paths(directory, code_paths)
        data, modules = dump_model(python_model)
        (directory / PICKLE_FILE).write_bytes(data)
        example = save_input_example(directory, input_example)

        def predict_example(model_input: Any, params: dict[str, Any] | None) -> Any:
            context = PythonModelContext(local_artifacts, model_config)
            python_model.load_context(context)
            return call_predict(python_model, context, model_input, params)

        conf: dict[str, Any] = {
            "loader_module": "mlflow.pyfunc.model",
            "python_model": PICKLE_FILE,
            "cloudpickle_version": version("cloudpickle"),
            "code": code,
            "env": env_flavor_block(),
            "python_version": python_version(),
            "streamable": type(python_model).predict_stream is not PythonModel.predict_stream,
        }
        if entries:
            conf["artifacts"] = entries
        model = Model(
            signature=signature_for(signature, example, predict_example),
            saved_input_example_info=example.info if example else None,
            metadata=metadata,
        )
        model.add_flavor(PYFUNC_FLAVOR, **conf)
        defaults = [pinned("cloudpickle"), *requirements_for_modules(modules - {"cloudpickle"})]
        write_environment(directory, defaults, pip_requirements, extra_pip_requirements)
        return finish_model_dir(directory, model)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
