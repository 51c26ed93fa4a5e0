"""The tracking store against real SQLite and PostgreSQL databases."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import func, select

from trackline_server.errors import TracklineError
from trackline_server.store.schema import metrics as metrics_table
from trackline_server.store.tracking import TrackingStore


def error_code(fn, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(TracklineError) as info:
        fn(*args)
    return info.value.error_code


def test_default_experiment_and_experiment_lifecycle(store: TrackingStore) -> None:
    default = store.experiments.get("0")
    assert default["name"] == "Default"
    assert default["artifact_location"] == "mlflow-artifacts:/0"
    eid = store.experiments.create("exp-a", None, [{"key": "team", "value": "x"}])
    exp = store.experiments.get(eid)
    assert exp["artifact_location"] == f"mlflow-artifacts:/{eid}"
    assert exp["tags"] == [{"key": "team", "value": "x"}]
    assert error_code(store.experiments.create, "exp-a", None, []) == "RESOURCE_ALREADY_EXISTS"
    store.experiments.rename(eid, "exp-b")
    assert store.experiments.get_by_name("exp-b")["experiment_id"] == eid
    assert error_code(store.experiments.get_by_name, "exp-a") == "RESOURCE_DOES_NOT_EXIST"
    store.experiments.delete(eid)
    assert store.experiments.get(eid)["lifecycle_stage"] == "deleted"
    assert error_code(store.experiments.create, "exp-b", None, []) == "RESOURCE_ALREADY_EXISTS"
    assert error_code(store.experiments.rename, eid, "exp-c") == "INVALID_PARAMETER_VALUE"
    store.experiments.restore(eid)
    assert store.experiments.get(eid)["lifecycle_stage"] == "active"
    assert error_code(store.experiments.get, "999") == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(store.experiments.get, "abc") == "INVALID_PARAMETER_VALUE"
    assert error_code(store.experiments.delete, "0") == "INVALID_PARAMETER_VALUE"


def test_experiment_tags(store: TrackingStore) -> None:
    eid = store.experiments.create("tags", None, [])
    store.experiments.set_tag(eid, "k", "v1")
    store.experiments.set_tag(eid, "k", "v2")
    assert store.experiments.get(eid)["tags"] == [{"key": "k", "value": "v2"}]
    store.experiments.delete_tag(eid, "k")
    assert "tags" not in store.experiments.get(eid)
    assert error_code(store.experiments.delete_tag, eid, "k") == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(store.experiments.set_tag, eid, "k", "x" * 20001) == "INVALID_PARAMETER_VALUE"


def test_search_experiments(store: TrackingStore) -> None:
    ids = [store.experiments.create(f"search-{i}", None, [{"key": "i", "value": str(i)}]) for i in range(5)]
    items, token = store.search.experiments("ACTIVE_ONLY", 2, "name LIKE 'search-%'", ["name DESC"], None)
    assert [e["name"] for e in items] == ["search-4", "search-3"]
    items2, token2 = store.search.experiments("ACTIVE_ONLY", 2, "name LIKE 'search-%'", ["name DESC"], token)
    assert [e["name"] for e in items2] == ["search-2", "search-1"]
    items3, token3 = store.search.experiments("ACTIVE_ONLY", 2, "name LIKE 'search-%'", ["name DESC"], token2)
    assert [e["name"] for e in items3] == ["search-0"] and token3 is None
    store.experiments.delete(ids[0])
    names = {e["name"] for e in store.search.experiments("DELETED_ONLY", 100, None, None, None)[0]}
    assert names == {"search-0"}
    tagged = store.search.experiments("ALL", 100, "tags.i = '3'", None, None)[0]
    assert [e["experiment_id"] for e in tagged] == [ids[3]]
    by_id = store.search.experiments("ALL", 100, f"experiment_id IN ('{ids[1]}', '{ids[2]}')", None, None)[0]
    assert {e["experiment_id"] for e in by_id} == {ids[1], ids[2]}
    assert error_code(store.search.experiments, "ALL", 100, "name ~ 'x'", None, None) == "INVALID_PARAMETER_VALUE"
    assert error_code(store.search.experiments, "ALL", 0, None, None, None) == "INVALID_PARAMETER_VALUE"


def test_run_lifecycle_and_names(store: TrackingStore) -> None:
    eid = store.experiments.create("runs", None, [])
    run = store.runs.create(eid, "alice", "first", 1000, [{"key": "t", "value": "v"}])
    info = run["info"]
    assert info["run_name"] == "first" and info["status"] == "RUNNING" and info["user_id"] == "alice"
    assert info["artifact_uri"] == f"mlflow-artifacts:/{eid}/{info['run_id']}/artifacts"
    assert {"key": "mlflow.runName", "value": "first"} in run["data"]["tags"]
    unnamed = store.runs.create(eid, None, None, None, [])
    assert unnamed["info"]["run_name"].count("-") == 2
    updated = store.runs.update(info["run_id"], "FINISHED", 2000, "renamed")
    assert updated["status"] == "FINISHED" and updated["end_time"] == 2000 and updated["run_name"] == "renamed"
    tags = {t["key"]: t["value"] for t in store.runs.get(info["run_id"])["data"]["tags"]}
    assert tags["mlflow.runName"] == "renamed"
    store.runs.delete(info["run_id"])
    assert store.runs.get(info["run_id"])["info"]["lifecycle_stage"] == "deleted"
    assert error_code(store.logging.log_param, info["run_id"], "p", "1") == "INVALID_PARAMETER_VALUE"
    store.runs.restore(info["run_id"])
    store.logging.log_param(info["run_id"], "p", "1")
    assert error_code(store.runs.get, "0" * 32) == "RESOURCE_DOES_NOT_EXIST"
    store.experiments.delete(eid)
    assert store.runs.get(unnamed["info"]["run_id"])["info"]["lifecycle_stage"] == "deleted"
    assert error_code(store.runs.create, eid, None, None, None, []) == "INVALID_PARAMETER_VALUE"
    store.experiments.restore(eid)
    assert store.runs.get(unnamed["info"]["run_id"])["info"]["lifecycle_stage"] == "active"


def test_params_metrics_tags(store: TrackingStore) -> None:
    run_id = store.runs.create("0", None, "r", None, [])["info"]["run_id"]
    store.logging.log_param(run_id, "lr", "0.1")
    store.logging.log_param(run_id, "lr", "0.1")  # the same value again is fine
    assert error_code(store.logging.log_param, run_id, "lr", "0.2") == "INVALID_PARAMETER_VALUE"
    store.logging.log_param(run_id, "long", "x" * 7000)
    store.logging.set_tag(run_id, "long", "y" * 9000)
    store.logging.log_metric(run_id, "m", 1.0, 10, 0)
    store.logging.log_metric(run_id, "m", 3.0, 5, 2)
    store.logging.log_metric(run_id, "m", 2.0, 20, 1)
    store.logging.log_metric(run_id, "nan", math.nan, 1, 0)
    store.logging.log_metric(run_id, "inf", math.inf, 1, 0)
    store.logging.log_metric(run_id, "ninf", -math.inf, 1, 0)
    data = store.runs.get(run_id)["data"]
    params = {p["key"]: p["value"] for p in data["params"]}
    assert params["lr"] == "0.1" and len(params["long"]) == 6000
    assert len({t["key"]: t["value"] for t in data["tags"]}["long"]) == 8000
    latest = {m["key"]: m for m in data["metrics"]}
    assert latest["m"]["value"] == 3.0 and latest["m"]["step"] == 2
    assert latest["nan"]["value"] == "NaN"
    assert latest["inf"]["value"] == 1.7976931348623157e308
    assert latest["ninf"]["value"] == -1.7976931348623157e308
    history, token = store.history.get(run_id, "m", None, None)
    # history comes in timestamp order, then step (as MLflow's)
    assert [(h["step"], h["value"]) for h in history] == [(2, 3.0), (0, 1.0), (1, 2.0)] and token is None
    store.logging.delete_tag(run_id, "long")
    assert error_code(store.logging.delete_tag, run_id, "long") == "RESOURCE_DOES_NOT_EXIST"
    assert error_code(store.logging.log_metric, run_id, "bad key!", 1.0, 1, 0) == "INVALID_PARAMETER_VALUE"
    assert error_code(store.logging.log_metric, run_id, "k" * 251, 1.0, 1, 0) == "INVALID_PARAMETER_VALUE"
    assert error_code(store.logging.log_metric, run_id, "../up", 1.0, 1, 0) == "INVALID_PARAMETER_VALUE"


def test_log_batch_limits_and_atomicity(store: TrackingStore) -> None:
    run_id = store.runs.create("0", None, "b", None, [])["info"]["run_id"]
    metrics = [{"key": f"m{i % 10}", "value": float(i), "timestamp": i, "step": i} for i in range(1000)]
    params = [{"key": f"p{i}", "value": str(i)} for i in range(100)]
    store.logging.log_batch(run_id, metrics, [], [])
    store.logging.log_batch(run_id, [], params, [])
    over_total = [{"key": "x", "value": 1.0, "timestamp": i, "step": 0} for i in range(950)]
    assert error_code(store.logging.log_batch, run_id, over_total, params, []) == "INVALID_PARAMETER_VALUE"
    store.logging.log_batch(run_id, [], [], [{"key": f"t{i}", "value": "v"} for i in range(100)])
    assert len(store.history.get(run_id, "m3", None, None)[0]) == 100
    too_many = [{"key": "x", "value": 1.0, "timestamp": i, "step": 0} for i in range(1001)]
    assert error_code(store.logging.log_batch, run_id, too_many, [], []) == "INVALID_PARAMETER_VALUE"
    more_params = [{"key": f"q{i}", "value": "1"} for i in range(101)]
    assert error_code(store.logging.log_batch, run_id, [], more_params, []) == "INVALID_PARAMETER_VALUE"
    # A batch that fails on a param change stores none of its metrics.
    batch = [{"key": "atomic", "value": 1.0, "timestamp": 1, "step": 0}]
    assert (
        error_code(store.logging.log_batch, run_id, batch, [{"key": "p1", "value": "changed"}], [])
        == "INVALID_PARAMETER_VALUE"
    )
    assert store.history.get(run_id, "atomic", None, None)[0] == []
    dup = [{"key": "d", "value": "1"}, {"key": "d", "value": "2"}]
    assert error_code(store.logging.log_batch, run_id, [], dup, []) == "INVALID_PARAMETER_VALUE"


def test_points_already_stored_are_kept_once_and_the_new_ones_added(store: TrackingStore) -> None:
    """A retried batch (its answer lost), one that overlaps an earlier one, a point twice in one."""
    run_id = store.runs.create("0", None, "again", None, [])["info"]["run_id"]
    first = [{"key": "m", "value": float(i), "timestamp": 100 + i, "step": i} for i in range(5)]
    store.logging.log_batch(run_id, first, [], [])
    store.logging.log_batch(run_id, first, [], [])  # the same batch again
    overlapping = [{"key": "m", "value": float(i), "timestamp": 100 + i, "step": i} for i in range(3, 8)]
    store.logging.log_batch(run_id, overlapping, [], [])
    twice = [{"key": "m", "value": 9.0, "timestamp": 109, "step": 9}] * 2
    store.logging.log_batch(run_id, twice, [], [])
    store.logging.log_metric(run_id, "m", 9.0, 109, 9)  # and once more alone
    history, _ = store.history.get(run_id, "m", None, None)
    assert [(h["step"], h["value"]) for h in history] == [(i, float(i)) for i in range(8)] + [(9, 9.0)]
    assert {m["key"]: m["step"] for m in store.runs.get(run_id)["data"]["metrics"]} == {"m": 9}


def test_log_batch_values_of_any_text_and_its_run_checks(store: TrackingStore) -> None:
    """What PostgreSQL's one-statement path sends as array literals comes back unchanged."""
    run_id = store.runs.create("0", None, "odd", None, [])["info"]["run_id"]
    odd = ['a"b', "back\\slash", "{x,y}", "", "NULL", "\u00e9t\u00e9 \u65e5", "comma, space", "'quote'"]
    params = [{"key": f"p{i}", "value": v} for i, v in enumerate(odd)]
    tags = [{"key": f"t{i}", "value": v} for i, v in enumerate(odd)] + [{"key": "mlflow.runName", "value": 'n"1'}]
    metrics = [
        {"key": "whole", "value": 2.0, "timestamp": 5, "step": 1},
        {"key": "tiny", "value": 1e-300, "timestamp": 5, "step": 1},
        {"key": "nan", "value": math.nan, "timestamp": 5, "step": 1},
        {"key": "whole", "value": 7.0, "timestamp": 4, "step": 3},
    ]
    store.logging.log_batch(run_id, metrics, params, tags)
    store.logging.log_batch(run_id, [], params, [])  # the same values again are fine
    run = store.runs.get(run_id)
    assert {p["key"]: p["value"] for p in run["data"]["params"]} == {p["key"]: p["value"] for p in params}
    got_tags = {t["key"]: t["value"] for t in run["data"]["tags"]}
    assert all(got_tags[t["key"]] == t["value"] for t in tags)
    assert run["info"]["run_name"] == 'n"1'
    latest = {m["key"]: m for m in run["data"]["metrics"]}
    assert latest["whole"]["value"] == 7.0 and isinstance(latest["whole"]["value"], float)
    assert latest["whole"]["step"] == 3 and latest["tiny"]["value"] == 1e-300 and latest["nan"]["value"] == "NaN"
    assert error_code(store.logging.log_batch, run_id, [], [{"key": "p0", "value": "other"}], []) == (
        "INVALID_PARAMETER_VALUE"
    )
    assert error_code(store.logging.log_metric, "f" * 32, "m", 1.0, 1, 0) == "RESOURCE_DOES_NOT_EXIST"
    store.runs.delete(run_id)
    assert error_code(store.logging.log_metric, run_id, "m", 1.0, 1, 0) == "INVALID_PARAMETER_VALUE"
    # gc removes the points with the run (metrics has no foreign key to runs)
    store.gc.purge([run_id], [])
    with store.db.read() as conn:
        left = conn.execute(select(func.count()).where(metrics_table.c.run_uuid == run_id)).scalar()
    assert left == 0


def test_metric_history_paging(store: TrackingStore) -> None:
    run_id = store.runs.create("0", None, "h", None, [])["info"]["run_id"]
    points = [{"key": "h", "value": float(i % 7), "timestamp": 1000 + i, "step": i // 3} for i in range(2500)]
    for start in range(0, len(points), 1000):
        store.logging.log_batch(run_id, points[start : start + 1000], [], [])
    got, token = [], None
    pages = 0
    while True:
        page, token = store.history.get(run_id, "h", 700, token)
        got.extend(page)
        pages += 1
        if token is None:
            break
    assert pages == 4 and len(got) == 2500
    assert [(g["timestamp"], g["step"]) for g in got] == sorted((p["timestamp"], p["step"]) for p in points)
    assert error_code(store.history.get, run_id, "h", 10, "not-a-token") == "INVALID_PARAMETER_VALUE"


def test_bulk_interval_sampling(store: TrackingStore) -> None:
    ids = [store.runs.create("0", None, f"bi{i}", None, [])["info"]["run_id"] for i in range(2)]
    for run_id in ids:
        store.logging.log_batch(
            run_id, [{"key": "s", "value": float(i), "timestamp": i, "step": i} for i in range(100)], [], []
        )
    out = store.history.bulk_interval(ids, "s", 10, 60, 6)
    steps = sorted({m["step"] for m in out if m["run_id"] == ids[0]})
    assert len(steps) == 6 and steps[0] == 10 and steps[-1] == 60
    assert error_code(store.history.bulk_interval, ids, "s", 10, None, 6) == "INVALID_PARAMETER_VALUE"
    assert error_code(store.history.bulk_interval, ids, "s", None, None, 2501) == "INVALID_PARAMETER_VALUE"


def _names(runs: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [r["info"]["run_name"] for r in runs]


def test_search_runs_filters_order_and_pages(store: TrackingStore) -> None:
    eid = store.experiments.create("search-runs", None, [])
    for i in range(12):
        run_id = store.runs.create(eid, "bob" if i % 2 else "ann", f"run-{i:02d}", 1000 + i, [])["info"]["run_id"]
        metrics = [{"key": "acc", "value": i / 10, "timestamp": 1, "step": 0}]
        if i % 3:
            metrics.append({"key": "loss", "value": 1 - i / 10, "timestamp": 1, "step": 0})
        store.logging.log_batch(
            run_id, metrics, [{"key": "fold", "value": str(i % 3)}], [{"key": "group", "value": "g" + str(i % 2)}]
        )
    search = store.search.runs
    all_runs, _ = search([eid], None, "ACTIVE_ONLY", 100, None, None)
    assert _names(all_runs) == [f"run-{i:02d}" for i in range(11, -1, -1)]  # start_time DESC
    got, _ = search([eid], "metrics.acc > 0.5 and params.fold = '1'", "ACTIVE_ONLY", 100, ["metrics.acc ASC"], None)
    assert _names(got) == ["run-07", "run-10"]
    got, _ = search(
        [eid], "tags.group LIKE 'g%' and attributes.user_id = 'ann'", "ACTIVE_ONLY", 100, ["attributes.run_name"], None
    )
    assert _names(got) == ["run-00", "run-02", "run-04", "run-06", "run-08", "run-10"]
    got, _ = search([eid], "params.fold ILIKE '2'", "ACTIVE_ONLY", 100, ["start_time ASC"], None)
    assert _names(got) == ["run-02", "run-05", "run-08", "run-11"]
    # runs without the ordered metric come last, in either direction
    desc, _ = search([eid], None, "ACTIVE_ONLY", 100, ["metrics.loss DESC"], None)
    assert _names(desc)[-4:] == ["run-09", "run-06", "run-03", "run-00"]
    asc, _ = search([eid], None, "ACTIVE_ONLY", 100, ["metrics.loss ASC"], None)
    assert _names(asc)[:2] == ["run-11", "run-10"] and set(_names(asc)[-4:]) == {"run-00", "run-03", "run-06", "run-09"}
    missing, _ = search(
        [eid], "metrics.loss IS NULL" if False else "params.nothing IS NULL", "ACTIVE_ONLY", 100, None, None
    )
    assert len(missing) == 12
    ids = [r["info"]["run_id"] for r in all_runs[:2]]
    got, _ = search([eid], f"attributes.run_id IN ('{ids[0]}', '{ids[1]}')", "ACTIVE_ONLY", 100, None, None)
    assert {r["info"]["run_id"] for r in got} == set(ids)
    got, _ = search([eid], "tags.`mlflow.runName` = 'run-03'", "ACTIVE_ONLY", 100, None, None)
    assert _names(got) == ["run-03"]
    # pages
    seen, token, pages = [], None, 0
    while True:
        page, token = search([eid], None, "ACTIVE_ONLY", 5, ["metrics.acc DESC"], token)
        seen.extend(_names(page))
        pages += 1
        if token is None:
            break
    assert pages == 3 and seen == [f"run-{i:02d}" for i in range(11, -1, -1)]
    # deleted runs
    store.runs.delete(ids[0])
    assert len(search([eid], None, "ACTIVE_ONLY", 100, None, None)[0]) == 11
    assert len(search([eid], None, "DELETED_ONLY", 100, None, None)[0]) == 1
    assert len(search([eid], None, "ALL", 100, None, None)[0]) == 12
    for bad in [
        "metrics.acc > 'x'",
        "params.fold > '1'",
        "acc > 1",
        "metrics.acc > 1 OR params.a = 'b'",
        "params.a = ",
    ]:
        assert error_code(search, [eid], bad, "ACTIVE_ONLY", 100, None, None) == "INVALID_PARAMETER_VALUE", bad
    assert error_code(search, [eid], None, "ACTIVE_ONLY", 50001, None, None) == "INVALID_PARAMETER_VALUE"
    assert (
        error_code(search, [eid], None, "ACTIVE_ONLY", 10, ["metrics.a", "metrics.a DESC"], None)
        == "INVALID_PARAMETER_VALUE"
    )
    assert error_code(search, [eid], None, "ACTIVE_ONLY", 10, None, "%%%") == "INVALID_PARAMETER_VALUE"


def test_like_is_case_sensitive_and_ilike_is_not(store: TrackingStore) -> None:
    eid = store.experiments.create("like", None, [])
    store.runs.create(eid, None, "Alpha", None, [])
    store.runs.create(eid, None, "alpha", None, [])
    search = store.search.runs
    assert _names(search([eid], "run_name LIKE 'A%'", "ACTIVE_ONLY", 10, None, None)[0]) == ["Alpha"]
    assert len(search([eid], "run_name ILIKE 'a%'", "ACTIVE_ONLY", 10, None, None)[0]) == 2


def test_inputs_and_outputs(store: TrackingStore) -> None:
    run_id = store.runs.create("0", None, "io", None, [])["info"]["run_id"]
    store.logging.log_inputs(
        run_id,
        [
            {
                "dataset": {"name": "d", "digest": "abc", "source_type": "local", "source": "{}"},
                "tags": [{"key": "mlflow.data.context", "value": "train"}],
            }
        ],
        [{"model_id": "m-1"}],
    )
    store.logging.log_outputs(run_id, [{"model_id": "m-2", "step": 3}])
    run = store.runs.get(run_id)
    assert run["inputs"]["dataset_inputs"][0]["dataset"]["name"] == "d"
    assert run["inputs"]["model_inputs"] == [{"model_id": "m-1"}]
    assert run["outputs"]["model_outputs"] == [{"model_id": "m-2", "step": 3}]
    got = store.search.runs(["0"], "datasets.context = 'train'", "ACTIVE_ONLY", 10, None, None)[0]
    assert [r["info"]["run_id"] for r in got] == [run_id]
