"""The public surface and the parts that need no server."""

from __future__ import annotations

import math
import random
import subprocess
import sys

import pandas as pd
import pytest

import trackline
from trackline import Metric, Param, RunTag, TracklineClient, TracklineException
from trackline._batch import MAX_ENTRIES, MAX_METRICS, MAX_PARAMS, MAX_TAGS, split_batch

PUBLIC = [
    "ActiveRun", "AsyncLoggingException", "Dataset", "DatasetInput", "Experiment", "ExperimentTag", "FileInfo",
    "InputTag", "LoggedModelInput", "LoggedModelOutput", "Metric", "MlflowClient",
    "ModelVersion", "PagedList", "Param", "RegisteredModel", "RegistryAction", "RegistryEvent",
    "Run", "RunData", "RunInfo", "RunOperations", "RunInputs", "RunOutputs", "RunStatus", "RunTag",
    "TracklineClient", "TracklineException", "ViewType", "__version__", "active_run",
    "artifacts", "auth", "config", "create_experiment", "delete_experiment", "delete_run", "delete_tag",
    "end_run", "flush_async_logging", "get_artifact_uri", "get_experiment", "get_experiment_by_name", "get_run",
    "get_tracking_uri", "last_active_run", "load_dict", "load_text", "log_artifact",
    "log_artifacts", "log_dict", "log_figure", "log_image", "log_metric", "log_metrics",
    "log_param", "log_params", "log_text", "projects", "register_model", "run", "search_experiments",
    "search_model_versions", "search_registered_models", "search_runs", "set_experiment",
    "set_experiment_tag", "set_experiment_tags", "set_tag", "set_tags", "set_tracking_uri",
    "start_run",
    "models", "pyfunc", "sklearn",  # subpackages, imported on first use
]  # fmt: skip

TRACKING_METHODS = [
    "close", "create_experiment", "create_run", "delete_experiment", "delete_experiment_tag",
    "delete_run", "delete_tag", "flush", "get_experiment", "get_experiment_by_name",
    "get_metric_history", "get_metric_history_bulk_interval", "get_run",
    "log_batch", "log_inputs", "log_metric", "log_outputs", "log_param", "rename_experiment",
    "restore_experiment", "restore_run", "search_all_runs", "search_experiments",
    "search_runs", "set_experiment_tag", "set_tag", "set_terminated", "update_run",
]  # fmt: skip

ARTIFACT_METHODS = [
    "download_artifacts", "list_artifacts", "log_artifact", "log_artifacts", "log_dict",
    "log_figure", "log_image", "log_text",
]  # fmt: skip

REGISTRY_METHODS = [
    "create_model_version", "create_registered_model", "delete_model_version",
    "delete_model_version_tag", "delete_registered_model", "delete_registered_model_alias",
    "delete_registered_model_tag", "get_latest_versions", "get_model_version",
    "get_model_version_by_alias", "get_model_version_download_uri", "get_registered_model",
    "get_registry_history", "rename_registered_model", "search_model_versions",
    "search_registered_models", "set_model_version_tag", "set_registered_model_alias",
    "set_registered_model_tag", "transition_model_version_stage", "update_model_version",
    "update_registered_model",
]  # fmt: skip

CLIENT_METHODS = TRACKING_METHODS + ARTIFACT_METHODS + REGISTRY_METHODS

ARTIFACTS_MODULE = [
    "TransferSettings", "download_artifacts", "file_checksum", "list_artifacts", "load_dict",
    "load_image", "load_text",
]  # fmt: skip


def test_public_surface_is_pinned() -> None:
    assert sorted(trackline.__all__) == sorted(PUBLIC)
    for name in trackline.__all__:
        assert hasattr(trackline, name), name
    assert trackline.MlflowClient is TracklineClient
    # Methods come from the client and the parts it is built from (artifacts, registry).
    public_methods = sorted({
        name for klass in TracklineClient.__mro__ if klass is not object
        for name in vars(klass) if not name.startswith("_")
        and callable(getattr(TracklineClient, name))
    })  # fmt: skip
    assert public_methods == sorted(CLIENT_METHODS)
    assert sorted(trackline.artifacts.__all__) == sorted(ARTIFACTS_MODULE)
    for name in trackline.artifacts.__all__:
        assert hasattr(trackline.artifacts, name), name


def test_entities_module_matches_mlflow_imports() -> None:
    from trackline.entities import Metric as EntityMetric
    from trackline.entities import ModelVersion, RegisteredModel, ViewType

    assert EntityMetric is Metric
    assert ViewType.ALL == "ALL"
    assert ModelVersion is trackline.ModelVersion
    assert RegisteredModel is trackline.RegisteredModel


@pytest.mark.parametrize("seed", range(20))
def test_split_batch_respects_every_limit_and_keeps_everything(seed: int) -> None:
    rng = random.Random(seed)
    metrics = [Metric("m", float(i), i, i) for i in range(rng.randrange(0, 3500))]
    params = [Param(f"p{i}", "v") for i in range(rng.randrange(0, 350))]
    tags = [RunTag(f"t{i}", "v") for i in range(rng.randrange(0, 350))]
    chunks = list(split_batch(metrics, params, tags))
    for chunk in chunks:
        assert len(chunk.metrics) <= MAX_METRICS
        assert len(chunk.params) <= MAX_PARAMS
        assert len(chunk.tags) <= MAX_TAGS
        assert 0 < len(chunk.metrics) + len(chunk.params) + len(chunk.tags) <= MAX_ENTRIES
    assert [m for c in chunks for m in c.metrics] == metrics
    assert [p for c in chunks for p in c.params] == params
    assert [t for c in chunks for t in c.tags] == tags
    total = len(metrics) + len(params) + len(tags)
    assert len(chunks) >= math.ceil(total / MAX_ENTRIES)


def test_tracking_uri_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKLINE_TRACKING_URI", raising=False)
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    trackline.set_tracking_uri("")
    assert trackline.get_tracking_uri() == "http://127.0.0.1:5000"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://mlflow-host:5000")
    assert trackline.get_tracking_uri() == "http://mlflow-host:5000"
    monkeypatch.setenv("TRACKLINE_TRACKING_URI", "http://trackline-host:5000")
    assert trackline.get_tracking_uri() == "http://trackline-host:5000"
    trackline.set_tracking_uri("http://explicit:1234")
    try:
        assert trackline.get_tracking_uri() == "http://explicit:1234"
        assert TracklineClient().tracking_uri == "http://explicit:1234"
    finally:
        trackline.set_tracking_uri("")


@pytest.mark.parametrize("uri", ["file:///tmp/mlruns", "sqlite:///mlflow.db", "databricks", ""])
def test_only_server_uris_are_accepted(uri: str) -> None:
    with pytest.raises(TracklineException) as err:
        TracklineClient(uri or "mlruns")
    assert err.value.error_code == "INVALID_PARAMETER_VALUE"


def test_exception_shape() -> None:
    err = TracklineException("gone", error_code="RESOURCE_DOES_NOT_EXIST", http_status=404)
    assert (err.error_code, err.http_status, err.status_code, err.message) == (
        "RESOURCE_DOES_NOT_EXIST", 404, 404, "gone"
    )  # fmt: skip
    assert str(err) == "RESOURCE_DOES_NOT_EXIST: gone"


def test_pandas_is_optional() -> None:
    """Without pandas, the package imports and search results come as lists."""
    script = """
import sys
sys.modules["pandas"] = None  # makes `import pandas` fail
import trackline
from trackline._dataframe import runs_to_dataframe
assert "pandas" not in {m for m in sys.modules if sys.modules[m] is not None}
try:
    runs_to_dataframe([])
except ImportError as exc:
    assert "output_format='list'" in str(exc), exc
else:
    raise AssertionError("no ImportError without pandas")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_search_runs_dataframe_shape_without_a_server() -> None:
    from trackline import Run, RunData, RunInfo
    from trackline._dataframe import runs_to_dataframe

    runs = [
        Run(RunInfo("a", "1", status="FINISHED", start_time=1000, end_time=2000),
            RunData(metrics={"m": 1.0}, params={"p": "x"}, tags={"t": "y"})),
        Run(RunInfo("b", "1", start_time=3000), RunData(metrics={"n": 2.0})),
    ]  # fmt: skip
    df = runs_to_dataframe(runs)
    assert list(df.columns) == [
        "run_id", "experiment_id", "status", "artifact_uri", "start_time", "end_time",
        "metrics.m", "metrics.n", "params.p", "tags.t",
    ]  # fmt: skip
    assert str(df.loc[0, "start_time"]) == "1970-01-01 00:00:01+00:00"
    assert df["end_time"].isna().tolist() == [False, True]
    assert math.isnan(df.loc[0, "metrics.n"])
    assert pd.isna(df.loc[1, "params.p"])  # None, or NaN in pandas' string columns
    assert list(runs_to_dataframe([]).columns) == [
        "run_id",
        "experiment_id",
        "status",
        "artifact_uri",
        "start_time",
        "end_time",
    ]


def test_optional_packages_are_imported_only_when_used() -> None:
    """tqdm, numpy, Pillow, matplotlib and PyYAML are optional: importing trackline (and
    using it without figures, images or YAML) needs none of them."""
    script = """
import sys
for name in ("tqdm", "numpy", "PIL", "matplotlib", "yaml", "pandas"):
    sys.modules[name] = None  # makes `import name` fail
import trackline
from trackline import _media, _progress
assert _progress.progress_enabled(1 << 30) is False  # no tqdm: no bar
assert b"".join(_media.dict_chunks({"a": 1}, "x.json")) == b'{\\n  "a": 1\\n}'
for call in (lambda: b"".join(_media.dict_chunks({}, "x.yaml")),
             lambda: _media.save_image(object(), "x.png")):
    try:
        call()
    except ImportError as exc:
        assert "trackline[" in str(exc), exc
    else:
        raise AssertionError("expected an ImportError")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_transfer_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from trackline.artifacts import TransferSettings

    for prefix in ("TRACKLINE_", "MLFLOW_"):
        monkeypatch.delenv(prefix + "MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", raising=False)
        monkeypatch.delenv(prefix + "MULTIPART_UPLOAD_CHUNK_SIZE", raising=False)
    defaults = TransferSettings.from_env()
    assert (defaults.multipart_threshold, defaults.multipart_chunk_size) == (512 << 20, 64 << 20)
    assert (defaults.part_workers, defaults.file_workers) == (2, 4)
    monkeypatch.setenv("MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", "1000")
    monkeypatch.setenv("TRACKLINE_MULTIPART_UPLOAD_CHUNK_SIZE", "300")
    with TracklineClient("http://127.0.0.1:1") as client:
        settings = client.transfer_settings
    assert (settings.multipart_threshold, settings.multipart_chunk_size) == (1000, 300)
    monkeypatch.setenv("MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE", "0")
    monkeypatch.delenv("TRACKLINE_MULTIPART_UPLOAD_CHUNK_SIZE")
    with pytest.raises(TracklineException):
        TransferSettings.from_env()


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("models:/m-0f3c/MLmodel", {"model_id": "m-0f3c", "path": "MLmodel"}),
        ("models:/churn/3", {"name": "churn", "version": "3"}),
        ("models:/churn/Production/data", {"name": "churn", "stage": "Production", "path": "data"}),
        ("models:/churn@champion", {"name": "churn", "alias": "champion"}),
        ("models:/m-team/2", {"name": "m-team", "version": "2"}),
        ("models:/churn/latest", {"name": "churn", "stage": "latest"}),
    ],
)
def test_models_uris(uri: str, expected: dict[str, str]) -> None:
    from trackline._uris import ModelsUri, parse_models_uri

    assert parse_models_uri(uri) == ModelsUri(**expected)


def test_artifact_uris_and_paths() -> None:
    from trackline._uris import (
        clean_artifact_path,
        parse_models_uri,
        parse_runs_uri,
        proxy_location,
    )

    assert parse_runs_uri("runs:/abc/model/MLmodel") == ("abc", "model/MLmodel")
    assert parse_runs_uri("runs:/abc") == ("abc", "")
    assert proxy_location("mlflow-artifacts:/1/abc/artifacts").path == "1/abc/artifacts"
    remote = proxy_location("mlflow-artifacts://store:8080/1/abc/artifacts")
    assert (remote.host, remote.path) == ("store:8080", "1/abc/artifacts")
    assert clean_artifact_path("./a//b/") == "a/b"
    for bad in ("../x", "a/../../x", "a\\..\\x"):
        with pytest.raises(TracklineException):
            clean_artifact_path(bad)
    for not_proxied in ("s3://bucket/1/abc/artifacts", "/var/mlruns/1/abc/artifacts"):
        with pytest.raises(TracklineException) as err:
            proxy_location(not_proxied)
        assert "mlflow-artifacts" in err.value.message
    for bad_uri in ("models:/", "models:/churn", "runs:/"):
        with pytest.raises(TracklineException):
            (parse_models_uri if bad_uri.startswith("models") else parse_runs_uri)(bad_uri)
