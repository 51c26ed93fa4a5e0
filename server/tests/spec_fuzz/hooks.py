"""Generators for the spec's string formats that JSON Schema cannot describe (see openapi.yaml's
header): schemathesis draws valid values of MLflow's search grammar from these, so its positive
checks hold these parameters too; the negative ones still send them wrong types."""

from __future__ import annotations

import json
import re
from typing import Any

import schemathesis
from hypothesis import strategies as st

_WORD = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
_KEY = st.one_of(_WORD, _WORD.map(lambda w: f"`{w} x`"))
_VALUE = st.from_regex(r"[A-Za-z0-9 _%.-]{0,10}", fullmatch=True)
_DIRECTION = st.sampled_from(["", " ASC", " DESC", " asc", " desc"])


def _clause() -> st.SearchStrategy[str]:
    return st.builds(
        lambda key, op, value: f"tags.{key} {op} '{value}'",
        _KEY,
        st.sampled_from(["=", "!=", "LIKE", "ILIKE"]),
        _VALUE,
    )


def _order_by(keys: list[str], prefixed: bool = False) -> st.SearchStrategy[str]:
    key = st.sampled_from(keys)
    if prefixed:
        key = st.one_of(key, st.builds(lambda p, k: f"{p}.{k}", st.sampled_from(["metrics", "params", "tags"]), _KEY))
    return st.builds(lambda k, d: k + d, key, _DIRECTION)


# A filter every search accepts: tag comparisons joined by AND (or nothing).
schemathesis.openapi.format("search-filter", st.lists(_clause(), max_size=3).map(" AND ".join))
schemathesis.openapi.format(
    "experiment-order-by", _order_by(["name", "experiment_id", "creation_time", "last_update_time"])
)
schemathesis.openapi.format(
    "run-order-by",
    _order_by(["start_time", "end_time", "status", "run_name", "attributes.start_time", "attributes.run_name"], True),
)
schemathesis.openapi.format("registered-model-order-by", _order_by(["name", "last_updated_timestamp"]))
schemathesis.openapi.format(
    "model-version-order-by", _order_by(["name", "last_updated_timestamp", "creation_timestamp", "version_number"])
)
# An MLmodel file as JSON text, with the keys runs/log-model requires.
schemathesis.openapi.format(
    "mlmodel-json",
    st.builds(
        lambda path, flavor, run_id: json.dumps(
            {
                "artifact_path": path,
                "flavors": {flavor: {}},
                "utc_time_created": "2026-01-01 10:00:00",
                "run_id": run_id,
            }
        ),
        st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        st.sampled_from(["python_function", "crate", "sklearn"]),
        st.from_regex(r"[0-9a-f]{32}", fullmatch=True),
    ),
)
# A page token is opaque: only one the server gave (or none) is valid, and a test has none to give.
schemathesis.openapi.format("page-token", st.just(""))


# Rules between fields, which a JSON Schema cannot state: requests that break them are left out
# (the server answers them 400, as MLflow does; server/tests cover those answers).
def _order_key(item: object) -> object:
    if not isinstance(item, str):
        return item
    words = item.split()
    if words and words[-1].upper() in ("ASC", "DESC"):
        words = words[:-1]
    return " ".join(words).removeprefix("attributes.")


def _whole(value: object) -> int | None:
    """An integer field's value, sent as a number or (in a query string) as text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _breaks_a_cross_field_rule(operation_id: str, query: dict[str, Any] | None, body: object) -> bool:
    fields = {**(query or {}), **(body if isinstance(body, dict) else {})}
    order_by = fields.get("order_by")
    if isinstance(order_by, list) and all(isinstance(i, str) for i in order_by):
        keys = [_order_key(i) for i in order_by]
        if len(keys) != len(set(keys)):  # each key at most once
            return True
    if operation_id == "getMetricHistoryBulkInterval":
        start, end = _whole(fields.get("start_step")), _whole(fields.get("end_step"))
        if (start is None) != (end is None) or (start is not None and end is not None and start > end):
            return True  # start_step and end_step go together, in order
    if operation_id == "transitionModelVersionStage" and fields.get("archive_existing_versions") is True:
        stage = fields.get("stage")
        if isinstance(stage, str) and stage.strip().lower() not in ("staging", "production"):
            return True  # archiving the others only makes sense for Staging and Production
    return False


@schemathesis.hook
def filter_case(ctx: Any, case: Any) -> bool:
    operation_id = case.operation.definition.raw.get("operationId", "")
    return not _breaks_a_cross_field_rule(operation_id, case.query, case.body)


_FORMAT_VIOLATION = re.compile(r"^\s*- violates `format` at /properties/(\w+)\s*$")
_INT32 = (-(2**31), 2**31 - 1)


@schemathesis.hook
def filter_failure(ctx: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keeps every failure but one kind: schemathesis counts any value of a format it cannot check
    (int64, page-token, the search grammar formats) as a violation, so a request whose only
    "violations" are such values, each one valid (an integer in range, a page token the server
    gave through a stateful link), is a valid request that the server rightly accepted."""
    if getattr(failure, "code", None) != "ST201" or not isinstance(case.body, dict):
        return True
    lines = [line for line in str(failure.message).splitlines() if line.strip().startswith("- ")]
    if not lines:
        return True
    for line in lines:
        match = _FORMAT_VIOLATION.match(line)
        if match is None:
            return True
        value = case.body.get(match.group(1))
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return True
        if isinstance(value, int) and not _INT32[0] <= value <= _INT32[1]:
            return True
    return False
