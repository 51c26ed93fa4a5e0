"""The ``mlflow-artifacts`` proxy's JSON operations: list and delete files, multipart uploads."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .. import metrics
from . import Context, handler


@handler("deleteArtifact")
def delete_artifact(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.delete_proxied(args["path"])
    return {}


@handler("listArtifactsProxy")
def list_artifacts_proxy(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    files = ctx.artifacts.list_proxied(args.get("path") or "")
    return {"files": files} if files else {}


@handler("createMultipartUpload")
def create_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    num_parts = args["num_parts"]
    upload_id, rel = ctx.artifacts.create_upload(args["path"], num_parts)
    base = ctx.host_url().rstrip("/") + "/api/2.0/mlflow-artifacts/mpu/part/" + quote(rel)
    credentials = [
        {"part_number": n, "url": f"{base}?upload_id={upload_id}&part_number={n}"} for n in range(1, num_parts + 1)
    ]
    return {"upload_id": upload_id, "credentials": credentials}


@handler("uploadMultipartPart")
def upload_multipart_part(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    etag = ctx.artifacts.upload_part(args["path"], args["upload_id"], args["part_number"], ctx.request_body())
    return {"etag": etag}


@handler("completeMultipartUpload")
def complete_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    metrics.artifact_bytes_in(ctx.artifacts.complete_upload(args["path"], args["upload_id"], args["parts"]))
    return {}


@handler("abortMultipartUpload")
def abort_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.abort_upload(args["path"], args["upload_id"])
    return {}
