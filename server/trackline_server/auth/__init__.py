"""Authentication and permissions for a server started with ``--auth``.

``levels`` (READ, USE, EDIT, MANAGE, DENY), ``passwords`` (hashing, tokens), ``credentials``
(the Authorization header), ``throttle`` (failed sign-ins slow down), ``store`` (users, tokens
and grants in the database), ``rules`` (what every operation needs) and ``gate`` (the checks).
"""

from __future__ import annotations

from .gate import Access, Gate
from .rules import RULES
from .store import AuthStore, User

__all__ = ["RULES", "Access", "AuthStore", "Gate", "User"]
