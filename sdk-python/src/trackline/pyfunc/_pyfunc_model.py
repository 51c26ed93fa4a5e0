"""``PyFuncModel``: a loaded model of any flavor behind one ``predict(data, params=None)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from trackline.models._enforce import enforce_params, enforce_schema
from trackline.models._mlmodel import Model

__all__ = ["PredictImpl", "PyFuncModel"]


class PredictImpl(Protocol):
    """What a flavor's loader returns: the model, behind one call."""

    def predict(self, data: Any, params: dict[str, Any] | None) -> Any: ...

    def raw_model(self) -> Any: ...


class PyFuncModel:
    """A loaded model: ``predict`` checks the input against the signature, then calls the model.

    ``metadata`` is the model's :class:`~trackline.models.Model` (its ``MLmodel`` file).
    """

    def __init__(self, metadata: Model, impl: PredictImpl, path: Path) -> None:
        self._metadata = metadata
        self._impl = impl
        self._path = path
        conf = metadata.flavors.get("python_function", {})
        self.loader_module: str = str(conf.get("loader_module", ""))

    @property
    def metadata(self) -> Model:
        return self._metadata

    @property
    def model_path(self) -> Path:
        """The local directory the model was loaded from."""
        return self._path

    def prepare_input(self, data: Any, *, wire: bool = False) -> Any:
        """``data`` checked against the input schema (see :mod:`trackline.models`), as the model gets it."""
        schema = self._metadata.get_input_schema()
        if schema is None or self._metadata.is_signature_from_type_hint:
            return data
        return enforce_schema(data, schema, wire=wire)

    def prepare_params(self, params: dict[str, Any] | None) -> dict[str, Any] | None:
        return enforce_params(params, self._metadata.get_params_schema())

    def predict(self, data: Any, params: dict[str, Any] | None = None) -> Any:
        """Predictions for ``data`` (a DataFrame, numpy array, dict or list).

        Raises :class:`~trackline.models.SchemaEnforcementError` when ``data`` or ``params``
        do not match the model's signature.
        """
        return self.predict_prepared(self.prepare_input(data), self.prepare_params(params))

    def predict_prepared(self, data: Any, params: dict[str, Any] | None) -> Any:
        """``predict`` for input already checked by :meth:`prepare_input` and :meth:`prepare_params`."""
        return self._impl.predict(data, params)

    def unwrap_python_model(self) -> Any:
        """The :class:`~trackline.pyfunc.PythonModel` instance of a custom model."""
        from ._loaders import PythonModelImpl  # noqa: PLC0415

        if not isinstance(self._impl, PythonModelImpl):
            raise ValueError("unwrap_python_model() is for models saved from a PythonModel")
        return self._impl.python_model

    def get_raw_model(self) -> Any:
        """The underlying model object (the estimator of an sklearn model)."""
        return self._impl.raw_model()

    def __repr__(self) -> str:
        return f"PyFuncModel(loader_module={self.loader_module!r}, path='{self._path}')"
