"""The runs part of ``TracklineClient``: create, read, end, delete and search runs, with
``MlflowClient``'s names and arguments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from trackline_api import models as api
from trackline_api.api.runs import create_run, delete_run, get_run, restore_run, search_runs, update_run
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._client_base import ClientBase
from ._errors import TracklineException
from ._paging import collect

__all__ = ["RunsMixin"]


class RunsMixin(ClientBase):
    """A run's life: created, read, renamed, ended, deleted and restored, and found by search."""

    def create_run(
        self,
        experiment_id: str,
        start_time: int | None = None,
        tags: dict[str, object] | None = None,
        run_name: str | None = None,
    ) -> ent.Run:
        """Create a run in an experiment; ``start_time`` (ms) defaults to now.

        The request carries a new ``Idempotency-Key``, so that a retry after a lost answer
        returns the same run instead of creating a second one.
        """
        tags = dict(tags or {})
        user = tags.get("mlflow.user")
        body = api.CreateRunRequest(
            experiment_id=str(experiment_id),
            user_id=str(user) if user is not None else UNSET,
            run_name=conv.unset(run_name),
            start_time=start_time if start_time is not None else conv.now_ms(),
            tags=conv.wire_tags(tags, api.RunTag),
        )
        key = uuid.uuid4().hex
        return conv.run(self._call(create_run.sync_detailed, api.RunResponse, body=body, idempotency_key=key).run)

    def get_run(self, run_id: str) -> ent.Run:
        """The run with its latest metrics, params and tags."""
        return conv.run(self._call(get_run.sync_detailed, api.RunResponse, run_id=run_id).run)

    def update_run(self, run_id: str, status: ent.RunStatus | str | None = None, name: str | None = None) -> None:
        """Change a run's status or name."""
        body = api.UpdateRunRequest(
            run_id=run_id,
            status=conv.run_status(status) if status is not None else UNSET,
            run_name=conv.unset(name),
        )
        self._call(update_run.sync_detailed, api.UpdateRunResponse, body=body)

    def set_terminated(
        self,
        run_id: str,
        status: ent.RunStatus | str | None = None,
        end_time: int | None = None,
    ) -> None:
        """End a run: ``status`` defaults to FINISHED and ``end_time`` (ms) to now.

        Logging calls queued on this client are sent first (:meth:`flush`); when some were not
        stored the run is ended all the same, then their error is raised.
        """
        failed: TracklineException | None = None
        try:
            self.flush()
        except TracklineException as exc:
            failed = exc
        body = api.UpdateRunRequest(
            run_id=run_id,
            status=conv.run_status(status or ent.RunStatus.FINISHED),
            end_time=end_time if end_time is not None else conv.now_ms(),
        )
        try:
            self._call(update_run.sync_detailed, api.UpdateRunResponse, body=body)
        except TracklineException as exc:
            if failed is None:
                raise
            failed.add_note(f"ending the run failed too: {exc}")
        if failed is not None:
            raise failed

    def delete_run(self, run_id: str) -> None:
        """Mark a run deleted."""
        self._call(delete_run.sync_detailed, api.Empty, body=api.RunIdRequest(run_id=run_id))

    def restore_run(self, run_id: str) -> None:
        """Restore a deleted run."""
        self._call(restore_run.sync_detailed, api.Empty, body=api.RunIdRequest(run_id=run_id))

    def search_runs(
        self,
        experiment_ids: Sequence[str] | str,
        filter_string: str = "",
        run_view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
        max_results: int = 1000,
        order_by: Sequence[str] | None = None,
        page_token: str | None = None,
    ) -> ent.PagedList[ent.Run]:
        """One page of runs; pass ``page_token=page.token`` for the next.

        ``filter_string`` uses MLflow's grammar, e.g. ``"metrics.rmse < 1 and params.a = '1'"``.
        """
        ids = [experiment_ids] if isinstance(experiment_ids, str) else list(experiment_ids)
        body = api.SearchRunsRequest(
            experiment_ids=[str(i) for i in ids],
            filter_=filter_string or UNSET,
            run_view_type=conv.view_type(run_view_type),
            max_results=max_results,
            order_by=list(order_by) if order_by else UNSET,
            page_token=conv.unset(page_token),
        )
        answer = self._call(search_runs.sync_detailed, api.SearchRunsResponse, body=body)
        return conv.page(answer.runs, answer.next_page_token, conv.run)

    def search_all_runs(
        self,
        experiment_ids: Sequence[str] | str,
        filter_string: str = "",
        run_view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
        order_by: Sequence[str] | None = None,
        max_results: int | None = None,
        page_size: int = 10000,
    ) -> list[ent.Run]:
        """Every matching run across all pages (at most ``max_results`` when given)."""
        return collect(
            lambda want, token: self.search_runs(experiment_ids, filter_string, run_view_type, want, order_by, token),
            page_size,
            max_results,
        )
