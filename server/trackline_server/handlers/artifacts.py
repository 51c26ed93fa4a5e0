"""The ``mlflow-artifacts`` proxy: upload, download, list and delete files, multipart uploads."""

from __future__ import annotations

import io
import os
from typing import Any
from urllib.parse import quote

from flask import Response, request

from ..artifacts import CHUNK, Readable, guess_type, safe_relative_path
from ..errors import invalid
from . import Context, handler


class _SizedReader:
    """A file-like ``read`` over a reader that only takes positive sizes."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            return bytes(self._reader.read(size))
        parts = []
        while chunk := self._reader.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)


def _request_body() -> Readable:
    """The request body to stream an upload from.

    gunicorn's ``wsgi.input`` object serves ``read(size)`` by asking the reader beneath it for
    1 KiB at a time, re-buffering the rest of each 8 KiB socket read: for a 100 MB upload that
    loop was most of the server's CPU. The reader beneath (the body's length, chunked or
    until-EOF reader) returns ``size`` bytes at once, so uploads read from it when the body is
    untouched; with any other server, or after something has read from the body, werkzeug's
    stream is used.
    """
    body = request.environ.get("wsgi.input")
    reader = getattr(body, "reader", None)
    buffered = getattr(body, "buf", None)
    if (
        "gunicorn.socket" in request.environ
        and callable(getattr(reader, "read", None))
        and isinstance(buffered, io.BytesIO)
        and buffered.tell() == 0
    ):
        return _SizedReader(reader)
    return request.stream


@handler("uploadArtifact")
def upload_artifact(ctx: Context, args: dict[str, Any]) -> Response:
    rel = safe_relative_path(args["path"])
    ctx.artifacts.proxy.write(rel, _request_body())
    return Response(status=200)


@handler("downloadArtifact")
def download_artifact(ctx: Context, args: dict[str, Any]) -> Response:
    rel = safe_relative_path(args["path"])
    chunks, size = ctx.artifacts.proxy.open(rel)
    name = os.path.basename(rel)
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(chunks, mimetype=guess_type(name), headers=headers, direct_passthrough=True)


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
        {"part_number": n, "url": f"{base}?upload_id={upload_id}&part_number={n}"}
        for n in range(1, num_parts + 1)
    ]
    return {"upload_id": upload_id, "credentials": credentials}


@handler("uploadMultipartPart")
def upload_multipart_part(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    etag = ctx.artifacts.upload_part(
        args["path"], args["upload_id"], int(args["part_number"]), _request_body()
    )
    return {"etag": etag}


@handler("completeMultipartUpload")
def complete_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.complete_upload(args["path"], args["upload_id"], args["parts"])
    return {}


@handler("abortMultipartUpload")
def abort_multipart_upload(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.artifacts.abort_upload(args["path"], args["upload_id"])
    return {}
