"""The metric-reading part of ``TracklineClient``: a metric's whole history, and sampled
histories of several runs."""

from __future__ import annotations

from collections.abc import Sequence

from trackline_api import models as api
from trackline_api.api.metrics import get_metric_history, get_metric_history_bulk_interval

from . import _convert as conv
from . import _entities as ent
from ._client_base import ClientBase
from ._paging import collect

__all__ = ["MetricsMixin"]


class MetricsMixin(ClientBase):
    """Read logged metric values back."""

    #: Values asked for per page of metric history.
    history_page_size = 25000

    def get_metric_history(self, run_id: str, key: str) -> list[ent.Metric]:
        """Every logged value of a metric, across all pages, in the server's order.

        MLflow orders the values by timestamp, then step.
        """

        def fetch(want: int, token: str | None) -> ent.PagedList[ent.Metric]:
            answer = self._call(
                get_metric_history.sync_detailed,
                api.GetMetricHistoryResponse,
                run_id=run_id,
                metric_key=key,
                max_results=want,
                page_token=conv.unset(token),
            )
            return conv.page(answer.metrics, answer.next_page_token, conv.metric)

        return collect(fetch, self.history_page_size)

    def get_metric_history_bulk_interval(
        self,
        run_ids: Sequence[str],
        metric_key: str,
        start_step: int | None = None,
        end_step: int | None = None,
        max_results: int | None = None,
    ) -> list[ent.Metric]:
        """A metric's values for several runs, sampled within a step range (``run_id`` set)."""
        answer = self._call(
            get_metric_history_bulk_interval.sync_detailed,
            api.GetMetricHistoryBulkIntervalResponse,
            run_ids=list(run_ids),
            metric_key=metric_key,
            start_step=conv.unset(start_step),
            end_step=conv.unset(end_step),
            max_results=conv.unset(max_results),
        )
        return [conv.metric(m) for m in conv.items(answer.metrics)]
