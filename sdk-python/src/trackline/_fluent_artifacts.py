"""The fluent API's artifact functions: MLflow's names, on the active run.

Example (with a server running)::

    import trackline as tl

    with tl.start_run():
        tl.log_dict({"alpha": 0.5}, "config.yaml")
        tl.log_artifacts("outputs/", artifact_path="outputs")
"""

from __future__ import annotations

import os
from typing import Any

from ._fluent import _get_client, _run_id, active_run

__all__ = [
    "get_artifact_uri",
    "log_artifact",
    "log_artifacts",
    "log_dict",
    "log_figure",
    "log_image",
    "log_text",
]


def log_artifact(
    local_path: str | os.PathLike[str], artifact_path: str | None = None, run_id: str | None = None
) -> None:
    """Upload a local file (or directory) to the active run's artifacts, into
    ``artifact_path``."""
    _get_client().log_artifact(_run_id(run_id), local_path, artifact_path)


def log_artifacts(
    local_dir: str | os.PathLike[str], artifact_path: str | None = None, run_id: str | None = None
) -> None:
    """Upload a directory tree to the active run's artifacts, into ``artifact_path``."""
    _get_client().log_artifacts(_run_id(run_id), local_dir, artifact_path)


def log_text(text: str, artifact_file: str, run_id: str | None = None) -> None:
    """Write ``text`` to the active run's artifact file ``artifact_file``."""
    _get_client().log_text(_run_id(run_id), text, artifact_file)


def log_dict(dictionary: Any, artifact_file: str, run_id: str | None = None) -> None:
    """Write ``dictionary`` to the active run's artifact file: YAML for ``.yaml``/``.yml``
    names, JSON otherwise."""
    _get_client().log_dict(_run_id(run_id), dictionary, artifact_file)


def log_figure(
    figure: Any,
    artifact_file: str,
    *,
    save_kwargs: dict[str, Any] | None = None,
    run_id: str | None = None,
) -> None:
    """Save a matplotlib or plotly figure as the active run's artifact ``artifact_file``."""
    _get_client().log_figure(_run_id(run_id), figure, artifact_file, save_kwargs=save_kwargs)


def log_image(
    image: Any,
    artifact_file: str | None = None,
    key: str | None = None,
    step: int | None = None,
    timestamp: int | None = None,
    synchronous: bool | None = None,
    run_id: str | None = None,
) -> None:
    """Save a numpy array or PIL image as the active run's artifact ``artifact_file``."""
    _get_client().log_image(_run_id(run_id), image, artifact_file, key, step, timestamp, synchronous)


def get_artifact_uri(artifact_path: str | None = None) -> str:
    """The active run's artifact URI (starting a run when none is active), or the URI of
    ``artifact_path`` inside it."""
    run = active_run()
    run_id = _run_id()
    uri = run.info.artifact_uri if run is not None else None
    if not uri:
        uri = _get_client().get_run(run_id).info.artifact_uri or ""
    if not artifact_path:
        return uri
    return f"{uri.rstrip('/')}/{artifact_path.lstrip('/')}"
