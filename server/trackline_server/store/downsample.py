"""Metric histories downsampled for charts, keeping every extreme (M4).

A chart of 100,000 points is at most a few thousand pixels wide. Splitting x into ``buckets``
equal ranges and keeping, in each, the first, last, lowest and highest point gives a line with
the same spikes and envelope as the full one, in at most ``4 * buckets`` points. MLflow's
``get-history-bulk-interval`` samples evenly by row instead and loses spikes between samples.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from ..errors import invalid, missing
from .engine import Database, driver_cursor, driver_sql
from .tracking.runs import run_not_found

X_AXES = ("step", "time", "relative")
DEFAULT_BUCKETS = 1000
MAX_BUCKETS = 5000
MAX_RUNS = 100
MAX_KEYS = 50
MAX_SERIES = 500
_INT64_MAX = 2**63 - 1

# One metric's finite points, in x order. The metrics table's primary key starts with
# (run_uuid, key, timestamp), so the time axes read it in index order.
_POINTS = {
    "step": "SELECT step, value FROM metrics WHERE run_uuid = ? AND key = ? AND is_nan = ?{range} "
    "ORDER BY step, timestamp",
    "time": "SELECT timestamp, value FROM metrics WHERE run_uuid = ? AND key = ? AND is_nan = ?{range} "
    "ORDER BY timestamp, step",
}
_FIRST_TIMESTAMP = "SELECT MIN(timestamp) FROM metrics WHERE run_uuid = ? AND key = ? AND is_nan = ?"


def m4(xs: Sequence[float], ys: Sequence[float], buckets: int) -> tuple[list[float], list[float]]:
    """The first, last, lowest and highest point of each of ``buckets`` equal x ranges, in x order.

    ``xs`` must be sorted. Series of at most ``4 * buckets`` points are returned whole.

    >>> m4([0, 1, 2, 3, 4, 5, 6, 7], [0, 9, 1, 1, 1, -5, 1, 0], 1)
    ([0, 1, 5, 7], [0, 9, -5, 0])
    """
    n = len(xs)
    if n <= 4 * buckets:
        return list(xs), list(ys)
    lo, width = xs[0], (xs[-1] - xs[0]) / buckets
    keep: list[int] = []
    start = 0
    for b in range(1, buckets + 1):
        # The bucket ends before the first x at or past its upper edge (the last bucket takes the rest).
        end = n if b == buckets else bisect_left(xs, lo + b * width, start)
        if end <= start:
            continue
        window = ys[start:end]
        low = start + window.index(min(window))
        high = start + window.index(max(window))
        keep.extend(sorted({start, low, high, end - 1}))
        start = end
    return [xs[i] for i in keep], [ys[i] for i in keep]


def _check(run_ids: list[str], keys: list[str], x_axis: str, buckets: int | None) -> int:
    if not run_ids:
        raise missing("run_ids")
    if not keys:
        raise missing("metric_keys")
    if len(set(run_ids)) > MAX_RUNS:
        raise invalid(f"At most {MAX_RUNS} run_ids can be downsampled in one request; got {len(set(run_ids))}.")
    if len(set(keys)) > MAX_KEYS:
        raise invalid(f"At most {MAX_KEYS} metric_keys can be downsampled in one request; got {len(set(keys))}.")
    if len(set(run_ids)) * len(set(keys)) > MAX_SERIES:
        raise invalid(f"At most {MAX_SERIES} series (run_ids times metric_keys) in one request.")
    if x_axis not in X_AXES:
        raise invalid(f"Invalid x_axis '{x_axis}'. Use one of {', '.join(X_AXES)}.")
    chosen = DEFAULT_BUCKETS if buckets is None else buckets
    if chosen < 2 or chosen > MAX_BUCKETS:
        raise invalid(f"Invalid value {chosen} for parameter 'buckets': it must be between 2 and {MAX_BUCKETS}.")
    return chosen


def downsample(
    db: Database,
    run_ids: list[str],
    keys: list[str],
    x_axis: str = "step",
    buckets: int | None = None,
    x_min: float | None = None,
    x_max: float | None = None,
) -> list[dict[str, Any]]:
    """One downsampled series per run and key with points in ``[x_min, x_max]`` (none when x_min > x_max)."""
    chosen = _check(run_ids, keys, x_axis, buckets)
    run_ids, keys = list(dict.fromkeys(run_ids)), list(dict.fromkeys(keys))
    out: list[dict[str, Any]] = []
    with db.read() as conn, driver_cursor(conn) as cursor:
        marks = ", ".join("?" * len(run_ids))
        cursor.execute(driver_sql(db, f"SELECT run_uuid FROM runs WHERE run_uuid IN ({marks})"), run_ids)
        found = {r for (r,) in cursor.fetchall()}
        for run_id in run_ids:
            if run_id not in found:
                raise run_not_found(run_id)
        for run_id in run_ids:
            for key in keys:
                xs, ys = _points(db, cursor, run_id, key, x_axis, x_min, x_max)
                if not xs:
                    continue
                sx, sy = m4(xs, ys, chosen)
                out.append(
                    {"run_id": run_id, "key": key, "x": sx, "y": sy, "points": len(xs), "sampled": len(sx) < len(xs)}
                )
    return out


def _points(
    db: Database, cursor: Any, run_id: str, key: str, x_axis: str, x_min: float | None, x_max: float | None
) -> tuple[list[float], list[float]]:
    column = "step" if x_axis == "step" else "timestamp"
    origin = 0
    if x_axis == "relative":
        cursor.execute(driver_sql(db, _FIRST_TIMESTAMP), (run_id, key, False))
        first = cursor.fetchone()
        if first is None or first[0] is None:
            return [], []
        origin = int(first[0])
    bounds = ""
    values: list[Any] = [run_id, key, False]
    if x_min is not None:
        bounds += f" AND {column} >= ?"
        values.append(_bound(x_min + origin, low=True))
    if x_max is not None:
        bounds += f" AND {column} <= ?"
        values.append(_bound(x_max + origin, low=False))
    sql = _POINTS["step" if x_axis == "step" else "time"].format(range=bounds)
    cursor.execute(driver_sql(db, sql), values)
    rows = cursor.fetchall()
    if origin:
        return [x - origin for x, _ in rows], [y for _, y in rows]
    return [x for x, _ in rows], [y for _, y in rows]


def _bound(value: float, low: bool) -> int:
    """An x bound as the integer column compares it (steps and timestamps are whole numbers)."""
    if math.isnan(value):
        raise invalid("x_min and x_max must be numbers.")
    if math.isinf(value):
        return -_INT64_MAX if value < 0 else _INT64_MAX
    whole = math.ceil(value) if low else math.floor(value)
    return max(-_INT64_MAX, min(_INT64_MAX, whole))
