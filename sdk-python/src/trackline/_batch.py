"""Splitting a log-batch into requests within the server's limits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

#: The server's limits for one ``runs/log-batch`` request (MLflow's).
MAX_METRICS = 1000
MAX_PARAMS = 100
MAX_TAGS = 100
MAX_ENTRIES = 1000


M = TypeVar("M")
P = TypeVar("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Chunk(Generic[M, P, T]):
    metrics: Sequence[M]
    params: Sequence[P]
    tags: Sequence[T]


def split_batch(metrics: Sequence[M], params: Sequence[P], tags: Sequence[T]) -> Iterator[Chunk[M, P, T]]:
    """Requests that together carry everything, each within every limit.

    Params go first, then tags, then metrics, each kept in the order given. The items may be
    entities (``Metric``, ``Param``, ``RunTag``) or anything standing for them.

    >>> from trackline import Metric
    >>> chunks = list(split_batch([Metric("m", 1.0, 0, i) for i in range(2500)], [], []))
    >>> [len(c.metrics) for c in chunks]
    [1000, 1000, 500]
    """
    m = p = t = 0
    while m < len(metrics) or p < len(params) or t < len(tags):
        n_params = min(MAX_PARAMS, len(params) - p)
        n_tags = min(MAX_TAGS, len(tags) - t)
        n_metrics = min(MAX_METRICS, MAX_ENTRIES - n_params - n_tags, len(metrics) - m)
        yield Chunk(
            metrics=metrics[m : m + n_metrics],
            params=params[p : p + n_params],
            tags=tags[t : t + n_tags],
        )
        m, p, t = m + n_metrics, p + n_params, t + n_tags
