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

:mod:`trackline.projects` runs MLflow projects (``MLproject`` files) as tracked runs;
:func:`run` is :func:`trackline.projects.run`, as ``mlflow.run`` is ``mlflow.projects.run``.
"""

from . import artifacts, projects
from ._client import TracklineClient
from ._config import get_tracking_uri, set_tracking_uri
from ._entities import (
    Dataset,
    DatasetInput,
    Experiment,
    ExperimentTag,
    FileInfo,
    InputTag,
    LoggedModelInput,
    LoggedModelOutput,
    Metric,
    ModelVersion,
    PagedList,
    Param,
    RegisteredModel,
    RegistryAction,
    RegistryEvent,
    Run,
    RunData,
    RunInfo,
    RunInputs,
    RunOutputs,
    RunStatus,
    RunTag,
    ViewType,
)
from ._errors import TracklineException
from ._fluent import (
    ActiveRun,
    active_run,
    create_experiment,
    delete_experiment,
    delete_run,
    delete_tag,
    end_run,
    get_experiment,
    get_experiment_by_name,
    get_run,
    last_active_run,
    log_metric,
    log_metrics,
    log_param,
    log_params,
    search_experiments,
    search_runs,
    set_experiment,
    set_experiment_tag,
    set_experiment_tags,
    set_tag,
    set_tags,
    start_run,
)
from ._fluent_artifacts import (
    get_artifact_uri,
    log_artifact,
    log_artifacts,
    log_dict,
    log_figure,
    log_image,
    log_text,
)
from ._fluent_registry import register_model, search_model_versions, search_registered_models
from .artifacts import load_dict, load_text
from .projects import run

#: ``mlflow.MlflowClient`` under its MLflow name, for scripts that only swap the import.
MlflowClient = TracklineClient

__version__ = "0.1.0"

__all__ = [
    "ActiveRun",
    "Dataset",
    "DatasetInput",
    "Experiment",
    "ExperimentTag",
    "FileInfo",
    "InputTag",
    "LoggedModelInput",
    "LoggedModelOutput",
    "Metric",
    "MlflowClient",
    "ModelVersion",
    "PagedList",
    "Param",
    "RegisteredModel",
    "RegistryAction",
    "RegistryEvent",
    "Run",
    "RunData",
    "RunInfo",
    "RunInputs",
    "RunOutputs",
    "RunStatus",
    "RunTag",
    "TracklineClient",
    "TracklineException",
    "ViewType",
    "__version__",
    "active_run",
    "artifacts",
    "create_experiment",
    "delete_experiment",
    "delete_run",
    "delete_tag",
    "end_run",
    "get_artifact_uri",
    "get_experiment",
    "get_experiment_by_name",
    "get_run",
    "get_tracking_uri",
    "last_active_run",
    "load_dict",
    "load_text",
    "log_artifact",
    "log_artifacts",
    "log_dict",
    "log_figure",
    "log_image",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "log_text",
    "projects",
    "register_model",
    "run",
    "search_experiments",
    "search_model_versions",
    "search_registered_models",
    "search_runs",
    "set_experiment",
    "set_experiment_tag",
    "set_experiment_tags",
    "set_tag",
    "set_tags",
    "set_tracking_uri",
    "start_run",
]
