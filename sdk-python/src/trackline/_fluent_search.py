"""The fluent API's ``search_runs``: runs across all pages, as a pandas DataFrame or a list.

Example (with a server running)::

    import trackline as tl

    best = tl.search_runs(filter_string="metrics.rmse < 0.5", order_by=["metrics.rmse"])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, overload

from . import _entities as ent
from ._errors import TracklineException
from ._fluent import _experiment_id, _get_client
from ._fluent_experiments import search_experiments

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["search_runs"]

#: Runs asked for per page.
_PAGE_SIZE = 10000


@overload
def search_runs(
    experiment_ids: Sequence[str] | None = ...,
    filter_string: str = ...,
    run_view_type: ent.ViewType | str | int = ...,
    max_results: int = ...,
    order_by: Sequence[str] | None = ...,
    output_format: Literal["pandas"] = ...,
    search_all_experiments: bool = ...,
    experiment_names: Sequence[str] | None = ...,
) -> pd.DataFrame: ...


@overload
def search_runs(
    experiment_ids: Sequence[str] | None = ...,
    filter_string: str = ...,
    run_view_type: ent.ViewType | str | int = ...,
    max_results: int = ...,
    order_by: Sequence[str] | None = ...,
    *,
    output_format: Literal["list"],
    search_all_experiments: bool = ...,
    experiment_names: Sequence[str] | None = ...,
) -> list[ent.Run]: ...


def search_runs(
    experiment_ids: Sequence[str] | None = None,
    filter_string: str = "",
    run_view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
    max_results: int = 100000,
    order_by: Sequence[str] | None = None,
    output_format: Literal["pandas", "list"] = "pandas",
    search_all_experiments: bool = False,
    experiment_names: Sequence[str] | None = None,
) -> pd.DataFrame | list[ent.Run]:
    """Runs matching a filter, across all pages, as a pandas DataFrame or a list of runs.

    The DataFrame has MLflow's columns: ``run_id, experiment_id, status, artifact_uri,
    start_time, end_time`` (UTC times), then ``metrics.<key>``, ``params.<key>`` and
    ``tags.<key>``. Without ``experiment_ids`` or ``experiment_names`` the active experiment
    is searched (every experiment with ``search_all_experiments=True``).
    """
    if output_format not in ("pandas", "list"):
        raise TracklineException(
            f"Unsupported output format {output_format!r}: use 'pandas' or 'list'",
            error_code="INVALID_PARAMETER_VALUE",
        )
    if experiment_ids and experiment_names:
        raise TracklineException(
            "Give experiment_ids or experiment_names, not both",
            error_code="INVALID_PARAMETER_VALUE",
        )
    client = _get_client()
    if experiment_names:
        ids = [e.experiment_id for e in (client.get_experiment_by_name(n) for n in experiment_names) if e is not None]
        if not ids:
            runs: list[ent.Run] = []
            return _as_output(runs, output_format)
    elif experiment_ids:
        ids = [str(i) for i in experiment_ids]
    elif search_all_experiments:
        ids = [e.experiment_id for e in search_experiments(view_type=ent.ViewType.ALL)]
    else:
        ids = [_experiment_id()]
    runs = client.search_all_runs(
        ids,
        filter_string,
        run_view_type,
        order_by,
        max_results=max_results,
        page_size=min(_PAGE_SIZE, max_results),
    )
    return _as_output(runs, output_format)


def _as_output(runs: list[ent.Run], output_format: Literal["pandas", "list"]) -> pd.DataFrame | list[ent.Run]:
    if output_format == "list":
        return runs
    from ._dataframe import runs_to_dataframe  # noqa: PLC0415 - pandas is optional

    return runs_to_dataframe(runs)
