"""Loading a model directory by its ``python_function`` flavor's ``loader_module``.

Models name MLflow's loader modules (so that MLflow loads them too); Trackline maps each to
its own code and never imports MLflow:

=========================  ==========================================================
``loader_module``          loaded by
=========================  ==========================================================
``mlflow.pyfunc.model``    the pickled :class:`PythonModel` (``python_model.pkl``)
``mlflow.sklearn``         :mod:`trackline.sklearn` (skops, cloudpickle or pickle files)
=========================  ==========================================================
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from trackline._errors import TracklineException
from trackline.models._mlmodel import Model

from ._pickle import load_model_pickle
from ._pyfunc_model import PredictImpl, PyFuncModel
from ._python_model import PythonModelContext, call_predict

__all__ = ["PYFUNC_FLAVOR", "NotAPythonModel", "PythonModelImpl", "load_pyfunc"]

PYFUNC_FLAVOR = "python_function"

#: loader_module -> "module:function" of the Trackline code that loads it.
_LOADERS = {
    "mlflow.pyfunc.model": "trackline.pyfunc._loaders:load_python_model",
    "mlflow.sklearn": "trackline.sklearn._flavor:load_pyfunc",
}


class NotAPythonModel(TracklineException):
    """The model has no ``python_function`` flavor (an R ``crate`` model, say); ``flavors`` names
    the flavors it has."""

    def __init__(self, message: str, flavors: list[str]) -> None:
        super().__init__(message, error_code="INVALID_PARAMETER_VALUE")
        self.flavors = flavors


class PythonModelImpl:
    """A :class:`PythonModel` with its context."""

    def __init__(self, python_model: Any, context: PythonModelContext) -> None:
        self.python_model = python_model
        self.context = context

    def predict(self, data: Any, params: dict[str, Any] | None) -> Any:
        return call_predict(self.python_model, self.context, data, params)

    def raw_model(self) -> Any:
        return self.python_model


def load_python_model(model_dir: Path, conf: dict[str, Any], model_config: dict[str, Any] | None) -> PredictImpl:
    if "model_code_path" in conf:
        raise TracklineException(
            "This model is saved as code (models-from-code, mlflow.models.set_model), which Trackline "
            "does not load; save it from a PythonModel instance instead",
            error_code="INVALID_PARAMETER_VALUE",
        )
    pickled = conf.get("python_model")
    if not pickled:
        raise TracklineException("The python_function flavor names no python_model file")
    if conf.get("python_model_compression"):
        raise TracklineException(f"Compressed python models ({conf['python_model_compression']}) are not supported")
    python_model = load_model_pickle(str(model_dir / str(pickled)))
    artifacts = {name: str(model_dir / info["path"]) for name, info in (conf.get("artifacts") or {}).items()}
    context = PythonModelContext(artifacts, model_config)
    python_model.load_context(context)
    return PythonModelImpl(python_model, context)


def _loader(module: str) -> Any:
    target = _LOADERS.get(module)
    if target is None:
        raise TracklineException(
            f"Trackline cannot load models whose loader_module is {module!r}; it loads "
            f"{sorted(_LOADERS)} (custom PythonModel and scikit-learn models)",
            error_code="INVALID_PARAMETER_VALUE",
        )
    name, _, function = target.partition(":")
    return getattr(importlib.import_module(name), function)


def _add_code_path(model_dir: Path, code: Any) -> None:
    if code:
        path = str(model_dir / str(code))
        if path not in sys.path:
            sys.path.insert(0, path)


def load_pyfunc(model_dir: Path, model_config: dict[str, Any] | None = None) -> PyFuncModel:
    """The model in the local directory ``model_dir``, ready to predict."""
    metadata = Model.load(model_dir)
    conf = metadata.flavors.get(PYFUNC_FLAVOR)
    if conf is None:
        raise NotAPythonModel(
            f'Model does not have the "{PYFUNC_FLAVOR}" flavor (it has {sorted(metadata.flavors)})',
            sorted(metadata.flavors),
        )
    _add_code_path(model_dir, conf.get("code"))
    loader = _loader(str(conf.get("loader_module", "")))
    impl = loader(model_dir, conf, model_config)
    return PyFuncModel(metadata, impl, model_dir)
