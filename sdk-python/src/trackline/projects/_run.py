"""``run``: a project from its URI to a started, tracked command.

Everything that can be wrong with the input is found before the run exists: the URI and
version, the MLproject file, the entry point, every parameter, the environment. Then the run
is created (or resumed), its parameters and tags logged, and the command started with
``MLFLOW_RUN_ID``, ``MLFLOW_TRACKING_URI`` and ``MLFLOW_EXPERIMENT_ID`` (and their
``TRACKLINE_`` twins) set, so that MLflow's clients and Trackline's log into that run.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackline import _fluent
from trackline._client import TracklineClient
from trackline._entities import Param, RunStatus, RunTag
from trackline._errors import TracklineException
from trackline.environments import PythonEnv, virtualenv

from ._errors import ExecutionException
from ._fetch import FetchedProject, fetch_project
from ._params import ResolvedParameters, render_command, resolve_parameters
from ._runner import start_command
from ._spec import EntryPoint, Project, load_project
from ._submitted import SubmittedRun

__all__ = ["ENV_MANAGERS", "run"]

_logger = logging.getLogger("trackline.projects")

#: ``local`` runs in the current environment; ``virtualenv`` (or ``uv``, the same builder)
#: builds the project's python_env.
ENV_MANAGERS = ("local", "virtualenv", "uv")


def run(
    uri: str,
    entry_point: str = "main",
    version: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    docker_args: Mapping[str, Any] | None = None,
    experiment_name: str | None = None,
    experiment_id: str | None = None,
    backend: str | None = "local",
    backend_config: Mapping[str, Any] | str | None = None,
    storage_dir: str | os.PathLike[str] | None = None,
    synchronous: bool = True,
    run_id: str | None = None,
    run_name: str | None = None,
    env_manager: str | None = None,
    build_image: bool = False,
    docker_auth: Mapping[str, Any] | None = None,
) -> SubmittedRun:
    """Run a project, as ``mlflow.projects.run`` does, on the local backend.

    ``uri`` is a local directory, a local git repository or a git URL, with ``#sub/dir`` for
    a project inside it; ``version`` is a git branch, tag or commit. ``parameters`` fill the
    entry point's command (undeclared ones are appended as ``--name value``). The run goes
    to ``experiment_id`` or ``experiment_name`` (created when missing), else the active
    experiment; ``run_id`` resumes an existing run instead of creating one. ``env_manager``
    is ``local`` or ``virtualenv`` (default: ``virtualenv`` for a project with a python_env,
    else ``local``). ``docker_args``, ``backend_config``, ``build_image`` and
    ``docker_auth`` only matter to docker and remote backends, which are not supported.

    Returns a :class:`SubmittedRun`; with ``synchronous=True`` (the default) after the
    command has ended, raising :class:`ExecutionException` if it failed.

    Example (with a server running)::

        from trackline import projects

        submitted = projects.run("examples/projects/python", "train", parameters={"alpha": 0.3})
        print(submitted.run_id, submitted.get_status())  # ... FINISHED
    """
    del docker_args, backend_config, build_image, docker_auth
    _check_arguments(backend, env_manager, experiment_name, experiment_id)
    prepared = _prepare(uri, version, entry_point, parameters or {}, env_manager, storage_dir)
    try:
        client = TracklineClient()
        try:
            if run_id is None:
                experiment = _experiment(client, experiment_name, experiment_id)
                tags = prepared.tags(run_name)
                run_id = client.create_run(experiment, tags=dict(tags), run_name=run_name).info.run_id
                submitted = _start(client, prepared, run_id, experiment, prepared.resolved.logged, {})
            else:
                experiment, params = _resume(client, run_id, prepared.resolved.logged, experiment_name, experiment_id)
                client.update_run(run_id, status=RunStatus.RUNNING, name=run_name)
                submitted = _start(client, prepared, run_id, experiment, params, prepared.tags(run_name))
        except BaseException:
            client.close()
            raise
    except BaseException:
        prepared.remove()
        raise
    if synchronous and not submitted.wait():
        raise ExecutionException(f"Run (ID '{submitted.run_id}') failed", error_code="INTERNAL_ERROR")
    return submitted


@dataclass
class _Prepared:
    """A project checked and ready to start: everything that does not need the run."""

    fetched: FetchedProject
    project: Project
    entry: EntryPoint
    manager: str
    resolved: ResolvedParameters
    command: str
    env_dir: Path | None = None

    def tags(self, run_name: str | None) -> dict[str, str]:
        tags = {"mlflow.source.type": "PROJECT", **self.fetched.tags(), "mlflow.project.entryPoint": self.entry.name}
        tags["mlflow.project.backend"] = "local"
        if self.manager != "local":
            tags["mlflow.project.env"] = self.manager
        with contextlib.suppress(KeyError, OSError):
            tags["mlflow.user"] = getpass.getuser()
        if run_name:
            tags["mlflow.runName"] = run_name
        parent = _fluent.active_run()
        if parent is not None:
            tags["mlflow.parentRunId"] = parent.info.run_id
        return tags

    def cleanup(self) -> list[Path]:
        """What to remove once the command has ended: a checkout, downloaded parameters."""
        return [*([self.fetched.temporary] if self.fetched.temporary else []), *self.resolved.downloads]

    def remove(self) -> None:
        for path in self.cleanup():
            shutil.rmtree(path, ignore_errors=True)


def _prepare(
    uri: str,
    version: str | None,
    entry_point: str,
    parameters: Mapping[str, Any],
    env_manager: str | None,
    storage_dir: str | os.PathLike[str] | None,
) -> _Prepared:
    fetched = fetch_project(uri, version)
    try:
        project = load_project(fetched.directory)
        manager = _env_manager(project, env_manager)
        entry = project.entry_point(entry_point)
        storage = Path(storage_dir) if storage_dir is not None else None
        resolved = resolve_parameters(entry, parameters, project.directory, storage_dir=storage)
    except BaseException:
        fetched.remove()
        raise
    prepared = _Prepared(fetched, project, entry, manager, resolved, render_command(entry, resolved))
    try:
        prepared.env_dir = _environment(project, manager)
    except BaseException:
        prepared.remove()
        raise
    return prepared


def _check_arguments(
    backend: str | None, env_manager: str | None, experiment_name: str | None, experiment_id: str | None
) -> None:
    if backend not in (None, "local"):
        raise ExecutionException(f"Backend {backend!r} is not supported: projects run on the 'local' backend")
    if env_manager == "conda":
        raise ExecutionException(
            "The conda environment manager is not supported: use 'virtualenv' (python_env.yaml) or 'local'"
        )
    if env_manager is not None and env_manager not in ENV_MANAGERS:
        raise ExecutionException(f"Unknown environment manager {env_manager!r}: use one of {', '.join(ENV_MANAGERS)}")
    if experiment_name and experiment_id is not None:
        raise ExecutionException("Give experiment_name or experiment_id, not both")


def _env_manager(project: Project, requested: str | None) -> str:
    if project.env_type == "docker_env":
        raise ExecutionException(
            f"Project {project.directory} has a docker_env, and docker projects are not supported: "
            "run its command in the image yourself, or give the project a python_env.yaml"
        )
    if project.env_type == "conda_env" and requested != "local":
        raise ExecutionException(
            f"Project {project.directory} has a conda_env, and conda is not supported: give it a python_env.yaml, "
            "or run it with env manager 'local' in an environment that has its dependencies"
        )
    if requested is not None:
        return requested
    return "virtualenv" if project.env_type == "python_env" else "local"


def _environment(project: Project, manager: str) -> Path | None:
    if manager == "local":
        return None
    env = PythonEnv.from_yaml(project.env_file) if project.env_file else PythonEnv()
    return virtualenv(env, project.directory)


def _experiment(client: TracklineClient, experiment_name: str | None, experiment_id: str | None) -> str:
    if experiment_id is not None:
        return client.get_experiment(str(experiment_id)).experiment_id
    if experiment_name:
        found = client.get_experiment_by_name(experiment_name)
        if found is not None:
            return found.experiment_id
        _logger.info("Experiment %r does not exist: creating it", experiment_name)
        return client.create_experiment(experiment_name)
    return _fluent._experiment_id()


def _start(
    client: TracklineClient,
    prepared: _Prepared,
    run_id: str,
    experiment_id: str,
    params: Mapping[str, str],
    tags: Mapping[str, str],
) -> SubmittedRun:
    """Log the parameters (and tags), then start the command in the run; if that fails, the
    run ends FAILED (KILLED when interrupted) rather than staying RUNNING."""
    try:
        client.log_batch(
            run_id, params=[Param(k, v) for k, v in params.items()], tags=[RunTag(k, v) for k, v in tags.items()]
        )
        _logger.info("=== Running command '%s' in run with ID '%s' ===", prepared.command, run_id)
        environ = _child_environment(run_id, experiment_id, client.tracking_uri, prepared.env_dir)
        process = start_command(prepared.command, prepared.project.directory, environ)
    except BaseException as exc:
        status = RunStatus.KILLED if isinstance(exc, KeyboardInterrupt) else RunStatus.FAILED
        try:
            client.set_terminated(run_id, status)
        except TracklineException:
            _logger.error("Could not record run %s as %s", run_id, status)
        _logger.info("=== Run (ID '%s') %s ===", run_id, "killed" if status == RunStatus.KILLED else "failed")
        raise
    return SubmittedRun(run_id, process, client, prepared.cleanup())


def _resume(
    client: TracklineClient,
    run_id: str,
    logged: Mapping[str, str],
    experiment_name: str | None,
    experiment_id: str | None,
) -> tuple[str, dict[str, str]]:
    """The experiment of an existing run and the parameters still to log on it; refuses a
    deleted run, another experiment, or a parameter that would change (a run's parameters
    are written once)."""
    existing = client.get_run(run_id)
    if existing.info.lifecycle_stage != "active":
        raise ExecutionException(f"Run {run_id} is deleted")
    if experiment_id is not None and str(experiment_id) != existing.info.experiment_id:
        raise ExecutionException(f"Run {run_id} is in experiment {existing.info.experiment_id}, not {experiment_id}")
    if experiment_name:
        named = client.get_experiment_by_name(experiment_name)
        if named is None or named.experiment_id != existing.info.experiment_id:
            raise ExecutionException(f"Run {run_id} is not in experiment {experiment_name!r}")
    have = existing.data.params
    for key, value in logged.items():
        if key in have and have[key] != value:
            raise ExecutionException(
                f"Run {run_id} already has parameter {key!r} = {have[key]!r}; it cannot become {value!r}"
            )
    return existing.info.experiment_id, {key: value for key, value in logged.items() if key not in have}


def _child_environment(run_id: str, experiment_id: str, tracking_uri: str, env_dir: Path | None) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("MLFLOW_EXPERIMENT_NAME", "TRACKLINE_EXPERIMENT_NAME")}
    for name, value in (("RUN_ID", run_id), ("TRACKING_URI", tracking_uri), ("EXPERIMENT_ID", experiment_id)):
        environ[f"MLFLOW_{name}"] = value
        environ[f"TRACKLINE_{name}"] = value
    if env_dir is not None:
        environ["VIRTUAL_ENV"] = str(env_dir)
        environ["PATH"] = os.pathsep.join([str(env_dir / "bin"), environ.get("PATH", "")])
        environ.pop("PYTHONHOME", None)
    return environ
