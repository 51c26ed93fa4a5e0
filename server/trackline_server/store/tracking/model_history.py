"""The run tag ``mlflow.log-model.history``: the models logged from a run (``runs/log-model``).

MLflow's R package (and MLflow 2's Python client) record each model they log by sending its
MLmodel as JSON; the server appends an entry to a JSON list in this tag. An entry holds what
MLflow keeps of the model: ``run_id``, ``utc_time_created``, ``artifact_path``, ``model_uuid``
(a new one when the model has none) and ``flavors`` without their ``config`` settings.

The tag is limited to 8,000 characters like every run tag. MLflow cuts the value there, which
leaves invalid JSON; here the oldest entries are dropped until the list fits, so the tag always
parses (docs/compatibility.md).

>>> entry = history_entry('{"artifact_path": "model", "flavors": {"crate": {"version": "0.1.0"}},'
...                       ' "utc_time_created": "2026-01-01 00:00:00.000000", "run_id": "r1", "model_uuid": "u1"}')
>>> sorted(entry)
['artifact_path', 'flavors', 'model_uuid', 'run_id', 'utc_time_created']
>>> appended(None, entry) == json.dumps([entry])
True
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from ...errors import invalid
from .. import rules

HISTORY_TAG = "mlflow.log-model.history"
REQUIRED_FIELDS = ("artifact_path", "flavors", "utc_time_created", "run_id")
_KEPT_FIELDS = ("run_id", "utc_time_created", "artifact_path", "model_uuid")


def history_entry(model_json: str) -> dict[str, Any]:
    """The history entry of a model given as MLmodel JSON; a 400 when it is not such a model."""
    try:
        model = json.loads(model_json)
    except ValueError:
        raise invalid(f"Malformed model info. \n {model_json[:1000]} \n is not a valid JSON.") from None
    if not isinstance(model, dict):
        raise invalid(f"Malformed model info: model_json must be a JSON object, got {type(model).__name__}.")
    missing = sorted(set(REQUIRED_FIELDS) - set(model))
    if missing:
        raise invalid(f"Model json is missing mandatory fields: {missing}")
    flavors = model["flavors"]
    if not isinstance(flavors, dict):
        raise invalid("Malformed model info: 'flavors' must be a JSON object of flavor name to settings.")
    entry = {key: model[key] for key in _KEPT_FIELDS if model.get(key) is not None}
    entry.setdefault("model_uuid", uuid.uuid4().hex)
    entry["flavors"] = {
        name: ({k: v for k, v in config.items() if k != "config"} if isinstance(config, dict) else config)
        for name, config in flavors.items()
    }
    return entry


def appended(previous: str | None, entry: dict[str, Any]) -> str:
    """The tag's new value: the previous list (a value that is not a JSON list starts a new one)
    with ``entry`` added, less its oldest entries when it would exceed the tag length limit."""
    try:
        entries = json.loads(previous) if previous else []
    except ValueError:
        entries = []
    if not isinstance(entries, list):
        entries = []
    entries.append(entry)
    value = json.dumps(entries)
    while len(value) > rules.MAX_TAG_VALUE_LENGTH and len(entries) > 1:
        entries.pop(0)
        value = json.dumps(entries)
    if len(value) > rules.MAX_TAG_VALUE_LENGTH:
        raise invalid(
            f"The model's entry in the {HISTORY_TAG} tag is {len(value)} characters long; a tag value "
            f"is at most {rules.MAX_TAG_VALUE_LENGTH}."
        )
    return value
