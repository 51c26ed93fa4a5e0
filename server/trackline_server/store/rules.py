"""MLflow's semantic limits: names, keys, values, batch sizes, page sizes, stages and aliases.

Presence and types are the spec's (checked by :mod:`trackline_server.validation` before a handler
runs); what is here is what the spec cannot say.
"""

from __future__ import annotations

import math
import posixpath
import re
from typing import Any, overload

from ..errors import invalid, not_found

MAX_KEY_LENGTH = 250
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 8000
MAX_EXPERIMENT_NAME_LENGTH = 500
MAX_EXPERIMENT_TAG_VALUE_LENGTH = 20000
MAX_MODEL_TAG_VALUE_LENGTH = 100_000
MAX_MODEL_NAME_LENGTH = 256
MAX_ALIAS_LENGTH = 255
MAX_DATASET_NAME_LENGTH = 500
MAX_DATASET_DIGEST_LENGTH = 36
MAX_BATCH_METRICS = 1000
MAX_BATCH_PARAMS = 100
MAX_BATCH_TAGS = 100
MAX_BATCH_ENTITIES = 1000
MAX_SEARCH_RESULTS = 50000
MAX_BULK_HISTORY_RUNS = 100
MAX_DOUBLE = 1.7976931348623157e308

STAGES = {"none": "None", "staging": "Staging", "production": "Production", "archived": "Archived"}
ACTIVE_STAGES = ("Staging", "Production")

# The characters a key may hold: any but controls and the ASCII punctuation other than `_ - . : /`
# and space; the spec states the same class in its patterns (ECMA-262, as every JSON Schema tool
# reads them, which `\w` would make ASCII-only).
_KEY_CHAR = r"[^\x00-\x1f\x21-\x2c\x3b-\x40\x5b-\x5e\x60\x7b-\x9f]"
_KEY_RE = re.compile(rf"^{_KEY_CHAR}*$")
_ALIAS_RE = re.compile(r"^[A-Za-z0-9_\-]*$")
# Whitespace as ECMA-262's `\s` (the spec's patterns) counts it: a name must hold something else.
SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


_RESERVED_ALIAS = re.compile(r"^(latest|v\d+)$", re.IGNORECASE)


def is_blank(text: str) -> bool:
    return text.strip(SPACE) == ""


def check_key(key: str, what: str) -> None:
    """``what`` is e.g. 'metric', 'param', 'tag'."""
    if len(key) > MAX_KEY_LENGTH:
        raise invalid(f"'{what.capitalize()} key' exceeds the maximum length of {MAX_KEY_LENGTH} characters.")
    if not _KEY_RE.fullmatch(key):
        raise invalid(
            f"Invalid {what} name: '{key}'. Names may only contain alphanumerics, underscores (_), "
            "dashes (-), periods (.), spaces ( ), colon(:) and slashes (/)."
        )
    if key == "" or posixpath.normpath(key) != key or key == "." or key.startswith("..") or key.startswith("/"):
        raise invalid(
            f"Invalid {what} name: '{key}'. Names cannot be empty, start with '/' or '..', "
            "or contain path segments such as '.' or '//'."
        )


MAX_STORED_ID = 2**31 - 1  # ids are 64-bit on the wire (MLflow's); the tables hold 32-bit ones


_ID_RE = re.compile(r"-?[0-9]+")


def _experiment_id_number(value: str) -> int:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise invalid(f"Invalid experiment ID '{value}'. Experiment ID must be a valid integer.")
    return int(value)


def parse_experiment_id(value: str) -> int:
    """The id of an experiment the request names; an id no experiment can have is not found (404)."""
    number = _experiment_id_number(value)
    if number < 0 or number > MAX_STORED_ID:
        raise not_found(f"No Experiment with id={number} exists")
    return number


def parse_experiment_ids(values: list[str]) -> list[int]:
    """Ids to search in: each must be a valid id; those no experiment can have match nothing."""
    return [n for n in (_experiment_id_number(v) for v in values) if 0 <= n <= MAX_STORED_ID]


def check_experiment_name(name: str) -> None:
    if is_blank(name):
        raise invalid("Invalid experiment name: the name must be a non-empty string.")
    if len(name) > MAX_EXPERIMENT_NAME_LENGTH:
        raise invalid(f"'Experiment name' exceeds the maximum length of {MAX_EXPERIMENT_NAME_LENGTH} characters.")


def check_experiment_tag(key: str, value: str | None) -> None:
    check_key(key, "tag")
    if value is not None and len(value) > MAX_EXPERIMENT_TAG_VALUE_LENGTH:
        raise invalid(
            f"'Experiment tag value' exceeds the maximum length of {MAX_EXPERIMENT_TAG_VALUE_LENGTH} characters."
        )


def metric_value(value: float) -> tuple[float, bool]:
    """The stored value and the NaN flag. Infinities become the largest finite double."""
    if -MAX_DOUBLE <= value <= MAX_DOUBLE:  # finite: the common case, tested first
        return float(value), False
    if math.isnan(value):
        return 0.0, True
    return (MAX_DOUBLE if value > 0 else -MAX_DOUBLE), False  # an infinity


def check_timestamp(value: int, name: str = "timestamp") -> None:
    if value < 0:
        raise invalid(f"Invalid value {value} for parameter '{name}' supplied: it must be non-negative.")


def check_batch_sizes(metric_count: int, param_count: int, tag_count: int) -> None:
    if metric_count > MAX_BATCH_METRICS:
        raise invalid(
            f"A batch logging request can contain at most {MAX_BATCH_METRICS} metrics. "
            f"Got {metric_count} metrics. Please split up metrics across multiple requests and try again."
        )
    if param_count > MAX_BATCH_PARAMS:
        raise invalid(
            f"A batch logging request can contain at most {MAX_BATCH_PARAMS} params. "
            f"Got {param_count} params. Please split up params across multiple requests and try again."
        )
    if tag_count > MAX_BATCH_TAGS:
        raise invalid(
            f"A batch logging request can contain at most {MAX_BATCH_TAGS} tags. "
            f"Got {tag_count} tags. Please split up tags across multiple requests and try again."
        )
    total = metric_count + param_count + tag_count
    if total > MAX_BATCH_ENTITIES:
        raise invalid(
            f"A batch logging request can contain at most {MAX_BATCH_ENTITIES} total metrics, params "
            f"and tags. Got {total} entities. Please split up the request and try again."
        )


def check_dataset(name: str, digest: str) -> None:
    if len(name) > MAX_DATASET_NAME_LENGTH or len(digest) > MAX_DATASET_DIGEST_LENGTH:
        raise invalid(
            f"Dataset name must be at most {MAX_DATASET_NAME_LENGTH} characters and digest at most "
            f"{MAX_DATASET_DIGEST_LENGTH} characters."
        )


@overload
def check_max_results(value: int | None, default: int, limit: int | None, name: str = ...) -> int: ...


@overload
def check_max_results(value: int | None, default: None, limit: int | None, name: str = ...) -> int | None: ...


def check_max_results(
    value: int | None, default: int | None, limit: int | None, name: str = "max_results"
) -> int | None:
    """A page size: ``default`` when none is given, else a positive number up to ``limit`` (if any)."""
    if value is None:
        return default
    if value < 1:
        raise invalid(f"Invalid value {value} for parameter '{name}' supplied. It must be a positive integer.")
    if limit is not None and value > limit:
        raise invalid(f"Invalid value {value} for parameter '{name}' supplied. It must be at most {limit}.")
    return value


def check_bulk_history_runs(run_count: int) -> None:
    if run_count > MAX_BULK_HISTORY_RUNS:
        raise invalid(
            f"GetMetricHistoryBulkInterval request must specify at most {MAX_BULK_HISTORY_RUNS} run_ids. "
            f"Received {run_count} run_ids."
        )


def check_step_interval(start_step: int | None, end_step: int | None) -> None:
    if (start_step is None) != (end_step is None):
        raise invalid("If either start step or end step are specified, both must be specified.")
    if start_step is not None and end_step is not None and start_step > end_step:
        raise invalid("end_step must be greater than start_step. ")


def check_model_name(name: str) -> None:
    if not name or is_blank(name):
        raise invalid("Registered model name cannot be empty.")
    if "/" in name or ":" in name or len(name) > MAX_MODEL_NAME_LENGTH:
        raise invalid(
            f"Invalid registered model name '{name}': it must not contain '/' or ':' "
            f"(at most {MAX_MODEL_NAME_LENGTH} characters)."
        )


def check_model_tag(key: str, value: str | None) -> None:
    """A tag of a registered model or a model version."""
    check_key(key, "tag")
    if value is not None and len(value) > MAX_MODEL_TAG_VALUE_LENGTH:
        raise invalid(f"'Tag value' exceeds the maximum length of {MAX_MODEL_TAG_VALUE_LENGTH} characters.")


def parse_version(version: Any, name: str | None = None) -> int:
    """A model version's number. A number no version can have (0, beyond 32 bits) is not found
    (404) as in MLflow when it names a version of ``name``; as a filter it simply matches nothing."""
    if not _ID_RE.fullmatch(str(version)):
        raise invalid(f"Parameter 'version' must be an integer, got '{version}'.")
    number = int(str(version))
    if number < 0:
        raise invalid(f"Parameter 'version' must be a positive integer, got '{version}'.")
    if name is not None and (number == 0 or number > MAX_STORED_ID):
        raise not_found(f"Model Version (name={name}, version={number}) not found")
    return number


def canonical_stage(stage: str) -> str:
    found = STAGES.get((stage or "").strip(SPACE).lower())
    if found is None:
        raise invalid(
            f"Invalid Model Version stage: {stage}. Value must be one of None, Staging, Production, Archived."
        )
    return found


def check_alias(alias: str) -> None:
    if not alias or len(alias) > MAX_ALIAS_LENGTH or not _ALIAS_RE.fullmatch(alias):
        raise invalid(
            f"Invalid alias name '{alias}'. Aliases may only contain alphanumerics, underscores and dashes "
            f"(at most {MAX_ALIAS_LENGTH} characters)."
        )
    if _RESERVED_ALIAS.match(alias):
        raise invalid(f"'{alias}' is a reserved alias name; 'latest' and 'v<number>' cannot be used.")
