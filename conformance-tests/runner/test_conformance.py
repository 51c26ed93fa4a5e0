"""Every case through every selected driver; see conftest.py for the options."""

from __future__ import annotations

import pytest

from conformance_runner import results as res
from conformance_runner.cases import Case
from conformance_runner.execute import SKIP, run_case
from conformance_runner.judge import judge, judge_reference


def test_case(conformance, server_url: str, conformance_case: tuple[str, Case]) -> None:  # noqa: ANN001
    driver, case = conformance_case
    if conformance.reference and "auth" in case.needs:
        pytest.skip("the reference run has no MLflow server with authentication on")
    proc = conformance.process_for(driver, case)
    if proc is None:
        message = f"driver {driver} cannot start here: {conformance.unavailable[driver][:300]}"
        if conformance.explicit:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    outcome = run_case(case, proc, conformance.unique)
    listed = conformance.known[driver].get(case.name)
    verdict = (judge_reference if conformance.reference else judge)(case, driver, outcome, listed)
    reason = listed if listed and verdict.status == "known" else ""
    conformance.results[driver][case.name] = res.Result(verdict.status, reason)
    conformance.reasons[driver][case.name] = listed or _fix_reason(outcome.status, outcome.summary)
    if not verdict.ok:
        pytest.fail(verdict.message, pytrace=False)
    if verdict.status == "known":
        pytest.xfail(verdict.message.splitlines()[0])


def _fix_reason(status: str, summary: str) -> str:
    text = " ".join(summary.split())[:160]
    return f"fails: the driver refused to send it: {text}" if status == SKIP else f"fails: {text}"
