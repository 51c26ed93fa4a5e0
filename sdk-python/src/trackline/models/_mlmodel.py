"""The ``MLmodel`` file: what a model directory holds and how to load it.

Keys Trackline does not know are kept as they are, so a model written by another tool
keeps every field when Trackline reads it (Trackline never rewrites an existing ``MLmodel``).

>>> m = Model(run_id="abc", flavors={})
>>> m = m.add_flavor("python_function", loader_module="mlflow.sklearn")
>>> Model.from_dict(m.to_dict()).flavors["python_function"]["loader_module"]
'mlflow.sklearn'
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trackline._errors import TracklineException
from trackline._media import _optional

from ._schema import ParamSchema, Schema
from ._signature import ModelSignature

__all__ = ["MLMODEL_FILE_NAME", "TRACKLINE_VERSION", "Model"]

MLMODEL_FILE_NAME = "MLmodel"
TRACKLINE_VERSION = "0.1.0"

#: Keys with a meaning of their own; everything else is kept in ``Model.extra``.
_KNOWN = (
    "artifact_path",
    "run_id",
    "utc_time_created",
    "flavors",
    "signature",
    "saved_input_example_info",
    "model_uuid",
    "model_id",
    "mlflow_version",
    "trackline_version",
    "metadata",
    "model_size_bytes",
)


def _yaml() -> Any:
    return _optional("yaml", "models", "Reading and writing models")


def utc_now() -> str:
    """The time as MLmodel writes it: ``'YYYY-MM-DD HH:MM:SS.ffffff'`` in UTC."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class Model:
    """The contents of an ``MLmodel`` file (MLflow's format).

    ``flavors`` maps a flavor name (``python_function``, ``sklearn``) to its settings; ``extra``
    holds the keys this class has no attribute for, such as ``prompts`` or ``resources``.
    """

    def __init__(
        self,
        artifact_path: str | None = None,
        run_id: str | None = None,
        utc_time_created: str | None = None,
        flavors: dict[str, dict[str, Any]] | None = None,
        signature: ModelSignature | None = None,
        saved_input_example_info: dict[str, Any] | None = None,
        model_uuid: str | None = None,
        model_id: str | None = None,
        mlflow_version: str | None = None,
        trackline_version: str | None = TRACKLINE_VERSION,
        metadata: dict[str, Any] | None = None,
        model_size_bytes: int | None = None,
        **extra: Any,
    ) -> None:
        self.artifact_path = artifact_path
        self.run_id = run_id
        self.utc_time_created = utc_time_created or utc_now()
        self.flavors: dict[str, dict[str, Any]] = flavors if flavors is not None else {}
        self.signature = signature
        self.saved_input_example_info = saved_input_example_info
        self.model_uuid = model_uuid or uuid.uuid4().hex
        self.model_id = model_id
        self.mlflow_version = mlflow_version
        self.trackline_version = trackline_version
        self.metadata = metadata
        self.model_size_bytes = model_size_bytes
        self.extra: dict[str, Any] = extra

    # --- flavors and schemas ---------------------------------------------------------------

    def add_flavor(self, name: str, **params: Any) -> Model:
        """Add (or replace) a flavor's settings; returns the model."""
        self.flavors[name] = params
        return self

    def get_input_schema(self) -> Schema | None:
        return self.signature.inputs if self.signature is not None else None

    def get_output_schema(self) -> Schema | None:
        return self.signature.outputs if self.signature is not None else None

    def get_params_schema(self) -> ParamSchema | None:
        return self.signature.params if self.signature is not None else None

    @property
    def is_signature_from_type_hint(self) -> bool:
        return bool(self.extra.get("is_signature_from_type_hint", False))

    # --- reading and writing -----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The MLmodel mapping: unset fields left out, ``model_id`` written even when null."""
        out: dict[str, Any] = dict(self.extra)
        values = {
            "artifact_path": self.artifact_path,
            "run_id": self.run_id,
            "utc_time_created": str(self.utc_time_created),
            "flavors": self.flavors,
            "saved_input_example_info": self.saved_input_example_info,
            "model_uuid": self.model_uuid,
            "mlflow_version": self.mlflow_version,
            "trackline_version": self.trackline_version,
            "metadata": self.metadata,
            "model_size_bytes": self.model_size_bytes,
        }
        out.update({k: v for k, v in values.items() if v is not None})
        out["model_id"] = self.model_id
        if self.signature is not None:
            out["signature"] = self.signature.to_dict()
            out.setdefault("is_signature_from_type_hint", False)
            out.setdefault("type_hint_from_example", False)
        return out

    def to_yaml(self) -> str:
        text: str = _yaml().safe_dump(self.to_dict(), default_flow_style=False)
        return text

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the MLmodel file (``path`` is the file, or the model directory)."""
        target = Path(path)
        if target.is_dir():
            target = target / MLMODEL_FILE_NAME
        target.write_text(self.to_yaml(), encoding="utf-8")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Model:
        if not isinstance(raw, dict) or not isinstance(raw.get("flavors", {}), dict):
            raise TracklineException("An MLmodel file is a YAML mapping with a 'flavors' mapping")
        known = {k: raw[k] for k in _KNOWN if k in raw}
        extra = {k: v for k, v in raw.items() if k not in _KNOWN}
        signature = known.pop("signature", None)
        known.setdefault("trackline_version", None)
        model = cls(**known, **extra)
        if signature:
            model.signature = ModelSignature.from_dict(signature)
        return model

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read an MLmodel file, or the one in a model directory."""
        target = Path(path)
        if target.is_dir():
            target = target / MLMODEL_FILE_NAME
        if not target.is_file():
            raise TracklineException(
                f"No MLmodel file at {target}: not a model directory", error_code="RESOURCE_DOES_NOT_EXIST"
            )
        yaml = _yaml()
        try:
            raw = yaml.safe_load(target.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise TracklineException(
                f"{target} is not valid YAML: {exc}", error_code="INVALID_PARAMETER_VALUE"
            ) from None
        return cls.from_dict(raw)

    def __repr__(self) -> str:
        return f"Model(flavors={sorted(self.flavors)}, model_id={self.model_id!r}, run_id={self.run_id!r})"
