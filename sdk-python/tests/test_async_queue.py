"""The asynchronous logging queue on its own: a sender that records requests (or fails them) in
place of a server. Grouping, order, limits, retries, failures and the bounded queue."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from trackline import AsyncLoggingException, TracklineException
from trackline._async_logging import AsyncLogQueue, AsyncSettings, NumberedChunk, is_transient

Request = tuple[str, list[tuple], list[tuple], list[tuple]]


class Recorder:
    """A sender keeping every request it accepted; ``refuse`` may raise for a request instead."""

    def __init__(self, refuse: Callable[[str, NumberedChunk], TracklineException | None] | None = None) -> None:
        self.requests: list[Request] = []
        self.attempts = 0
        self.refuse = refuse
        self.lock = threading.Lock()

    def __call__(self, run_id: str, chunk: NumberedChunk) -> None:
        with self.lock:
            self.attempts += 1
        error = self.refuse(run_id, chunk) if self.refuse else None
        if error is not None:
            raise error
        with self.lock:
            self.requests.append(
                (run_id, [v for _, v in chunk.metrics], [v for _, v in chunk.params], [v for _, v in chunk.tags])
            )

    def metrics(self, run_id: str = "r") -> list[tuple]:
        return [m for r, ms, _, _ in self.requests if r == run_id for m in ms]


def metric(i: int, key: str = "m") -> tuple:
    return (key, i * 0.5, 1_700_000_000_000 + i, i, None, None, None)


def make(sender: Recorder, sleeps: list[float] | None = None, **settings: float) -> AsyncLogQueue:
    values = {"queue_size": 10_000, "buffering_seconds": 0.05, "retry_timeout": 5.0, **settings}
    return AsyncLogQueue(
        sender,
        AsyncSettings(int(values["queue_size"]), values["buffering_seconds"], values["retry_timeout"]),
        sleep=(sleeps.append if sleeps is not None else time.sleep),
    )


def test_calls_go_out_in_order_in_requests_within_the_limits() -> None:
    sender = Recorder()
    queue = make(sender)
    for i in range(2500):
        queue.put("r", "log_metric", metrics=(metric(i),))
    queue.put("r", "log_param", params=(("alpha", "0.5"),))
    queue.flush()
    assert [m[3] for m in sender.metrics()] == list(range(2500))
    for _, metrics, params, tags in sender.requests:
        assert len(metrics) + len(params) + len(tags) <= 1000
    assert len(sender.requests) <= 6  # coalesced, not one request per call
    assert any(params == [("alpha", "0.5")] for _, _, params, _ in sender.requests)


def test_one_request_holds_calls_of_one_run_and_one_value_per_param_key() -> None:
    sender = Recorder()
    queue = make(sender, buffering_seconds=10)
    queue.put("a", "log_metric", metrics=(metric(0),))
    queue.put("b", "log_metric", metrics=(metric(1),))
    queue.put("a", "log_metric", metrics=(metric(2),))
    queue.put("a", "set_tag", tags=(("t", "1"),))
    queue.put("a", "set_tag", tags=(("t", "2"),))  # same key: the next request, so it wins
    started = time.monotonic()
    queue.flush()
    assert time.monotonic() - started < 5, "a flush does not wait for the buffering window"
    assert [r[0] for r in sender.requests] == ["a", "b", "a", "a"]
    assert sender.requests[2][3] == [("t", "1")]
    assert sender.requests[3][3] == [("t", "2")]


def test_a_big_log_batch_call_is_split_and_counted_once() -> None:
    sender = Recorder()
    queue = make(sender)
    params = [(f"p{i}", "v") for i in range(150)]
    handle = queue.put("r", "log_batch", metrics=[metric(i) for i in range(2500)], params=params)
    handle.wait()
    assert handle.done()
    assert [m[3] for m in sender.metrics()] == list(range(2500))
    assert sum(len(p) for _, _, p, _ in sender.requests) == 150
    assert all(len(p) <= 100 and len(m) + len(p) <= 1000 for _, m, p, _ in sender.requests)


def test_a_refused_call_is_found_alone_and_named_and_the_others_are_logged() -> None:
    def refuse(run_id: str, chunk: NumberedChunk) -> TracklineException | None:
        if any(k == "bad" for _, (k, _) in chunk.params):
            return TracklineException("Invalid value for param 'bad'", "INVALID_PARAMETER_VALUE", 400)
        return None

    sender = Recorder(refuse)
    queue = make(sender, buffering_seconds=1)
    for i in range(300):
        queue.put("r", "log_metric", metrics=(metric(i),))
        if i == 150:
            queue.put("r", "log_param", params=(("bad", "x"),))
    with pytest.raises(AsyncLoggingException) as caught:
        queue.flush()
    error = caught.value
    assert (error.error_code, error.http_status) == ("INVALID_PARAMETER_VALUE", 400)
    assert error.calls == [152]
    assert "queued call #152 log_param(run_id='r', key='bad', value='x') was not logged" in str(error)
    assert "Invalid value for param 'bad'" in str(error)
    assert [m[3] for m in sender.metrics()] == list(range(300))
    queue.flush()  # each failure is raised once


def test_a_refused_run_fails_all_its_calls_at_once() -> None:
    def refuse(run_id: str, chunk: NumberedChunk) -> TracklineException | None:
        return TracklineException("The run r must be in the 'active' state", "INVALID_PARAMETER_VALUE", 400)

    sender = Recorder(refuse)
    queue = make(sender, buffering_seconds=1)
    handles = [queue.put("r", "log_metric", metrics=(metric(i),)) for i in range(10)]
    with pytest.raises(AsyncLoggingException) as caught:
        handles[3].wait()
    assert caught.value.calls == list(range(1, 11))
    assert "10 queued calls (#1 log_metric(run_id='r', key='m', value=0.0" in str(caught.value)
    assert sender.attempts == 2  # the request, then an empty one that says the run is refused
    handles[4].wait()  # already raised once
    queue.flush()


def test_transient_failures_are_retried_honouring_retry_after() -> None:
    failures = [
        TracklineException("unavailable", "TEMPORARILY_UNAVAILABLE", 503, retry_after=2.0),
        TracklineException("bad gateway", "INTERNAL_ERROR", 502),
        TracklineException("Request failed: connection refused", "TEMPORARILY_UNAVAILABLE", None),
    ]
    sender = Recorder(lambda run_id, chunk: failures.pop(0) if failures else None)
    sleeps: list[float] = []
    queue = make(sender, sleeps)
    queue.put("r", "log_metric", metrics=(metric(0),)).wait()
    assert sender.metrics() == [metric(0)]
    assert sleeps[0] == 2.0
    assert len(sleeps) == 3


def test_a_server_down_longer_than_the_retry_time_is_reported() -> None:
    down = TracklineException("Request failed: connection refused", "TEMPORARILY_UNAVAILABLE", None)
    sender = Recorder(lambda run_id, chunk: down)
    queue = make(sender, retry_timeout=0.3)
    queue.put("r", "set_tag", tags=(("k", "v"),))
    with pytest.raises(AsyncLoggingException) as caught:
        queue.flush()
    assert "queued call #1 set_tag(run_id='r', key='k', value='v') was not logged" in str(caught.value)
    assert "could not be reached" in str(caught.value)
    assert caught.value.http_status is None


def test_after_a_whole_retry_time_later_requests_are_tried_once_until_one_gets_through() -> None:
    down = TracklineException("Request failed: connection refused", "TEMPORARILY_UNAVAILABLE", None)
    state = {"down": True}
    sender = Recorder(lambda run_id, chunk: down if state["down"] else None)
    queue = make(sender, retry_timeout=0.3)
    queue.put("a", "set_tag", tags=(("k", "v"),))
    with pytest.raises(AsyncLoggingException):
        queue.flush()
    for run_id in ("b", "c", "d"):
        queue.put(run_id, "set_tag", tags=(("k", "v"),))
    started, attempts = time.monotonic(), sender.attempts
    with pytest.raises(AsyncLoggingException) as caught:
        queue.flush()
    assert time.monotonic() - started < 0.3 * 3
    assert sender.attempts - attempts == 3  # one try per run's request, no retry time each
    assert "#2" in str(caught.value)
    state["down"] = False
    queue.put("e", "set_tag", tags=(("k", "v"),)).wait()
    state["down"] = True
    before_f = sender.attempts
    queue.put("f", "set_tag", tags=(("k", "v"),))
    with pytest.raises(AsyncLoggingException):
        queue.flush()
    assert sender.attempts - before_f > 1  # retried again once a request got through


def test_a_full_queue_makes_the_caller_wait() -> None:
    gate = threading.Event()

    def held(run_id: str, chunk: NumberedChunk) -> None:
        gate.wait(10)

    sender = Recorder(held)
    queue = make(sender, queue_size=50, buffering_seconds=0)
    done = threading.Event()

    def produce() -> None:
        for i in range(500):
            queue.put("r", "log_metric", metrics=(metric(i),))
        done.set()

    producer = threading.Thread(target=produce)
    producer.start()
    time.sleep(0.5)
    assert not done.is_set(), "the caller waits while the queue is full"
    assert queue._size <= 50
    gate.set()
    producer.join(10)
    queue.flush()
    assert [m[3] for m in sender.metrics()] == list(range(500))


def test_the_worker_survives_a_sender_that_breaks() -> None:
    calls = []

    def broken(run_id: str, chunk: NumberedChunk) -> None:
        calls.append(run_id)
        if len(calls) == 1:
            raise RuntimeError("boom")

    queue = make(Recorder(), buffering_seconds=0)
    queue._send = broken
    with pytest.raises(AsyncLoggingException, match="boom"):
        queue.put("r", "log_metric", metrics=(metric(0),)).wait()
    queue.put("r", "log_metric", metrics=(metric(1),)).wait()
    assert calls == ["r", "r"]


def test_close_flushes_and_a_later_call_starts_a_new_worker() -> None:
    sender = Recorder()
    queue = make(sender)
    queue.put("r", "log_metric", metrics=(metric(0),))
    queue.close()
    assert len(sender.metrics()) == 1
    queue.put("r", "log_metric", metrics=(metric(1),)).wait()
    assert len(sender.metrics()) == 2


@pytest.mark.parametrize(
    ("status", "code", "transient"),
    [(None, "TEMPORARILY_UNAVAILABLE", True), (None, "INTERNAL_ERROR", False), (429, "X", True), (502, "X", True),
     (503, "X", True), (504, "X", True), (500, "X", False), (400, "X", False), (404, "X", False)],
)  # fmt: skip
def test_which_failures_are_transient(status: int | None, code: str, transient: bool) -> None:
    assert is_transient(TracklineException("x", code, status)) is transient
