"""Adaptive batching: concurrent small requests to one model answered by one ``predict`` call.

The first request to arrive waits for the other requests to this model that the server is
reading at that moment (at most ``window`` seconds, or until ``max_rows`` rows are queued), then
predicts for all of them at once and hands each its own rows of the result. A request that is
alone waits for nothing, so batching costs a single client no latency. Only tables without
params are batched; the result must have one entry per row (an array, a list, a Series or a
DataFrame), else each request is predicted on its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Batcher"]


@dataclass
class _Item:
    frame: Any
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


class Batcher:
    """Coalesces ``predict(frame)`` calls from many threads of one process."""

    def __init__(self, predict: Callable[[Any], Any], max_rows: int, window: float) -> None:
        self._predict = predict
        self.max_rows = max_rows
        self.window = window
        self._lock = threading.Lock()
        self._full = threading.Condition(self._lock)
        self._queue: list[_Item] = []
        self._rows = 0
        self._leader = False
        self._active = 0  # requests to this model being read or predicted now

    def arrive(self) -> None:
        """A request to this model has come in (call :meth:`depart` when it is answered)."""
        with self._lock:
            self._active += 1

    def depart(self) -> None:
        with self._lock:
            self._active -= 1
            self._full.notify()

    def accepts(self, data: Any, params: dict[str, Any] | None) -> bool:
        return not params and type(data).__name__ == "DataFrame" and 0 < len(data) <= self.max_rows

    def predict(self, frame: Any) -> Any:
        item = _Item(frame)
        with self._lock:
            self._queue.append(item)
            self._rows += len(frame)
            lead = not self._leader
            if lead:
                self._leader = True
            else:
                self._full.notify()
        if lead:
            self._lead()
        item.done.wait()
        if item.error is not None:
            raise item.error
        return item.result

    def _lead(self) -> None:
        deadline = time.monotonic() + self.window
        with self._lock:
            # Wait while requests that are being read may still join, and there is room.
            while self._rows < self.max_rows and len(self._queue) < self._active:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._full.wait(left)
            batch, self._queue, self._rows, self._leader = self._queue, [], 0, False
        self._run(batch)

    def _run(self, batch: list[_Item]) -> None:
        if len(batch) == 1:
            self._settle(batch[0], lambda: self._predict(batch[0].frame))
            return
        import pandas as pd  # noqa: PLC0415

        try:
            frames = [item.frame for item in batch]
            joined = pd.concat(frames, ignore_index=True)
            result = self._predict(joined)
            parts = _split(result, [len(f) for f in frames])
        except Exception:
            parts = None
        if parts is None:
            for item in batch:
                self._settle(item, lambda it=item: self._predict(it.frame))  # type: ignore[misc]
            return
        for item, part in zip(batch, parts, strict=True):
            item.result = part
            item.done.set()

    @staticmethod
    def _settle(item: _Item, call: Callable[[], Any]) -> None:
        try:
            item.result = call()
        except BaseException as exc:
            item.error = exc
        item.done.set()


def _split(result: Any, sizes: list[int]) -> list[Any] | None:
    """``result`` cut into consecutive pieces of ``sizes`` rows, or None when it has no rows."""
    total = sum(sizes)
    try:
        if len(result) != total:
            return None
    except TypeError:
        return None
    pieces = []
    start = 0
    for size in sizes:
        if hasattr(result, "iloc"):
            piece = result.iloc[start : start + size]
            pieces.append(piece.reset_index(drop=True))
        else:
            pieces.append(result[start : start + size])
        start += size
    return pieces
