"""``TracklineClient``: every tracking operation by explicit id, shaped like ``MlflowClient``."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Self

from trackline_api import Client
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
from trackline_api.api.metrics import get_metric_history, get_metric_history_bulk_interval
from trackline_api.api.runs import (
    create_run,
    delete_run,
    delete_tag,
    get_run,
    log_batch,
    log_inputs,
    log_metric,
    log_outputs,
    log_param,
    restore_run,
    search_runs,
    set_tag,
    update_run,
)
from trackline_api.types import UNSET

from . import _convert as conv
from . import _entities as ent
from ._batch import split_batch
from ._client_artifacts import ArtifactsMixin
from ._config import HttpSettings, get_tracking_uri, validate_tracking_uri
from ._errors import TracklineException
from ._http import build_httpx_client, expect, translate_errors
from ._transfer import ArtifactTransfer, TransferSettings

__all__ = ["TracklineClient"]


def _now_ms() -> int:
    return int(time.time() * 1000)


class TracklineClient(ArtifactsMixin):
    """A client for a Trackline (or MLflow) tracking server.

    Methods and arguments follow ``mlflow.MlflowClient``. The client keeps one pool of
    connections; close it with :meth:`close` or use it as a context manager. Requests are
    retried on connection errors and on 429/503 answers; failures raise
    :class:`~trackline.TracklineException`.

    Args:
        tracking_uri: The server, such as ``http://127.0.0.1:5000``; defaults to
            :func:`trackline.get_tracking_uri`.
        timeout: Seconds to wait for each answer (default 120, or ``*_HTTP_REQUEST_TIMEOUT``).
        max_retries: How many times to retry a request (default 5).
        backoff_factor: First wait between tries, in seconds, doubling each time (default 0.5).
        token, username, password: Credentials (default: ``MLFLOW_TRACKING_TOKEN``, or
            ``MLFLOW_TRACKING_USERNAME``/``PASSWORD``).

    Artifacts go through the server's ``mlflow-artifacts`` proxy (``log_artifact``,
    ``download_artifacts``...); the model registry has ``MlflowClient``'s registry methods plus
    :meth:`get_registry_history`, the audit trail of stage and alias changes.

    Example (with a server running)::

        with TracklineClient("http://127.0.0.1:5000") as client:
            run = client.create_run("0")
            client.log_metric(run.info.run_id, "loss", 0.3, step=1)
            client.log_text(run.info.run_id, "hello", "notes/hello.txt")
    """

    #: Values asked for per page of metric history.
    history_page_size = 25000

    def __init__(
        self,
        tracking_uri: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        backoff_factor: float | None = None,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> None:
        self._tracking_uri = validate_tracking_uri(tracking_uri or get_tracking_uri())
        settings = HttpSettings.from_env(
            timeout=timeout,
            max_retries=max_retries,
            backoff_factor=backoff_factor,
            token=token,
            username=username,
            password=password,
        )
        self._http = build_httpx_client(self._tracking_uri, settings)
        self._api = Client(base_url=self._tracking_uri).set_httpx_client(self._http)
        self._transfer = ArtifactTransfer(self._http, TransferSettings.from_env())
        self._artifact_roots = {}

    @property
    def tracking_uri(self) -> str:
        """The server this client talks to."""
        return self._tracking_uri

    @property
    def api(self) -> Client:
        """The generated low-level client (``trackline_api``) sharing this client's connections."""
        return self._api

    def close(self) -> None:
        """Close the client's connections."""
        self._transfer.close()
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"TracklineClient({self._tracking_uri!r})"

    # --- experiments ---------------------------------------------------------------------------

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
            tags=conv.wire_experiment_tags(tags),
        )
        with translate_errors():
            parsed = create_experiment.sync_detailed(client=self._api, body=body).parsed
            return expect(parsed, api.CreateExperimentResponse).experiment_id

    def get_experiment(self, experiment_id: str) -> ent.Experiment:
        """The experiment with this id (deleted ones too)."""
        with translate_errors():
            parsed = get_experiment.sync_detailed(client=self._api, experiment_id=str(experiment_id)).parsed
            return conv.experiment(expect(parsed, api.GetExperimentResponse).experiment)

    def get_experiment_by_name(self, name: str) -> ent.Experiment | None:
        """The experiment with this name, or ``None`` when there is none."""
        try:
            with translate_errors():
                parsed = get_experiment_by_name.sync_detailed(client=self._api, experiment_name=name).parsed
                return conv.experiment(expect(parsed, api.GetExperimentResponse).experiment)
        except TracklineException as exc:
            if exc.error_code == "RESOURCE_DOES_NOT_EXIST":
                return None
            raise

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
        with translate_errors():
            parsed = search_experiments.sync_detailed(client=self._api, body=body).parsed
            page = expect(parsed, api.SearchExperimentsResponse)
            return ent.PagedList(
                [conv.experiment(e) for e in conv.as_list(conv.opt(page.experiments))],
                conv.opt(page.next_page_token) or None,
            )

    def rename_experiment(self, experiment_id: str, new_name: str) -> None:
        """Give an experiment a new name."""
        body = api.UpdateExperimentRequest(experiment_id=str(experiment_id), new_name=new_name)
        with translate_errors():
            update_experiment.sync_detailed(client=self._api, body=body)

    def delete_experiment(self, experiment_id: str) -> None:
        """Delete an experiment (it can be restored) and its runs."""
        body = api.ExperimentIdRequest(experiment_id=str(experiment_id))
        with translate_errors():
            delete_experiment.sync_detailed(client=self._api, body=body)

    def restore_experiment(self, experiment_id: str) -> None:
        """Restore a deleted experiment."""
        body = api.ExperimentIdRequest(experiment_id=str(experiment_id))
        with translate_errors():
            restore_experiment.sync_detailed(client=self._api, body=body)

    def set_experiment_tag(self, experiment_id: str, key: str, value: object) -> None:
        """Set a tag on an experiment."""
        body = api.SetExperimentTagRequest(experiment_id=str(experiment_id), key=key, value=str(value))
        with translate_errors():
            set_experiment_tag.sync_detailed(client=self._api, body=body)

    def delete_experiment_tag(self, experiment_id: str, key: str) -> None:
        """Remove a tag from an experiment."""
        body = api.DeleteExperimentTagRequest(experiment_id=str(experiment_id), key=key)
        with translate_errors():
            delete_experiment_tag.sync_detailed(client=self._api, body=body)

    # --- runs ----------------------------------------------------------------------------------

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
            start_time=start_time if start_time is not None else _now_ms(),
            tags=conv.wire_tags(tags),
        )
        with translate_errors():
            parsed = create_run.sync_detailed(client=self._api, body=body, idempotency_key=uuid.uuid4().hex).parsed
            return conv.run(expect(parsed, api.RunResponse).run)

    def get_run(self, run_id: str) -> ent.Run:
        """The run with its latest metrics, params and tags."""
        with translate_errors():
            parsed = get_run.sync_detailed(client=self._api, run_id=run_id).parsed
            return conv.run(expect(parsed, api.RunResponse).run)

    def update_run(self, run_id: str, status: ent.RunStatus | str | None = None, name: str | None = None) -> None:
        """Change a run's status or name."""
        body = api.UpdateRunRequest(
            run_id=run_id,
            status=conv.run_status(status) if status is not None else UNSET,
            run_name=conv.unset(name),
        )
        with translate_errors():
            update_run.sync_detailed(client=self._api, body=body)

    def set_terminated(
        self,
        run_id: str,
        status: ent.RunStatus | str | None = None,
        end_time: int | None = None,
    ) -> None:
        """End a run: ``status`` defaults to FINISHED and ``end_time`` (ms) to now."""
        body = api.UpdateRunRequest(
            run_id=run_id,
            status=conv.run_status(status or ent.RunStatus.FINISHED),
            end_time=end_time if end_time is not None else _now_ms(),
        )
        with translate_errors():
            update_run.sync_detailed(client=self._api, body=body)

    def delete_run(self, run_id: str) -> None:
        """Mark a run deleted."""
        with translate_errors():
            delete_run.sync_detailed(client=self._api, body=api.RunIdRequest(run_id=run_id))

    def restore_run(self, run_id: str) -> None:
        """Restore a deleted run."""
        with translate_errors():
            restore_run.sync_detailed(client=self._api, body=api.RunIdRequest(run_id=run_id))

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
        with translate_errors():
            parsed = search_runs.sync_detailed(client=self._api, body=body).parsed
            page = expect(parsed, api.SearchRunsResponse)
            return ent.PagedList(
                [conv.run(r) for r in conv.as_list(conv.opt(page.runs))],
                conv.opt(page.next_page_token) or None,
            )

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
        runs: list[ent.Run] = []
        token: str | None = None
        while max_results is None or len(runs) < max_results:
            want = page_size if max_results is None else min(page_size, max_results - len(runs))
            page = self.search_runs(experiment_ids, filter_string, run_view_type, want, order_by, token)
            runs.extend(page)
            token = page.token
            if not token:
                break
        return runs

    # --- logging -------------------------------------------------------------------------------

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
            timestamp=timestamp if timestamp is not None else _now_ms(),
            step=step if step is not None else 0,
            dataset_name=conv.unset(dataset_name),
            dataset_digest=conv.unset(dataset_digest),
            model_id=conv.unset(model_id),
        )
        with translate_errors():
            log_metric.sync_detailed(client=self._api, body=body)

    def log_param(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> object:
        """Log a parameter (stored as a string) and return ``value``."""
        del synchronous
        body = api.LogParamRequest(run_id=run_id, key=key, value=str(value))
        with translate_errors():
            log_param.sync_detailed(client=self._api, body=body)
        return value

    def set_tag(self, run_id: str, key: str, value: object, synchronous: bool | None = None) -> None:
        """Set a tag on a run (stored as a string)."""
        del synchronous
        body = api.SetTagRequest(run_id=run_id, key=key, value=str(value))
        with translate_errors():
            set_tag.sync_detailed(client=self._api, body=body)

    def delete_tag(self, run_id: str, key: str) -> None:
        """Remove a tag from a run."""
        body = api.DeleteTagRequest(run_id=run_id, key=key)
        with translate_errors():
            delete_tag.sync_detailed(client=self._api, body=body)

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
            with translate_errors():
                log_batch.sync_detailed(client=self._api, body=body)

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
        with translate_errors():
            log_inputs.sync_detailed(client=self._api, body=body)

    def log_outputs(self, run_id: str, models: Sequence[ent.LoggedModelOutput]) -> None:
        """Record models a run produced."""
        body = api.LogOutputsRequest(
            run_id=run_id,
            models=[api.ModelOutput(model_id=m.model_id, step=m.step) for m in models],
        )
        with translate_errors():
            log_outputs.sync_detailed(client=self._api, body=body)

    # --- reading metrics -----------------------------------------------------------------------

    def _history_pages(self, run_id: str, key: str) -> Iterator[list[ent.Metric]]:
        token: str | None = None
        while True:
            with translate_errors():
                parsed = get_metric_history.sync_detailed(
                    client=self._api,
                    run_id=run_id,
                    metric_key=key,
                    max_results=self.history_page_size,
                    page_token=conv.unset(token),
                ).parsed
                page = expect(parsed, api.GetMetricHistoryResponse)
            yield [conv.metric(m) for m in conv.as_list(conv.opt(page.metrics))]
            token = conv.opt(page.next_page_token) or None
            if not token:
                return

    def get_metric_history(self, run_id: str, key: str) -> list[ent.Metric]:
        """Every logged value of a metric, across all pages, in the server's order.

        MLflow orders the values by timestamp, then step.
        """
        return [m for page in self._history_pages(run_id, key) for m in page]

    def get_metric_history_bulk_interval(
        self,
        run_ids: Sequence[str],
        metric_key: str,
        start_step: int | None = None,
        end_step: int | None = None,
        max_results: int | None = None,
    ) -> list[ent.Metric]:
        """A metric's values for several runs, sampled within a step range (``run_id`` set)."""
        with translate_errors():
            parsed = get_metric_history_bulk_interval.sync_detailed(
                client=self._api,
                run_ids=list(run_ids),
                metric_key=metric_key,
                start_step=conv.unset(start_step),
                end_step=conv.unset(end_step),
                max_results=conv.unset(max_results),
            ).parsed
            page = expect(parsed, api.GetMetricHistoryBulkIntervalResponse)
            return [conv.metric(m) for m in conv.as_list(conv.opt(page.metrics))]
