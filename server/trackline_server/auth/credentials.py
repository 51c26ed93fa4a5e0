"""The ``Authorization`` header: HTTP Basic or a bearer token, parsed without trusting it."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

MAX_HEADER_LENGTH = 8192


class BadCredentials(Exception):
    """No usable credentials in the request (absent or malformed): a 401."""


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str | None  # None for a bearer token
    secret: str  # a password, or an access token


def parse(header: str | None) -> Credentials:
    if not header:
        raise BadCredentials("no credentials")
    if len(header) > MAX_HEADER_LENGTH:
        raise BadCredentials("the Authorization header is too long")
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        if not value or not value.isprintable():
            raise BadCredentials("an empty or malformed bearer token")
        return Credentials(None, value)
    if scheme.lower() != "basic":
        raise BadCredentials("an unknown authorization scheme")
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):  # UnicodeDecodeError is a ValueError
        raise BadCredentials("malformed basic credentials") from None
    username, colon, password = decoded.partition(":")
    if not colon or not username or not password:
        raise BadCredentials("basic credentials need a username and a password")
    return Credentials(username, password)


def basic_auth_user(header: str | None) -> str | None:
    """Without ``--auth``: the user name of a basic ``Authorization`` header, if it has one (taken
    as given, unchecked: it names who logs, as MLflow's server does)."""
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        user = base64.b64decode(header[6:].strip()).decode("utf-8").split(":", 1)[0]
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user or None
