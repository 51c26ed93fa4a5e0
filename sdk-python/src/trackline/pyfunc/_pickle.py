"""Pickles of Python models that both Trackline and MLflow can read.

Writing: the model is pickled with cloudpickle, except that :class:`~trackline.pyfunc.PythonModel`
itself is written as "``mlflow.pyfunc.model.PythonModel``, found by ``importlib.import_module``":
MLflow reading the file finds its own base class (its loader requires one), and the pickle does
not refer to the ``trackline`` package at all.

Reading: names from MLflow that a pickled model refers to (its ``PythonModel`` base class, the
type-hint record it caches) are mapped to Trackline's, so a model saved by MLflow loads without
importing MLflow. Any other MLflow name is imported from MLflow when it is installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import pickle
import types
from collections.abc import Callable
from typing import Any

from trackline._errors import TracklineException
from trackline._media import _optional

from ._python_model import PythonModel, PythonModelContext

__all__ = ["dump_model", "load_model_pickle", "referenced_modules"]

MLFLOW_MODULE = "mlflow.pyfunc.model"


class _TypeHints:
    """Stands in for MLflow's cached record of ``predict``'s type hints (``_predict_type_hints``)."""

    input: Any = None
    output: Any = None


#: MLflow modules a pickled model may name, as Trackline provides them.
_MLFLOW_STAND_INS: dict[str, types.SimpleNamespace] = {
    "mlflow.pyfunc.model": types.SimpleNamespace(PythonModel=PythonModel, PythonModelContext=PythonModelContext),
    "mlflow.pyfunc": types.SimpleNamespace(PythonModel=PythonModel, PythonModelContext=PythonModelContext),
    "mlflow.models.signature": types.SimpleNamespace(_TypeHints=_TypeHints),
}


class _ModuleByName:
    """A module named in a pickle and imported by the reader (never imported by the writer)."""

    def __init__(self, name: str) -> None:
        self.name = name


def _cloudpickle() -> Any:
    return _optional("cloudpickle", "models", "Saving and loading Python models")


def _pickler_class() -> type:
    cloudpickle = _cloudpickle()

    class Writer(cloudpickle.Pickler):  # type: ignore[misc,name-defined]
        """cloudpickle, with Trackline's base classes written as MLflow's, noting every module used."""

        def __init__(self, file: Any) -> None:
            super().__init__(file)
            self.modules: set[str] = set()

        def reducer_override(self, obj: Any) -> Any:
            if obj is PythonModel:
                return getattr, (_ModuleByName(MLFLOW_MODULE), "PythonModel")
            if obj is PythonModelContext:
                return getattr, (_ModuleByName(MLFLOW_MODULE), "PythonModelContext")
            if isinstance(obj, _ModuleByName):
                return importlib.import_module, (obj.name,)
            if isinstance(obj, types.ModuleType):
                self.modules.add(obj.__name__)
            else:
                module = getattr(obj, "__module__", None) if isinstance(obj, type | types.FunctionType) else None
                self.modules.add(module or type(obj).__module__)
            return super().reducer_override(obj)

    return Writer


def dump_model(obj: Any) -> tuple[bytes, set[str]]:
    """The pickle of ``obj`` and the top-level modules it refers to."""
    buffer = io.BytesIO()
    writer = _pickler_class()(buffer)
    writer.dump(obj)
    return buffer.getvalue(), {m.split(".")[0] for m in writer.modules if m}


def referenced_modules(obj: Any) -> set[str]:
    """The top-level modules ``obj``'s pickle refers to (to find the model's requirements)."""
    return dump_model(obj)[1]


def _import_for_model(name: str) -> Any:
    stand_in = _MLFLOW_STAND_INS.get(name)
    if stand_in is not None:
        return stand_in
    return importlib.import_module(name)


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "importlib" and name == "import_module":
            return _import_for_model
        stand_in = _MLFLOW_STAND_INS.get(module)
        if stand_in is not None and hasattr(stand_in, name):
            return getattr(stand_in, name)
        if module.split(".", 1)[0] == "mlflow" and importlib.util.find_spec("mlflow") is None:
            raise TracklineException(
                f"The model's pickle refers to {module}.{name}, which only MLflow provides: install "
                "mlflow in the model's environment to load it",
                error_code="INVALID_PARAMETER_VALUE",
            )
        found: Callable[..., Any] = super().find_class(module, name)
        return found


def load_model_pickle(path: str) -> Any:
    """An object from a (cloud)pickle file, MLflow's names mapped to Trackline's."""
    _cloudpickle()  # the pickle's reconstruction functions come from cloudpickle
    with open(path, "rb") as f:
        return _Reader(f).load()
