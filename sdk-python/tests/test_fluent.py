"""The fluent API (MLflow's module-level functions) against live servers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import trackline
from trackline import RunStatus, TracklineClient, TracklineException


def test_experiments(fluent: str, unique: str) -> None:
    exp = trackline.set_experiment(unique)
    assert exp.name == unique
    assert trackline.set_experiment(experiment_id=exp.experiment_id).name == unique
    got = trackline.get_experiment(exp.experiment_id)
    assert got.experiment_id == exp.experiment_id
    by_name = trackline.get_experiment_by_name(unique)
    assert by_name is not None
    assert by_name.experiment_id == exp.experiment_id
    other = trackline.create_experiment(unique + "-b", tags={"k": "v"})
    found = trackline.search_experiments(filter_string=f"name LIKE '{unique}%'")
    assert sorted(e.name for e in found) == [unique, unique + "-b"]
    assert len(trackline.search_experiments(max_results=1)) == 1
    trackline.delete_experiment(other)
    assert trackline.get_experiment(other).lifecycle_stage == "deleted"
    with pytest.raises(TracklineException) as err:
        trackline.set_experiment(unique + "-b")
    assert err.value.error_code == "INVALID_PARAMETER_VALUE"
    trackline.set_experiment_tags({"owner": "me"})
    assert trackline.get_experiment(exp.experiment_id).tags["owner"] == "me"


def test_runs_nest_and_end(fluent: str, unique: str) -> None:
    exp = trackline.set_experiment(unique)
    with trackline.start_run(run_name="parent", tags={"team": "a"}, description="sweep") as parent:
        assert trackline.active_run() is parent
        assert parent.info.experiment_id == exp.experiment_id
        assert parent.info.status == RunStatus.RUNNING
        assert parent.data.tags["mlflow.runName"] == "parent"
        assert parent.data.tags["mlflow.note.content"] == "sweep"
        with trackline.start_run(run_name="child", nested=True) as child:
            assert trackline.active_run() is child
            trackline.log_param("depth", 1)
        assert trackline.active_run() is parent
        last = trackline.last_active_run()
        assert last is not None
        assert last.info.run_id == parent.info.run_id
    assert trackline.active_run() is None
    last = trackline.last_active_run()
    assert last is not None
    assert last.info.run_id == parent.info.run_id
    assert last.info.status == "FINISHED"

    child_run = trackline.get_run(child.info.run_id)
    assert child_run.data.tags["mlflow.parentRunId"] == parent.info.run_id
    assert child_run.data.params == {"depth": "1"}
    assert child_run.info.status == "FINISHED"
    assert child_run.info.end_time is not None


def test_a_second_run_needs_nested(fluent: str, unique: str) -> None:
    trackline.set_experiment(unique)
    with trackline.start_run(), pytest.raises(TracklineException, match="already active"):
        trackline.start_run()


def _fail_inside_nested_runs(started: list[str]) -> None:
    with trackline.start_run() as run:
        started.append(run.info.run_id)
        with trackline.start_run(nested=True) as child:
            started.append(child.info.run_id)
            trackline.log_metric("x", 1.0)
            _ = 1 / 0


def test_exception_marks_run_failed_and_propagates(fluent: str, unique: str) -> None:
    trackline.set_experiment(unique)
    started: list[str] = []
    with pytest.raises(ZeroDivisionError):
        _fail_inside_nested_runs(started)
    assert trackline.active_run() is None
    assert [trackline.get_run(run_id).info.status for run_id in started] == ["FAILED", "FAILED"]


def test_resume_a_run(fluent: str, unique: str) -> None:
    trackline.set_experiment(unique)
    with trackline.start_run() as run:
        trackline.log_param("a", 1)
    assert trackline.get_run(run.info.run_id).info.status == "FINISHED"
    with trackline.start_run(run_id=run.info.run_id, tags={"resumed": "yes"}) as again:
        assert again.info.run_id == run.info.run_id
        assert trackline.get_run(run.info.run_id).info.status == "RUNNING"
        trackline.log_param("b", 2)
    resumed = trackline.get_run(run.info.run_id)
    assert resumed.data.params == {"a": "1", "b": "2"}
    assert resumed.data.tags["resumed"] == "yes"
    assert resumed.info.status == "FINISHED"


def test_end_run_with_status(fluent: str, unique: str) -> None:
    trackline.set_experiment(unique)
    run = trackline.start_run()
    trackline.end_run("KILLED")
    assert trackline.active_run() is None
    assert trackline.get_run(run.info.run_id).info.status == "KILLED"


def test_logging_starts_a_run_when_none_is_active(fluent: str, unique: str) -> None:
    trackline.set_experiment(unique)
    trackline.log_param("lr", 0.1)
    run = trackline.active_run()
    assert run is not None
    trackline.end_run()
    assert trackline.get_run(run.info.run_id).data.params == {"lr": "0.1"}


def test_logging_calls(fluent: str, unique: str, client: TracklineClient) -> None:
    trackline.set_experiment(unique)
    with trackline.start_run() as run:
        trackline.log_params({"a": 1, "b": "x"})
        trackline.log_metric("loss", 0.5, step=3, timestamp=1700000000000)
        trackline.log_metrics({"acc": 0.9, "f1": 0.8}, step=4, timestamp=1700000000001)
        trackline.set_tag("stage", "dev")
        trackline.set_tags({"t1": 1, "t2": "two"})
        trackline.delete_tag("t1")
    run_id = run.info.run_id
    got = trackline.get_run(run_id)
    assert got.data.params == {"a": "1", "b": "x"}
    assert got.data.metrics == {"loss": 0.5, "acc": 0.9, "f1": 0.8}
    assert {k: got.data.tags[k] for k in ("stage", "t2")} == {"stage": "dev", "t2": "two"}
    assert "t1" not in got.data.tags
    [loss] = client.get_metric_history(run_id, "loss")
    assert (loss.step, loss.timestamp) == (3, 1700000000000)
    [acc] = client.get_metric_history(run_id, "acc")
    assert (acc.step, acc.timestamp) == (4, 1700000000001)
    trackline.delete_run(run_id)
    assert trackline.get_run(run_id).info.lifecycle_stage == "deleted"


def test_search_runs_as_dataframe_and_list(fluent: str, unique: str) -> None:
    exp = trackline.set_experiment(unique)
    ids = []
    for i in range(3):
        with trackline.start_run(run_name=f"r{i}") as run:
            trackline.log_param("i", i)
            if i:
                trackline.log_metric("score", i * 1.5)
        ids.append(run.info.run_id)

    df = trackline.search_runs()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns[:6]) == [
        "run_id",
        "experiment_id",
        "status",
        "artifact_uri",
        "start_time",
        "end_time",
    ]
    assert {"metrics.score", "params.i", "tags.mlflow.runName"} <= set(df.columns)
    assert list(df["run_id"]) == ids[::-1]  # newest first
    assert set(df["experiment_id"]) == {exp.experiment_id}
    assert set(df["status"]) == {"FINISHED"}
    assert str(df["start_time"].dtype).startswith("datetime64")
    assert df["start_time"].dt.tz
    row = df.set_index("run_id")
    assert math.isnan(row.loc[ids[0], "metrics.score"])
    assert row.loc[ids[2], "metrics.score"] == 3.0
    assert row.loc[ids[1], "params.i"] == "1"
    assert row.loc[ids[1], "tags.mlflow.runName"] == "r1"

    ordered = trackline.search_runs(
        experiment_names=[unique],
        filter_string="metrics.score > 0",
        order_by=["metrics.score ASC"],
        output_format="list",
    )
    assert [r.info.run_id for r in ordered] == [ids[1], ids[2]]
    assert len(trackline.search_runs([exp.experiment_id], max_results=2)) == 2
    empty = trackline.search_runs([exp.experiment_id], filter_string="params.i = 'none'")
    assert isinstance(empty, pd.DataFrame)
    assert len(empty) == 0
