"""The fluent API's state and runs: the shared client, the active experiment, and the stack of
active runs with ``start_run`` and ``end_run``.

The fluent functions (MLflow's module-level names) are split by concern: experiments in
``_fluent_experiments``, logging in ``_fluent_logging``, search in ``_fluent_search``,
artifacts in ``_fluent_artifacts`` and the registry in ``_fluent_registry``; all of them work
on the client and the active run kept here.

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
import warnings
from types import TracebackType
from typing import Any, Literal, Self

from . import _entities as ent
from ._async_logging import AsyncLoggingException
from ._client import TracklineClient
from ._config import env_setting, get_tracking_uri
from ._errors import TracklineException

__all__ = [
    "ActiveRun",
    "active_run",
    "delete_run",
    "end_run",
    "get_run",
    "last_active_run",
    "start_run",
]

_PARENT_RUN_TAG = "mlflow.parentRunId"
_RUN_NAME_TAG = "mlflow.runName"
_NOTE_TAG = "mlflow.note.content"

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
    global _client
    uri = get_tracking_uri()
    with _client_lock:
        if _client is None or _client.tracking_uri != uri.rstrip("/"):
            old, _client = _client, TracklineClient(uri)
            if old is not None:
                try:
                    old.close()  # sends what it queued for the previous server
                except TracklineException as exc:
                    warnings.warn(f"Queued logging calls to {old.tracking_uri} failed: {exc}", stacklevel=3)
        return _client


def _flush_fluent_client() -> None:
    """Send what the fluent API queued (nothing to do before its client exists)."""
    with _client_lock:
        client = _client
    if client is not None:
        client.flush()


class ActiveRun(ent.Run):
    """The run returned by :func:`start_run`; as a context manager it ends the run on exit.

    Leaving the ``with`` block normally marks the run FINISHED; an exception marks it FAILED
    (KILLED for ``KeyboardInterrupt``) and is raised again. Either way queued logging calls are
    sent first; their failures are raised on a normal exit, and only warned about when the
    block already raises.
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
            try:
                # Runs started inside this one and left open end with it.
                while _state.stack and _state.stack[-1].info.run_id != self.info.run_id:
                    end_run(status)
                end_run(status)
            except AsyncLoggingException as failed:
                if exc_type is None:
                    raise
                warnings.warn(f"Queued logging calls failed: {failed}", stacklevel=2)
        return False


# --- the active experiment ---------------------------------------------------------------


def _activate_experiment(experiment_id: str) -> None:
    """Make ``experiment_id`` the experiment new runs go to."""
    global _active_experiment_id  # noqa: PLW0603
    _active_experiment_id = experiment_id


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
    """End the active run with ``status`` (FINISHED by default).

    Queued logging calls are sent first; when some were not stored the run is ended all the
    same, then :class:`~trackline.AsyncLoggingException` is raised.
    """
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
