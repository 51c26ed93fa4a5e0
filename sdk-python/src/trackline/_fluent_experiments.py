"""The fluent API's experiment functions: MLflow's names, on the active experiment.

Example (with a server running)::

    import trackline as tl

    tl.set_experiment("churn")  # created when missing, then active
    tl.set_experiment_tag("team", "growth")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import _entities as ent
from ._client import TracklineClient
from ._errors import TracklineException
from ._fluent import _activate_experiment, _experiment_id, _get_client
from ._paging import collect

__all__ = [
    "create_experiment",
    "delete_experiment",
    "get_experiment",
    "get_experiment_by_name",
    "search_experiments",
    "set_experiment",
    "set_experiment_tag",
    "set_experiment_tags",
]


def set_experiment(experiment_name: str | None = None, experiment_id: str | None = None) -> ent.Experiment:
    """Make an experiment the active one, creating it (by name) when it does not exist."""
    if (experiment_name is None) == (experiment_id is None):
        raise TracklineException(
            "Give exactly one of experiment_name and experiment_id",
            error_code="INVALID_PARAMETER_VALUE",
        )
    client = _get_client()
    if experiment_name is None:
        experiment = client.get_experiment(str(experiment_id))
    else:
        experiment = client.get_experiment_by_name(experiment_name) or _create_experiment(client, experiment_name)
    if experiment.lifecycle_stage != "active":
        raise TracklineException(
            f"Cannot set a deleted experiment {experiment.name!r} as the active experiment; "
            "restore it or choose another name",
            error_code="INVALID_PARAMETER_VALUE",
        )
    _activate_experiment(experiment.experiment_id)
    return experiment


def _create_experiment(client: TracklineClient, name: str) -> ent.Experiment:
    """Create the experiment, or find it when another process created it first."""
    try:
        return client.get_experiment(client.create_experiment(name))
    except TracklineException as exc:
        if exc.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
        found = client.get_experiment_by_name(name)
        if found is None:
            raise
        return found


def create_experiment(name: str, artifact_location: str | None = None, tags: dict[str, Any] | None = None) -> str:
    """Create an experiment and return its id."""
    return _get_client().create_experiment(name, artifact_location, tags)


def get_experiment(experiment_id: str) -> ent.Experiment:
    """The experiment with this id."""
    return _get_client().get_experiment(experiment_id)


def get_experiment_by_name(name: str) -> ent.Experiment | None:
    """The experiment with this name, or ``None``."""
    return _get_client().get_experiment_by_name(name)


def search_experiments(
    view_type: ent.ViewType | str | int = ent.ViewType.ACTIVE_ONLY,
    max_results: int | None = None,
    filter_string: str | None = None,
    order_by: Sequence[str] | None = None,
) -> list[ent.Experiment]:
    """Every matching experiment across all pages (at most ``max_results`` when given)."""
    client = _get_client()
    return collect(
        lambda want, token: client.search_experiments(view_type, want, filter_string, order_by, token),
        1000,
        max_results,
    )


def delete_experiment(experiment_id: str) -> None:
    """Delete an experiment."""
    _get_client().delete_experiment(experiment_id)


def set_experiment_tag(key: str, value: Any) -> None:
    """Set a tag on the active experiment."""
    _get_client().set_experiment_tag(_experiment_id(), key, value)


def set_experiment_tags(tags: dict[str, Any]) -> None:
    """Set tags on the active experiment."""
    for key, value in tags.items():
        set_experiment_tag(key, value)
