"""Logging a model to the tracking server, as MLflow 3 does.

1. create a logged model (``POST logged-models``) in the active run's experiment, with the
   run's params;
2. link it to the run as an output (``POST runs/outputs``);
3. write ``MLmodel`` with the logged model's id and artifact location, and upload the model
   directory there through the artifact proxy;
4. mark it ready (``PATCH logged-models/<id>``; FAILED if the upload failed);
5. register it as a new version when ``registered_model_name`` is given.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trackline import _convert as conv
from trackline._errors import TracklineException
from trackline._uris import proxy_location
from trackline_api import models as api

from ._mlmodel import MLMODEL_FILE_NAME, Model
from ._signature import ModelSignature

__all__ = ["ModelInfo", "log_model_dir", "model_name"]


@dataclass(frozen=True)
class ModelInfo:
    """What ``log_model`` logged: load it again with ``load_model(info.model_uri)``."""

    model_id: str
    model_uri: str
    name: str
    run_id: str | None
    artifact_path: str
    flavors: dict[str, Any]
    signature: ModelSignature | None
    utc_time_created: str
    registered_model_version: str | None = None


def _pending_model(name: str, run_id: str | None, model_type: str | None) -> api.LoggedModelInfo:
    from trackline._fluent import _context_tags, _experiment_id, _get_client  # noqa: PLC0415

    client = _get_client()
    params: list[api.LoggedModelParameter] = []
    if run_id is not None:
        run = client.get_run(run_id)
        experiment_id = run.info.experiment_id
        params = [api.LoggedModelParameter(key=k, value=v) for k, v in run.data.params.items()]
    else:
        experiment_id = _experiment_id()
    body = api.CreateLoggedModelRequest(
        experiment_id=experiment_id,
        name=name,
        model_type=conv.unset(model_type),
        source_run_id=conv.unset(run_id),
        params=params or conv.unset(None),
        tags=[api.LoggedModelTag(key=k, value=v) for k, v in _context_tags().items()],
    )
    return client._create_logged_model(body)


def _finalize(model_id: str, status: api.LoggedModelFinalStatus) -> None:
    from trackline._fluent import _get_client  # noqa: PLC0415

    _get_client()._finalize_logged_model(model_id, status)


def _upload(directory: Path, artifact_uri: str) -> None:
    from trackline._fluent import _get_client  # noqa: PLC0415

    root = proxy_location(artifact_uri)
    pairs = [
        (str(path), root.child(path.relative_to(directory).as_posix()))
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    ]
    _get_client()._transfer.upload_files(pairs, directory.name)


def log_model_dir(
    save: Callable[[Path], Model],
    name: str,
    registered_model_name: str | None = None,
    model_type: str | None = None,
    await_registration_for: int = 300,
) -> ModelInfo:
    """Save a model with ``save(directory)``, then log it (see the module docs)."""
    from trackline._fluent import active_run  # noqa: PLC0415
    from trackline._fluent_registry import register_model  # noqa: PLC0415

    if not name:
        raise TracklineException("log_model needs a name for the model", error_code="INVALID_PARAMETER_VALUE")
    run = active_run()
    run_id = run.info.run_id if run is not None else None
    logged = _pending_model(name, run_id, model_type)
    model_id = logged.model_id
    artifact_uri = conv.opt(logged.artifact_uri) or ""
    try:
        if run_id is not None:
            from trackline._fluent import _get_client  # noqa: PLC0415
            from trackline.entities import LoggedModelOutput  # noqa: PLC0415

            _get_client().log_outputs(run_id, [LoggedModelOutput(model_id, 0)])
        with tempfile.TemporaryDirectory(prefix="trackline-model-") as tmp:
            directory = Path(tmp) / "model"
            model = save(directory)
            model.model_id = model_id
            model.model_uuid = model_id
            model.run_id = run_id
            model.artifact_path = artifact_uri
            model.save(directory / MLMODEL_FILE_NAME)
            _upload(directory, artifact_uri)
    except BaseException:
        _finalize(model_id, api.LoggedModelFinalStatus.LOGGED_MODEL_UPLOAD_FAILED)
        raise
    _finalize(model_id, api.LoggedModelFinalStatus.LOGGED_MODEL_READY)
    version = None
    if registered_model_name:
        version = register_model(f"models:/{model_id}", registered_model_name, await_registration_for).version
    return ModelInfo(
        model_id=model_id,
        model_uri=f"models:/{model_id}",
        name=name,
        run_id=run_id,
        artifact_path=artifact_uri,
        flavors=model.flavors,
        signature=model.signature,
        utc_time_created=model.utc_time_created,
        registered_model_version=version,
    )


def model_name(name: str | None, artifact_path: str | None) -> str:
    """``name``, or the older ``artifact_path`` argument (MLflow 2's), else ``model``."""
    return name or artifact_path or "model"
