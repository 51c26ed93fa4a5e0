"""The fluent API: module-level functions with MLflow's names, on an active run and experiment.

Example (with a server running)::

    import trackline as tl

    with tl.start_run(run_name="baseline"):
        tl.log_param("alpha", 0.5)
        tl.log_metric("loss", 0.3, step=1)
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, overload

from . import _entities as ent
from ._client import TracklineClient, _now_ms
from ._config import env_setting, get_tracking_uri
from ._convert import metric_value
from ._errors import TracklineException

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ActiveRun",
    "active_run",
    "create_experiment",
    "delete_experiment",
    "delete_run",
    "delete_tag",
    "end_run",
    "get_experiment",
    "get_experiment_by_name",
    "get_run",
    "last_active_run",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "search_experiments",
    "search_runs",
    "set_experiment",
    "set_experiment_tag",
    "set_experiment_tags",
    "set_tag",
    "set_tags",
    "start_run",
]

_PARENT_RUN_TAG = "mlflow.parentRunId"
_RUN_NAME_TAG = "mlflow.runName"
_NOTE_TAG = "mlflow.note.content"
_PAGE_SIZE = 10000

_client_lock = threading.Lock()
_client: TracklineClient | None = None
_active_experiment_id: str | None = None


class _RunState(threading.local):
    def __init__(self) -> None:
        self.stack: list[ActiveRun] = []
        self.last_run_id: str | None = None


_state = _RunState()


def _get_client() -> TracklineClient:
    """The client for the current tracking URI, made again when the URI changes."""
    global _client  # noqa: PLW0603
    uri = get_tracking_uri()
    with _client_lock:
        if _client is None or _client.tracking_uri != uri.rstrip("/"):
            if _client is not None:
                _client.close()
            _client = TracklineClient(uri)
        return _client


class ActiveRun(ent.Run):
    """The run returned by :func:`start_run`; as a context manager it ends the run on exit.

    Leaving the ``with`` block normally marks the run FINISHED; an exception marks it FAILED
    (KILLED for ``KeyboardInterrupt``) and is raised again.
    """

    def __init__(self, run: ent.Run) -> None:
        super().__init__(info=run.info, data=run.data, inputs=run.inputs, outputs=run.outputs)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        ids = [r.info.run_id for r in _state.stack]
        if self.info.run_id in ids:
            if exc_type is None:
                status = ent.RunStatus.FINISHED
            elif issubclass(exc_type, KeyboardInterrupt):
                status = ent.RunStatus.KILLED
            else:
                status = ent.RunStatus.FAILED
            # Runs started inside this one and left open end with it.
            while _state.stack and _state.stack[-1].info.run_id != self.info.run_id:
                end_run(status)
            end_run(status)
        return False


# --- experiments ---------------------------------------------------------------------------


def set_experiment(experiment_name: str | None = None, experiment_id: str | None = None) -> ent.Experiment:
    """Make an experiment the active one, creating it (by name) when it does not exist."""
    if (experiment_name is None) == (experiment_id is None):
        raise TracklineException(
            "Give exactly one of experiment_name and experiment_id",
            error_code="INVALID_PARAMETER_VALUE",
        )
    global _active_experiment_id  # noqa: PLW0603
    client = _get_client()
    if experiment_name is None:
        experiment = client.get_experiment(str(experiment_id))
    else:
        experiment = client.get_experiment_by_name(experiment_name) or _create_experiment(client, experiment_name)
    if experiment.lifecycle_stage != "active":
        raise TracklineException(
            f"Cannot set a deleted experiment {experiment.name!r} as the active experiment; "
            "restore it or choose another name",
            error_code="INVALID_PARAMETER_VALUE",
        )
    _active_experiment_id = experiment.experiment_id
    return experiment


def _create_experiment(client: TracklineClient, name: str) -> ent.Experiment:
    """Create the experiment, or find it when another process created it first."""
    try:
        return client.get_experiment(client.create_experiment(name))
    except TracklineException as exc:
        if exc.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
        found = client.get_experiment_by_name(name)
        if found is None:
            raise
        return found


def create_experiment(name: str, artifact_location: str | None = None, tags: dict[str, Any] | None = None) -> str:
    """Create an experiment and return its id."""
    return _get_client().create_experiment(name, artifact_location, tags)


def get_experiment(experiment_id: str) -> ent.Experiment:
    """The experiment with this id."""
    return _get_client().get_experiment(experiment_id)


def get_experiment_by_name(name: str) -> ent.Experiment | None:
    """The experiment with this name, or ``None``."""
    return _get_client().get_experiment_by_name(name)


def search_experiments(
    view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.Experiment]:
    """Every matching experiment across all pages (at most ``max_results`` when given)."""
    client = _get_client()
    found: list[ent.Experiment] = []
    token: str | None = None
    while max_results is None or len(found) < max_results:
        want = 1000 if max_results is None else min(1000, max_results - len(found))
        page = client.search_experiments(view_type, want, filter_string, order_by, token)
        found.extend(page)
        token = page.token
        if not token:
            break
    return found


def delete_experiment(experiment_id: str) -> None:
    """Delete an experiment."""
    _get_client().delete_experiment(experiment_id)


def set_experiment_tag(key: str, value: Any) -> None:
    """Set a tag on the active experiment."""
    _get_client().set_experiment_tag(_experiment_id(), key, value)


def set_experiment_tags(tags: dict[str, Any]) -> None:
    """Set tags on the active experiment."""
    for key, value in tags.items():
        set_experiment_tag(key, value)


def _experiment_id() -> str:
    """The active experiment: set_experiment's, else the environment's, else ``0``."""
    if _active_experiment_id is not None:
        return _active_experiment_id
    name = env_setting("EXPERIMENT_NAME")
    if name:
        client = _get_client()
        found = client.get_experiment_by_name(name)
        return found.experiment_id if found else client.create_experiment(name)
    return env_setting("EXPERIMENT_ID") or "0"


# --- runs --------------------------------------------------------------------------------


def _context_tags() -> dict[str, str]:
    tags = {"mlflow.source.type": "LOCAL"}
    if sys.argv and sys.argv[0]:
        tags["mlflow.source.name"] = sys.argv[0]
    with contextlib.suppress(KeyError, OSError):
        tags["mlflow.user"] = getpass.getuser()
    return tags


def start_run(
    run_id: str | None = None,
    experiment_id: str | None = None,
    run_name: str | None = None,
    nested: bool = False,
    parent_run_id: str | None = None,
    tags: dict[str, Any] | None = None,
    description: str | None = None,
    log_system_metrics: bool | None = None,
) -> ActiveRun:
    """Start a run (or resume ``run_id``) and make it the active run.

    With ``nested=True`` the new run is a child of the active run (tag ``mlflow.parentRunId``);
    ``parent_run_id`` names the parent explicitly. Use it as a context manager to end it.
    ``log_system_metrics`` is accepted for compatibility and ignored.

    Without ``run_id``, the first top-level run of the process resumes ``$MLFLOW_RUN_ID``
    (``$TRACKLINE_RUN_ID``) when it is set, as in MLflow: that is how a project's command
    logs into the run ``trackline run`` made for it. The variable is used once.
    """
    del log_system_metrics
    stack = _state.stack
    if stack and not nested:
        raise TracklineException(
            f"Run with UUID {stack[0].info.run_id} is already active. To start a new run, "
            "first end the current run with end_run(). To start a nested run, call "
            "start_run with nested=True",
            error_code="BAD_REQUEST",
        )
    if run_id is None and not stack:
        run_id = _take_environment_run_id()
    client = _get_client()
    user_tags = {str(k): str(v) for k, v in (tags or {}).items()}
    if description:
        if _NOTE_TAG in user_tags:
            raise TracklineException(
                f"Description is already set via the tag {_NOTE_TAG}",
                error_code="INVALID_PARAMETER_VALUE",
            )
        user_tags[_NOTE_TAG] = description

    if run_id:
        existing = client.get_run(run_id)
        if existing.info.lifecycle_stage != "active":
            raise TracklineException(
                f"Cannot start run with ID {run_id} because it is in the deleted state.",
                error_code="INVALID_PARAMETER_VALUE",
            )
        client.update_run(run_id, status=ent.RunStatus.RUNNING, name=run_name)
        if user_tags:
            client.log_batch(run_id, tags=[ent.RunTag(k, v) for k, v in user_tags.items()])
        run = client.get_run(run_id)
    else:
        if parent_run_id:
            if stack and stack[-1].info.run_id != parent_run_id:
                raise TracklineException(
                    f"Current run with UUID {stack[-1].info.run_id} does not match the "
                    f"specified parent_run_id {parent_run_id}",
                    error_code="INVALID_PARAMETER_VALUE",
                )
            if client.get_run(parent_run_id).info.lifecycle_stage != "active":
                raise TracklineException(
                    f"Cannot start run under parent run with ID {parent_run_id} because it is in the deleted state.",
                    error_code="INVALID_PARAMETER_VALUE",
                )
        elif stack:
            parent_run_id = stack[-1].info.run_id
        all_tags: dict[str, object] = {**_context_tags(), **user_tags}
        if parent_run_id:
            all_tags[_PARENT_RUN_TAG] = parent_run_id
        if run_name:
            all_tags[_RUN_NAME_TAG] = run_name
        run = client.create_run(
            experiment_id=str(experiment_id) if experiment_id is not None else _experiment_id(),
            tags=all_tags,
            run_name=run_name,
        )
    active = ActiveRun(run)
    stack.append(active)
    return active


def _take_environment_run_id() -> str | None:
    """``$TRACKLINE_RUN_ID`` or ``$MLFLOW_RUN_ID``, removed from the environment once read."""
    run_id = env_setting("RUN_ID")
    for prefix in ("TRACKLINE_", "MLFLOW_"):
        os.environ.pop(prefix + "RUN_ID", None)
    return run_id


def end_run(status: ent.RunStatus | str = ent.RunStatus.FINISHED) -> None:
    """End the active run with ``status`` (FINISHED by default)."""
    stack = _state.stack
    if not stack:
        return
    run = stack.pop()
    _state.last_run_id = run.info.run_id
    _get_client().set_terminated(run.info.run_id, status)


def active_run() -> ActiveRun | None:
    """The active run of this thread, or ``None``."""
    return _state.stack[-1] if _state.stack else None


def last_active_run() -> ent.Run | None:
    """The active run, else the last run ended in this thread, read again from the server."""
    run_id = _state.stack[-1].info.run_id if _state.stack else _state.last_run_id
    return get_run(run_id) if run_id else None


def _run_id(run_id: str | None = None) -> str:
    """``run_id``, else the active run's, starting a run when none is active."""
    if run_id:
        return run_id
    return (active_run() or start_run()).info.run_id


def get_run(run_id: str) -> ent.Run:
    """The run with its latest metrics, params and tags."""
    return _get_client().get_run(run_id)


def delete_run(run_id: str) -> None:
    """Mark a run deleted."""
    _get_client().delete_run(run_id)


# --- logging -------------------------------------------------------------------------------


def log_param(key: str, value: Any, synchronous: bool | None = None) -> Any:
    """Log a parameter of the active run and return ``value``."""
    del synchronous
    return _get_client().log_param(_run_id(), key, value)


def log_params(params: dict[str, Any], synchronous: bool | None = None, run_id: str | None = None) -> None:
    """Log parameters of the active run (or of ``run_id``)."""
    del synchronous
    _get_client().log_batch(_run_id(run_id), params=[ent.Param(str(k), str(v)) for k, v in params.items()])


def log_metric(
    key: str,
    value: float,
    step: int | None = None,
    synchronous: bool | None = None,
    timestamp: int | None = None,
    run_id: str | None = None,
) -> None:
    """Log a metric value of the active run; ``step`` defaults to 0, ``timestamp`` to now."""
    del synchronous
    _get_client().log_metric(_run_id(run_id), key, value, timestamp, step)


def log_metrics(
    metrics: dict[str, float],
    step: int | None = None,
    synchronous: bool | None = None,
    run_id: str | None = None,
    timestamp: int | None = None,
) -> None:
    """Log several metric values of the active run at one step and time."""
    del synchronous
    when = timestamp if timestamp is not None else _now_ms()
    _get_client().log_batch(
        _run_id(run_id),
        metrics=[ent.Metric(key, metric_value(key, value), when, step or 0) for key, value in metrics.items()],
    )


def set_tag(key: str, value: Any, synchronous: bool | None = None) -> None:
    """Set a tag on the active run."""
    del synchronous
    _get_client().set_tag(_run_id(), key, value)


def set_tags(tags: dict[str, Any], synchronous: bool | None = None) -> None:
    """Set tags on the active run."""
    del synchronous
    _get_client().log_batch(_run_id(), tags=[ent.RunTag(str(k), str(v)) for k, v in tags.items()])


def delete_tag(key: str) -> None:
    """Remove a tag from the active run."""
    _get_client().delete_tag(_run_id(), key)


# --- search ---------------------------------------------------------------------------------


@overload
def search_runs(
    experiment_ids: Sequence[str] | None = ...,
    filter_string: str = ...,
    run_view_type: ent.ViewType | str | int = ...,
    max_results: int = ...,
    order_by: Sequence[str] | None = ...,
    output_format: Literal["pandas"] = ...,
    search_all_experiments: bool = ...,
    experiment_names: Sequence[str] | None = ...,
) -> pd.DataFrame: ...


@overload
def search_runs(
    experiment_ids: Sequence[str] | None = ...,
    filter_string: str = ...,
    run_view_type: ent.ViewType | str | int = ...,
    max_results: int = ...,
    order_by: Sequence[str] | None = ...,
    *,
    output_format: Literal["list"],
    search_all_experiments: bool = ...,
    experiment_names: Sequence[str] | None = ...,
) -> list[ent.Run]: ...


def search_runs(
    experiment_ids: Sequence[str] | None = None,
    filter_string: str = "",
    run_view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
    max_results: int = 100000,
    order_by: Sequence[str] | None = None,
    output_format: Literal["pandas", "list"] = "pandas",
    search_all_experiments: bool = False,
    experiment_names: Sequence[str] | None = None,
) -> pd.DataFrame | list[ent.Run]:
    """Runs matching a filter, across all pages, as a pandas DataFrame or a list of runs.

    The DataFrame has MLflow's columns: ``run_id, experiment_id, status, artifact_uri,
    start_time, end_time`` (UTC times), then ``metrics.<key>``, ``params.<key>`` and
    ``tags.<key>``. Without ``experiment_ids`` or ``experiment_names`` the active experiment
    is searched (every experiment with ``search_all_experiments=True``).
    """
    if output_format not in ("pandas", "list"):
        raise TracklineException(
            f"Unsupported output format {output_format!r}: use 'pandas' or 'list'",
            error_code="INVALID_PARAMETER_VALUE",
        )
    if experiment_ids and experiment_names:
        raise TracklineException(
            "Give experiment_ids or experiment_names, not both",
            error_code="INVALID_PARAMETER_VALUE",
        )
    client = _get_client()
    if experiment_names:
        ids = [e.experiment_id for e in (client.get_experiment_by_name(n) for n in experiment_names) if e is not None]
        if not ids:
            runs: list[ent.Run] = []
            return _as_output(runs, output_format)
    elif experiment_ids:
        ids = [str(i) for i in experiment_ids]
    elif search_all_experiments:
        ids = [e.experiment_id for e in search_experiments(view_type=ent.ViewType.ALL)]
    else:
        ids = [_experiment_id()]
    runs = client.search_all_runs(
        ids,
        filter_string,
        run_view_type,
        order_by,
        max_results=max_results,
        page_size=min(_PAGE_SIZE, max_results),
    )
    return _as_output(runs, output_format)


def _as_output(runs: list[ent.Run], output_format: Literal["pandas", "list"]) -> pd.DataFrame | list[ent.Run]:
    if output_format == "list":
        return runs
    from ._dataframe import runs_to_dataframe  # noqa: PLC0415 - pandas is optional

    return runs_to_dataframe(runs)
