"""Turning a case outcome into a verdict, given the driver's known failures and the server.

Cases a driver is not capable of never get here: they are not applicable and not run. So a driver
that refuses to send a request (answers `skipped`) fails the case like any other failure: either
the case does not declare a need, or the driver does not declare a capability it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Case
from .execute import PASS, SKIP, Outcome
from .results import SERVER_BUG


@dataclass(frozen=True)
class Verdict:
    status: str  # the matrix status: pass | known | fail
    ok: bool  # whether the run may stay green
    message: str


def _failure(case: Case, driver: str, outcome: Outcome) -> str:
    if outcome.status == SKIP:
        return (
            f"{case.name} was refused by driver {driver}: declare the need in the case, or the capability "
            f"the driver lacks under `cannot` in drivers/{driver}/driver.yaml:\n{outcome.message}"
        )
    return f"{case.name} failed with driver {driver}:\n{outcome.message}"


def judge(case: Case, driver: str, outcome: Outcome, listed: str | None) -> Verdict:
    """Against Trackline: pass, or fail only when listed in known-failures/<driver>.txt."""
    where = f"known-failures/{driver}.txt"
    if outcome.status == PASS:
        if listed is not None:
            return Verdict(
                "pass", False, f"{case.name} is listed in {where} ({listed}) but passes: remove it (or run with --fix)"
            )
        return Verdict("pass", True, "")
    if listed is None:
        return Verdict("fail", False, _failure(case, driver, outcome))
    if case.required and not listed.startswith(SERVER_BUG):
        return Verdict(
            "fail",
            False,
            f"{case.name} is Required and must pass everywhere; "
            f"{where} may list it only as '{SERVER_BUG} ...':\n{outcome.message}",
        )
    return Verdict("known", True, f"{listed}\n{outcome.message}")


def judge_reference(case: Case, driver: str, outcome: Outcome, listed: str | None) -> Verdict:
    """Against real MLflow: every case passes unless it is marked mlflow_differs."""
    if outcome.status == SKIP:
        return Verdict("fail", False, _failure(case, driver, outcome))
    if case.mlflow_differs:
        if outcome.status == PASS:
            return Verdict(
                "pass",
                False,
                f"{case.name} is marked mlflow_differs ({case.mlflow_differs}) "
                "but passes against MLflow: drop the marker",
            )
        return Verdict("known", True, f"differs from MLflow on purpose: {case.mlflow_differs}\n{outcome.message}")
    if outcome.status != PASS:
        return Verdict("fail", False, f"{case.name} fails against MLflow:\n{outcome.message}")
    return Verdict("pass", True, "")
