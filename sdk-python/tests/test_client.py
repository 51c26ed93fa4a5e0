"""TracklineClient against live servers (Trackline and real MLflow), one operation at a time."""

from __future__ import annotations

import math
import sys
import time

import pytest

from trackline import (
    Dataset,
    DatasetInput,
    InputTag,
    Metric,
    Param,
    RunStatus,
    RunTag,
    TracklineClient,
    TracklineException,
    ViewType,
)


def test_experiment_lifecycle(client: TracklineClient, unique: str) -> None:
    exp_id = client.create_experiment(unique, tags={"team": "growth", "n": 3})
    exp = client.get_experiment(exp_id)
    assert (exp.experiment_id, exp.name, exp.lifecycle_stage) == (exp_id, unique, "active")
    assert exp.tags == {"team": "growth", "n": "3"}
    assert exp.creation_time
    assert exp.creation_time > 0
    by_name = client.get_experiment_by_name(unique)
    assert by_name is not None
    assert by_name.experiment_id == exp_id
    assert client.get_experiment_by_name(unique + "-missing") is None

    client.rename_experiment(exp_id, unique + "-renamed")
    assert client.get_experiment(exp_id).name == unique + "-renamed"
    client.set_experiment_tag(exp_id, "stage", "dev")
    client.delete_experiment_tag(exp_id, "team")
    assert client.get_experiment(exp_id).tags == {"n": "3", "stage": "dev"}

    client.delete_experiment(exp_id)
    assert client.get_experiment(exp_id).lifecycle_stage == "deleted"
    names = f"name = '{unique}-renamed'"
    assert client.search_experiments(filter_string=names) == []
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY, filter_string=names)
    assert [e.experiment_id for e in deleted] == [exp_id]
    client.restore_experiment(exp_id)
    assert [e.experiment_id for e in client.search_experiments(filter_string=names)] == [exp_id]


def test_search_experiments_pages(client: TracklineClient, unique: str) -> None:
    ids = {client.create_experiment(f"{unique}-{i}") for i in range(5)}
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        page = client.search_experiments(max_results=2, filter_string=f"name LIKE '{unique}-%'", page_token=token)
        assert len(page) <= 2
        seen += [e.experiment_id for e in page]
        pages += 1
        token = page.token
        if not token:
            break
    assert pages == 3
    assert sorted(seen) == sorted(ids)


def test_errors_carry_code_status_and_message(client: TracklineClient, unique: str) -> None:
    client.create_experiment(unique)
    with pytest.raises(TracklineException) as dup:
        client.create_experiment(unique)
    assert dup.value.error_code == "RESOURCE_ALREADY_EXISTS"
    assert dup.value.http_status == 400
    assert unique in dup.value.message

    with pytest.raises(TracklineException) as missing:
        client.get_run("0123456789abcdef0123456789abcdef")
    assert missing.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert missing.value.http_status == 404


def test_run_lifecycle_and_data(client: TracklineClient, unique: str) -> None:
    exp_id = client.create_experiment(unique)
    start = int(time.time() * 1000) - 5000
    run = client.create_run(exp_id, start_time=start, tags={"team": "growth"}, run_name="base")
    run_id = run.info.run_id
    assert run.info.experiment_id == exp_id
    assert run.info.run_name == "base"
    assert run.info.status == RunStatus.RUNNING
    assert run.info.start_time == start
    assert run.info.run_uuid == run_id
    assert run.data.tags["team"] == "growth"

    assert client.log_param(run_id, "alpha", 0.5) == 0.5
    client.log_metric(run_id, "rmse", 0.9, timestamp=start + 1, step=0)
    client.log_metric(run_id, "rmse", 0.7, timestamp=start + 2, step=1)
    client.set_tag(run_id, "stage", "tuning")
    client.set_tag(run_id, "temp", "x")
    client.delete_tag(run_id, "temp")
    client.update_run(run_id, name="renamed")

    got = client.get_run(run_id)
    assert got.data.params == {"alpha": "0.5"}
    assert got.data.metrics == {"rmse": 0.7}
    assert got.data.tags["stage"] == "tuning"
    assert "temp" not in got.data.tags
    assert got.info.run_name == "renamed"

    client.set_terminated(run_id, "FAILED", end_time=start + 10)
    ended = client.get_run(run_id).info
    assert (ended.status, ended.end_time) == ("FAILED", start + 10)

    client.delete_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "deleted"
    client.restore_run(run_id)
    assert client.get_run(run_id).info.lifecycle_stage == "active"


def test_param_values_are_immutable(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    client.log_param(run_id, "alpha", "1")
    client.log_param(run_id, "alpha", "1")  # the same value again is fine
    with pytest.raises(TracklineException) as err:
        client.log_param(run_id, "alpha", "2")
    assert (err.value.error_code, err.value.http_status) == ("INVALID_PARAMETER_VALUE", 400)


def test_not_finite_metric_values(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    client.log_metric(run_id, "m", float("nan"), step=0)
    client.log_metric(run_id, "m", float("inf"), step=1)
    later = int(time.time() * 1000) + 1000
    client.log_batch(run_id, metrics=[Metric("m", float("-inf"), later, 2)])
    values = [m.value for m in client.get_metric_history(run_id, "m")]
    assert math.isnan(values[0])
    assert values[1:] == [sys.float_info.max, -sys.float_info.max]


def test_metric_values_must_be_numbers(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    with pytest.raises(TracklineException) as err:
        client.log_metric(run_id, "m", "high")  # type: ignore[arg-type]
    assert err.value.error_code == "INVALID_PARAMETER_VALUE"


def test_log_batch_and_history(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    client.log_batch(
        run_id,
        metrics=[Metric("loss", 1.0 / (s + 1), 1000 + s, s) for s in range(10)],
        params=[Param("p", "1")],
        tags=[RunTag("t", "v")],
    )
    history = client.get_metric_history(run_id, "loss")
    assert [(m.key, m.step, m.timestamp, m.value) for m in history] == [
        ("loss", s, 1000 + s, 1.0 / (s + 1)) for s in range(10)
    ]
    data = client.get_run(run_id).data
    assert (data.params, data.tags["t"], data.metrics["loss"]) == ({"p": "1"}, "v", 0.1)


def test_search_runs_filter_order_and_pages(client: TracklineClient, unique: str) -> None:
    exp_id = client.create_experiment(unique)
    ids = []
    for i in range(7):
        run_id = client.create_run(exp_id, run_name=f"r{i}").info.run_id
        client.log_batch(run_id, metrics=[Metric("score", float(i), 1)], params=[Param("odd", str(i % 2))])
        ids.append(run_id)

    seen: list[str] = []
    token = None
    while True:
        page = client.search_runs([exp_id], max_results=3, order_by=["metrics.score DESC"], page_token=token)
        seen += [r.info.run_id for r in page]
        token = page.token
        if not token:
            break
    assert seen == ids[::-1]

    odd = client.search_runs(exp_id, "params.odd = '1' and metrics.score > 2", order_by=["metrics.score ASC"])
    assert [r.info.run_id for r in odd] == [ids[3], ids[5]]
    assert odd.token is None
    assert odd[0].data.metrics == {"score": 3.0}

    everything = client.search_all_runs([exp_id], page_size=2)
    assert sorted(r.info.run_id for r in everything) == sorted(ids)

    client.delete_run(ids[0])
    assert len(client.search_runs([exp_id])) == 6
    assert [r.info.run_id for r in client.search_runs([exp_id], run_view_type="DELETED_ONLY")] == [ids[0]]
    assert len(client.search_runs([exp_id], run_view_type=ViewType.ALL)) == 7


def test_log_inputs(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    dataset = Dataset(name="churn", digest="3a5e0d6b", source_type="local", source='{"uri": "/data/churn.csv"}')
    client.log_inputs(run_id, [DatasetInput(dataset, (InputTag("mlflow.data.context", "train"),))])
    inputs = client.get_run(run_id).inputs.dataset_inputs
    assert len(inputs) == 1
    assert (inputs[0].dataset.name, inputs[0].dataset.digest) == ("churn", "3a5e0d6b")
    assert inputs[0].tags == (InputTag("mlflow.data.context", "train"),)


def test_metric_history_bulk_interval(client: TracklineClient, unique: str) -> None:
    exp_id = client.create_experiment(unique)
    runs = [client.create_run(exp_id).info.run_id for _ in range(2)]
    for run_id in runs:
        client.log_batch(run_id, metrics=[Metric("acc", s / 10, 5, s) for s in range(10)])
    sampled = client.get_metric_history_bulk_interval(runs, "acc", start_step=2, end_step=5)
    assert {(m.run_id, m.step) for m in sampled} == {(r, s) for r in runs for s in range(2, 6)}


def test_list_artifacts_of_a_new_run(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    assert client.list_artifacts(run_id) == []


def test_generated_client_is_shared(client: TracklineClient) -> None:
    from trackline_api.api.server import health

    answer = health.sync_detailed(client=client.api)
    assert (answer.status_code, answer.parsed) == (200, "OK")
