"""Parsed filter clauses as SQL conditions: what every search (runs, experiments, registry, logged models) shares.

:mod:`.filters` parses filter strings into clauses; each search turns its clauses into conditions
with these helpers, so that filtering runs in the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, literal, not_, select

from ..errors import invalid
from .filters import Clause

# A search's filter on its id column: what the user may read (a server with --auth).
Visible = Callable[[Any], ColumnElement[bool]]


def compare(column: Any, op: str, value: Any) -> ColumnElement[bool]:
    condition: ColumnElement[bool]
    if op == "=":
        condition = column == value
    elif op == "!=":
        condition = column != value
    elif op == "<":
        condition = column < value
    elif op == "<=":
        condition = column <= value
    elif op == ">":
        condition = column > value
    elif op == ">=":
        condition = column >= value
    elif op == "LIKE":
        condition = column.like(value)
    elif op == "ILIKE":
        condition = column.ilike(value)
    elif op == "IN":
        condition = column.in_(value)
    elif op == "NOT IN":
        condition = column.not_in(value)
    else:
        raise invalid(f"Unsupported comparator '{op}'.")
    return condition


def key_value_condition(owned: ColumnElement[bool], value: Any, clause: Clause) -> ColumnElement[bool]:
    """A tag (or param) clause: ``owned`` selects the entity's row of the clause's key, ``value`` is its column.

    ``IS NULL`` matches entities without the key, ``IS NOT NULL`` those with it; any other comparator
    those whose value compares true.
    """
    if clause.op == "IS NULL":
        return not_(exists(select(literal(1)).where(owned)))
    if clause.op == "IS NOT NULL":
        return exists(select(literal(1)).where(owned))
    return exists(select(literal(1)).where(and_(owned, compare(value, clause.op, clause.value))))


def whole_number(value: float) -> float | int:
    """A number from a filter as an int when it is whole, to compare with integer columns."""
    return int(value) if float(value).is_integer() else value
