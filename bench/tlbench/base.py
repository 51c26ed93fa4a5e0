"""What a workload is: the figures it reports and one measurement of them on one server."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .client import Client
from .scale import Scale
from .servers import ServerProcess

LOWER = "lower"  # a time or a size: smaller is better
HIGHER = "higher"  # a rate: larger is better
COUNT = "count"  # an error count: reported, not compared as a ratio
INFO = "info"  # context (e.g. a process count): reported, not compared


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    better: str


class Unavailable(Exception):
    """The server does not offer what the workload needs (e.g. no model registry)."""


class CheckFailed(Exception):
    """A server answered, but the answer was wrong: the figures of this measurement are void."""


@dataclass
class Measurement:
    values: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.perf_counter() + seconds

    def expired(self) -> bool:
        return time.perf_counter() > self.end


@dataclass
class Context:
    """What a workload gets for one server: its client, the process (for memory/CPU) and state.

    ``state`` belongs to this server; ``shared`` is common to both (e.g. one test file for both).
    """

    server_name: str
    server: ServerProcess
    client: Client
    scale: Scale
    workdir: Path
    state: dict[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    def deadline(self, populate: bool = False) -> Deadline:
        return Deadline(self.scale.populate_time_limit_s if populate else self.scale.time_limit_s)


class Workload:
    id: str = ""
    title: str = ""
    rows: tuple[Row, ...] = ()

    def describe(self, scale: Scale) -> str:
        return self.title

    def setup(self, ctx: Context) -> Measurement | None:
        """Once per server before the repeats (e.g. populating data); may report figures too."""
        return None

    def measure(self, ctx: Context, repeat: int) -> Measurement:
        raise NotImplementedError
