"""Readiness: whether this server can serve requests now, i.e. its database and artifact store answer.

``/health`` only says the process is up; ``/ready`` asks the dependencies, each with a short
timeout, and names the ones that did not answer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .errors import TEMPORARILY_UNAVAILABLE, TracklineError
from .unavailable import ARTIFACT_STORE, DATABASE

if TYPE_CHECKING:
    from .handlers import Context

log = logging.getLogger("trackline")

OK = "ok"
NOT_USED = "not used"


def _database(ctx: Context) -> None:
    with ctx.tracking.db.read() as conn:
        conn.exec_driver_sql("SELECT 1").scalar()


def _artifact_store(ctx: Context) -> None:
    ctx.artifacts.proxy.ping()


def check(ctx: Context) -> dict[str, str]:
    """Each dependency's state: ``ok``, ``not used`` or ``unavailable (<error type>)``."""
    probes = {
        DATABASE: _database if ctx.stores is not None else None,
        ARTIFACT_STORE: _artifact_store if ctx.config.serve_artifacts else None,
    }
    states: dict[str, str] = {}
    for name, probe in probes.items():
        if probe is None:
            states[name] = NOT_USED
            continue
        try:
            probe(ctx)
        except Exception as exc:  # any failure means "not ready"; the reason goes to the log
            log.warning("readiness: %s is unavailable: %s", name, exc)
            states[name] = f"unavailable ({type(exc).__name__})"
        else:
            states[name] = OK
    return states


def is_ready(states: dict[str, str]) -> bool:
    return all(state in (OK, NOT_USED) for state in states.values())


class NotReady(TracklineError):
    """503 in the error envelope, with the state of each dependency."""

    def __init__(self, states: dict[str, str]) -> None:
        down = ", ".join(name for name, state in states.items() if state.startswith("unavailable"))
        super().__init__(f"Not ready: {down} unavailable.", TEMPORARILY_UNAVAILABLE)
        self.states = states

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "checks": self.states}
