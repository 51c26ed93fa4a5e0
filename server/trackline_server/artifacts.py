"""Reading run artifact directories on the server's local artifact store."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlparse

from .config import ServerConfig
from .errors import invalid


def safe_relative_path(path: str) -> str:
    """A relative path that stays inside its root, or a 400."""
    decoded = unquote(path)
    if "\x00" in decoded or decoded.startswith("/") or decoded.startswith("\\"):
        raise invalid(f"Invalid path: '{path}'.")
    parts = [p for p in decoded.replace("\\", "/").split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise invalid(f"Invalid path: '{path}'.")
    return "/".join(parts)


class ArtifactService:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config

    def local_root(self, artifact_uri: str) -> str | None:
        """The local directory behind an artifact URI, when it is on this server."""
        if artifact_uri.startswith("mlflow-artifacts:"):
            rest = urlparse(artifact_uri).path.lstrip("/")
            return os.path.join(self.config.artifacts_path, safe_relative_path(rest))
        if artifact_uri.startswith("file://"):
            return unquote(urlparse(artifact_uri).path)
        if artifact_uri.startswith("/"):
            return artifact_uri
        return None

    def list_run_artifacts(self, root_uri: str, path: str) -> list[dict[str, Any]]:
        rel = safe_relative_path(path)
        root = self.local_root(root_uri)
        if root is None:
            raise invalid(f"Listing artifacts stored at '{root_uri}' is not supported by this server.")
        root_real = os.path.realpath(root)
        target = os.path.realpath(os.path.join(root, rel))
        if target != root_real and not target.startswith(root_real + os.sep):
            raise invalid(f"Invalid path: '{path}'.")
        if not os.path.isdir(target):
            return []
        files = []
        for entry in sorted(os.scandir(target), key=lambda e: e.name):
            entry_path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                files.append({"path": entry_path, "is_dir": True})
            elif entry.is_file(follow_symlinks=False):
                files.append({"path": entry_path, "is_dir": False, "file_size": entry.stat().st_size})
        return files
