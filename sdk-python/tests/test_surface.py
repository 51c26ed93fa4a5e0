"""The public surface, the generated package's layout and the parts that need no server."""

from __future__ import annotations

import importlib
import math
import random
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import trackline
from trackline import Metric, Param, RunTag, TracklineClient, TracklineException
from trackline._batch import MAX_ENTRIES, MAX_METRICS, MAX_PARAMS, MAX_TAGS, split_batch
from trackline_api import models as api

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"

PUBLIC = [
    "ActiveRun", "Dataset", "DatasetInput", "Experiment", "ExperimentTag", "FileInfo",
    "InputTag", "LoggedModelInput", "LoggedModelOutput", "Metric", "MlflowClient", "PagedList",
    "Param", "Run", "RunData", "RunInfo", "RunInputs", "RunOutputs", "RunStatus", "RunTag",
    "TracklineClient", "TracklineException", "ViewType", "__version__", "active_run",
    "create_experiment", "delete_experiment", "delete_run", "delete_tag", "end_run",
    "get_experiment", "get_experiment_by_name", "get_run", "get_tracking_uri",
    "last_active_run", "log_metric", "log_metrics", "log_param", "log_params",
    "search_experiments", "search_runs", "set_experiment", "set_experiment_tag",
    "set_experiment_tags", "set_tag", "set_tags", "set_tracking_uri", "start_run",
]  # fmt: skip

CLIENT_METHODS = [
    "close", "create_experiment", "create_run", "delete_experiment", "delete_experiment_tag",
    "delete_run", "delete_tag", "get_experiment", "get_experiment_by_name",
    "get_metric_history", "get_metric_history_bulk_interval", "get_run", "list_artifacts",
    "log_batch", "log_inputs", "log_metric", "log_outputs", "log_param", "rename_experiment",
    "restore_experiment", "restore_run", "search_all_runs", "search_experiments",
    "search_runs", "set_experiment_tag", "set_tag", "set_terminated", "update_run",
]  # fmt: skip


def test_public_surface_is_pinned() -> None:
    assert sorted(trackline.__all__) == sorted(PUBLIC)
    for name in trackline.__all__:
        assert hasattr(trackline, name), name
    assert trackline.MlflowClient is TracklineClient
    public_methods = sorted(
        name for name in vars(TracklineClient) if not name.startswith("_")
        and callable(getattr(TracklineClient, name))
    )  # fmt: skip
    assert public_methods == sorted(CLIENT_METHODS)


def test_entities_module_matches_mlflow_imports() -> None:
    from trackline.entities import Metric as EntityMetric
    from trackline.entities import ViewType

    assert EntityMetric is Metric
    assert ViewType.ALL == "ALL"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_generated_functions_follow_operation_ids() -> None:
    """``trackline_api.api.<tag>.<snake_case operationId>.sync_detailed`` for every operation."""
    spec = yaml.safe_load(SPEC.read_text())
    operations = [
        (op["tags"][0], op["operationId"])
        for path in spec["paths"].values()
        for method, op in path.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(operations) >= 20
    for tag, operation_id in operations:
        module = importlib.import_module(f"trackline_api.api.{tag}.{_snake(operation_id)}")
        assert callable(module.sync_detailed), operation_id


def test_generated_models_carry_not_finite_values_as_strings() -> None:
    wire = [
        api.Metric(key="m", value=v, timestamp=1).to_dict()["value"]
        for v in (float("nan"), float("inf"), float("-inf"), 0.5)
    ]
    assert wire == ["NaN", "Infinity", "-Infinity", 0.5]
    parsed = [
        api.Metric.from_dict({"key": "m", "value": v, "timestamp": 1}).value
        for v in ("NaN", "Infinity", "-Infinity", 2, 0.25)
    ]
    assert math.isnan(parsed[0])
    assert parsed[1:] == [math.inf, -math.inf, 2.0, 0.25]
    batch = api.LogBatchRequest(run_id="r", metrics=[api.Metric("m", float("nan"), 1)])
    assert batch.to_dict()["metrics"][0]["value"] == "NaN"


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
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
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
