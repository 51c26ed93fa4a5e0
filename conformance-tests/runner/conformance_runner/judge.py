"""Turning a case outcome into a verdict, given the driver's known failures and the server."""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Case
from .execute import FAIL, PASS, SKIP, Outcome
from .results import SERVER_BUG


@dataclass(frozen=True)
class Verdict:
    status: str  # the matrix status: pass | known | skip | fail
    ok: bool  # whether the run may stay green
    message: str


def judge(case: Case, driver: str, outcome: Outcome, listed: str | None) -> Verdict:
    """Against Trackline: pass, or fail/skip only when listed in known-failures/<driver>.txt."""
    where = f"known-failures/{driver}.txt"
    if outcome.status == PASS:
        if listed is not None:
            return Verdict(
                "pass", False, f"{case.name} is listed in {where} ({listed}) but passes: remove it (or run with --fix)"
            )
        return Verdict("pass", True, "")
    if listed is None:
        verb = "was skipped by" if outcome.status == SKIP else "failed with"
        return Verdict(outcome.status, False, f"{case.name} {verb} driver {driver}:\n{outcome.message}")
    if case.required and not listed.startswith(SERVER_BUG):
        return Verdict(
            outcome.status,
            False,
            f"{case.name} is Required and must pass everywhere; "
            f"{where} may list it only as '{SERVER_BUG} ...':\n{outcome.message}",
        )
    status = "skip" if outcome.status == SKIP else "known"
    return Verdict(status, True, f"{listed}\n{outcome.message}")


def judge_reference(case: Case, driver: str, outcome: Outcome, listed: str | None) -> Verdict:
    """Against real MLflow: every case passes unless it is marked mlflow_differs."""
    if outcome.status == SKIP:
        if listed is not None:
            return Verdict("skip", True, f"{listed}\n{outcome.message}")
        return Verdict("skip", False, f"{case.name} was skipped by driver {driver}:\n{outcome.message}")
    if case.mlflow_differs:
        if outcome.status == PASS:
            return Verdict(
                "pass",
                False,
                f"{case.name} is marked mlflow_differs ({case.mlflow_differs}) "
                "but passes against MLflow: drop the marker",
            )
        return Verdict("known", True, f"differs from MLflow on purpose: {case.mlflow_differs}\n{outcome.message}")
    if outcome.status == FAIL:
        return Verdict("fail", False, f"{case.name} fails against MLflow:\n{outcome.message}")
    return Verdict("pass", True, "")
