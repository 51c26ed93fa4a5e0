"""Artifact helpers by URI, named as in ``mlflow.artifacts``.

URIs may be ``runs:/<run_id>/<path>``, ``models:/<name>/<version>``, ``models:/<name>@<alias>``,
``models:/<name>/<stage>``, ``models:/<model_id>`` or ``mlflow-artifacts:/<path>``; they are
read through the tracking server's artifact proxy.

Example (with a server running)::

    from trackline import artifacts

    config = artifacts.load_dict(f"runs:/{run_id}/config.json")
    local = artifacts.download_artifacts(run_id=run_id, artifact_path="model", dst_path="out")
    assert artifacts.file_checksum(f"{local}/weights.bin") == expected_sha256
"""

from __future__ import annotations

import io
import os
import posixpath
from typing import Any

from ._client import TracklineClient
from ._entities import FileInfo
from ._errors import TracklineException
from ._fluent import _get_client
from ._locations import resolve
from ._media import load_dict_bytes
from ._transfer import TransferSettings, file_checksum
from ._uris import join_artifact_path

__all__ = [
    "TransferSettings",
    "download_artifacts",
    "file_checksum",
    "list_artifacts",
    "load_dict",
    "load_image",
    "load_text",
]


def _client_for(tracking_uri: str | None) -> TracklineClient:
    return TracklineClient(tracking_uri) if tracking_uri else _get_client()


def _check_one_way(artifact_uri: str | None, run_id: str | None, artifact_path: str | None) -> None:
    if artifact_uri is not None and (run_id is not None or artifact_path is not None):
        raise TracklineException(
            "Give artifact_uri, or run_id (with an optional artifact_path), not both",
            error_code="INVALID_PARAMETER_VALUE",
        )
    if artifact_uri is None and run_id is None:
        raise TracklineException("Give artifact_uri or run_id", error_code="INVALID_PARAMETER_VALUE")


def download_artifacts(
    artifact_uri: str | None = None,
    run_id: str | None = None,
    artifact_path: str | None = None,
    dst_path: str | os.PathLike[str] | None = None,
    tracking_uri: str | None = None,
) -> str:
    """Download a file or directory and return its local path.

    With ``artifact_uri`` the result is ``<dst_path>/<last part of the URI>``; with ``run_id``
    it is ``<dst_path>/<artifact_path>`` (the whole run when no path is given). ``dst_path``
    defaults to a new temporary directory.
    """
    _check_one_way(artifact_uri, run_id, artifact_path)
    client = _client_for(tracking_uri)
    try:
        if artifact_uri is not None:
            location = resolve(client, artifact_uri)
            return client._download(location, location.parent, dst_path)
        return client.download_artifacts(str(run_id), artifact_path or "", dst_path)
    finally:
        if tracking_uri:
            client.close()


def list_artifacts(
    artifact_uri: str | None = None,
    run_id: str | None = None,
    artifact_path: str | None = None,
    tracking_uri: str | None = None,
) -> list[FileInfo]:
    """The entries of one directory: paths relative to ``artifact_uri``, or to the run's
    artifact root with ``run_id``."""
    _check_one_way(artifact_uri, run_id, artifact_path)
    client = _client_for(tracking_uri)
    try:
        if artifact_uri is not None:
            location = resolve(client, artifact_uri)
            return client._list_location(location, location)
        return client.list_artifacts(str(run_id), join_artifact_path(artifact_path) or None)
    finally:
        if tracking_uri:
            client.close()


def _read(artifact_uri: str) -> bytes:
    client = _get_client()
    return client._transfer.read(resolve(client, artifact_uri))


def load_text(artifact_uri: str) -> str:
    """A text artifact's content (UTF-8), such as ``runs:/<run_id>/notes/summary.txt``."""
    return _read(artifact_uri).decode("utf-8")


def load_dict(artifact_uri: str) -> Any:
    """A JSON or YAML (``.yaml``/``.yml``) artifact, as written by ``log_dict``."""
    return load_dict_bytes(_read(artifact_uri), posixpath.basename(artifact_uri))


def load_image(artifact_uri: str) -> Any:
    """An image artifact as a PIL image (needs Pillow)."""
    from PIL import Image  # noqa: PLC0415 - Pillow is optional

    image = Image.open(io.BytesIO(_read(artifact_uri)))
    image.load()
    return image
