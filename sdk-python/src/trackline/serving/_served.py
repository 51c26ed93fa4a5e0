"""The models one server serves: their names, versions, weights, and how a request picks one.

``-m [NAME=]URI`` names a model; without a name, the URI gives one: ``models:/recs@champion``
is ``recs@champion``, ``models:/recs/3`` is ``recs-3``, a local directory its base name.

``--split 90,10`` weights ``/invocations`` between them with a smooth weighted round-robin:
over any 100 consecutive requests to one worker, the first model gets 90 and the second 10,
interleaved (not 90 in a row).

>>> spec = parse_model_spec("models:/recs@champion")
>>> (spec.name, spec.uri)
('recs@champion', 'models:/recs@champion')
>>> parse_model_spec("b=./model-b").name
'b'
>>> router = WeightedRouter(["a", "b"], [90, 10])
>>> picks = [router.next() for _ in range(100)]
>>> (picks.count("a"), picks.count("b"))
(90, 10)
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from trackline.pyfunc._pyfunc_model import PyFuncModel

from ._errors import ScoringError

__all__ = [
    "ModelSet",
    "ModelSpec",
    "ServedModel",
    "WeightedRouter",
    "load_served",
    "parse_model_spec",
    "parse_split",
    "pinned_uri",
    "registry_version",
    "served_model",
    "unique_names",
]

_NAME = re.compile(r"^[A-Za-z0-9_.@-]+$")


@dataclass(frozen=True)
class ModelSpec:
    """A model to serve, as given on the command line."""

    name: str
    uri: str


def _default_name(uri: str) -> str:
    parts = urlsplit(uri)
    if parts.scheme == "models":
        reference = (parts.netloc + parts.path).strip("/")
        return reference.replace("/", "-")
    if parts.scheme == "runs":
        return (parts.netloc + parts.path).strip("/").replace("/", "-")
    return Path(parts.path if parts.scheme == "file" else uri).resolve().name or "model"


def parse_model_spec(text: str) -> ModelSpec:
    """``NAME=URI`` or ``URI``."""
    name, sep, uri = text.partition("=")
    if not sep or "://" in name or ":/" in name or not _NAME.match(name):
        name, uri = _default_name(text), text
    cleaned = re.sub(r"[^A-Za-z0-9_.@-]", "-", name)
    return ModelSpec(cleaned, uri)


def unique_names(specs: Sequence[ModelSpec]) -> list[ModelSpec]:
    """The specs with repeated names made unique (``-2``, ``-3``...)."""
    seen: dict[str, int] = {}
    out = []
    for spec in specs:
        count = seen.get(spec.name, 0) + 1
        seen[spec.name] = count
        out.append(spec if count == 1 else ModelSpec(f"{spec.name}-{count}", spec.uri))
    return out


def parse_split(text: str | None, count: int) -> list[float]:
    """The weights of ``count`` models: ``--split 90,10``, or equal shares when not given."""
    if not text:
        return [1.0] * count
    try:
        weights = [float(w) for w in text.split(",")]
    except ValueError:
        raise ValueError(f"--split takes numbers separated by commas, such as 90,10; got {text!r}") from None
    if len(weights) != count:
        raise ValueError(f"--split has {len(weights)} weights for {count} models")
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("--split weights must be non-negative, and not all zero")
    return weights


class WeightedRouter:
    """Smooth weighted round-robin: each pick adds every weight to its credit and takes the
    highest, which then pays back the total. Exact shares, evenly interleaved; thread-safe."""

    def __init__(self, names: Sequence[str], weights: Sequence[float]) -> None:
        self._names = list(names)
        self._weights = list(weights)
        self._total = sum(weights)
        self._credit = [0.0] * len(names)
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            best = 0
            for i, weight in enumerate(self._weights):
                self._credit[i] += weight
                if self._credit[i] > self._credit[best]:
                    best = i
            self._credit[best] -= self._total
            return self._names[best]


@dataclass
class ServedModel:
    """A loaded model and how it is known: name, URI, version (see the spec's headers), weight."""

    name: str
    uri: str
    version: str
    weight: float
    model: PyFuncModel

    def headers(self) -> dict[str, str]:
        return {"X-Trackline-Model": self.name, "X-Trackline-Model-Version": self.version}

    def describe(self) -> dict[str, object]:
        return {"name": self.name, "uri": self.uri, "version": self.version, "weight": self.weight}


class ModelSet:
    """The served models; ``pick`` chooses one for a request."""

    def __init__(self, models: Sequence[ServedModel]) -> None:
        if not models:
            raise ValueError("no model to serve")
        self.models = {m.name: m for m in models}
        self._router = WeightedRouter([m.name for m in models], [m.weight for m in models])
        self._only = models[0] if len(models) == 1 else None

    def get(self, name: str) -> ServedModel:
        found = self.models.get(name)
        if found is None:
            raise ScoringError(
                f"No served model is called {name!r}; served: {sorted(self.models)}", "RESOURCE_DOES_NOT_EXIST"
            )
        return found

    def pick(self, requested: str | None = None) -> ServedModel:
        if requested:
            return self.get(requested)
        if self._only is not None:
            return self._only
        return self.models[self._router.next()]


def registry_version(uri: str) -> str | None:
    """The version a ``models:/<name>...`` URI names now (an alias or stage resolved), else None."""
    if urlsplit(uri).scheme != "models":
        return None
    from trackline._fluent import _get_client  # noqa: PLC0415
    from trackline._uris import parse_models_uri  # noqa: PLC0415

    ref = parse_models_uri(uri)
    if ref.name is None or ref.version is not None:
        return ref.version
    client = _get_client()
    if ref.alias is not None:
        return client.get_model_version_by_alias(ref.name, ref.alias).version
    stage = str(ref.stage)
    found = client.get_latest_versions(ref.name, None if stage.lower() == "latest" else [stage])
    if not found:
        raise ScoringError(f"Registered model {ref.name!r} has no version in {stage!r}", "RESOURCE_DOES_NOT_EXIST")
    return max(found, key=lambda v: int(v.version)).version


def pinned_uri(uri: str, version: str | None) -> str:
    """``models:/<name>/<version>`` for a registered model's URI resolved to ``version``."""
    if version is None:
        return uri
    from trackline._uris import parse_models_uri  # noqa: PLC0415

    ref = parse_models_uri(uri)
    return f"models:/{ref.name}/{version}" + (f"/{ref.path}" if ref.path else "")


def served_model(name: str, uri: str, model: PyFuncModel, version: str | None, weight: float) -> ServedModel:
    """A loaded model as served; without a registry version, its logged model id or uuid names it."""
    if version is None:
        meta = model.metadata
        version = str(meta.model_id or meta.model_uuid or os.path.basename(str(model.model_path)))
    return ServedModel(name, uri, version, weight, model)


def load_served(spec: ModelSpec, weight: float) -> ServedModel:
    """Load the model of ``spec``; a registered model is pinned to the version its alias or
    stage names at load time, and that version is what the answers report."""
    from trackline.pyfunc import load_model  # noqa: PLC0415

    version = registry_version(spec.uri)
    return served_model(spec.name, spec.uri, load_model(pinned_uri(spec.uri, version)), version, weight)
