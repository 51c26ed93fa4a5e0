"""MLflow's validation rules for names, values and batch sizes."""

from __future__ import annotations

import math
import posixpath
import re

from ..errors import invalid

MAX_KEY_LENGTH = 250
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 8000
MAX_EXPERIMENT_NAME_LENGTH = 500
MAX_EXPERIMENT_TAG_VALUE_LENGTH = 20000
MAX_BATCH_METRICS = 1000
MAX_BATCH_PARAMS = 100
MAX_BATCH_TAGS = 100
MAX_BATCH_ENTITIES = 1000
MAX_SEARCH_RESULTS = 50000
MAX_DOUBLE = 1.7976931348623157e308

_KEY_RE = re.compile(r"^[/\w.\- :]*$")
_RUN_ID_RE = re.compile(r"^[a-zA-Z0-9][\w\-]{0,255}$")


def check_key(key: str, what: str) -> None:
    """``what`` is e.g. 'metric', 'param', 'tag'."""
    if len(key) > MAX_KEY_LENGTH:
        raise invalid(f"'{what.capitalize()} key' exceeds the maximum length of {MAX_KEY_LENGTH} characters.")
    if not _KEY_RE.match(key):
        raise invalid(
            f"Invalid {what} name: '{key}'. Names may only contain alphanumerics, underscores (_), "
            "dashes (-), periods (.), spaces ( ), colon(:) and slashes (/)."
        )
    if key == "" or posixpath.normpath(key) != key or key == "." or key.startswith("..") or key.startswith("/"):
        raise invalid(
            f"Invalid {what} name: '{key}'. Names cannot be empty, start with '/' or '..', "
            "or contain path segments such as '.' or '//'."
        )


def check_run_id(run_id: str) -> None:
    if not _RUN_ID_RE.match(run_id):
        raise invalid(f"Invalid run ID: '{run_id}'.")


def parse_experiment_id(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise invalid(f"Invalid experiment ID '{value}'. Experiment ID must be a valid integer.") from None
    if number < 0 or number > 2**31 - 1:
        raise invalid(f"Invalid experiment ID '{value}'. Experiment ID must be a valid integer.")
    return number


def check_experiment_name(name: str) -> None:
    if not isinstance(name, str) or name.strip() == "":
        raise invalid("Invalid experiment name: the name must be a non-empty string.")
    if len(name) > MAX_EXPERIMENT_NAME_LENGTH:
        raise invalid(f"'Experiment name' exceeds the maximum length of {MAX_EXPERIMENT_NAME_LENGTH} characters.")


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


def check_max_results(value: int | None, default: int, limit: int, name: str = "max_results") -> int:
    if value is None:
        return default
    if value < 1:
        raise invalid(f"Invalid value {value} for parameter '{name}' supplied. It must be a positive integer.")
    if value > limit:
        raise invalid(f"Invalid value {value} for parameter '{name}' supplied. It must be at most {limit}.")
    return value
