"""Runs as a pandas DataFrame, with MLflow's ``search_runs`` columns (pandas is optional)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

try:
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the installation
    _HAVE_PANDAS = False
else:
    _HAVE_PANDAS = True

from ._entities import Run

INFO_COLUMNS = ("run_id", "experiment_id", "status", "artifact_uri", "start_time", "end_time")


def runs_to_dataframe(runs: Sequence[Run]) -> pd.DataFrame:
    """One row per run: the info columns, then ``metrics.*``, ``params.*``, ``tags.*``.

    Missing metrics are NaN, missing params and tags ``None``; times are UTC datetimes.
    Keys appear in the order first seen, sorted within each run.
    """
    if not _HAVE_PANDAS:
        raise ImportError(
            "search_runs returns a pandas DataFrame and pandas is not installed: install "
            "'trackline[pandas]', or call search_runs(..., output_format='list')"
        )
    columns: dict[str, Any] = {name: [] for name in INFO_COLUMNS}
    groups: dict[str, dict[str, list[Any]]] = {"metrics": {}, "params": {}, "tags": {}}
    missing: dict[str, Any] = {"metrics": float("nan"), "params": None, "tags": None}
    for row, run in enumerate(runs):
        info = run.info
        columns["run_id"].append(info.run_id)
        columns["experiment_id"].append(info.experiment_id)
        columns["status"].append(info.status)
        columns["artifact_uri"].append(info.artifact_uri)
        columns["start_time"].append(info.start_time)
        columns["end_time"].append(info.end_time)
        values: dict[str, dict[str, Any]] = {
            "metrics": dict(run.data.metrics),
            "params": dict(run.data.params),
            "tags": dict(run.data.tags),
        }
        for group, group_columns in groups.items():
            for key in sorted(values[group]):
                if key not in group_columns:
                    group_columns[key] = [missing[group]] * row
            for key, column in group_columns.items():
                column.append(values[group].get(key, missing[group]))
    for name in ("start_time", "end_time"):
        millis = pd.Series(columns[name], dtype="float64")  # a missing time becomes NaT
        columns[name] = pd.to_datetime(millis, unit="ms", utc=True)
    for group, group_columns in groups.items():
        for key, column in group_columns.items():
            columns[f"{group}.{key}"] = column
    return pd.DataFrame(columns)
