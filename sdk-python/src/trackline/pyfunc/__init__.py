"""Custom Python models and the ``python_function`` flavor, named as in ``mlflow.pyfunc``.

Save, log and load a model written as a class::

    import trackline as mlflow

    class AddN(mlflow.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):
            return model_input + (params or {}).get("n", 1)

    with mlflow.start_run():
        info = mlflow.pyfunc.log_model(name="add-n", python_model=AddN(), input_example=df,
                                       registered_model_name="add-n")
    model = mlflow.pyfunc.load_model("models:/add-n/1")
    model.predict(df, params={"n": 2})

:func:`load_model` loads any model with a ``python_function`` flavor written by Trackline or
by MLflow (custom ``PythonModel`` and scikit-learn models), without MLflow installed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from typing import Any

from trackline.models._log import ModelInfo, log_model_dir, model_name
from trackline.models._signature import ModelSignature

from ._loaders import PYFUNC_FLAVOR, load_pyfunc
from ._pyfunc_model import PyFuncModel
from ._python_model import PythonModel, PythonModelContext
from ._save import save_model

__all__ = [
    "FLAVOR_NAME",
    "PyFuncModel",
    "PythonModel",
    "PythonModelContext",
    "load_model",
    "log_model",
    "save_model",
]

FLAVOR_NAME = PYFUNC_FLAVOR


def load_model(
    model_uri: str | os.PathLike[str],
    dst_path: str | os.PathLike[str] | None = None,
    model_config: dict[str, Any] | None = None,
) -> PyFuncModel:
    """Load a model by URI: a local path, ``runs:/<run_id>/<name>``, ``models:/<name>/<version>``,
    ``models:/<name>@<alias>``, ``models:/<name>/<stage>``, ``models:/<name>/latest``,
    ``models:/<model_id>`` or ``mlflow-artifacts:/...``.
    """
    from trackline.models._resolve import download_model  # noqa: PLC0415

    return load_pyfunc(download_model(os.fspath(model_uri), dst_path), model_config)


def log_model(
    name: str | None = None,
    python_model: PythonModel | None = None,
    artifacts: Mapping[str, str] | None = None,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    signature: ModelSignature | None = None,
    input_example: Any = None,
    registered_model_name: str | None = None,
    pip_requirements: Sequence[str] | None = None,
    extra_pip_requirements: Sequence[str] | None = None,
    metadata: dict[str, Any] | None = None,
    model_config: dict[str, Any] | None = None,
    await_registration_for: int = 300,
    *,
    artifact_path: str | None = None,
) -> ModelInfo:
    """Save ``python_model`` and log it as a logged model of the active run (see
    :func:`save_model` for the arguments); registers it when ``registered_model_name`` is given.
    """
    if python_model is None:
        raise TypeError("log_model needs python_model")
    save = functools.partial(
        save_model,
        python_model=python_model,
        artifacts=artifacts,
        code_paths=code_paths,
        signature=signature,
        input_example=input_example,
        pip_requirements=pip_requirements,
        extra_pip_requirements=extra_pip_requirements,
        metadata=metadata,
        model_config=model_config,
    )
    return log_model_dir(
        save,
        model_name(name, artifact_path),
        registered_model_name,
        await_registration_for=await_registration_for,
    )
