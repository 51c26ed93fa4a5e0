"""Where URIs point: ``runs:/``, ``models:/`` and ``mlflow-artifacts:`` URIs resolved to places
in the server's artifact proxy (for :mod:`trackline.artifacts`), and the source a new model
version is registered from (for :func:`trackline.register_model`).

Both follow MLflow: ``models:/<name>/<version>``, ``models:/<name>@<alias>`` and
``models:/<name>/<stage>`` go through the registry, ``models:/<model_id>`` through the logged
model; a ``runs:/`` URI is registered from the run's artifacts when they hold an ``MLmodel``
file there, otherwise from the logged model of that name the run produced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import _convert as conv
from ._errors import TracklineException
from ._uris import ProxyLocation, parse_models_uri, parse_runs_uri, proxy_location

if TYPE_CHECKING:
    from ._client import TracklineClient

__all__ = ["resolve", "version_source"]

_MLMODEL = "MLmodel"
#: How many ``models:/`` URIs may lead to one another before the chain is refused.
_MAX_DEPTH = 3


def _not_found(message: str) -> TracklineException:
    return TracklineException(message, error_code="RESOURCE_DOES_NOT_EXIST")


def resolve(client: TracklineClient, artifact_uri: str, depth: int = 0) -> ProxyLocation:
    """Where ``artifact_uri`` points in the artifact proxy."""
    scheme = urlsplit(artifact_uri).scheme
    if scheme == "runs":
        run_id, path = parse_runs_uri(artifact_uri)
        return client._run_root(run_id).child(path)
    if scheme != "models" or depth >= _MAX_DEPTH:
        return proxy_location(artifact_uri)
    model = parse_models_uri(artifact_uri)
    if model.model_id is not None:
        location = conv.opt(client._logged_model_info(model.model_id).artifact_uri)
        if not location:
            raise TracklineException(
                f"Logged model {model.model_id} has no artifact location", error_code="INVALID_STATE"
            )
        return resolve(client, location, depth + 1).child(model.path)
    name = str(model.name)
    if model.alias is not None:
        version = client.get_model_version_by_alias(name, model.alias).version
    elif model.version is not None:
        version = model.version
    else:
        stage = str(model.stage)
        found = client.get_latest_versions(name, None if stage.lower() == "latest" else [stage])
        if not found:
            raise _not_found(f"Registered model {name!r} has no version in {stage!r}")
        version = max(found, key=lambda v: int(v.version)).version
    source = client.get_model_version_download_uri(name, version)
    return resolve(client, source, depth + 1).child(model.path)


def version_source(client: TracklineClient, model_uri: str) -> tuple[str, str | None, str | None]:
    """``(source, run_id, model_id)`` of a new model version registered from ``model_uri``.

    Any URI but ``runs:/`` and ``models:/<model_id>`` is the source as it is.
    """
    scheme = urlsplit(model_uri).scheme
    if scheme == "runs":
        return _run_source(client, model_uri)
    if scheme == "models":
        parsed = parse_models_uri(model_uri)
        if parsed.model_id is not None and not parsed.path:
            info = client._logged_model_info(parsed.model_id)
            return model_uri, conv.opt(info.source_run_id) or None, parsed.model_id
    return model_uri, None, None


def _run_source(client: TracklineClient, model_uri: str) -> tuple[str, str | None, str | None]:
    run_id, path = parse_runs_uri(model_uri)
    run = client.get_run(run_id)
    entries = client._transfer.list_dir(client._run_root(run_id).child(path))
    if any(e.path == _MLMODEL and not e.is_dir for e in entries):
        location = (run.info.artifact_uri or "").rstrip("/")
        return (f"{location}/{path}" if path else location), run_id, None
    models = client._logged_models_of_run(run.info.experiment_id, run_id, path)
    if not models:
        raise _not_found(
            f"Unable to find a logged model named {path!r} under run {run_id}, nor an "
            f"MLmodel file at that path in its artifacts"
        )
    steps = {m.model_id: m.step for m in run.outputs.model_outputs}
    chosen = max(models, key=lambda m: (steps.get(m.model_id, -1), m.creation_timestamp_ms or 0))
    return f"models:/{chosen.model_id}", run_id, chosen.model_id
