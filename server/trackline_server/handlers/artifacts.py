"""The ``mlflow-artifacts`` proxy: upload, download, list and delete files, multipart uploads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from flask import Response, request

from ..artifacts import guess_type, safe_relative_path
from ..body import request_body
from ..errors import invalid
from . import Context, handler


@handler("uploadArtifact")
def upload_artifact(ctx: Context, args: dict[str, Any]) -> Response:
    rel = safe_relative_path(args["path"])
    ctx.artifacts.proxy.write(rel, request_body())
    return Response(status=200)


def file_response(
    chunks: Iterator[bytes], size: int, path: str, disposition: str = "attachment", extra: dict[str, str] | None = None
) -> Response:
    """A streamed file, typed by its name, never sniffed by the browser."""
    name = os.path.basename(path)
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
        **(extra or {}),
    }
    return Response(chunks, mimetype=guess_type(name), headers=headers, direct_passthrough=True)


@handler("downloadArtifact")
def download_artifact(ctx: Context, args: dict[str, Any]) -> Response:
    rel = safe_relative_path(args["path"])
    chunks, size = ctx.artifacts.proxy.open(rel)
    return file_response(chunks, size, rel)


@handler("deleteArtifact")
def delete_artifact(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    rel = safe_relative_path(args["path"])
    if not rel:
        raise invalid("Refusing to delete the root of the artifact store.")
    ctx.artifacts.proxy.delete(rel)
    return {}


@handler("listArtifactsProxy")
def list_artifacts_proxy(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    files = ctx.artifacts.proxy.list(safe_relative_path(args.get("path") or ""))
    return {"files": files} if files else {}


@handler("createMultipartUpload")
def create_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    rel = safe_relative_path(args["path"])
    num_parts = int(args["num_parts"])
    upload_id = ctx.artifacts.create_upload(rel, num_parts)
    base = request.host_url.rstrip("/") + "/api/2.0/mlflow-artifacts/mpu/part/" + quote(rel)
    credentials = [
        {"part_number": n, "url": f"{base}?upload_id={upload_id}&part_number={n}"} for n in range(1, num_parts + 1)
    ]
    return {"upload_id": upload_id, "credentials": credentials}


@handler("uploadMultipartPart")
def upload_multipart_part(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    etag = ctx.artifacts.upload_part(args["path"], args["upload_id"], int(args["part_number"]), request_body())
    return {"etag": etag}


@handler("completeMultipartUpload")
def complete_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.complete_upload(args["path"], args["upload_id"], args["parts"])
    return {}


@handler("abortMultipartUpload")
def abort_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.abort_upload(args["path"], args["upload_id"])
    return {}
