"""Where the local cluster's parts listen and keep their files, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BUCKET = "trackline"
ARTIFACT_PREFIX = "artifacts"
DATABASE = "trackline"


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass(frozen=True)
class Layout:
    """Ports and paths; every address is on 127.0.0.1.

    SeaweedFS listens on several ports: S3 on ``s3_port`` and its own services on the few
    ports after it (see ``seaweed.py``).
    """

    directory: Path
    port: int
    replica_port: int
    replicas: int
    pg_port: int
    s3_port: int
    bin_dir: Path

    @classmethod
    def from_env(cls) -> Layout:
        venv_bin = Path(os.environ.get("CLUSTER_BIN_DIR") or ROOT / ".venv" / "bin")
        return cls(
            directory=Path(os.environ.get("CLUSTER_DIR") or ROOT / ".cluster").resolve(),
            port=_port("CLUSTER_PORT", 8080),
            replica_port=_port("CLUSTER_REPLICA_PORT", 5001),
            replicas=_port("CLUSTER_REPLICAS", 3),
            pg_port=_port("CLUSTER_PG_PORT", 54380),
            s3_port=_port("CLUSTER_S3_PORT", 8333),
            bin_dir=venv_bin,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_ports(self, count: int | None = None) -> list[int]:
        return [self.replica_port + i for i in range(count if count is not None else self.replicas)]

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.replica_port + index}"

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def pg_admin_uri(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/postgres"

    @property
    def database_uri(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/{DATABASE}"

    @property
    def artifacts_destination(self) -> str:
        return f"s3://{BUCKET}/{ARTIFACT_PREFIX}"

    def path(self, *parts: str) -> Path:
        return self.directory.joinpath(*parts)

    def pid_file(self, name: str) -> Path:
        return self.path(f"{name}.pid")

    def executable(self, name: str) -> str:
        return str(self.bin_dir / name)
