"""The logging part of ``TracklineClient``: metrics, params, tags, inputs and outputs of a run,
with ``MlflowClient``'s names and arguments.

Every call is synchronous: it returns once the server has stored what it sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from trackline_api import models as api
from trackline_api.api.runs import delete_tag, log_batch, log_inputs, log_metric, log_outputs, log_param, set_tag
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._batch import split_batch
from ._client_base import ClientBase

__all__ = ["LoggingMixin"]


class LoggingMixin(ClientBase):
    """Write what a run measured and used: metrics, params, tags, datasets and models."""

    def log_metric(
        self,
        run_id: str,
        key: str,
        value: float,
        timestamp: int | None = None,
        step: int | None = None,
        synchronous: bool | None = None,
        dataset_name: str | None = None,
        dataset_digest: str | None = None,
        model_id: str | None = None,
    ) -> None:
        """Log one value of a metric; ``timestamp`` (ms) defaults to now and ``step`` to 0.

        ``synchronous`` is accepted for MLflow compatibility: every call is synchronous.
        """
        del synchronous
        body = api.LogMetricRequest(
            run_id=run_id,
            key=key,
            value=conv.metric_value(key, value),
            timestamp=timestamp if timestamp is not None else conv.now_ms(),
            step=step if step is not None else 0,
            dataset_name=conv.unset(dataset_name),
            dataset_digest=conv.unset(dataset_digest),
            model_id=conv.unset(model_id),
        )
        self._call(log_metric.sync_detailed, api.Empty, body=body)

    def log_param(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> object:
        """Log a parameter (stored as a string) and return ``value``."""
        del synchronous
        self._call(
            log_param.sync_detailed, api.Empty, body=api.LogParamRequest(run_id=run_id, key=key, value=str(value))
        )
        return value

    def set_tag(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> None:
        """Set a tag on a run (stored as a string)."""
        del synchronous
        body = api.SetTagRequest(run_id=run_id, key=key, value=str(value))
        self._call(set_tag.sync_detailed, api.Empty, body=body)

    def delete_tag(self, run_id: str, key: str) -> None:
        """Remove a tag from a run."""
        self._call(delete_tag.sync_detailed, api.Empty, body=api.DeleteTagRequest(run_id=run_id, key=key))

    def log_batch(
        self,
        run_id: str,
        metrics: Sequence[ent.Metric] = (),
        params: Sequence[ent.Param] = (),
        tags: Sequence[ent.RunTag] = (),
        synchronous: bool | None = None,
    ) -> None:
        """Log metrics, params and tags of any number.

        They are sent in as many requests as the server's limits need (1000 metrics, 100
        params, 100 tags, 1000 entries per request); params go first.
        """
        del synchronous
        for chunk in split_batch(list(metrics), list(params), list(tags)):
            body = api.LogBatchRequest(
                run_id=run_id,
                metrics=[conv.wire_metric(m) for m in chunk.metrics] or UNSET,
                params=[conv.wire_param(p) for p in chunk.params] or UNSET,
                tags=[conv.wire_tag(t) for t in chunk.tags] or UNSET,
            )
            self._call(log_batch.sync_detailed, api.Empty, body=body)

    def log_inputs(
        self,
        run_id: str,
        datasets: Sequence[ent.DatasetInput] | None = None,
        models: Sequence[ent.LoggedModelInput] | None = None,
    ) -> None:
        """Record datasets and models a run used."""
        body = api.LogInputsRequest(
            run_id=run_id,
            datasets=[conv.wire_dataset_input(d) for d in datasets] if datasets else UNSET,
            models=[api.ModelInput(model_id=m.model_id) for m in models] if models else UNSET,
        )
        self._call(log_inputs.sync_detailed, api.Empty, body=body)

    def log_outputs(self, run_id: str, models: Sequence[ent.LoggedModelOutput]) -> None:
        """Record models a run produced."""
        body = api.LogOutputsRequest(
            run_id=run_id,
            models=[api.ModelOutput(model_id=m.model_id, step=m.step) for m in models],
        )
        self._call(log_outputs.sync_detailed, api.Empty, body=body)
