"""``TracklineClient``: every operation by explicit id, shaped like ``MlflowClient``.

It is composed of one mixin per part of the API, each a sibling on ``ClientBase`` (the
connections and ``_call``): experiments, runs, logging, metric history, the model registry,
logged models and artifacts.
"""

from __future__ import annotations

from ._client_artifacts import ArtifactsMixin
from ._client_experiments import ExperimentsMixin
from ._client_logged_models import LoggedModelsMixin
from ._client_logging import LoggingMixin
from ._client_metrics import MetricsMixin
from ._client_registry import RegistryMixin
from ._client_runs import RunsMixin

__all__ = ["MlflowClient", "TracklineClient"]


class TracklineClient(
    ExperimentsMixin,
    RunsMixin,
    LoggingMixin,
    MetricsMixin,
    RegistryMixin,
    LoggedModelsMixin,
    ArtifactsMixin,
):
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


#: ``mlflow.MlflowClient`` under its MLflow name, for scripts that only swap the import.
MlflowClient = TracklineClient
