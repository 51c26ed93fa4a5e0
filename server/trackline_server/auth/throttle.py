"""Failed sign-ins slow down further attempts, per username and per client address.

After ``FREE_FAILURES`` failures within ``WINDOW_S``, each further attempt for that username or
from that address waits before it is answered, doubling up to ``MAX_DELAY_S``; a success clears
the username's count. The counts live in each worker process (a replica's workers each count on
their own), which bounds guessing to a few attempts per second per worker.
"""

from __future__ import annotations

import threading
import time

FREE_FAILURES = 5
WINDOW_S = 900.0
BASE_DELAY_S = 0.25
MAX_DELAY_S = 4.0
MAX_KEYS = 50_000


class FailedLogins:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (count, first failure time)

    def _count(self, key: str, now: float) -> int:
        entry = self._failures.get(key)
        if entry is None or now - entry[1] > WINDOW_S:
            return 0
        return entry[0]

    def delay(self, username: str | None, address: str | None) -> float:
        """How long an attempt for this username from this address waits before it is judged."""
        now = time.monotonic()
        with self._lock:
            worst = max(self._count(f"u:{username}", now) if username else 0, self._count(f"a:{address}", now))
        over = worst - FREE_FAILURES
        if over < 0:
            return 0.0
        return float(min(MAX_DELAY_S, BASE_DELAY_S * (2**over)))

    def failed(self, username: str | None, address: str | None) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > MAX_KEYS:
                self._failures = {k: v for k, v in self._failures.items() if now - v[1] <= WINDOW_S}
            for key in ([f"u:{username}"] if username else []) + [f"a:{address}"]:
                count = self._count(key, now)
                first = self._failures[key][1] if count else now
                self._failures[key] = (count + 1, first)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"u:{username}", None)
