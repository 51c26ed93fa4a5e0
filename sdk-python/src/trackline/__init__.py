"""Trackline's Python SDK: MLflow's tracking API, on a client generated from the OpenAPI spec.

Move an MLflow tracking script to Trackline by changing its import::

    import trackline as mlflow

    mlflow.set_experiment("churn")
    with mlflow.start_run():
        mlflow.log_param("alpha", 0.5)
        mlflow.log_metric("rmse", 0.71, step=1)

:class:`TracklineClient` (also named ``MlflowClient``) takes explicit ids, like
``mlflow.MlflowClient``. Every failure raises :class:`TracklineException`.

Artifacts (``log_artifact``, ``log_dict``, ...) go through the server's artifact proxy;
:mod:`trackline.artifacts` mirrors ``mlflow.artifacts``. The model registry is on the client,
plus :func:`register_model` and the searches here.

:mod:`trackline.auth` manages users, grants and access tokens on a server started with
``--auth`` (``AuthClient``, with the methods of MLflow's ``AuthServiceClient``).

:mod:`trackline.projects` runs MLflow projects (``MLproject`` files) as tracked runs;
:func:`run` is :func:`trackline.projects.run`, as ``mlflow.run`` is ``mlflow.projects.run``.

Models, as in MLflow: :mod:`trackline.models` (the MLmodel format, signatures),
:mod:`trackline.pyfunc` (custom Python models, loading any model), :mod:`trackline.sklearn`,
:mod:`trackline.scoring` (a client for scoring servers) and :mod:`trackline.serving` (the
scoring server), each imported on first use.

The public names are the ``__all__`` lists of the modules star-imported below, plus the few
named in ``__all__`` here; ``tests/test_surface.py`` pins them. A public submodule (such as
``artifacts``) is imported and named in ``__all__``; a private module whose functions are
public at the top level is imported, star-imported and added with ``__all__ += <module>.__all__``.
"""

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from . import (
    _async_logging,
    _client,
    _errors,
    _fluent,
    _fluent_artifacts,
    _fluent_experiments,
    _fluent_logging,
    _fluent_registry,
    _fluent_search,
    artifacts,
    auth,
    config,
    entities,
    projects,
)
from ._async_logging import *
from ._client import *
from ._config import get_tracking_uri, set_tracking_uri
from ._errors import *
from ._fluent import *
from ._fluent_artifacts import *
from ._fluent_experiments import *
from ._fluent_logging import *
from ._fluent_registry import *
from ._fluent_search import *
from .artifacts import load_dict, load_text
from .entities import *
from .projects import run

if TYPE_CHECKING:  # imported on first use, by __getattr__ below
    from . import models, pyfunc, sklearn

__version__ = "0.1.0"

#: Subpackages imported on first use (``trackline.pyfunc.load_model(...)`` works after ``import trackline``).
_LAZY_SUBMODULES = ("models", "pyfunc", "scoring", "serving", "sklearn")


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'trackline' has no attribute {name!r}")


__all__ = [
    "__version__",
    "artifacts",
    "auth",
    "config",
    "get_tracking_uri",
    "load_dict",
    "load_text",
    "models",
    "projects",
    "pyfunc",
    "run",
    "set_tracking_uri",
    "sklearn",
]
__all__ += entities.__all__
__all__ += _async_logging.__all__
__all__ += _client.__all__
__all__ += _errors.__all__
__all__ += _fluent.__all__
__all__ += _fluent_experiments.__all__
__all__ += _fluent_logging.__all__
__all__ += _fluent_search.__all__
__all__ += _fluent_artifacts.__all__
__all__ += _fluent_registry.__all__
