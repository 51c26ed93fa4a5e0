"""Asynchronous logging against live servers: everything arrives, in order; refusals are reported
at the flush; a server killed mid-loop and restarted loses nothing the SDK accepted."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import trackline
from conftest import LiveServer
from trackline import AsyncLoggingException, Metric, Param, RunOperations, RunTag, TracklineClient


def steps(client: TracklineClient, run_id: str, key: str) -> list[int]:
    return [p.step for p in client.get_metric_history(run_id, key)]


def test_fluent_calls_queued_then_sent_when_the_run_ends(fluent: str) -> None:
    with trackline.start_run() as run:
        handles = [trackline.log_metric("loss", 1 / (i + 1), step=i, synchronous=False) for i in range(2500)]
        assert all(isinstance(h, RunOperations) for h in handles)
        trackline.log_param("alpha", 0.5, synchronous=False)
        trackline.set_tag("stage", "train", synchronous=False)
        trackline.log_metrics({"a": 1.0, "b": 2.0}, step=7, synchronous=False)
        trackline.log_params({"beta": 1, "gamma": "x"}, synchronous=False)
        trackline.set_tags({"team": "ml"}, synchronous=False)
    client = TracklineClient(fluent)
    assert steps(client, run.info.run_id, "loss") == list(range(2500))
    data = client.get_run(run.info.run_id).data
    assert data.params == {"alpha": "0.5", "beta": "1", "gamma": "x"}
    assert data.metrics["a"] == 1.0
    assert data.metrics["b"] == 2.0
    assert data.tags["stage"] == "train"
    assert data.tags["team"] == "ml"
    assert client.get_run(run.info.run_id).info.status == "FINISHED"


def test_the_switch_and_the_environment_make_calls_queued(fluent: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with trackline.start_run() as run:
        assert trackline.log_metric("m", 1.0) is None
        monkeypatch.setenv("MLFLOW_ENABLE_ASYNC_LOGGING", "true")
        assert isinstance(trackline.log_metric("m", 2.0, step=1), RunOperations)
        assert trackline.log_metric("m", 3.0, step=2, synchronous=True) is None  # sent after the queued one
        monkeypatch.setenv("TRACKLINE_ENABLE_ASYNC_LOGGING", "false")  # Trackline's name first
        assert trackline.log_metric("m", 4.0, step=3) is None
        monkeypatch.delenv("TRACKLINE_ENABLE_ASYNC_LOGGING")
        monkeypatch.delenv("MLFLOW_ENABLE_ASYNC_LOGGING")
        trackline.config.enable_async_logging()
        try:
            assert trackline.config.is_async_logging_enabled()
            assert isinstance(trackline.log_param("p", 1), RunOperations)
            trackline.flush_async_logging()
        finally:
            trackline.config.reset_async_logging()
        assert trackline.log_param("q", 2) == 2
    assert steps(TracklineClient(fluent), run.info.run_id, "m") == [0, 1, 2, 3]


def test_client_calls_return_handles_that_wait(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    handle = client.log_batch(
        run_id,
        metrics=[Metric("m", float(i), 1_700_000_000_000 + i, i) for i in range(3000)],
        params=[Param(f"p{i}", str(i)) for i in range(120)],
        tags=[RunTag("t", "v")],
        synchronous=False,
    )
    assert isinstance(handle, RunOperations)
    handle.wait()
    assert handle.done()
    assert steps(client, run_id, "m") == list(range(3000))
    assert len(client.get_run(run_id).data.params) == 120
    assert isinstance(client.log_param(run_id, "x", 1, synchronous=False), RunOperations)
    assert isinstance(client.set_tag(run_id, "y", 2, synchronous=False), RunOperations)
    client.delete_tag(run_id, "t")  # after the queued calls
    client.set_terminated(run_id)  # flushes first
    run = client.get_run(run_id)
    assert run.data.params["x"] == "1"
    assert run.data.tags["y"] == "2"
    assert "t" not in run.data.tags


def test_a_deleted_run_is_reported_at_the_flush_naming_the_calls(client: TracklineClient, unique: str) -> None:
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    client.log_metric(run_id, "m", 1.0, step=0, synchronous=False)
    client.flush()
    client.delete_run(run_id)
    for i in range(10):
        client.log_metric(run_id, "m", float(i), timestamp=1_700_000_000_000, step=i + 1, synchronous=False)
    with pytest.raises(AsyncLoggingException) as caught:
        client.flush()
    error = caught.value
    assert (error.error_code, error.http_status) == ("INVALID_PARAMETER_VALUE", 400)
    assert len(error.calls) == 10
    assert f"10 queued calls (#{error.calls[0]} log_metric(run_id='{run_id}', key='m', value=0.0" in str(error)
    client.flush()  # raised once


def test_end_run_raises_what_was_not_logged_and_still_ends_the_run(fluent: str) -> None:
    client = TracklineClient(fluent)
    run = trackline.start_run()
    trackline.log_metric("m", 1.0, synchronous=False)
    trackline.flush_async_logging()
    client.delete_run(run.info.run_id)
    trackline.log_param("alpha", "1", synchronous=False)
    with pytest.raises(AsyncLoggingException, match=r"queued call #\d+ log_param\(.*key='alpha'"):
        trackline.end_run()
    assert trackline.active_run() is None


def test_interpreter_exit_sends_what_is_queued(server_url: str, unique: str, tmp_path: Path) -> None:
    client = TracklineClient(server_url)
    run_id = client.create_run(client.create_experiment(unique)).info.run_id
    script = textwrap.dedent(
        f"""
        import trackline
        client = trackline.TracklineClient({server_url!r})
        for i in range(3000):
            client.log_metric({run_id!r}, "m", i * 0.5, step=i, synchronous=False)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120, env=env)
    assert steps(client, run_id, "m") == list(range(3000))


@pytest.fixture
def own_server(tmp_path: Path) -> LiveServer:
    server = LiveServer("trackline", tmp_path)
    yield server
    server.stop()


def test_a_server_killed_mid_loop_and_restarted_loses_nothing(own_server: LiveServer) -> None:
    client = TracklineClient(own_server.url)
    run_id = client.create_run("0").info.run_id
    count = 30_000
    logged = 0
    restarted = threading.Event()
    killed_at: list[int] = []

    def crash_and_restart() -> None:
        while logged < count // 3:
            time.sleep(0.005)
        own_server.kill()
        killed_at.append(logged)
        time.sleep(1.0)
        own_server.start()
        restarted.set()

    crash = threading.Thread(target=crash_and_restart)
    crash.start()
    for i in range(count):
        client.log_metric(run_id, "m", i * 0.5, step=i, synchronous=False)
        logged = i + 1
        if i % 1000 == 0:
            time.sleep(0.02)  # a training step between logging bursts
    crash.join(120)
    assert restarted.is_set()
    assert killed_at[0] < count, "the server was killed while the loop ran"
    client.flush()  # no error: every accepted call was stored
    assert steps(client, run_id, "m") == list(range(count))
    client.close()
