"""Steps every flavor takes to save a model directory."""

from __future__ import annotations

import logging
import os
import platform
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from trackline._errors import TracklineException

from ._example import SavedExample, save_example
from ._infer import infer_schema
from ._mlmodel import MLMODEL_FILE_NAME, Model
from ._signature import ModelSignature

__all__ = [
    "CODE_DIR",
    "copy_code_paths",
    "finish_model_dir",
    "new_model_dir",
    "python_version",
    "save_input_example",
    "signature_for",
]

log = logging.getLogger("trackline.models")

CODE_DIR = "code"


def python_version() -> str:
    return platform.python_version()


def new_model_dir(path: str | os.PathLike[str]) -> Path:
    """``path`` created for a new model; an existing non-empty directory is refused."""
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TracklineException(
            f"Path '{target}' already exists and is not empty", error_code="RESOURCE_ALREADY_EXISTS"
        )
    target.mkdir(parents=True, exist_ok=True)
    return target


def copy_code_paths(directory: Path, code_paths: Sequence[str | os.PathLike[str]] | None) -> str | None:
    """Copy files or packages the model imports into ``code/`` (put on ``sys.path`` at load)."""
    if not code_paths:
        return None
    code = directory / CODE_DIR
    code.mkdir()
    for item in code_paths:
        source = Path(item)
        if source.is_dir():
            shutil.copytree(source, code / source.name)
        elif source.is_file():
            shutil.copy2(source, code / source.name)
        else:
            raise TracklineException(f"code path {source} does not exist", error_code="INVALID_PARAMETER_VALUE")
    return CODE_DIR


def signature_for(
    signature: ModelSignature | None,
    example: SavedExample | None,
    predict: Callable[[Any, dict[str, Any] | None], Any] | None,
) -> ModelSignature | None:
    """The given signature, else one inferred from the example: its inputs, and the outputs of
    ``predict`` on it (left out, with a warning, when predicting the example fails)."""
    if signature is not None or example is None:
        return signature
    from ._infer import infer_param_schema  # noqa: PLC0415

    inputs = infer_schema(example.data)
    params = infer_param_schema(example.params) if example.params else None
    outputs = None
    if predict is not None:
        try:
            outputs = infer_schema(_output_example(example.data, predict(example.data, example.params)))
        except Exception as exc:  # the model's own code; the signature is optional
            log.warning("Could not infer the model's output schema from the input example: %s", exc)
    return ModelSignature(inputs, outputs, params)


def _output_example(model_input: Any, output: Any) -> Any:
    """A one-dimensional array predicted for a table is a column of it (as MLflow infers it)."""
    if type(model_input).__name__ == "DataFrame" and type(output).__name__ == "ndarray" and output.ndim == 1:
        import pandas as pd  # noqa: PLC0415

        return pd.Series(output)
    return output


def _directory_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def save_input_example(directory: Path, example: Any) -> SavedExample | None:
    return save_example(directory, example) if example is not None else None


def finish_model_dir(directory: Path, model: Model) -> Model:
    """Write ``MLmodel``, with the size of the directory's other files."""
    model.model_size_bytes = _directory_size(directory)
    model.save(directory / MLMODEL_FILE_NAME)
    return model
