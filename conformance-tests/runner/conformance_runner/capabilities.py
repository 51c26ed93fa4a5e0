"""What each driver can do: drivers/<name>/driver.yaml, checked against driver.schema.json.

A case that needs a capability its driver lacks is not applicable to that driver: it is not run,
and the matrix says so with the driver's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .schemas import capabilities, driver_declaration_errors

DECLARATION = "driver.yaml"


@dataclass(frozen=True)
class Capabilities:
    description: str
    can: frozenset[str]
    cannot: Mapping[str, str] = field(default_factory=dict, hash=False)  # capability -> why not
    scoring_model: str = "python"  # the model served for its Scoring cases: python or r

    def lacking(self, needs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(needs) - self.can))


class DeclarationError(Exception):
    """A driver.yaml that breaks its schema or leaves a capability out."""


def declaration_problems(document: Any, path: Path) -> list[str]:
    problems = driver_declaration_errors(document, path)
    if problems:
        return problems
    listed = list(document["can"]) + list(document["cannot"])
    where = f"{path.parent.name}/{path.name}"
    return [
        f"{where}: {name} is listed {listed.count(name)} times; list it once, under can or cannot"
        for name in capabilities()
        if listed.count(name) != 1
    ]


def read_declaration(path: Path) -> Capabilities:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = declaration_problems(document, path)
    if problems:
        raise DeclarationError("\n".join(problems))
    return Capabilities(
        document["description"],
        frozenset(document["can"]),
        dict(document["cannot"]),
        document.get("scoring_model", "python"),
    )


def declared_capabilities(executable: Path) -> Capabilities:
    """The driver.yaml beside a driver's executable. An extra driver without one (--driver) is held
    to every case: it is taken to have every capability."""
    path = executable.parent / DECLARATION
    if not path.exists():
        return Capabilities(f"{executable.name} (no {DECLARATION})", frozenset(capabilities()))
    return read_declaration(path)
