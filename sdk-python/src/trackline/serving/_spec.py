"""``scoring.yaml``, the scoring server's API description, and the operations in it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["ScoringOperation", "operations", "spec_path", "spec_text"]

_METHODS = ("get", "post", "put", "patch", "delete")


def spec_path() -> Path:
    """Beside this module when installed from a wheel, at the repository root in a checkout."""
    env = os.environ.get("TRACKLINE_SCORING_SPEC")
    if env:
        return Path(env)
    packaged = Path(__file__).with_name("scoring.yaml")
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parents[4] / "scoring.yaml"


@lru_cache(maxsize=1)
def spec_text() -> str:
    return spec_path().read_text(encoding="utf-8")


@dataclass(frozen=True)
class ScoringOperation:
    operation_id: str
    method: str
    path: str

    @property
    def flask_rule(self) -> str:
        """``/models/{name}/invocations`` as ``/models/<name>/invocations``."""
        return re.sub(r"{([^}]+)}", r"<\1>", self.path)


@lru_cache(maxsize=1)
def operations() -> tuple[ScoringOperation, ...]:
    from trackline._media import _optional  # noqa: PLC0415

    yaml = _optional("yaml", "serve", "The scoring server")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(spec_text(), Loader=loader)
    found = []
    for path, item in spec["paths"].items():
        for method in _METHODS:
            if method in item:
                found.append(ScoringOperation(item[method]["operationId"], method.upper(), path))
    return tuple(found)
