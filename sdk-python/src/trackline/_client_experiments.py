"""The experiments part of ``TracklineClient``, with ``MlflowClient``'s names and arguments."""

from __future__ import annotations

from collections.abc import Sequence

from trackline_api import models as api
from trackline_api.api.experiments import (
    create_experiment,
    delete_experiment,
    delete_experiment_tag,
    get_experiment,
    get_experiment_by_name,
    restore_experiment,
    search_experiments,
    set_experiment_tag,
    update_experiment,
)
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._client_base import ClientBase
from ._errors import TracklineException

__all__ = ["ExperimentsMixin"]


class ExperimentsMixin(ClientBase):
    """Create, find, search, rename, delete and tag experiments."""

    def create_experiment(
        self,
        name: str,
        artifact_location: str | None = None,
        tags: dict[str, object] | None = None,
    ) -> str:
        """Create an experiment and return its id."""
        body = api.CreateExperimentRequest(
            name=name,
            artifact_location=conv.unset(artifact_location),
            tags=conv.wire_tags(tags, api.ExperimentTag),
        )
        return self._call(create_experiment.sync_detailed, api.CreateExperimentResponse, body=body).experiment_id

    def get_experiment(self, experiment_id: str) -> ent.Experiment:
        """The experiment with this id (deleted ones too)."""
        answer = self._call(get_experiment.sync_detailed, api.GetExperimentResponse, experiment_id=str(experiment_id))
        return conv.experiment(answer.experiment)

    def get_experiment_by_name(self, name: str) -> ent.Experiment | None:
        """The experiment with this name, or ``None`` when there is none."""
        try:
            answer = self._call(get_experiment_by_name.sync_detailed, api.GetExperimentResponse, experiment_name=name)
        except TracklineException as exc:
            if exc.error_code == "RESOURCE_DOES_NOT_EXIST":
                return None
            raise
        return conv.experiment(answer.experiment)

    def search_experiments(
        self,
        view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
        max_results: int | None = 1000,
        filter_string: str | None = None,
        order_by: Sequence[str] | None = None,
        page_token: str | None = None,
    ) -> ent.PagedList[ent.Experiment]:
        """One page of experiments; pass ``page_token=page.token`` for the next."""
        body = api.SearchExperimentsRequest(
            max_results=conv.unset(max_results),
            page_token=conv.unset(page_token),
            filter_=conv.unset(filter_string or None),
            order_by=list(order_by) if order_by else UNSET,
            view_type=conv.view_type(view_type),
        )
        answer = self._call(search_experiments.sync_detailed, api.SearchExperimentsResponse, body=body)
        return conv.page(answer.experiments, answer.next_page_token, conv.experiment)

    def rename_experiment(self, experiment_id: str, new_name: str) -> None:
        """Give an experiment a new name."""
        body = api.UpdateExperimentRequest(experiment_id=str(experiment_id), new_name=new_name)
        self._call(update_experiment.sync_detailed, api.Empty, body=body)

    def delete_experiment(self, experiment_id: str) -> None:
        """Delete an experiment (it can be restored) and its runs."""
        body = api.ExperimentIdRequest(experiment_id=str(experiment_id))
        self._call(delete_experiment.sync_detailed, api.Empty, body=body)

    def restore_experiment(self, experiment_id: str) -> None:
        """Restore a deleted experiment."""
        body = api.ExperimentIdRequest(experiment_id=str(experiment_id))
        self._call(restore_experiment.sync_detailed, api.Empty, body=body)

    def set_experiment_tag(self, experiment_id: str, key: str, value: object) -> None:
        """Set a tag on an experiment."""
        body = api.SetExperimentTagRequest(experiment_id=str(experiment_id), key=key, value=str(value))
        self._call(set_experiment_tag.sync_detailed, api.Empty, body=body)

    def delete_experiment_tag(self, experiment_id: str, key: str) -> None:
        """Remove a tag from an experiment."""
        body = api.DeleteExperimentTagRequest(experiment_id=str(experiment_id), key=key)
        self._call(delete_experiment_tag.sync_detailed, api.Empty, body=body)
