"""A model's signature: the schema of its inputs, of its outputs, and of its parameters.

In ``MLmodel`` each part is a JSON string (``params`` may be null)::

    signature:
      inputs: '[{"type": "double", "name": "x", "required": true}]'
      outputs: '[{"type": "long", "required": true}]'
      params: null

>>> from trackline.models import ColSpec
>>> sig = ModelSignature(Schema([ColSpec("double", "x")]), Schema([ColSpec("long")]))
>>> ModelSignature.from_dict(sig.to_dict()) == sig
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trackline._errors import TracklineException

from ._schema import ParamSchema, Schema

__all__ = ["ModelSignature"]


@dataclass(frozen=True)
class ModelSignature:
    """What a model takes and gives: ``inputs``, ``outputs`` (optional) and ``params`` (optional)."""

    inputs: Schema | None = None
    outputs: Schema | None = None
    params: ParamSchema | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "inputs": self.inputs.to_json() if self.inputs is not None else None,
            "outputs": self.outputs.to_json() if self.outputs is not None else None,
            "params": self.params.to_json() if self.params is not None else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ModelSignature:
        if not isinstance(raw, dict):
            raise TracklineException("A signature is a mapping of inputs, outputs and params")
        inputs, outputs, params = raw.get("inputs"), raw.get("outputs"), raw.get("params")
        return cls(
            Schema.from_json(inputs) if inputs else None,
            Schema.from_json(outputs) if outputs else None,
            ParamSchema.from_json(params) if params else None,
        )

    def __str__(self) -> str:
        parts = [f"inputs: {self.inputs}", f"outputs: {self.outputs}"]
        if self.params is not None:
            parts.append("params: [" + ", ".join(f"{p.name}: {p.dtype}" for p in self.params) + "]")
        return "\n".join(parts)
