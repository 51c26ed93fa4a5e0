"""Tracking entities as plain dataclasses, shaped like ``mlflow.entities``.

>>> run = Run(RunInfo(run_id="r1", experiment_id="0"), RunData(metrics={"rmse": 0.7}))
>>> run.data.metrics["rmse"], run.info.run_uuid
(0.7, 'r1')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "Dataset",
    "DatasetInput",
    "Experiment",
    "ExperimentTag",
    "FileInfo",
    "InputTag",
    "LoggedModelInput",
    "LoggedModelOutput",
    "Metric",
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
    "ViewType",
]

T = TypeVar("T")


class ViewType(StrEnum):
    """Which lifecycle stages a search includes."""

    ACTIVE_ONLY = "ACTIVE_ONLY"
    DELETED_ONLY = "DELETED_ONLY"
    ALL = "ALL"


class RunStatus(StrEnum):
    """A run's status."""

    RUNNING = "RUNNING"
    SCHEDULED = "SCHEDULED"
    FINISHED = "FINISHED"
    FAILED = "FAILED"
    KILLED = "KILLED"


class PagedList(list[T]):
    """One page of results; ``token`` leads to the next page (``None`` on the last one).

    >>> page = PagedList([1, 2], "abc")
    >>> page, page.token
    ([1, 2], 'abc')
    """

    def __init__(self, items: Iterable[T], token: str | None) -> None:
        super().__init__(items)
        self.token = token


@dataclass(frozen=True)
class Metric:
    """One logged value of a metric. ``timestamp`` is in milliseconds since the epoch."""

    key: str
    value: float
    timestamp: int
    step: int = 0
    dataset_name: str | None = None
    dataset_digest: str | None = None
    model_id: str | None = None
    run_id: str | None = None


@dataclass(frozen=True)
class Param:
    """A run parameter (values are strings)."""

    key: str
    value: str


@dataclass(frozen=True)
class RunTag:
    """A tag on a run."""

    key: str
    value: str


@dataclass(frozen=True)
class ExperimentTag:
    """A tag on an experiment."""

    key: str
    value: str


@dataclass
class Experiment:
    """An experiment; ``tags`` maps tag keys to values."""

    experiment_id: str
    name: str
    artifact_location: str | None = None
    lifecycle_stage: str = "active"
    tags: dict[str, str] = field(default_factory=dict)
    creation_time: int | None = None
    last_update_time: int | None = None


@dataclass
class RunInfo:
    """A run's metadata. Times are in milliseconds since the epoch."""

    run_id: str
    experiment_id: str
    run_name: str | None = None
    user_id: str | None = None
    status: str = RunStatus.RUNNING.value
    start_time: int | None = None
    end_time: int | None = None
    artifact_uri: str | None = None
    lifecycle_stage: str = "active"

    @property
    def run_uuid(self) -> str:
        """The older name of ``run_id``."""
        return self.run_id


@dataclass
class RunData:
    """A run's latest metric values, params and tags, each as a dict keyed by name."""

    metrics: dict[str, float] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InputTag:
    """A tag on a dataset input (such as ``mlflow.data.context``)."""

    key: str
    value: str


@dataclass(frozen=True)
class Dataset:
    """A dataset's description, as logged with a run's inputs."""

    name: str
    digest: str
    source_type: str | None = None
    source: str | None = None
    schema: str | None = None
    profile: str | None = None


@dataclass(frozen=True)
class DatasetInput:
    """A dataset used by a run, with tags such as its context."""

    dataset: Dataset
    tags: tuple[InputTag, ...] = ()


@dataclass(frozen=True)
class LoggedModelInput:
    """A model used by a run."""

    model_id: str


@dataclass(frozen=True)
class LoggedModelOutput:
    """A model produced by a run, at a step."""

    model_id: str
    step: int = 0


@dataclass
class RunInputs:
    """What a run used."""

    dataset_inputs: list[DatasetInput] = field(default_factory=list)
    model_inputs: list[LoggedModelInput] = field(default_factory=list)


@dataclass
class RunOutputs:
    """What a run produced."""

    model_outputs: list[LoggedModelOutput] = field(default_factory=list)


@dataclass
class Run:
    """A run: ``info``, ``data`` (metrics, params, tags), ``inputs`` and ``outputs``."""

    info: RunInfo
    data: RunData = field(default_factory=RunData)
    inputs: RunInputs = field(default_factory=RunInputs)
    outputs: RunOutputs = field(default_factory=RunOutputs)


@dataclass(frozen=True)
class FileInfo:
    """An artifact file or directory, with its path relative to the run's artifact root."""

    path: str
    is_dir: bool = False
    file_size: int | None = None


# --- model registry ------------------------------------------------------------------------


@dataclass
class ModelVersion:
    """A version of a registered model. ``version`` is a string ("1", "2"...) as in MLflow;
    ``current_stage`` is None, Staging, Production or Archived; ``tags`` is a dict and
    ``aliases`` the aliases pointing at this version.
    """

    name: str
    version: str
    creation_timestamp: int | None = None
    last_updated_timestamp: int | None = None
    description: str | None = None
    user_id: str | None = None
    current_stage: str = "None"
    source: str | None = None
    run_id: str | None = None
    status: str = "READY"
    status_message: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    run_link: str | None = None
    aliases: list[str] = field(default_factory=list)
    model_id: str | None = None


@dataclass
class RegisteredModel:
    """A registered model: ``latest_versions`` holds the highest version in each stage,
    ``tags`` maps keys to values and ``aliases`` maps each alias to its version.
    """

    name: str
    creation_timestamp: int | None = None
    last_updated_timestamp: int | None = None
    description: str | None = None
    latest_versions: list[ModelVersion] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    user_id: str | None = None


class RegistryAction(StrEnum):
    """The kind of a registry event in the audit trail."""

    CREATE_REGISTERED_MODEL = "CREATE_REGISTERED_MODEL"
    RENAME_REGISTERED_MODEL = "RENAME_REGISTERED_MODEL"
    DELETE_REGISTERED_MODEL = "DELETE_REGISTERED_MODEL"
    CREATE_MODEL_VERSION = "CREATE_MODEL_VERSION"
    DELETE_MODEL_VERSION = "DELETE_MODEL_VERSION"
    TRANSITION_STAGE = "TRANSITION_STAGE"
    SET_ALIAS = "SET_ALIAS"
    DELETE_ALIAS = "DELETE_ALIAS"


@dataclass(frozen=True)
class RegistryEvent:
    """One entry of the registry's audit trail: who (``user_id``) did what (``action``) to
    which model, version or alias, when (``timestamp``, ms), from what to what.

    For a stage transition ``from_value`` and ``to_value`` are stages; for an alias they are
    versions; for a rename they are names.
    """

    event_id: str
    name: str
    action: str
    timestamp: int
    version: str | None = None
    alias: str | None = None
    from_value: str | None = None
    to_value: str | None = None
    user_id: str | None = None
    comment: str | None = None
