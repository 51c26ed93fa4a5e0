"""The logging part of ``TracklineClient``: metrics, params, tags, inputs and outputs of a run,
with ``MlflowClient``'s names and arguments.

Logging calls are synchronous (they return once the server stored what they sent) unless they
are queued for this client's worker (asynchronous logging, ``_async_logging``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from trackline_api import models as api
from trackline_api.api.runs import delete_tag, log_batch, log_inputs, log_metric, log_outputs, log_param, set_tag
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._async_logging import AsyncLogQueue, NumberedChunk, RunOperations, log_batch_json
from ._batch import split_batch
from ._client_base import ClientBase
from ._config import async_logging_default
from ._http import translate_errors

__all__ = ["LoggingMixin"]

LOG_BATCH_PATH = "/api/2.0/mlflow/runs/log-batch"
_queue_lock = threading.Lock()
_JSON = {"Content-Type": "application/json"}


class LoggingMixin(ClientBase):
    """Write what a run measured and used: metrics, params, tags, datasets and models.

    ``log_metric``, ``log_param``, ``set_tag`` and ``log_batch`` are synchronous by default
    (they return once the server stored the values). With ``synchronous=False``, or by default
    when asynchronous logging is switched on (:func:`trackline.config.enable_async_logging`,
    ``MLFLOW_ENABLE_ASYNC_LOGGING``), they queue the values and return a
    :class:`~trackline.RunOperations` at once; this client's worker thread sends them in
    log-batch requests (see ``_async_logging``). :meth:`flush` waits for them and raises what
    the server did not store. A synchronous logging call first waits for the calls queued
    before it, so the calls keep their order.
    """

    def _get_async_queue(self) -> AsyncLogQueue:
        """This client's queue, made on first use (once, whichever thread comes first)."""
        queue: AsyncLogQueue | None = self.__dict__.get("_async_queue")
        if queue is None:
            with _queue_lock:
                queue = self.__dict__.get("_async_queue")
                if queue is None:
                    queue = self.__dict__["_async_queue"] = AsyncLogQueue(self._send_numbered_batch)
        return queue

    def _queued(self, synchronous: bool | None) -> AsyncLogQueue | None:
        """The queue when this call is asynchronous; else None, once earlier queued calls are sent."""
        if synchronous is False or (synchronous is None and async_logging_default()):
            return self._get_async_queue()
        queue: AsyncLogQueue | None = self.__dict__.get("_async_queue")
        if queue is not None and queue.pending():
            queue.drain()
        return None

    def _send_numbered_batch(self, run_id: str, chunk: NumberedChunk) -> None:
        # The worker's hot path: the body is written straight from the queued tuples (about
        # 1.5 ms per 1,000 metrics, where the generated models take about 15 ms), then sent on
        # the same connections, retries and error handling as every operation.
        with translate_errors():
            self._http.post(LOG_BATCH_PATH, content=log_batch_json(run_id, chunk), headers=_JSON)

    def flush(self) -> None:
        """Wait until every logging call queued on this client is on the server.

        Raises :class:`~trackline.AsyncLoggingException` (the server's error code and status,
        the message naming the call) for queued calls the server did not store; each such
        failure is raised once.
        """
        queue: AsyncLogQueue | None = self.__dict__.get("_async_queue")
        if queue is not None:
            queue.flush()

    def close(self) -> None:
        """Send what is queued, then close the connections (failures are raised after closing)."""
        queue: AsyncLogQueue | None = self.__dict__.get("_async_queue")
        try:
            if queue is not None:
                queue.close()
        finally:
            super().close()

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
    ) -> RunOperations | None:
        """Log one value of a metric; ``timestamp`` (ms) defaults to now and ``step`` to 0.

        With ``synchronous=False`` (or asynchronous logging on) the value is queued and a
        :class:`~trackline.RunOperations` returned; otherwise ``None`` once it is stored.
        """
        number = conv.metric_value(key, value)
        when = timestamp if timestamp is not None else conv.now_ms()
        step = step if step is not None else 0
        queue = self._queued(synchronous)
        if queue is not None:
            metric = (key, number, when, step, dataset_name, dataset_digest, model_id)
            return queue.put(run_id, "log_metric", metrics=(metric,))
        body = api.LogMetricRequest(
            run_id=run_id,
            key=key,
            value=number,
            timestamp=when,
            step=step,
            dataset_name=conv.unset(dataset_name),
            dataset_digest=conv.unset(dataset_digest),
            model_id=conv.unset(model_id),
        )
        self._call(log_metric.sync_detailed, api.Empty, body=body)
        return None

    def log_param(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> Any:
        """Log a parameter (stored as a string) and return ``value`` (a
        :class:`~trackline.RunOperations` when the call is queued)."""
        queue = self._queued(synchronous)
        if queue is not None:
            return queue.put(run_id, "log_param", params=((key, str(value)),))
        self._call(
            log_param.sync_detailed, api.Empty, body=api.LogParamRequest(run_id=run_id, key=key, value=str(value))
        )
        return value

    def set_tag(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> RunOperations | None:
        """Set a tag on a run (stored as a string)."""
        queue = self._queued(synchronous)
        if queue is not None:
            return queue.put(run_id, "set_tag", tags=((key, str(value)),))
        body = api.SetTagRequest(run_id=run_id, key=key, value=str(value))
        self._call(set_tag.sync_detailed, api.Empty, body=body)
        return None

    def delete_tag(self, run_id: str, key: str) -> None:
        """Remove a tag from a run (after the calls queued before it are sent)."""
        self._queued(True)
        self._call(delete_tag.sync_detailed, api.Empty, body=api.DeleteTagRequest(run_id=run_id, key=key))

    def log_batch(
        self,
        run_id: str,
        metrics: Sequence[ent.Metric] = (),
        params: Sequence[ent.Param] = (),
        tags: Sequence[ent.RunTag] = (),
        synchronous: bool | None = None,
    ) -> RunOperations | None:
        """Log metrics, params and tags of any number.

        They are sent in as many requests as the server's limits need (1000 metrics, 100
        params, 100 tags, 1000 entries per request); params go first. Queued (``synchronous=False``),
        they go out with the other queued calls and a :class:`~trackline.RunOperations` is returned.
        """
        return self._log_values("log_batch", run_id, metrics, params, tags, synchronous)

    def _log_values(
        self,
        name: str,
        run_id: str,
        metrics: Sequence[ent.Metric] = (),
        params: Sequence[ent.Param] = (),
        tags: Sequence[ent.RunTag] = (),
        synchronous: bool | None = None,
    ) -> RunOperations | None:
        """``log_batch``, the call named ``name`` when it is queued (``log_metrics``, ``set_tags``...)."""
        queue = self._queued(synchronous)
        if queue is not None:
            return queue.put(
                run_id,
                name,
                metrics=[
                    (m.key, m.value, m.timestamp, m.step, m.dataset_name, m.dataset_digest, m.model_id) for m in metrics
                ],
                params=[(p.key, str(p.value)) for p in params],
                tags=[(t.key, str(t.value)) for t in tags],
            )
        for chunk in split_batch(list(metrics), list(params), list(tags)):
            body = api.LogBatchRequest(
                run_id=run_id,
                metrics=[conv.wire_metric(m) for m in chunk.metrics] or UNSET,
                params=[conv.wire_param(p) for p in chunk.params] or UNSET,
                tags=[conv.wire_tag(t) for t in chunk.tags] or UNSET,
            )
            self._call(log_batch.sync_detailed, api.Empty, body=body)
        return None

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
