"""``PythonModel``: a model written as a Python class, and the context it is loaded with.

Subclass :class:`PythonModel` and implement ``predict``; ``load_context`` runs once when the
model is loaded, with the artifacts saved beside it::

    class Recommender(PythonModel):
        def load_context(self, context):
            self.blocked = set(open(context.artifacts["blocklist"]).read().split())

        def predict(self, context, model_input, params=None):
            scores = self.ranker.predict(model_input)
            return [s for s in scores if s not in self.blocked]

``predict`` may leave out ``context`` (``predict(self, model_input, params=None)``), and may
leave out ``params``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["PythonModel", "PythonModelContext", "call_predict", "takes_context", "takes_params"]


class PythonModelContext:
    """What a :class:`PythonModel` is loaded with: ``artifacts`` (name to local path) and
    ``model_config``."""

    def __init__(self, artifacts: dict[str, str] | None = None, model_config: dict[str, Any] | None = None) -> None:
        self._artifacts = dict(artifacts or {})
        self._model_config = dict(model_config or {})

    @property
    def artifacts(self) -> dict[str, str]:
        """Absolute local paths of the model's artifacts, by the names they were saved under."""
        return self._artifacts

    @property
    def model_config(self) -> dict[str, Any]:
        return self._model_config


class PythonModel:
    """A model written in Python: implement ``predict``, optionally ``load_context``.

    A model saved by Trackline is read by MLflow as a subclass of ``mlflow.pyfunc.PythonModel``
    (and a model saved by MLflow as a subclass of this class), so the same file works with both.
    """

    def load_context(self, context: PythonModelContext) -> None:
        """Load artifacts (from ``context.artifacts``) once, before the first ``predict``."""

    def predict(self, context: PythonModelContext, model_input: Any, params: dict[str, Any] | None = None) -> Any:
        """Predictions for ``model_input`` (a DataFrame, a numpy array, a dict or a list)."""
        raise NotImplementedError(f"{type(self).__name__} must implement predict(context, model_input, params=None)")

    def predict_stream(
        self, context: PythonModelContext, model_input: Any, params: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        """Predictions as chunks; models that stream implement it."""
        raise NotImplementedError(f"{type(self).__name__} does not stream predictions")


def _parameters(fn: Callable[..., Any]) -> list[str]:
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []


def _unwrapped(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The user's function beneath a decorator that kept it as ``__wrapped__``."""
    while hasattr(fn, "__wrapped__"):
        fn = fn.__wrapped__
    return fn


def takes_context(python_model: Any) -> bool:
    """Whether ``predict`` has a ``context`` argument (as MLflow tells, by its name)."""
    names = _parameters(_unwrapped(type(python_model).predict))
    return len(names) > 1 and names[1] == "context"


def takes_params(python_model: Any) -> bool:
    return "params" in _parameters(_unwrapped(type(python_model).predict))


def call_predict(
    python_model: Any, context: PythonModelContext, model_input: Any, params: dict[str, Any] | None
) -> Any:
    """``python_model.predict`` with the arguments it takes."""
    kwargs = {"params": params} if takes_params(python_model) else {}
    if takes_context(python_model):
        return python_model.predict(context, model_input, **kwargs)
    return python_model.predict(model_input, **kwargs)
