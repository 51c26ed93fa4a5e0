"""The harness's own arithmetic and /proc reading."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tlbench import report
from tlbench.base import COUNT, HIGHER, LOWER
from tlbench.nowork import floor_lines
from tlbench.procfs import process_tree, tree_cpu_seconds, tree_memory
from tlbench.search import expected_filtered, run_data
from tlbench.stats import percentile


def test_percentile_interpolates_between_ranks() -> None:
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 3.0
    assert percentile(values, 100) == 5.0
    assert percentile(values, 95) == pytest.approx(4.8)
    with pytest.raises(ValueError):
        percentile([], 50)


def test_ratio_says_how_many_times_better_trackline_is() -> None:
    assert report.ratio(LOWER, 10.0, 2.0) == 5.0  # a time: MLflow 10 s, Trackline 2 s
    assert report.ratio(HIGHER, 100.0, 400.0) == 4.0  # a rate
    assert report.ratio(LOWER, 1.0, 4.0) == 0.25
    assert report.ratio(COUNT, 3.0, 0.0) is None
    assert report.ratio(LOWER, None, 1.0) is None
    assert report.ratio(LOWER, 0.0, 1.0) is None


def test_ratio_text_names_the_winner() -> None:
    row = {"unit": "ms", "better": LOWER, "mlflow": 10.0, "trackline": 2.0, "ratio": 5.0}
    assert report.ratio_text(row) == "Trackline 5.0x faster"
    assert report.ratio_text({**row, "ratio": 0.5}) == "MLflow 2.0x faster"
    assert report.ratio_text({**row, "unit": "MiB"}) == "Trackline 5.0x smaller"
    assert report.ratio_text({**row, "ratio": None}) == "-"


def test_table_marks_unavailable_and_failed_cells() -> None:
    doc = {
        "sections": [
            {
                "id": "registry",
                "title": "8. registry",
                "rows": [{"key": "k", "label": "x", "unit": "ms", "better": LOWER, "mlflow": 3.0, "trackline": None}],
                "status": {"mlflow": "ok", "trackline": "not available: no routes"},
                "notes": {"mlflow": [], "trackline": []},
            }
        ]
    }
    text = "\n".join(report.table_lines(doc))
    assert "n/a" in text and "Trackline: not available: no routes" in text
    doc["sections"][0]["status"]["trackline"] = "failed: boom"
    assert "FAILED" in "\n".join(report.markdown_lines(doc))


def test_process_tree_memory_and_cpu_include_children() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in process_tree(os.getpid())
        mem = tree_memory(os.getpid())
        assert mem.processes >= 2
        assert mem.rss_mib > tree_memory(child.pid).rss_mib > 0
        assert mem.pss_mib > 0
        assert tree_cpu_seconds(os.getpid()) > 0
    finally:
        child.kill()
        child.wait()


def test_search_data_is_the_same_for_every_server() -> None:
    assert run_data(7) == run_data(7)
    assert run_data(7) != run_data(8)
    top = expected_filtered(200, 10)
    assert top == sorted(top, reverse=True) and len(top) == 10 and all(v > 0.5 for v in top)


def test_numbers_are_formatted_by_size_and_counts_as_integers() -> None:
    assert report.fmt(None) == "-"
    assert report.fmt(1554.2) == "1,554"
    assert report.fmt(31.62) == "31.6"
    assert report.fmt(5.333) == "5.33"
    assert report.fmt(0.3271) == "0.327"
    assert report.fmt(15.0, "processes") == "15"
    assert report.fmt(0.0, "count") == "0"


def test_training_loop_rows_pair_each_trackline_loop_with_mlflow() -> None:
    from tlbench.loop import SCALES, _section, loop_commands

    figures = {"mlflow_sync": [5600.0], "mlflow_async": [3100.0], "py_sync": [220.0], "py_async": [2.0, 4.0, 3.0]}
    figures |= {"r_async": [10.0], "java_async": [2.5]}
    section = _section(SCALES["full"], figures, {}, {"mlflow": [], "trackline": []}, ["mlflow", "trackline"])
    rows = {row["key"]: row for row in section["rows"]}
    assert rows["mlflow_sync__py_async"]["trackline"] == 3.0  # the median
    assert rows["mlflow_sync__py_async"]["ratio"] == 5600.0 / 3.0
    assert rows["mlflow_async__java_async"]["ratio"] == 3100.0 / 2.5
    assert "mlflow sync: per-call time x 100,000" in rows["mlflow_sync__r_async"]["label"]
    assert rows["mlflow_async__r_async"]["label"].endswith("(mlflow async: per-call time x 100,000)")
    assert rows["mlflow_sync__py_sync"]["label"].endswith("(mlflow sync and py sync: per-call time x 100,000)")
    assert loop_commands()["py_async"].startswith(".venv/bin/python bench/tlbench/log_loop.py --client trackline")


def test_floor_says_which_ten_times_aims_are_out_of_reach() -> None:
    def section(sid: str, key: str, mlflow: float) -> dict[str, object]:
        unit = "ms" if key.endswith("_ms") else "req/s"
        return {"id": sid, "rows": [{"key": key, "unit": unit, "mlflow": mlflow, "trackline": mlflow / 3}]}

    floor = {"one_req_s": 2000.0, "one_p50_ms": 0.48, "one_client_cpu_ms": 0.45, "one_server_cpu_ms": 0.05}
    floor |= {"clients": 8.0, "n_req_s": 4000.0, "n_client_cpu_ms": 0.4, "n_server_cpu_ms": 0.05, "n_errors": 0.0}
    doc = {
        "floor": floor,
        "sections": [
            section("create-run", "p50_ms", 4.0),  # 10x is 0.4 ms, under the 0.48 ms floor
            section("log-metric-1", "req_s", 100.0),  # 10x is 1,000 req/s, within 2,000
            section("log-metric-n", "req_s", 500.0),  # 10x is 5,000 req/s, beyond 4,000
            section("registry", "latest_ms", 6.0),  # 10x is 0.6 ms, above the floor
            {"id": "artifacts", "rows": [{"key": "upload_mb_s", "unit": "MB/s", "mlflow": 150.0}]},
        ],
    }
    lines = floor_lines(doc)
    assert any(x.startswith("- create-run latency p50:") and "out of reach" in x for x in lines), lines
    assert any(x.startswith("- log-metric from 1 client, throughput:") and "within it" in x for x in lines), lines
    assert any(x.startswith("- log-metric from 8 clients, throughput:") and "out of reach" in x for x in lines)
    assert any(x.startswith("- get-latest-versions:") and "above the floor" in x for x in lines), lines
    assert not any("create-model-version" in x for x in lines)  # no such row in this run
    assert not any("artifact upload" in x for x in lines)  # this floor has no transfers
    floor |= {"upload_mb_s": 1000.0, "download_mb_s": 1200.0}
    upload = next(x for x in floor_lines(doc) if x.startswith("- artifact upload:"))
    assert "1,500 MB/s" in upload and "out of reach" in upload, upload
    assert floor_lines({"sections": []}) == []
