"""Server settings, as given on the command line."""

from __future__ import annotations

import os
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
        return os.path.abspath(self.artifacts_destination)

    @property
    def artifacts_path(self) -> str:
        return os.path.abspath(self.artifacts_destination)

    def to_env(self) -> dict[str, str]:
        return {
            "TRACKLINE_BACKEND_STORE_URI": self.backend_store_uri,
            "TRACKLINE_DEFAULT_ARTIFACT_ROOT": self.default_artifact_root or "",
            "TRACKLINE_ARTIFACTS_DESTINATION": self.artifacts_destination,
            "TRACKLINE_SERVE_ARTIFACTS": "true" if self.serve_artifacts else "false",
        }

    @classmethod
    def from_env(cls) -> ServerConfig:
        env = os.environ
        return cls(
            backend_store_uri=env.get("TRACKLINE_BACKEND_STORE_URI", DEFAULT_BACKEND_STORE_URI),
            default_artifact_root=env.get("TRACKLINE_DEFAULT_ARTIFACT_ROOT") or None,
            artifacts_destination=env.get("TRACKLINE_ARTIFACTS_DESTINATION", DEFAULT_ARTIFACTS_DESTINATION),
            serve_artifacts=env.get("TRACKLINE_SERVE_ARTIFACTS", "true").lower() != "false",
        )
