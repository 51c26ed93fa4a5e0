"""Server settings, as given on the command line."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

DEFAULT_BACKEND_STORE_URI = "sqlite:///trackline.db"
DEFAULT_ARTIFACTS_DESTINATION = "./trackline-artifacts"
PROXY_ARTIFACT_ROOT = "mlflow-artifacts:/"


@dataclass
class ServerConfig:
    backend_store_uri: str = DEFAULT_BACKEND_STORE_URI
    default_artifact_root: str | None = None
    artifacts_destination: str = DEFAULT_ARTIFACTS_DESTINATION
    serve_artifacts: bool = True
    artifacts_only: bool = False
    # Prometheus metrics at /metrics (the one switch; see metrics.py).
    metrics: bool = True
    # Authentication and permissions (--auth); the permission of a user on a resource they hold
    # no grant for.
    auth: bool = False
    default_permission: str = "READ"
    # The longest wait before a failed sign-in is answered (they slow down as they repeat).
    max_login_delay: float = 4.0

    @property
    def artifact_root(self) -> str:
        """Where new experiments put their artifacts."""
        if self.default_artifact_root:
            root = self.default_artifact_root
            if "://" not in root and not root.startswith("mlflow-artifacts:"):
                root = os.path.abspath(root)
            return root
        if self.serve_artifacts:
            return PROXY_ARTIFACT_ROOT
        return self.artifacts_destination_uri

    @property
    def artifacts_destination_uri(self) -> str:
        """The proxy's store: an absolute local path or an object-store URI."""
        if "://" in self.artifacts_destination and not self.artifacts_destination.startswith("file://"):
            return self.artifacts_destination
        return os.path.abspath(self.artifacts_destination.removeprefix("file://"))

    @property
    def uploads_path(self) -> str:
        """Where parts of multipart uploads wait until they are joined."""
        dest = self.artifacts_destination_uri
        if "://" in dest:
            return os.path.join(tempfile.gettempdir(), "trackline-uploads")
        return dest.rstrip("/") + ".uploads"

    def to_env(self) -> dict[str, str]:
        return {
            "TRACKLINE_BACKEND_STORE_URI": self.backend_store_uri,
            "TRACKLINE_DEFAULT_ARTIFACT_ROOT": self.default_artifact_root or "",
            "TRACKLINE_ARTIFACTS_DESTINATION": self.artifacts_destination,
            "TRACKLINE_SERVE_ARTIFACTS": "true" if self.serve_artifacts else "false",
            "TRACKLINE_ARTIFACTS_ONLY": "true" if self.artifacts_only else "false",
            "TRACKLINE_METRICS": "true" if self.metrics else "false",
            "TRACKLINE_AUTH": "true" if self.auth else "false",
            "TRACKLINE_AUTH_DEFAULT_PERMISSION": self.default_permission,
            "TRACKLINE_AUTH_MAX_LOGIN_DELAY": str(self.max_login_delay),
        }

    @classmethod
    def from_env(cls) -> ServerConfig:
        env = os.environ
        return cls(
            backend_store_uri=env.get("TRACKLINE_BACKEND_STORE_URI", DEFAULT_BACKEND_STORE_URI),
            default_artifact_root=env.get("TRACKLINE_DEFAULT_ARTIFACT_ROOT") or None,
            artifacts_destination=env.get("TRACKLINE_ARTIFACTS_DESTINATION", DEFAULT_ARTIFACTS_DESTINATION),
            serve_artifacts=env.get("TRACKLINE_SERVE_ARTIFACTS", "true").lower() != "false",
            artifacts_only=env.get("TRACKLINE_ARTIFACTS_ONLY", "false").lower() == "true",
            metrics=env.get("TRACKLINE_METRICS", "true").lower() != "false",
            auth=env.get("TRACKLINE_AUTH", "false").lower() == "true",
            default_permission=env.get("TRACKLINE_AUTH_DEFAULT_PERMISSION", "READ"),
            max_login_delay=float(env.get("TRACKLINE_AUTH_MAX_LOGIN_DELAY", "4")),
        )
