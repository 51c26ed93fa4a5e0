"""Asynchronous logging: logging calls queued in memory and sent by one worker thread per client
as ``runs/log-batch`` requests.

A queued call returns at once with a :class:`RunOperations` handle. The worker takes the calls
in the order they were made, gathers consecutive calls of one run into a request (up to the
server's limits, or until the first of them has waited the buffering window), and sends it.
Transient failures (no answer, 429, 502, 503, 504) are sent again until the retry time runs
out; the server ignores a metric value it already has and sets a param or tag to the same value
again, so a request sent twice stores nothing twice. A request the server refuses is halved
until each refused call is found alone (unless the run itself is refused), and every failure is
kept, naming its calls, until a flush, a ``wait()`` or the end of the run raises it.

The queue holds at most ``queue_size`` values (metrics, params and tags): a logging call that
finds it full waits for the worker.
"""

from __future__ import annotations

import atexit
import bisect
import json
import math
import sys
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ._batch import MAX_ENTRIES, MAX_PARAMS, MAX_TAGS, Chunk, split_batch
from ._config import env_number
from ._errors import TracklineException

__all__ = ["AsyncLoggingException", "RunOperations"]  # log_batch_json and the queue are internal

#: Seconds an idle worker waits for a call before it ends.
IDLE_SECONDS = 30.0

#: Answers and failures worth sending the same request again for.
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})

#: A queued metric value: key, value, timestamp, step, dataset name, dataset digest, model id.
#: Plain tuples: a training loop queues many, and a tuple costs far less to make than an entity.
MetricValues = tuple[str, float, int, int, str | None, str | None, str | None]
#: A queued param or tag: key and value.
Pair = tuple[str, str]
#: One request's worth of values of one run, each with the number of its call.
NumberedChunk = Chunk[tuple[int, MetricValues], tuple[int, Pair], tuple[int, Pair]]
#: A value of any kind (0 param, 1 tag, 2 metric) with the number of its call.
Numbered = tuple[int, int, MetricValues | Pair]
#: ``send(run_id, chunk)`` sends one log-batch request, raising the server's error.
Sender = Callable[[str, NumberedChunk], None]


class AsyncLoggingException(TracklineException):
    """Queued logging calls the server did not store, raised by a flush, ``wait()`` or ``end_run``.

    ``error_code`` and ``http_status`` are the server's (``None`` when it could not be reached);
    the message names the calls, such as ``queued call #302 log_param(run_id='...',
    key='alpha', value='0.7') was not logged: ...``. ``calls`` lists the numbers of the calls
    (counted from 1 per client); ``failures`` holds every failure the flush found, this one first.
    """

    def __init__(
        self,
        message: str,
        error_code: str = "INTERNAL_ERROR",
        http_status: int | None = None,
        calls: Sequence[int] = (),
    ) -> None:
        super().__init__(message, error_code=error_code, http_status=http_status)
        self.calls: list[int] = list(calls)
        self.failures: list[AsyncLoggingException] = [self]


class RunOperations:
    """A handle on queued logging calls, as MLflow's ``RunOperations``.

    :meth:`wait` returns once the calls are on the server and raises
    :class:`AsyncLoggingException` when the server refused any of them.
    """

    __slots__ = ("_first", "_last", "_queue")

    def __init__(self, queue: AsyncLogQueue | None, first: int, last: int) -> None:
        self._queue = queue
        self._first = first
        self._last = last

    def wait(self) -> None:
        """Wait until these calls are sent; raise the error of any the server did not store."""
        if self._queue is not None:
            self._queue.wait_for(self._first, self._last)

    def done(self) -> bool:
        """Whether these calls have been sent (stored or failed)."""
        return self._queue is None or self._queue.done_through(self._last)

    def __repr__(self) -> str:
        calls = f"#{self._first}" if self._first == self._last else f"#{self._first}-#{self._last}"
        return f"RunOperations({calls}, done={self.done()})"


class QueuedCall:
    """One logging call waiting to be sent: its number, run, name and values."""

    __slots__ = ("metrics", "name", "number", "params", "queued_at", "run_id", "tags")

    def __init__(
        self,
        number: int,
        run_id: str,
        name: str,
        metrics: Sequence[MetricValues],
        params: Sequence[Pair],
        tags: Sequence[Pair],
        queued_at: float,
    ) -> None:
        self.number = number
        self.run_id = run_id
        self.name = name
        self.metrics = metrics
        self.params = params
        self.tags = tags
        self.queued_at = queued_at

    @property
    def size(self) -> int:
        return len(self.metrics) + len(self.params) + len(self.tags)

    def describe(self) -> str:
        """The call as it was written, such as ``log_metric(run_id='r', key='m', value=0.5, ...)``."""
        if self.name == "log_metric" and len(self.metrics) == 1:
            m = self.metrics[0]
            return f"log_metric(run_id={self.run_id!r}, key={m[0]!r}, value={m[1]!r}, timestamp={m[2]}, step={m[3]})"
        if self.name in ("log_param", "set_tag") and len(self.params) + len(self.tags) == 1:
            key, text = (self.params or self.tags)[0]
            return f"{self.name}(run_id={self.run_id!r}, key={key!r}, value={text!r})"
        parts = [f"run_id={self.run_id!r}"]
        items: Sequence[MetricValues | Pair]
        for label, items in (("metrics", self.metrics), ("params", self.params), ("tags", self.tags)):
            if items:
                keys = sorted({i[0] for i in items})
                shown = ", ".join(repr(k) for k in keys[:3]) + (", ..." if len(keys) > 3 else "")
                parts.append(f"{len(items)} {label} ({shown})")
        return f"{self.name}({', '.join(parts)})"


@dataclass(frozen=True)
class AsyncSettings:
    """How queued calls are sent; each from ``TRACKLINE_<name>`` or ``MLFLOW_<name>``.

    - ``ASYNC_LOGGING_QUEUE_SIZE``: values the queue holds before a logging call waits (10,000).
    - ``ASYNC_LOGGING_BUFFERING_SECONDS``: how long the first call of a request may wait for
      more to fill it (0.1 s).
    - ``ASYNC_LOGGING_RETRY_TIMEOUT``: how long a request is sent again after transient
      failures before its calls are reported as not logged (120 s).
    """

    queue_size: int = 10_000
    buffering_seconds: float = 0.1
    retry_timeout: float = 120.0

    @classmethod
    def from_env(cls) -> AsyncSettings:
        return cls(
            queue_size=max(1, int(env_number("ASYNC_LOGGING_QUEUE_SIZE", 10_000))),
            buffering_seconds=max(0.0, env_number("ASYNC_LOGGING_BUFFERING_SECONDS", 0.1)),
            retry_timeout=max(0.0, env_number("ASYNC_LOGGING_RETRY_TIMEOUT", 120.0)),
        )


def is_transient(error: TracklineException) -> bool:
    """Whether sending the same request again may succeed: no answer, or 429/502/503/504."""
    if error.http_status is None:
        return error.error_code == "TEMPORARILY_UNAVAILABLE"
    return error.http_status in TRANSIENT_STATUSES


class _Failure:
    __slots__ = ("error", "numbers", "reported")

    def __init__(self, numbers: list[int], error: AsyncLoggingException) -> None:
        self.numbers = numbers  # sorted
        self.error = error
        self.reported = False

    def covers(self, first: int, last: int) -> bool:
        i = bisect.bisect_left(self.numbers, first)
        return i < len(self.numbers) and self.numbers[i] <= last


_live_queues: weakref.WeakSet[AsyncLogQueue] = weakref.WeakSet()


class AsyncLogQueue:
    """The queue of one client and its worker thread.

    Args:
        send: sends one log-batch request (numbered entities of one run), raising
            :class:`TracklineException` with the server's error.
        settings: queue size, buffering window, retry time.
        sleep: how the worker waits between retries (a test may pass its own).
    """

    def __init__(
        self, send: Sender, settings: AsyncSettings | None = None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._send = send
        self._settings = settings or AsyncSettings.from_env()
        self._sleep = sleep
        self._lock = threading.Lock()
        self._has_calls = threading.Condition(self._lock)  # the worker waits here
        self._progress = threading.Condition(self._lock)  # callers wait here (space, done)
        self._calls: deque[QueuedCall] = deque()
        self._size = 0  # values queued, not yet taken by the worker
        self._next = 1  # the next call's number
        self._done = 0  # every call numbered up to this one was sent (stored or failed)
        self._urgent = 0  # a flush waits for the calls up to this one: no buffering
        self._failures: list[_Failure] = []
        self._worker: threading.Thread | None = None
        self._closing = False
        # Set when a request gave up after the whole retry time; later requests are tried once each
        # until one gets through, so a server gone for good costs one retry time, not one per group.
        self._unreachable = False
        _live_queues.add(self)

    # --- the caller's side -----------------------------------------------------------------

    def put(
        self,
        run_id: str,
        name: str,
        metrics: Sequence[MetricValues] = (),
        params: Sequence[Pair] = (),
        tags: Sequence[Pair] = (),
    ) -> RunOperations:
        """Queue one call; wait while the queue is full. Returns its handle."""
        size = len(metrics) + len(params) + len(tags)
        capacity = self._settings.queue_size
        with self._lock:
            while self._size and self._size + size > capacity:
                self._ensure_worker()
                self._progress.wait()
            number = self._next
            self._next = number + 1
            self._calls.append(QueuedCall(number, run_id, name, metrics, params, tags, time.monotonic()))
            self._size += size
            if self._worker is None or not self._worker.is_alive():
                self._ensure_worker()
            self._has_calls.notify()
        return RunOperations(self, number, number)

    def pending(self) -> bool:
        """Whether calls are queued or being sent."""
        return self._done < self._next - 1

    def done_through(self, number: int) -> bool:
        return self._done >= number

    def drain(self) -> None:
        """Wait until every call queued so far is sent; failures stay for the next flush."""
        with self._lock:
            self._wait_locked(self._next - 1)

    def flush(self) -> None:
        """Wait until every call queued so far is sent; raise what the server did not store."""
        with self._lock:
            self._wait_locked(self._next - 1)
            failures = [f for f in self._failures if not f.reported]
            self._failures = []
        _raise(failures)

    def wait_for(self, first: int, last: int) -> None:
        """Wait until calls ``first``..``last`` are sent; raise their failures not yet raised."""
        with self._lock:
            self._wait_locked(last)
            failures = [f for f in self._failures if not f.reported and f.covers(first, last)]
            for f in failures:
                f.reported = True
            self._failures = [f for f in self._failures if not f.reported]
        _raise(failures)

    def close(self) -> None:
        """Flush, then stop the worker (a later call starts a new one)."""
        try:
            self.flush()
        finally:
            with self._lock:
                self._closing = True
                self._has_calls.notify_all()
                worker = self._worker
            if worker is not None and worker is not threading.current_thread():
                worker.join(timeout=5)
            with self._lock:
                self._closing = False
                self._worker = None

    def _wait_locked(self, target: int) -> None:
        if self._done >= target:
            return
        self._urgent = max(self._urgent, target)
        self._has_calls.notify()
        while self._done < target:
            self._ensure_worker()
            self._progress.wait(timeout=1.0)

    def _ensure_worker(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        self._worker = threading.Thread(target=self._work, name="trackline-async-logging", daemon=True)
        self._worker.start()

    # --- the worker's side -----------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._calls:
                    if self._closing or (not self._has_calls.wait(timeout=IDLE_SECONDS) and not self._calls):
                        # Closing, or idle: end (the next queued call starts a worker again), so
                        # that a client nobody closes does not keep a thread forever.
                        if self._worker is threading.current_thread():
                            self._worker = None
                        return
                group = self._take_group()
                self._size -= sum(c.size for c in group)
                self._progress.notify_all()
            try:
                failures = self._send_group(group)
            except BaseException as exc:
                error = TracklineException(f"sending failed: {exc!r}", error_code="INTERNAL_ERROR")
                failures = [_failure([c.number for c in group], group, error)]
            with self._lock:
                self._failures.extend(failures)
                self._done = group[-1].number
                self._progress.notify_all()

    def _take_group(self) -> list[QueuedCall]:
        """Consecutive calls of one run that fit in a request; waits up to the buffering window."""
        calls = self._calls
        first = calls.popleft()
        group = [first]
        run_id = first.run_id
        metrics, params, tags = len(first.metrics), len(first.params), len(first.tags)
        param_keys = {p[0] for p in first.params}
        tag_keys = {t[0] for t in first.tags}
        deadline = first.queued_at + self._settings.buffering_seconds
        while True:
            while calls:
                call = calls[0]
                n_m, n_p, n_t = len(call.metrics), len(call.params), len(call.tags)
                if (
                    call.run_id != run_id
                    or metrics + params + tags + n_m + n_p + n_t > MAX_ENTRIES
                    or params + n_p > MAX_PARAMS
                    or tags + n_t > MAX_TAGS
                    or (n_p and not param_keys.isdisjoint(p[0] for p in call.params))
                    or (n_t and not tag_keys.isdisjoint(t[0] for t in call.tags))
                ):
                    return group  # the next call starts the next request
                calls.popleft()
                group.append(call)
                metrics, params, tags = metrics + n_m, params + n_p, tags + n_t
                if n_p:
                    param_keys.update(p[0] for p in call.params)
                if n_t:
                    tag_keys.update(t[0] for t in call.tags)
            if self._closing or self._urgent >= group[-1].number:
                return group
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return group
            self._has_calls.wait(remaining)

    def _send_group(self, group: list[QueuedCall]) -> list[_Failure]:
        metrics = [(c.number, m) for c in group for m in c.metrics]
        params = [(c.number, p) for c in group for p in c.params]
        tags = [(c.number, t) for c in group for t in c.tags]
        attempt = _Attempt(self, group[0].run_id, group)
        m = p = t = 0  # where the chunk starts in each kind
        for chunk in split_batch(metrics, params, tags):
            if attempt.send(chunk) and attempt.run_refused is not None:
                # The run itself is refused: report this chunk and every later one with it.
                later = [n for n, _ in params[p + len(chunk.params) :]] + [n for n, _ in tags[t + len(chunk.tags) :]]
                attempt.fail(later + [n for n, _ in metrics[m + len(chunk.metrics) :]], attempt.run_refused)
                break
            m, p, t = m + len(chunk.metrics), p + len(chunk.params), t + len(chunk.tags)
        return attempt.failures

    def _send_retrying(self, run_id: str, chunk: NumberedChunk) -> None:
        """One request, sent again after transient failures until the retry time runs out (tried once
        while the server has been unreachable for a whole retry time and nothing got through since)."""
        deadline = time.monotonic() + (0.0 if self._unreachable else self._settings.retry_timeout)
        attempt = 0
        while True:
            try:
                self._send(run_id, chunk)
                self._unreachable = False
                return
            except TracklineException as exc:
                left = deadline - time.monotonic()
                if not is_transient(exc):
                    raise
                if left <= 0:
                    self._unreachable = True
                    raise
                asked = exc.retry_after
                delay = asked if asked is not None else min(5.0, 0.25 * 2.0**attempt)
                self._sleep(max(0.0, min(delay, 30.0, left)))
                attempt += 1


class _Attempt:
    """Sending one group: chunks, halving refused ones, and the failures found."""

    def __init__(self, queue: AsyncLogQueue, run_id: str, group: list[QueuedCall]) -> None:
        self.queue = queue
        self.run_id = run_id
        self.group = group
        self.failures: list[_Failure] = []
        self.run_checked = False
        self.run_refused: TracklineException | None = None

    def fail(self, numbers: list[int], error: TracklineException) -> None:
        if numbers:
            self.failures.append(_failure(numbers, self.group, error))

    def send(self, chunk: NumberedChunk) -> bool:
        """Send a chunk; True when the run itself is refused (then nothing of it was stored)."""
        try:
            self.queue._send_retrying(self.run_id, chunk)
            return False
        except TracklineException as exc:
            items = _items(chunk)
            numbers = [n for _, n, _ in items]
            refused = exc.http_status is not None and 400 <= exc.http_status < 500 and exc.http_status != 429
            if not refused or len(items) == 1:
                self.fail(numbers, exc)
                return False
            if not self.run_checked:
                try:
                    self.queue._send_retrying(self.run_id, Chunk([], [], []))
                except TracklineException:
                    self.run_refused = exc
                    self.fail(numbers, exc)
                    return True
                self.run_checked = True
            cut = (len(items) + 1) // 2
            for half in (items[:cut], items[cut:]):
                self.send(_chunk_of(half))
            return False


def _items(chunk: NumberedChunk) -> list[Numbered]:
    return [
        *((0, n, p) for n, p in chunk.params),
        *((1, n, t) for n, t in chunk.tags),
        *((2, n, m) for n, m in chunk.metrics),
    ]


def _chunk_of(items: list[Numbered]) -> NumberedChunk:
    params: list[tuple[int, Pair]] = [(n, v) for kind, n, v in items if kind == 0]  # type: ignore[misc]
    tags: list[tuple[int, Pair]] = [(n, v) for kind, n, v in items if kind == 1]  # type: ignore[misc]
    metrics: list[tuple[int, MetricValues]] = [(n, v) for kind, n, v in items if kind == 2]  # type: ignore[misc]
    return Chunk(metrics, params, tags)


def _failure(call_numbers: Sequence[int], group: list[QueuedCall], error: TracklineException) -> _Failure:
    numbers = sorted(set(call_numbers))
    by_number = {c.number: c for c in group}
    first = by_number.get(numbers[0])
    shown = f"#{numbers[0]} {first.describe()}" if first else f"#{numbers[0]}"
    if len(numbers) == 1:
        what = f"queued call {shown} was"
    else:
        what = f"{len(numbers)} queued calls ({shown} and {len(numbers) - 1} later ones) were"
    reason = error.message if error.http_status is not None else str(error)
    if error.http_status is None and error.error_code == "TEMPORARILY_UNAVAILABLE":
        reason = f"the server could not be reached: {error.message}"
    exc = AsyncLoggingException(
        f"{what} not logged: {reason}", error_code=error.error_code, http_status=error.http_status, calls=numbers
    )
    exc.__cause__ = error
    return _Failure(numbers, exc)


def _raise(failures: list[_Failure]) -> None:
    if not failures:
        return
    errors = [f.error for f in failures]
    first = errors[0]
    first.failures = errors
    for other in errors[1:]:
        first.add_note(f"also: {other.message}")
    raise first


@atexit.register
def _flush_at_exit() -> None:
    """Send what is still queued when the interpreter exits; print what could not be logged."""
    for queue in list(_live_queues):
        if not queue.pending() and not queue._failures:
            continue
        try:
            queue.flush()
        except AsyncLoggingException as exc:
            print(f"trackline: {exc}", file=sys.stderr)
            for note in getattr(exc, "__notes__", []):
                print(f"trackline: {note}", file=sys.stderr)


def _wire_number(value: float) -> float | str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def log_batch_json(run_id: str, chunk: NumberedChunk) -> bytes:
    """The ``runs/log-batch`` body for a chunk, as the wire writes it (NaN and infinities as strings).

    >>> log_batch_json("r", Chunk([(1, ("m", float("nan"), 5, 0, None, None, None))], [], []))
    b'{"run_id": "r", "metrics": [{"key": "m", "value": "NaN", "timestamp": 5, "step": 0}]}'
    """
    body: dict[str, object] = {"run_id": run_id}
    if chunk.metrics:
        metrics = []
        for _, (key, value, timestamp, step, dataset_name, dataset_digest, model_id) in chunk.metrics:
            metric: dict[str, object] = {
                "key": key,
                "value": value if math.isfinite(value) else _wire_number(value),
                "timestamp": timestamp,
                "step": step,
            }
            if dataset_name is not None:
                metric["dataset_name"] = dataset_name
            if dataset_digest is not None:
                metric["dataset_digest"] = dataset_digest
            if model_id is not None:
                metric["model_id"] = model_id
            metrics.append(metric)
        body["metrics"] = metrics
    if chunk.params:
        body["params"] = [{"key": k, "value": v} for _, (k, v) in chunk.params]
    if chunk.tags:
        body["tags"] = [{"key": k, "value": v} for _, (k, v) in chunk.tags]
    return json.dumps(body, allow_nan=False).encode()
