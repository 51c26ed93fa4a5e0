"""Running one case through one driver."""

from __future__ import annotations

import itertools
import json
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from .cases import NO_EXPECT, Case, Step
from .driver import DriverError
from .match import match
from .values import PathError, Scope, SubstitutionError, lookup

PASS, FAIL, SKIP = "pass", "fail", "skip"


class Caller(Protocol):
    def call(self, op: str, args: dict[str, Any], auth: dict[str, str] | None = None) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Outcome:
    status: str  # pass | fail | skip
    message: str = ""

    @property
    def summary(self) -> str:
        """One line, for known-failure lists and the matrix."""
        if self.status == SKIP:
            return self.message.split("skipped by the driver: ", 1)[-1]
        lines = [line.strip() for line in self.message.splitlines()[1:3]]
        return " ".join(lines) if lines and lines[0].endswith(":") else (lines or [self.message])[0]


class UniqueNames:
    """Unique names for a run of the suite: a random token per run plus a counter."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(4)
        self._counter = itertools.count(1)

    def __call__(self, tag: str) -> str:
        return f"{tag}-{self.token}-{next(self._counter)}"


def _brief(value: Any, limit: int = 600) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class StepFailure(Exception):
    pass


def run_case(case: Case, driver: Caller, unique: UniqueNames) -> Outcome:
    scope = Scope(unique)
    for number, step in enumerate(case.steps, start=1):
        where = f"case {case.name}, step {number} ({step.op})"
        if number <= case.setup_steps:
            where += f" of setup {case.setup}"
        try:
            skipped = _run_step(step, scope, driver)
        except StepFailure as exc:
            return Outcome(FAIL, f"{where}:\n{exc}")
        except DriverError as exc:
            return Outcome(FAIL, f"{where}:\n  {exc}")
        if skipped is not None:
            return Outcome(SKIP, f"{where}: skipped by the driver: {skipped}")
    return Outcome(PASS)


def _run_step(step: Step, scope: Scope, driver: Caller) -> str | None:
    saved: dict[str, list[Any]] = {name: [] for name in step.save}
    for index in range(step.repeat):
        if step.repeat > 1:
            scope.vars["i"] = index
        try:
            args = scope.render(step.args)
            auth = scope.render(step.auth)
        except SubstitutionError as exc:
            raise StepFailure(f"  cannot build the arguments: {exc}") from None
        answer = driver.call(step.op, args, auth) if auth is not None else driver.call(step.op, args)
        who = "" if auth is None else f"  as: {_brief(auth.get('username') or ('a token' if auth else 'anonymous'))}\n"
        context = f"{who}  request: {_brief(args)}\n  answer: {_brief(answer)}"
        if "skipped" in answer:
            return str(answer["skipped"])
        if step.expect_error is not None:
            _check_error(step.expect_error, answer, context)
            continue
        if "error" in answer:
            raise StepFailure(f"  expected success, got error {_brief(answer['error'])}\n{context}")
        result = answer["ok"]
        for name, path in step.save.items():
            try:
                saved[name].append(lookup(result, path))
            except PathError as exc:
                raise StepFailure(f"  cannot save {name!r} from {path!r}: {exc}\n{context}") from None
            if step.repeat == 1:
                scope.vars[name] = saved[name][0]
        if step.expect is not NO_EXPECT:
            try:
                expected = scope.render(step.expect)
            except SubstitutionError as exc:
                raise StepFailure(f"  cannot build the expected result: {exc}") from None
            diffs = match(expected, result)
            if diffs:
                lines = "\n".join(f"    {d}" for d in diffs[:20])
                raise StepFailure(f"  result differs from the expected one:\n{lines}\n{context}")
    if step.repeat > 1:
        scope.vars.pop("i", None)
        scope.vars.update(saved)
    return None


def _check_error(expected: dict[str, Any], answer: dict[str, Any], context: str) -> None:
    if "error" not in answer:
        raise StepFailure(
            f"  expected error {expected['error_code']} (HTTP {expected['http_status']}), got success\n{context}"
        )
    error = answer["error"]
    got = (error.get("error_code"), error.get("http_status"))
    want = (expected["error_code"], expected["http_status"])
    if got != want:
        raise StepFailure(f"  expected error {want[0]} (HTTP {want[1]}), got {got[0]} (HTTP {got[1]})\n{context}")
