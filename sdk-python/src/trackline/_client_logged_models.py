"""The logged-models part of ``TracklineClient``: MLflow 3 logged models, created and finalized
(what ``log_model`` does), found by id or by the run that produced them."""

from __future__ import annotations

from trackline_api import models as api
from trackline_api.api.models import (
    create_logged_model,
    finalize_logged_model,
    get_logged_model,
    search_logged_models,
)

from . import _convert as conv
from . import _entities as ent
from ._client_base import ClientBase
from ._paging import collect

__all__ = ["LoggedModelsMixin"]


class LoggedModelsMixin(ClientBase):
    """Create logged models and look them up (what ``models:/<model_id>`` URIs name)."""

    def _create_logged_model(self, body: api.CreateLoggedModelRequest) -> api.LoggedModelInfo:
        """A new logged model, pending until it is finalized."""
        return self._call(create_logged_model.sync_detailed, api.LoggedModelResponse, body=body).model.info

    def _finalize_logged_model(self, model_id: str, status: api.LoggedModelFinalStatus) -> None:
        """Set a logged model's final status (ready, or upload failed)."""
        body = api.FinalizeLoggedModelRequest(status=status, model_id=model_id)
        self._call(finalize_logged_model.sync_detailed, api.LoggedModelResponse, model_id=model_id, body=body)

    def _logged_model_info(self, model_id: str) -> api.LoggedModelInfo:
        """The logged model with this id."""
        return self._call(get_logged_model.sync_detailed, api.LoggedModelResponse, model_id=model_id).model.info

    def _logged_models_of_run(self, experiment_id: str, run_id: str, name: str) -> list[api.LoggedModelInfo]:
        """The logged models called ``name`` that run ``run_id`` (of ``experiment_id``) produced."""
        quoted = name.replace("'", "\\'")

        def fetch(want: int, token: str | None) -> ent.PagedList[api.LoggedModelInfo]:
            body = api.SearchLoggedModelsRequest(
                experiment_ids=[experiment_id],
                filter_=f"name = '{quoted}'",
                max_results=want,
                page_token=conv.unset(token),
            )
            answer = self._call(search_logged_models.sync_detailed, api.SearchLoggedModelsResponse, body=body)
            return conv.page(answer.models, answer.next_page_token, lambda model: model.info)

        return [info for info in collect(fetch, 100) if conv.opt(info.source_run_id) == run_id]
