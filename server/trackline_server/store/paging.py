"""Page tokens: an offset for searches, a position for keyset pages (metric history, the audit trail)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, TypeVar

from ..errors import invalid

T = TypeVar("T")


def encode_offset_token(offset: int) -> str:
    return base64.b64encode(json.dumps({"offset": offset}).encode()).decode()


def decode_offset_token(token: str | None) -> int:
    if not token:
        return 0
    try:
        data = json.loads(base64.b64decode(token, validate=True))
    except (binascii.Error, ValueError):
        raise invalid("Invalid page token, could not base64-decode.") from None
    offset = data.get("offset") if isinstance(data, dict) else None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise invalid("Invalid page token: it holds no valid offset.")
    return offset


def offset_page(rows: list[T], offset: int, limit: int) -> tuple[list[T], str | None]:
    """The page of ``rows`` (fetched with ``LIMIT limit + 1``) and the token of the next page, if any."""
    if len(rows) > limit:
        return rows[:limit], encode_offset_token(offset + limit)
    return rows, None


def encode_position_token(position: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode()


def decode_position_token(token: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise invalid("Invalid page token, could not base64-decode.") from None
    if not isinstance(data, dict):
        raise invalid("Invalid page token.")
    return data
