"""Failed sign-ins slow down, per username and per client address.

After ``FREE_FAILURES`` failures within ``WINDOW_S``, each further *failed* attempt for that
username or from that address is answered only after a wait, doubling up to ``max_delay``
seconds; a success clears the username's count. A right password is never delayed, so that one
guesser cannot slow down everyone behind the same address (or proxy). The counts live in each
worker process (a replica's workers each count on their own); each worker has a few threads, so a
guesser gets a handful of answers per ``max_delay`` seconds per worker.
"""

from __future__ import annotations

import threading
import time

FREE_FAILURES = 5
WINDOW_S = 900.0
BASE_DELAY_S = 0.25
DEFAULT_MAX_DELAY_S = 4.0
MAX_KEYS = 50_000


class FailedLogins:
    def __init__(self, max_delay: float = DEFAULT_MAX_DELAY_S) -> None:
        self.max_delay = max_delay
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (count, first failure time)

    def _count(self, key: str, now: float) -> int:
        entry = self._failures.get(key)
        if entry is None or now - entry[1] > WINDOW_S:
            return 0
        return entry[0]

    def delay(self, username: str | None, address: str | None) -> float:
        """How long a failed attempt for this username from this address waits for its answer."""
        now = time.monotonic()
        with self._lock:
            worst = max(self._count(f"u:{username}", now) if username else 0, self._count(f"a:{address}", now))
        over = worst - FREE_FAILURES
        if over < 0:
            return 0.0
        return float(min(self.max_delay, BASE_DELAY_S * (2**over)))

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
