"""The ``mlflow-artifacts`` proxy's file transfers: uploads and downloads stream through in chunks."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from .. import metrics
from ..artifacts import guess_type
from . import Context, RawAnswer, handler


@handler("uploadArtifact")
def upload_artifact(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    metrics.artifact_bytes_in(ctx.artifacts.upload(args["path"], ctx.request_body()))
    return RawAnswer()


@handler("downloadArtifact")
def download_artifact(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    rel, chunks, size = ctx.artifacts.download(args["path"])
    name = os.path.basename(rel)
    headers = {
        "Content-Length": str(size),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
    }
    return RawAnswer(metrics.counting_out(chunks), guess_type(name), headers)
