"""Metric history: every point of one metric of a run, in pages, and sampled steps of many runs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select

from ...errors import invalid
from .. import rules
from ..common import wire_value
from ..engine import Database, driver_cursor, driver_sql
from ..paging import decode_position_token, encode_position_token
from ..schema import metrics, runs
from .runs import RunStore, run_not_found

# One metric's history, in the order of the metrics table's primary key (a range scan).
_SELECT_HISTORY = "SELECT timestamp, step, value, is_nan FROM metrics WHERE run_uuid = ? AND key = ?"
_AFTER_HISTORY_POSITION = " AND (timestamp, step, value, is_nan) > (?, ?, ?, ?)"
_HISTORY_ORDER = " ORDER BY timestamp, step, value, is_nan"
BULK_INTERVAL_MAX_RESULTS = 2500


def sample_steps(steps: list[int], limit: int) -> list[int]:
    """At most ``limit`` steps spread evenly, first and last kept."""
    if len(steps) <= limit:
        return steps
    if limit == 1:
        return [steps[0]]
    last = len(steps) - 1
    picked = sorted({round(i * last / (limit - 1)) for i in range(limit)})
    return [steps[i] for i in picked]


class MetricHistoryStore:
    def __init__(self, db: Database, runs: RunStore) -> None:
        self.db = db
        self.runs = runs

    def get(
        self, run_id: str, key: str, max_results: int | None, page_token: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The whole history, or pages of ``max_results`` points with a keyset token."""
        limit = rules.check_max_results(max_results, None, None)
        sql = _SELECT_HISTORY
        values: tuple[Any, ...] = (run_id, key)
        if page_token:
            pos = decode_position_token(page_token)
            try:
                after = (int(pos["t"]), int(pos["s"]), float(pos["v"]), bool(pos["n"]))
            except (KeyError, TypeError, ValueError):
                raise invalid("Invalid page token.") from None
            sql += _AFTER_HISTORY_POSITION
            values += after
        sql += _HISTORY_ORDER
        if limit is not None:
            sql += " LIMIT ?"
            values += (limit + 1,)
        with self.db.read() as conn:
            self.runs.row(conn, run_id)
            # The driver's cursor: a page holds up to 25,000 points (see run_data.runs_with_data).
            with driver_cursor(conn) as cursor:
                cursor.execute(driver_sql(self.db, sql), values)
                rows = cursor.fetchall()
        token = None
        if limit is not None and len(rows) > limit:
            rows = rows[:limit]
            ts, step, value, is_nan = rows[-1]
            token = encode_position_token({"s": step, "t": ts, "v": value, "n": bool(is_nan)})
        return [
            {"key": key, "value": wire_value(value, is_nan), "timestamp": ts, "step": step}
            for ts, step, value, is_nan in rows
        ], token

    def bulk_interval(
        self,
        run_ids: list[str],
        key: str,
        start_step: int | None,
        end_step: int | None,
        max_results: int | None,
    ) -> list[dict[str, Any]]:
        """The points of at most ``max_results`` steps per run, spread evenly over the step range."""
        rules.check_bulk_history_runs(len(run_ids))
        limit = rules.check_max_results(max_results, BULK_INTERVAL_MAX_RESULTS, BULK_INTERVAL_MAX_RESULTS)
        rules.check_step_interval(start_step, end_step)
        m = metrics.c
        out: list[dict[str, Any]] = []
        with self.db.read() as conn:
            found = {r.run_uuid for r in conn.execute(select(runs.c.run_uuid).where(runs.c.run_uuid.in_(run_ids)))}
            for run_id in dict.fromkeys(run_ids):
                if run_id not in found:
                    raise run_not_found(run_id)
                cond = and_(m.run_uuid == run_id, m.key == key)
                if start_step is not None:
                    cond = and_(cond, m.step >= start_step, m.step <= end_step)
                steps = [s for (s,) in conn.execute(select(m.step).where(cond).distinct().order_by(m.step))]
                chosen = sample_steps(steps, limit)
                if not chosen:
                    continue
                rows = conn.execute(
                    select(m.step, m.timestamp, m.value, m.is_nan)
                    .where(cond, m.step.in_(chosen) if len(chosen) < len(steps) else cond)
                    .order_by(m.step, m.timestamp, m.value)
                ).all()
                out.extend(
                    {
                        "key": key,
                        "value": wire_value(r.value, r.is_nan),
                        "timestamp": r.timestamp,
                        "step": r.step,
                        "run_id": run_id,
                    }
                    for r in rows
                )
        return out
