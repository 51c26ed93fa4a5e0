"""Following page tokens: the items of one listing across its pages.

>>> from trackline._entities import PagedList
>>> pages = {None: PagedList([1, 2], "b"), "b": PagedList([3, 4], "c"), "c": PagedList([5], None)}
>>> collect(lambda want, token: pages[token], page_size=2)
[1, 2, 3, 4, 5]
>>> collect(lambda want, token: PagedList(list(range(want)), "more"), page_size=2, max_results=3)
[0, 1, 0]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ._entities import PagedList

__all__ = ["collect"]

T = TypeVar("T")


def collect(
    fetch: Callable[[int, str | None], PagedList[T]],
    page_size: int,
    max_results: int | None = None,
) -> list[T]:
    """The items of ``fetch(want, token)`` page after page, until a page has no token or
    ``max_results`` items are in (every page when it is ``None``).

    ``fetch`` asks for at most ``want`` items (``page_size``, or fewer for the last page
    needed); ``token`` is ``None`` for the first page.
    """
    found: list[T] = []
    token: str | None = None
    while max_results is None or len(found) < max_results:
        want = page_size if max_results is None else min(page_size, max_results - len(found))
        page = fetch(want, token)
        found.extend(page)
        token = page.token
        if not token:
            break
    return found
