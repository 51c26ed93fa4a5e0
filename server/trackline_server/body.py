"""Reading request bodies."""

from __future__ import annotations

import io
from typing import Any

from flask import Response, request

from .artifacts import CHUNK, Readable


class _SizedReader:
    """A file-like ``read`` over a reader that only takes positive sizes."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            data: bytes = self._reader.read(size)
            return data
        parts = []
        while chunk := self._reader.read(CHUNK):
            parts.append(chunk)
        return b"".join(parts)


def request_body() -> Readable:
    """The request body (an upload or a JSON document), to read in large pieces.

    gunicorn's ``wsgi.input`` object serves ``read(size)`` by asking the reader beneath it for
    1 KiB at a time, re-buffering the rest of each 8 KiB socket read: for a 100 MB upload that
    loop was most of the server's CPU. The reader beneath (the body's length, chunked or
    until-EOF reader) returns ``size`` bytes at once, so bodies are read from it when untouched;
    with any other server, or after something has read from the body, werkzeug's stream is used.
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


DRAIN_LIMIT = 1024 * 1024


def finish_body(response: Response) -> Response:
    """Reads what is left of the request body before the answer goes out (``after_request``).

    A body left unread (an OPTIONS or 405 answer, an error raised before the body was read)
    is drained by gunicorn only after the answer is sent; a client that sends its next request
    at once on the same connection then races that drain and can stall until the keep-alive
    timeout. A small rest is read here; a larger one closes the connection instead.
    """
    if not request.content_length and "chunked" not in request.headers.get("Transfer-Encoding", "").lower():
        return response
    body = request.environ.get("wsgi.input")
    if body is None:
        return response
    drained = 0
    while drained <= DRAIN_LIMIT:
        chunk = body.read(CHUNK)
        if not chunk:
            return response
        drained += len(chunk)
    response.headers["Connection"] = "close"
    return response
