"""Model URIs to local model directories.

Every URI MLflow takes: a local path (or ``file://``), ``runs:/<run_id>/<path>``,
``models:/<name>/<version>``, ``models:/<name>@<alias>``, ``models:/<name>/<stage>``,
``models:/<name>/latest``, ``models:/<model_id>`` and ``mlflow-artifacts:/<path>``.
Remote models are downloaded through the tracking server's artifact proxy.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from trackline._errors import TracklineException

from ._mlmodel import MLMODEL_FILE_NAME

__all__ = ["download_model", "is_local_uri"]

_REMOTE_SCHEMES = ("runs", "models", "mlflow-artifacts")


def is_local_uri(model_uri: str) -> bool:
    scheme = urlsplit(model_uri).scheme
    return scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt")


def _local_path(model_uri: str) -> Path:
    parts = urlsplit(model_uri)
    return Path(unquote(parts.path)) if parts.scheme == "file" else Path(model_uri)


def _check_model_dir(path: Path, model_uri: str) -> Path:
    if not (path / MLMODEL_FILE_NAME).is_file():
        raise TracklineException(
            f"No model at {model_uri!r}: {path} has no MLmodel file", error_code="RESOURCE_DOES_NOT_EXIST"
        )
    return path


def download_model(model_uri: str, dst_path: str | os.PathLike[str] | None = None) -> Path:
    """The local directory of the model at ``model_uri`` (downloaded first when it is remote)."""
    model_uri = os.fspath(model_uri)
    if is_local_uri(model_uri):
        return _check_model_dir(_local_path(model_uri).resolve(), model_uri)
    scheme = urlsplit(model_uri).scheme
    if scheme not in _REMOTE_SCHEMES:
        raise TracklineException(
            f"Unsupported model URI {model_uri!r}: use a local path, runs:/, models:/ or mlflow-artifacts:/",
            error_code="INVALID_PARAMETER_VALUE",
        )
    from trackline import artifacts  # noqa: PLC0415 - the tracking client is needed only for remote models
    from trackline._fluent import _get_client  # noqa: PLC0415
    from trackline._locations import version_source  # noqa: PLC0415

    if scheme == "runs":
        # A run directory holding MLmodel, else the MLflow 3 logged model of that name.
        model_uri = version_source(_get_client(), model_uri)[0]
    target = Path(dst_path) if dst_path is not None else Path(tempfile.mkdtemp(prefix="trackline-model-"))
    target.mkdir(parents=True, exist_ok=True)
    local = Path(artifacts.download_artifacts(artifact_uri=model_uri, dst_path=target))
    return _check_model_dir(local, model_uri)
