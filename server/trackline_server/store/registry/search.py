"""Searching registered models and model versions: filters and orders as SQL, one page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, literal, not_, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import Select

from .. import rules
from ..conditions import Visible, compare, key_value_condition
from ..engine import Database
from ..filters import (
    ENTITY_PREFIXES,
    NUMERIC_IN,
    STRING,
    STRING_IN,
    Clause,
    OrderBy,
    parse_entity_filter,
    parse_entity_order_by,
)
from ..paging import decode_offset_token, offset_page
from ..schema import model_version_tags, model_versions, registered_model_tags, registered_models
from .entities import model_dicts, version_dicts

MODEL_FILTER_ATTRIBUTES = {"name": STRING_IN}
VERSION_FILTER_ATTRIBUTES = {
    "name": STRING_IN,
    "version_number": NUMERIC_IN,
    "run_id": STRING_IN,
    "source_path": STRING,
    "current_stage": STRING_IN,
}
MODEL_ORDER_KEYS = {
    "name": "name",
    "timestamp": "last_updated_time",
    "last_updated_timestamp": "last_updated_time",
}
VERSION_ORDER_KEYS = {
    "name": "name",
    "version_number": "version",
    "creation_timestamp": "creation_time",
    "last_updated_timestamp": "last_updated_time",
}
# MLflow's clients exclude prompts with `tags.mlflow.prompt.is_prompt != 'true'`: models without the tag match too.
PROMPT_TAG = "mlflow.prompt.is_prompt"


@dataclass(frozen=True)
class _Request:
    """A search request, parsed: its clauses, its order and the page it asks for."""

    clauses: list[Clause]
    order: list[OrderBy]
    offset: int
    limit: int


def _parse(
    filter_string: str | None,
    max_results: int | None,
    order_by: list[str] | None,
    page_token: str | None,
    attributes: dict[str, str],
    order_keys: dict[str, str],
    page_size: tuple[int, int],
) -> _Request:
    """``page_size`` is (default, limit). Checked in this order: page size, filter, order, page token."""
    limit = rules.check_max_results(max_results, *page_size)
    clauses = parse_entity_filter(filter_string, attributes, ENTITY_PREFIXES)
    order = parse_entity_order_by(order_by, order_keys)
    return _Request(clauses, order, decode_offset_token(page_token), limit)


class RegistrySearch:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _page(
        self,
        query: Select[Any],
        request: _Request,
        to_wire: Callable[[Connection, list[Row[Any]]], list[dict[str, Any]]],
    ) -> tuple[list[dict[str, Any]], str | None]:
        with self.db.read() as conn:
            rows, token = offset_page(
                list(conn.execute(query.offset(request.offset).limit(request.limit + 1))), request.offset, request.limit
            )
            return to_wire(conn, rows), token

    def models(
        self,
        filter_string: str | None,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
        visible: Visible | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``visible``: a filter on the model name (what the user may read), applied in SQL."""
        request = _parse(
            filter_string, max_results, order_by, page_token, MODEL_FILTER_ATTRIBUTES, MODEL_ORDER_KEYS, (100, 1000)
        )
        rm = registered_models.c
        conditions: list[ColumnElement[bool]] = [] if visible is None else [visible(rm.name)]
        for clause in request.clauses:
            if clause.kind == "tag":
                tag = registered_model_tags.alias()
                owned = and_(tag.c.name == rm.name, tag.c.key == clause.key)
                if clause.op == "!=" and clause.key == PROMPT_TAG:
                    matching = and_(owned, tag.c.value == clause.value)
                    conditions.append(not_(exists(select(literal(1)).where(matching))))
                else:
                    conditions.append(key_value_condition(owned, tag.c.value, clause))
            else:
                conditions.append(compare(rm.name, clause.op, clause.value))
        sort = [getattr(rm, o.key).asc() if o.ascending else getattr(rm, o.key).desc() for o in request.order]
        if not any(o.key == "name" for o in request.order):
            sort.append(rm.name.asc())
        return self._page(select(registered_models).where(*conditions).order_by(*sort), request, model_dicts)

    def versions(
        self,
        filter_string: str | None,
        max_results: int | None,
        order_by: list[str] | None,
        page_token: str | None,
        visible: Visible | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        request = _parse(
            filter_string,
            max_results,
            order_by,
            page_token,
            VERSION_FILTER_ATTRIBUTES,
            VERSION_ORDER_KEYS,
            (10_000, 200_000),
        )
        mv = model_versions.c
        columns = {
            "name": mv.name,
            "version_number": mv.version,
            "run_id": mv.run_id,
            "source_path": mv.source,
            "current_stage": mv.current_stage,
        }
        conditions: list[ColumnElement[bool]] = [] if visible is None else [visible(mv.name)]
        for clause in request.clauses:
            if clause.kind == "tag":
                tag = model_version_tags.alias()
                owned = and_(tag.c.name == mv.name, tag.c.version == mv.version, tag.c.key == clause.key)
                conditions.append(key_value_condition(owned, tag.c.value, clause))
                continue
            value = clause.value
            if clause.key == "version_number" and isinstance(value, float):
                value = int(value)
            if clause.key == "current_stage":
                value = (
                    [rules.canonical_stage(v) for v in value]
                    if isinstance(value, list)
                    else rules.canonical_stage(value)
                )
            conditions.append(compare(columns[clause.key], clause.op, value))
        sort = [getattr(mv, o.key).asc() if o.ascending else getattr(mv, o.key).desc() for o in request.order]
        sort += [mv.name.asc(), mv.version.desc()]
        return self._page(select(model_versions).where(*conditions).order_by(*sort), request, version_dicts)
