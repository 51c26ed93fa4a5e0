"""Loading case files (YAML) into cases and steps."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .paths import CASES_DIR
from .schemas import case_file_errors

NO_EXPECT = object()


@dataclass(frozen=True)
class Step:
    op: str
    args: dict[str, Any] = field(default_factory=dict)
    repeat: int = 1
    save: dict[str, str] = field(default_factory=dict)
    expect: Any = NO_EXPECT
    expect_error: dict[str, Any] | None = None
    # Who sends the step (`as`): None for the driver's own credentials, {} for none, else
    # {username, password} or {token}.
    auth: dict[str, str] | None = None


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    steps: tuple[Step, ...]
    file: str
    mlflow_differs: str | None = None
    setup: str | None = None
    setup_steps: int = 0
    needs: frozenset[str] = frozenset()  # driver capabilities (case.schema.json, $defs/capability)

    @property
    def level(self) -> str:
        return self.name.split(".")[0]

    @property
    def required(self) -> bool:
        return self.level == "Required"

    @property
    def area(self) -> str:
        return self.name.split(".")[1]

    @property
    def ops(self) -> set[str]:
        return {step.op for step in self.steps}


class CaseFileError(Exception):
    pass


def case_files(directory: Path = CASES_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=Loader)  # noqa: S506 - a safe loader


def read_case_file(path: Path) -> Any:
    return copy.deepcopy(_read(path, path.stat().st_mtime))


def _step(raw: dict[str, Any]) -> Step:
    return Step(
        op=raw["op"],
        args=raw.get("args") or {},
        repeat=raw.get("repeat", 1),
        save=raw.get("save") or {},
        expect=raw.get("expect", NO_EXPECT),
        expect_error=raw.get("expect_error"),
        auth=_auth(raw.get("as")),
    )


def _auth(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    return {} if value == "anonymous" else dict(value)


def to_cases(document: dict[str, Any], path: Path) -> list[Case]:
    """The cases of a schema-valid document; a case's setup steps come first."""
    setups = document.get("setups") or {}
    cases = []
    for raw in document["cases"]:
        setup = raw.get("setup")
        if setup is not None and setup not in setups:
            raise CaseFileError(f"{path.name}: {raw['name']}: no setup named {setup!r}")
        before = [_step(s) for s in setups.get(setup, [])]
        steps = tuple(before + [_step(s) for s in raw["steps"]])
        cases.append(
            Case(
                raw["name"],
                raw["description"],
                steps,
                path.name,
                raw.get("mlflow_differs"),
                setup,
                len(before),
                frozenset(raw.get("needs", ())),
            )
        )
    return cases


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case, validated against case.schema.json (a schema error raises CaseFileError)."""
    cases: list[Case] = []
    for path in case_files(directory):
        document = read_case_file(path)
        errors = case_file_errors(document, path)
        if errors:
            raise CaseFileError("\n".join(errors))
        cases += to_cases(document, path)
    return cases
