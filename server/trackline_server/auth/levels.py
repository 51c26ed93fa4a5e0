"""Permission levels, as MLflow names them, and what each allows.

``READ`` < ``USE`` < ``EDIT`` < ``MANAGE``; ``DENY`` allows nothing and wins over the server's
default permission. MLflow 2.x's ``NO_PERMISSIONS`` is taken as ``DENY``.
"""

from __future__ import annotations

from ..errors import invalid

READ = "READ"
USE = "USE"
EDIT = "EDIT"
MANAGE = "MANAGE"
DENY = "DENY"
NO_PERMISSIONS = "NO_PERMISSIONS"

RANK = {DENY: 0, NO_PERMISSIONS: 0, READ: 1, USE: 2, EDIT: 3, MANAGE: 4}
LEVELS = tuple(RANK)
# The levels that let a user see a resource (what searches keep, in SQL).
READABLE = (READ, USE, EDIT, MANAGE)

EXPERIMENT = "experiment"
REGISTERED_MODEL = "registered_model"
RESOURCE_TYPES = (EXPERIMENT, REGISTERED_MODEL)


def level(name: str) -> str:
    """A level sent by a client, checked; a 400 for anything else."""
    if name not in RANK:
        raise invalid(f"Invalid permission '{name}'. Valid permissions are: {', '.join(LEVELS)}.")
    return name


def allows(held: str, needed: str) -> bool:
    return RANK[held] >= RANK[needed]


def resource_type(name: str) -> str:
    if name not in RESOURCE_TYPES:
        raise invalid(f"Invalid resource_type '{name}'. Valid resource types are: {', '.join(RESOURCE_TYPES)}.")
    return name
