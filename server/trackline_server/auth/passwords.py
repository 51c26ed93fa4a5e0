"""Password and access-token secrets: hashing, checking, and the rules a new password must meet.

Passwords are hashed with werkzeug's scrypt (salted, memory-hard). Access tokens carry 256 random
bits, so a SHA-256 of the secret is enough to store them; every comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import invalid

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
TOKEN_PREFIX = "tlk_"


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise invalid(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise invalid(f"The password must be at most {MAX_PASSWORD_LENGTH} characters long.")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def password_matches(stored_hash: str, password: str) -> bool:
    """Constant-time (werkzeug compares the derived keys with ``hmac.compare_digest``)."""
    try:
        return check_password_hash(stored_hash, password)
    except ValueError:  # a hash in a form this server does not know
        return False


def new_token() -> tuple[str, str, str]:
    """A new token: its id, the secret to show once, and the hash to store."""
    token_id = secrets.token_hex(8)
    secret = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
    return token_id, secret, secret_hash(secret)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_id_of(secret: str) -> str | None:
    """The id inside a token's secret, or None when the text is not shaped like a token."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token_id, sep, rest = secret[len(TOKEN_PREFIX) :].partition("_")
    if not sep or not rest or len(token_id) != 16:
        return None
    return token_id


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
