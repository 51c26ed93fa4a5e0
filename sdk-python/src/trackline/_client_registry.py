"""The model registry part of ``TracklineClient``, with ``MlflowClient``'s names and arguments."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from trackline_api import models as api
from trackline_api.api.registry import (
    create_model_version,
    create_registered_model,
    delete_model_version,
    delete_model_version_tag,
    delete_registered_model,
    delete_registered_model_alias,
    delete_registered_model_tag,
    get_latest_versions,
    get_model_version,
    get_model_version_by_alias,
    get_model_version_download_uri,
    get_registered_model,
    get_registry_history,
    rename_registered_model,
    search_model_versions,
    search_registered_models,
    set_model_version_tag,
    set_registered_model_alias,
    set_registered_model_tag,
    transition_model_version_stage,
    update_model_version,
    update_registered_model,
)
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._client_base import ClientBase
from ._errors import TracklineException
from ._paging import collect

__all__ = ["DEFAULT_AWAIT_SECONDS", "RegistryMixin"]

#: How long ``create_model_version`` waits, by default, for a version to become READY (s).
DEFAULT_AWAIT_SECONDS = 300


def _search_query(
    filter_string: str | None, max_results: int, order_by: Sequence[str] | None, page_token: str | None
) -> dict[str, Any]:
    """The query of the registry's searches (registered models and model versions)."""
    return {
        "filter_": conv.unset(filter_string or None),
        "max_results": max_results,
        "order_by": list(order_by) if order_by else UNSET,
        "page_token": conv.unset(page_token),
    }


class RegistryMixin(ClientBase):
    """Registered models, versions, stages, aliases, tags and the audit trail."""

    #: Events asked for per page of registry history.
    history_events_page_size = 1000

    # --- registered models ---------------------------------------------------------------------

    def create_registered_model(
        self,
        name: str,
        tags: dict[str, object] | None = None,
        description: str | None = None,
        *,
        comment: str | None = None,
    ) -> ent.RegisteredModel:
        """Create a registered model (``RESOURCE_ALREADY_EXISTS`` when the name is taken).

        ``comment`` here and on the other registry changes goes into the audit trail
        (Trackline servers; others ignore it).
        """
        body = api.CreateRegisteredModelRequest(
            name=name,
            tags=conv.wire_tags(tags, api.RegisteredModelTag),
            description=conv.unset(description),
            comment=conv.unset(comment),
        )
        answer = self._call(create_registered_model.sync_detailed, api.RegisteredModelResponse, body=body)
        return conv.registered_model(answer.registered_model)

    def get_registered_model(self, name: str) -> ent.RegisteredModel:
        """A registered model with its latest version per stage, tags and aliases."""
        answer = self._call(get_registered_model.sync_detailed, api.RegisteredModelResponse, name=name)
        return conv.registered_model(answer.registered_model)

    def rename_registered_model(self, name: str, new_name: str, *, comment: str | None = None) -> ent.RegisteredModel:
        """Rename a registered model; its versions, tags and aliases move with it."""
        body = api.RenameRegisteredModelRequest(name=name, new_name=new_name, comment=conv.unset(comment))
        answer = self._call(rename_registered_model.sync_detailed, api.RegisteredModelResponse, body=body)
        return conv.registered_model(answer.registered_model)

    def update_registered_model(self, name: str, description: str | None = None) -> ent.RegisteredModel:
        """Change a registered model's description."""
        body = api.UpdateRegisteredModelRequest(name=name, description=conv.unset(description))
        answer = self._call(update_registered_model.sync_detailed, api.RegisteredModelResponse, body=body)
        return conv.registered_model(answer.registered_model)

    def delete_registered_model(self, name: str, *, comment: str | None = None) -> None:
        """Delete a registered model with all its versions, tags and aliases."""
        body = api.RegisteredModelNameRequest(name=name, comment=conv.unset(comment))
        self._call(delete_registered_model.sync_detailed, api.Empty, body=body)

    def search_registered_models(
        self,
        filter_string: str | None = None,
        max_results: int = 100,
        order_by: Sequence[str] | None = None,
        page_token: str | None = None,
    ) -> ent.PagedList[ent.RegisteredModel]:
        """One page of registered models; pass ``page_token=page.token`` for the next.

        ``filter_string`` such as ``"name LIKE 'churn%'"`` or ``"tags.team = 'growth'"``.
        """
        query = _search_query(filter_string, max_results, order_by, page_token)
        answer = self._call(search_registered_models.sync_detailed, api.SearchRegisteredModelsResponse, **query)
        return conv.page(answer.registered_models, answer.next_page_token, conv.registered_model)

    def get_latest_versions(self, name: str, stages: Sequence[str] | None = None) -> list[ent.ModelVersion]:
        """The highest version in each of ``stages`` (every stage when none are given)."""
        body = api.GetLatestVersionsRequest(name=name, stages=list(stages) if stages else UNSET)
        answer = self._call(get_latest_versions.sync_detailed, api.ModelVersionsResponse, body=body)
        return [conv.model_version(v) for v in conv.items(answer.model_versions)]

    def set_registered_model_tag(self, name: str, key: str, value: object) -> None:
        """Set a tag on a registered model (stored as a string)."""
        body = api.SetRegisteredModelTagRequest(name=name, key=key, value=str(value))
        self._call(set_registered_model_tag.sync_detailed, api.Empty, body=body)

    def delete_registered_model_tag(self, name: str, key: str) -> None:
        """Remove a tag from a registered model."""
        body = api.DeleteRegisteredModelTagRequest(name=name, key=key)
        self._call(delete_registered_model_tag.sync_detailed, api.Empty, body=body)

    # --- model versions ------------------------------------------------------------------------

    def create_model_version(
        self,
        name: str,
        source: str,
        run_id: str | None = None,
        tags: dict[str, object] | None = None,
        run_link: str | None = None,
        description: str | None = None,
        await_creation_for: int | None = DEFAULT_AWAIT_SECONDS,
        model_id: str | None = None,
        *,
        comment: str | None = None,
    ) -> ent.ModelVersion:
        """Register a new version of ``name`` from ``source`` (such as ``models:/<model_id>``
        or a run's artifact location).

        When the server answers with a version still ``PENDING_REGISTRATION``, waits up to
        ``await_creation_for`` seconds for it to become ready (0 or ``None``: no wait).
        """
        body = api.CreateModelVersionRequest(
            name=name,
            source=source,
            run_id=conv.unset(run_id),
            tags=conv.wire_tags(tags, api.ModelVersionTag),
            run_link=conv.unset(run_link),
            description=conv.unset(description),
            model_id=conv.unset(model_id),
            comment=conv.unset(comment),
        )
        answer = self._call(create_model_version.sync_detailed, api.ModelVersionResponse, body=body)
        return self._await_ready(conv.model_version(answer.model_version), await_creation_for or 0)

    def _await_ready(self, version: ent.ModelVersion, seconds: float) -> ent.ModelVersion:
        deadline = time.monotonic() + seconds
        while version.status == "PENDING_REGISTRATION" and time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            version = self.get_model_version(version.name, version.version)
        if version.status == "FAILED_REGISTRATION":
            raise TracklineException(
                f"Registering version {version.version} of {version.name!r} failed: "
                f"{version.status_message or 'no reason given'}",
                error_code="INVALID_STATE",
            )
        return version

    def get_model_version(self, name: str, version: str | int) -> ent.ModelVersion:
        """One version of a registered model."""
        answer = self._call(get_model_version.sync_detailed, api.ModelVersionResponse, name=name, version=str(version))
        return conv.model_version(answer.model_version)

    def update_model_version(self, name: str, version: str | int, description: str | None = None) -> ent.ModelVersion:
        """Change a version's description."""
        body = api.UpdateModelVersionRequest(name=name, version=str(version), description=conv.unset(description))
        answer = self._call(update_model_version.sync_detailed, api.ModelVersionResponse, body=body)
        return conv.model_version(answer.model_version)

    def delete_model_version(self, name: str, version: str | int, *, comment: str | None = None) -> None:
        """Delete a version (its number is never reused)."""
        body = api.ModelVersionRequest(name=name, version=str(version), comment=conv.unset(comment))
        self._call(delete_model_version.sync_detailed, api.Empty, body=body)

    def transition_model_version_stage(
        self,
        name: str,
        version: str | int,
        stage: str,
        archive_existing_versions: bool = False,
        comment: str | None = None,
    ) -> ent.ModelVersion:
        """Move a version to ``stage`` (None, Staging, Production or Archived).

        With ``archive_existing_versions`` the other versions in that stage move to Archived.
        ``comment`` is kept in the registry's audit trail (Trackline servers).
        """
        body = api.TransitionModelVersionStageRequest(
            name=name,
            version=str(version),
            stage=stage,
            archive_existing_versions=archive_existing_versions,
            comment=conv.unset(comment),
        )
        answer = self._call(transition_model_version_stage.sync_detailed, api.ModelVersionResponse, body=body)
        return conv.model_version(answer.model_version)

    def search_model_versions(
        self,
        filter_string: str | None = None,
        max_results: int = 10000,
        order_by: Sequence[str] | None = None,
        page_token: str | None = None,
    ) -> ent.PagedList[ent.ModelVersion]:
        """One page of model versions; pass ``page_token=page.token`` for the next.

        ``filter_string`` such as ``"name = 'churn'"`` or ``"run_id = '...'"``.
        """
        query = _search_query(filter_string, max_results, order_by, page_token)
        answer = self._call(search_model_versions.sync_detailed, api.SearchModelVersionsResponse, **query)
        return conv.page(answer.model_versions, answer.next_page_token, conv.model_version)

    def get_model_version_download_uri(self, name: str, version: str | int) -> str:
        """Where a version's files are (an artifact URI)."""
        answer = self._call(
            get_model_version_download_uri.sync_detailed,
            api.GetModelVersionDownloadUriResponse,
            name=name,
            version=str(version),
        )
        return answer.artifact_uri

    def _version_for(self, name: str, version: str | int | None, stage: str | None) -> str:
        """``version``, or the latest version in ``stage`` (exactly one of them)."""
        if (version is None) == (stage is None):
            raise TracklineException("Give exactly one of version and stage", error_code="INVALID_PARAMETER_VALUE")
        if version is not None:
            return str(version)
        latest = self.get_latest_versions(name, [str(stage)])
        if not latest:
            raise TracklineException(
                f"Registered model {name!r} has no version in stage {stage!r}",
                error_code="RESOURCE_DOES_NOT_EXIST",
                http_status=None,
            )
        return latest[0].version

    def set_model_version_tag(
        self,
        name: str,
        version: str | int | None = None,
        key: str | None = None,
        value: object = None,
        stage: str | None = None,
    ) -> None:
        """Set a tag on a version, given by number or (its latest version in) ``stage``."""
        if key is None:
            raise TracklineException("A tag needs a key", error_code="INVALID_PARAMETER_VALUE")
        body = api.SetModelVersionTagRequest(
            name=name,
            version=self._version_for(name, version, stage),
            key=key,
            value="" if value is None else str(value),
        )
        self._call(set_model_version_tag.sync_detailed, api.Empty, body=body)

    def delete_model_version_tag(
        self,
        name: str,
        version: str | int | None = None,
        key: str | None = None,
        stage: str | None = None,
    ) -> None:
        """Remove a tag from a version, given by number or (its latest version in) ``stage``."""
        if key is None:
            raise TracklineException("A tag needs a key", error_code="INVALID_PARAMETER_VALUE")
        body = api.DeleteModelVersionTagRequest(name=name, version=self._version_for(name, version, stage), key=key)
        self._call(delete_model_version_tag.sync_detailed, api.Empty, body=body)

    # --- aliases -------------------------------------------------------------------------------

    def set_registered_model_alias(
        self, name: str, alias: str, version: str | int, *, comment: str | None = None
    ) -> None:
        """Point ``alias`` (such as ``champion``) at a version; it moves if it pointed elsewhere.

        ``comment`` is kept in the registry's audit trail (Trackline servers).
        """
        body = api.SetRegisteredModelAliasRequest(
            name=name, alias=alias, version=str(version), comment=conv.unset(comment)
        )
        self._call(set_registered_model_alias.sync_detailed, api.Empty, body=body)

    def delete_registered_model_alias(self, name: str, alias: str, *, comment: str | None = None) -> None:
        """Remove an alias."""
        body = api.DeleteRegisteredModelAliasRequest(name=name, alias=alias, comment=conv.unset(comment))
        self._call(delete_registered_model_alias.sync_detailed, api.Empty, body=body)

    def get_model_version_by_alias(self, name: str, alias: str) -> ent.ModelVersion:
        """The version ``alias`` points at."""
        answer = self._call(get_model_version_by_alias.sync_detailed, api.ModelVersionResponse, name=name, alias=alias)
        return conv.model_version(answer.model_version)

    # --- audit trail ---------------------------------------------------------------------------

    def get_registry_history(
        self,
        name: str | None = None,
        version: str | int | None = None,
        action: ent.RegistryAction | str | None = None,
        start_time: int | None = None,
        end_time: int | None = None,
    ) -> list[ent.RegistryEvent]:
        """The registry's audit trail, oldest first, across all pages (a Trackline extension).

        Each event says who (``user_id``: the authenticated user) did what (``action``) to
        which model (``name``, as it was then), ``version`` or ``alias``, when (``timestamp``,
        ms since the epoch), and ``from_value``/``to_value``: the stages of a transition, the
        versions of an alias move, the names of a rename. Filters combine: one model (its
        current name; earlier names are followed), one version, one kind of action, and a
        time range (inclusive, ms).
        """

        def fetch(want: int, token: str | None) -> ent.PagedList[ent.RegistryEvent]:
            answer = self._call(
                get_registry_history.sync_detailed,
                api.GetRegistryHistoryResponse,
                name=conv.unset(name),
                version=str(version) if version is not None else UNSET,
                action=conv.registry_action(action) if action is not None else UNSET,
                start_time=conv.unset(start_time),
                end_time=conv.unset(end_time),
                max_results=want,
                page_token=conv.unset(token),
            )
            return conv.page(answer.events, answer.next_page_token, conv.registry_event)

        return collect(fetch, self.history_events_page_size)
