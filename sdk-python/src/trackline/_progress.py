"""Progress bars for artifact transfers (tqdm, an optional dependency).

A bar is shown only when the transfer is large (``PROGRESS_MIN_BYTES``), stderr is a terminal,
tqdm is installed and ``TRACKLINE_ENABLE_ARTIFACTS_PROGRESS_BAR`` (or MLflow's
``MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR``) is not false. Scripts whose stderr goes to a file or a
pipe (CI logs, notebooks' captured output) get no bar.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from ._config import env_setting

__all__ = ["PROGRESS_MIN_BYTES", "Progress", "progress", "progress_enabled"]

#: Transfers smaller than this get no bar.
PROGRESS_MIN_BYTES = 4 * 1024 * 1024


class Progress(Protocol):
    """Counts transferred bytes; ``update`` may take negative counts when a part is resent."""

    def update(self, n: int) -> None: ...


class _Silent:
    def update(self, n: int) -> None:
        pass


class _Bar:
    """A tqdm bar shared by the threads of one transfer."""

    def __init__(self, bar: Any) -> None:
        self._bar = bar
        self._lock = threading.Lock()

    def update(self, n: int) -> None:
        with self._lock:
            self._bar.update(n)


def _stderr_is_terminal() -> bool:
    stream = sys.stderr
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced by an object without isatty
        return False


def _fixed_columns() -> int | None:
    """``None`` when the terminal reports its width (the bar follows it), else 80: a
    terminal of unknown width (0 columns) would otherwise get an empty bar."""
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80
    return None if columns > 0 else 80


def progress_enabled(total_bytes: int) -> bool:
    """Whether a transfer of ``total_bytes`` shows a progress bar here and now."""
    setting = (env_setting("ENABLE_ARTIFACTS_PROGRESS_BAR") or "true").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    if total_bytes < PROGRESS_MIN_BYTES or not _stderr_is_terminal():
        return False
    try:
        importlib.import_module("tqdm")
    except ImportError:
        return False
    return True


@contextmanager
def progress(total_bytes: int, description: str) -> Iterator[Progress]:
    """A byte counter for one transfer: a tqdm bar when :func:`progress_enabled`, else silent."""
    if not progress_enabled(total_bytes):
        yield _Silent()
        return
    tqdm = importlib.import_module("tqdm").tqdm
    columns = _fixed_columns()
    bar = tqdm(
        total=total_bytes,
        desc=description,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        file=sys.stderr,
        leave=True,
        ncols=columns,
        dynamic_ncols=columns is None,
    )
    try:
        yield _Bar(bar)
    finally:
        bar.close()
