"""The fluent API's model registry functions: ``register_model`` and the searches.

Example (with a server running)::

    import trackline as tl

    version = tl.register_model(f"runs:/{run_id}/model", "churn-classifier")
    tl.MlflowClient().set_registered_model_alias("churn-classifier", "champion", version.version)
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from trackline_api import models as api
from trackline_api.api.models import get_logged_model, search_logged_models

from . import _convert as conv
from . import _entities as ent
from ._client import TracklineClient
from ._client_registry import DEFAULT_AWAIT_SECONDS
from ._errors import TracklineException
from ._fluent import _get_client
from ._http import expect, translate_errors
from ._uris import parse_models_uri, parse_runs_uri

__all__ = ["register_model", "search_model_versions", "search_registered_models"]

_MLMODEL = "MLmodel"


def register_model(
    model_uri: str,
    name: str,
    await_registration_for: int = DEFAULT_AWAIT_SECONDS,
    *,
    tags: dict[str, object] | None = None,
) -> ent.ModelVersion:
    """Register ``model_uri`` as a new version of the registered model ``name``, creating the
    registered model when it does not exist yet.

    ``model_uri`` is ``models:/<model_id>`` (an MLflow 3 logged model) or
    ``runs:/<run_id>/<path>``: a run directory holding an ``MLmodel`` file is registered from
    its artifact location, otherwise the logged model named ``<path>`` that the run produced.
    Any other URI is registered as the version's source as it is.
    """
    client = _get_client()
    try:
        client.create_registered_model(name)
    except TracklineException as exc:
        if exc.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
    source, run_id, model_id = _source_of(client, model_uri)
    return client.create_model_version(
        name,
        source,
        run_id=run_id,
        tags=tags,
        await_creation_for=await_registration_for,
        model_id=model_id,
    )


def _source_of(client: TracklineClient, model_uri: str) -> tuple[str, str | None, str | None]:
    """``(source, run_id, model_id)`` for a new version of ``model_uri``."""
    scheme = urlsplit(model_uri).scheme
    if scheme == "runs":
        return _run_source(client, model_uri)
    if scheme == "models":
        parsed = parse_models_uri(model_uri)
        if parsed.model_id is not None and not parsed.path:
            with translate_errors():
                answer = get_logged_model.sync_detailed(parsed.model_id, client=client.api).parsed
                info = expect(answer, api.LoggedModelResponse).model.info
            return model_uri, conv.opt(info.source_run_id) or None, parsed.model_id
    return model_uri, None, None


def _run_source(client: TracklineClient, model_uri: str) -> tuple[str, str | None, str | None]:
    run_id, path = parse_runs_uri(model_uri)
    run = client.get_run(run_id)
    root = client._run_root(run_id).child(path)
    entries = client._transfer.list_dir(root)
    if any(e.path == _MLMODEL and not e.is_dir for e in entries):
        location = (run.info.artifact_uri or "").rstrip("/")
        return (f"{location}/{path}" if path else location), run_id, None
    models = _logged_models_of(client, run, path)
    if not models:
        raise TracklineException(
            f"Unable to find a logged model named {path!r} under run {run_id}, nor an "
            f"MLmodel file at that path in its artifacts",
            error_code="RESOURCE_DOES_NOT_EXIST",
        )
    steps = {m.model_id: m.step for m in run.outputs.model_outputs}
    chosen = max(models, key=lambda m: (steps.get(m.model_id, -1), m.creation_timestamp_ms or 0))
    return f"models:/{chosen.model_id}", run_id, chosen.model_id


def _logged_models_of(client: TracklineClient, run: ent.Run, name: str) -> list[api.LoggedModelInfo]:
    """The logged models called ``name`` that ``run`` produced."""
    found: list[api.LoggedModelInfo] = []
    token: str | None = None
    quoted = name.replace("'", "\\'")
    while True:
        body = api.SearchLoggedModelsRequest(
            experiment_ids=[run.info.experiment_id],
            filter_=f"name = '{quoted}'",
            page_token=conv.unset(token),
        )
        with translate_errors():
            parsed = search_logged_models.sync_detailed(client=client.api, body=body).parsed
            page = expect(parsed, api.SearchLoggedModelsResponse)
        found.extend(
            m.info for m in conv.as_list(conv.opt(page.models)) if conv.opt(m.info.source_run_id) == run.info.run_id
        )
        token = conv.opt(page.next_page_token) or None
        if not token:
            return found


def search_registered_models(
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.RegisteredModel]:
    """Every matching registered model across all pages (at most ``max_results``)."""
    client = _get_client()
    found: list[ent.RegisteredModel] = []
    token: str | None = None
    while max_results is None or len(found) < max_results:
        want = 1000 if max_results is None else min(1000, max_results - len(found))
        page = client.search_registered_models(filter_string, want, order_by, token)
        found.extend(page)
        token = page.token
        if not token:
            break
    return found


def search_model_versions(
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.ModelVersion]:
    """Every matching model version across all pages (at most ``max_results``)."""
    client = _get_client()
    found: list[ent.ModelVersion] = []
    token: str | None = None
    while max_results is None or len(found) < max_results:
        want = 10000 if max_results is None else min(10000, max_results - len(found))
        page = client.search_model_versions(filter_string, want, order_by, token)
        found.extend(page)
        token = page.token
        if not token:
            break
    return found
