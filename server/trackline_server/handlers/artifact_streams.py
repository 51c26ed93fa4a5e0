"""The ``mlflow-artifacts`` proxy's file transfers: uploads and downloads stream through in chunks.

``file_answer`` is the one way a file is answered (the UI's run artifact reads use it too).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from .. import metrics
from ..artifacts import guess_type
from . import Context, RawAnswer, handler


@handler("uploadArtifact")
def upload_artifact(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    metrics.artifact_bytes_in(ctx.artifacts.upload(args["path"], ctx.request_body()))
    return RawAnswer()


def file_answer(
    path: str,
    chunks: Iterable[bytes],
    size: int,
    disposition: str = "attachment",
    headers: dict[str, str] | None = None,
) -> RawAnswer:
    """A file's chunks streamed as they come, typed by its name, never sniffed by the browser."""
    name = os.path.basename(path)
    sent = {
        "Content-Length": str(size),
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
        **(headers or {}),
    }
    return RawAnswer(chunks, guess_type(name), sent)


@handler("downloadArtifact")
def download_artifact(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    rel, chunks, size = ctx.artifacts.download(args["path"])
    return file_answer(rel, metrics.counting_out(chunks), size)
