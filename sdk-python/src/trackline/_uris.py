"""Artifact URIs: ``runs:/``, ``models:/`` and ``mlflow-artifacts:`` and the paths inside them.

A run's artifacts live at ``mlflow-artifacts:/<experiment>/<run>/artifacts``; the server's
artifact proxy serves that as ``<tracking uri>/api/2.0/mlflow-artifacts/artifacts/<path>``.

>>> proxy_location("mlflow-artifacts:/1/abc/artifacts")
ProxyLocation(host=None, path='1/abc/artifacts')
>>> parse_runs_uri("runs:/abc/model/MLmodel")
('abc', 'model/MLmodel')
>>> join_artifact_path("1/abc/artifacts", "plots", "loss.png")
'1/abc/artifacts/plots/loss.png'
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._errors import TracklineException

__all__ = [
    "ProxyLocation",
    "clean_artifact_path",
    "join_artifact_path",
    "parse_models_uri",
    "parse_runs_uri",
    "proxy_location",
]

ARTIFACTS_SCHEME = "mlflow-artifacts"


def _invalid(message: str) -> TracklineException:
    return TracklineException(message, error_code="INVALID_PARAMETER_VALUE")


def clean_artifact_path(path: str | None) -> str:
    """``path`` as a relative POSIX path without leading or trailing slashes ('' for the root).

    Refuses parent-directory steps and absolute paths, which would leave the artifact root.

    >>> clean_artifact_path("/plots//loss.png/")
    'plots/loss.png'
    >>> clean_artifact_path(None)
    ''
    """
    if not path:
        return ""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise _invalid(f"Artifact path {path!r} must not contain '..'")
    return "/".join(parts)


def join_artifact_path(*parts: str | None) -> str:
    """The non-empty parts joined with ``/``, each cleaned."""
    return "/".join(p for p in (clean_artifact_path(part) for part in parts) if p)


@dataclass(frozen=True)
class ProxyLocation:
    """A place in the server's artifact proxy: ``path`` below the proxy's root.

    ``host`` is the ``host:port`` an ``mlflow-artifacts://host:port/...`` URI names, or
    ``None`` for the tracking server itself.
    """

    host: str | None
    path: str

    def child(self, *parts: str | None) -> ProxyLocation:
        return ProxyLocation(self.host, join_artifact_path(self.path, *parts))

    @property
    def parent(self) -> ProxyLocation:
        """The directory holding this location.

        >>> ProxyLocation(None, "1/abc/artifacts/model").parent.path
        '1/abc/artifacts'
        """
        return ProxyLocation(self.host, posixpath.dirname(self.path))

    def relative(self, full_path: str) -> str:
        """``full_path`` (below the proxy root) relative to this location."""
        if not self.path:
            return full_path
        return posixpath.relpath(full_path, self.path) if full_path != self.path else ""


def proxy_location(artifact_uri: str) -> ProxyLocation:
    """Where an ``mlflow-artifacts:`` URI points in the artifact proxy.

    Other artifact locations (a local directory, ``s3://``...) mean the server does not proxy
    this experiment's artifacts; the SDK reaches artifacts only through the server.
    """
    parts = urlsplit(artifact_uri)
    if parts.scheme != ARTIFACTS_SCHEME:
        raise _invalid(
            f"Artifact location {artifact_uri!r} is not served by the tracking server "
            "(expected an mlflow-artifacts: URI). Start the server with artifact serving on "
            "(the default) and a default artifact root of mlflow-artifacts:/."
        )
    return ProxyLocation(parts.netloc or None, clean_artifact_path(parts.path))


def parse_runs_uri(uri: str) -> tuple[str, str]:
    """``(run_id, path)`` from ``runs:/<run_id>/<path>`` (the path may be empty)."""
    parts = urlsplit(uri)
    if parts.scheme != "runs":
        raise _invalid(f"Not a runs:/ URI: {uri!r}")
    pieces = parts.path.lstrip("/").split("/", 1)
    run_id = parts.netloc or pieces[0]
    rest = parts.path.lstrip("/") if parts.netloc else (pieces[1] if len(pieces) > 1 else "")
    if not run_id:
        raise _invalid(f"A runs:/ URI needs a run id: runs:/<run_id>/<path>, got {uri!r}")
    return run_id, clean_artifact_path(rest)


@dataclass(frozen=True)
class ModelsUri:
    """What a ``models:/`` URI names: a logged model, or a registered model's version."""

    model_id: str | None = None
    name: str | None = None
    version: str | None = None
    stage: str | None = None
    alias: str | None = None
    path: str = ""


def parse_models_uri(uri: str) -> ModelsUri:
    """``models:/<model_id>``, ``models:/<name>/<version|stage>`` or ``models:/<name>@<alias>``.

    >>> parse_models_uri("models:/churn@champion")
    ModelsUri(model_id=None, name='churn', version=None, stage=None, alias='champion', path='')
    >>> parse_models_uri("models:/m-0123/MLmodel").model_id
    'm-0123'
    """
    parts = urlsplit(uri)
    if parts.scheme != "models":
        raise _invalid(f"Not a models:/ URI: {uri!r}")
    pieces = [p for p in parts.path.split("/") if p]
    if parts.netloc:
        pieces.insert(0, parts.netloc)
    if not pieces:
        raise _invalid(f"A models:/ URI needs a model: {uri!r}")
    head, rest = pieces[0], pieces[1:]
    if "@" in head:
        name, alias = head.split("@", 1)
        return ModelsUri(name=name, alias=alias, path="/".join(rest))
    if head.startswith("m-") and (not rest or not _is_version_or_stage(rest[0])):
        return ModelsUri(model_id=head, path="/".join(rest))
    if not rest:
        raise _invalid(
            f"Model URI {uri!r} needs a version, stage or alias: models:/<name>/<version>, "
            "models:/<name>/<stage>, models:/<name>@<alias> or models:/<model_id>"
        )
    if rest[0].isdigit():
        return ModelsUri(name=head, version=rest[0], path="/".join(rest[1:]))
    return ModelsUri(name=head, stage=rest[0], path="/".join(rest[1:]))


def _is_version_or_stage(value: str) -> bool:
    return value.isdigit() or value.lower() in {
        "none",
        "staging",
        "production",
        "archived",
        "latest",
    }
