"""The fluent API's model registry functions: ``register_model`` and the searches.

Example (with a server running)::

    import trackline as tl

    version = tl.register_model(f"runs:/{run_id}/model", "churn-classifier")
    tl.MlflowClient().set_registered_model_alias("churn-classifier", "champion", version.version)
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _entities as ent
from ._client_registry import DEFAULT_AWAIT_SECONDS
from ._errors import TracklineException
from ._fluent import _get_client
from ._locations import version_source
from ._paging import collect

__all__ = ["register_model", "search_model_versions", "search_registered_models"]


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
    source, run_id, model_id = version_source(client, model_uri)
    return client.create_model_version(
        name,
        source,
        run_id=run_id,
        tags=tags,
        await_creation_for=await_registration_for,
        model_id=model_id,
    )


def search_registered_models(
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.RegisteredModel]:
    """Every matching registered model across all pages (at most ``max_results``)."""
    client = _get_client()
    return collect(
        lambda want, token: client.search_registered_models(filter_string, want, order_by, token), 1000, max_results
    )


def search_model_versions(
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.ModelVersion]:
    """Every matching model version across all pages (at most ``max_results``)."""
    client = _get_client()
    return collect(
        lambda want, token: client.search_model_versions(filter_string, want, order_by, token), 10000, max_results
    )
