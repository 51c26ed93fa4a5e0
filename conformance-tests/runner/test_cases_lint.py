"""The case files themselves: schema, linter, coverage of the spec, known-failure lists, docs."""

from __future__ import annotations

from pathlib import Path

from conformance_runner import lint
from conformance_runner.capabilities import Capabilities
from conformance_runner.cases import load_cases
from conformance_runner.driver import discover
from conformance_runner.match import match
from conformance_runner.paths import KNOWN_FAILURES_DIR
from conformance_runner.schemas import capabilities
from conformance_runner.spec import TRIGGERABLE_ERROR_CODES, declared_error_codes, operations

MIN_CASES = 150
REQUIRED_CASE = "Required.Server.Health.Ok"
NEEDS_OMIT_REQUIRED = "Recommended.Experiments.Create.MissingNameRejected"


def test_case_files_pass_the_linter() -> None:
    problems = lint.lint_cases()
    assert not problems, "case linter:\n" + "\n".join(problems)


def test_known_failure_lists_are_valid() -> None:
    declared = {name: spec.capabilities for name, spec in discover().items()}
    problems = lint.lint_known_failures(load_cases(), declared)
    assert not problems, "\n".join(problems)


def test_every_driver_declares_its_capabilities() -> None:
    problems = lint.lint_driver_declarations()
    assert not problems, "\n".join(problems)


def test_every_capability_is_needed_by_a_case_and_described_in_the_readme() -> None:
    needed = set().union(*(case.needs for case in load_cases()))
    assert needed == set(capabilities()), f"capabilities no case needs: {sorted(set(capabilities()) - needed)}"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in capabilities() if f"`{name}`" not in readme]
    assert not missing, f"README.md does not describe {missing}"


def test_every_operation_is_used_by_a_case() -> None:
    used = set().union(*(case.ops for case in load_cases()))
    missing = sorted(set(operations()) - used)
    assert not missing, f"operations in openapi.yaml that no case uses: {missing}"


def test_every_triggerable_error_code_is_expected_by_a_case() -> None:
    declared = declared_error_codes()
    assert set(TRIGGERABLE_ERROR_CODES) <= set(declared), f"the spec no longer declares {TRIGGERABLE_ERROR_CODES}"
    expected = {step.expect_error["error_code"] for case in load_cases() for step in case.steps if step.expect_error}
    missing = sorted(set(TRIGGERABLE_ERROR_CODES) - expected)
    assert not missing, f"error codes no case expects: {missing}"


def test_enough_cases_with_required_ones_in_every_area() -> None:
    cases = load_cases()
    assert len(cases) >= MIN_CASES
    areas = {c.area for c in cases}
    assert areas == {c.area for c in cases if c.required}, "every area needs Required cases"


def test_mlflow_differences_are_documented() -> None:
    differing = {c.name: c.mlflow_differs for c in load_cases() if c.mlflow_differs}
    assert differing, "expected some documented differences from MLflow"
    problems = lint.lint_compatibility_doc(differing)
    assert not problems, "\n".join(problems)


def test_linter_catches_bad_cases(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "bad.yaml").write_text(
        """
area: Runs
description: Deliberately broken.
cases:
  - name: Required.Runs.Bad.UnknownOp
    description: Uses an operation the spec does not have.
    steps:
      - op: noSuchOperation
        args: {run_id: "${never_saved}"}
  - name: Required.Runs.Bad.UnknownOp
    description: Uses an operation the spec does not have.
    steps:
      - op: getRun
        expect_error: {error_code: RESOURCE_DOES_NOT_EXIST, http_status: 400}
  - name: Required.Other.Bad.WrongArea
    description: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    needs: [high_level_api]
    steps:
      - op: hl.logBatch
  - name: Recommended.Runs.Bad.UndeclaredNeeds
    description: Leaves out a required field and sends a number for an enum, declaring neither.
    steps:
      - op: updateRun
        args: {run_id: r, status: 3}
      - op: logMetric
        args: {run_id: r, key: m, timestamp: 1}
  - name: Recommended.Runs.Bad.NeedlessNeed
    description: Declares a need no step shows.
    needs: [omit_required, wrong_types]
    steps:
      - op: getExperiment
        args: {experiment_id: "0"}
"""
    )
    problems = "\n".join(lint.lint_cases(tmp_path))
    assert "100 characters" in problems or "is too long" in problems
    (tmp_path / "bad.yaml").write_text((tmp_path / "bad.yaml").read_text().replace("x" * 120, "Short."))
    problems = "\n".join(lint.lint_cases(tmp_path))
    assert "'noSuchOperation' is not in openapi.yaml" in problems
    assert "${never_saved} is not saved by an earlier step" in problems
    assert "case name used 2 times: Required.Runs.Bad.UnknownOp" in problems
    assert "case description used 2 times" in problems
    assert "RESOURCE_DOES_NOT_EXIST comes with HTTP 404" in problems
    assert "must be the file's area Runs" in problems
    assert "Required.Other.Bad.WrongArea: a case that needs high_level_api must be Recommended" in problems
    assert (
        "Recommended.Runs.Bad.UndeclaredNeeds: step 1 (updateRun) sends status as a number: "
        "add enum_numbers to the case's needs" in problems
    )
    assert (
        "Recommended.Runs.Bad.UndeclaredNeeds: step 2 (logMetric) leaves out value: "
        "add omit_required to the case's needs" in problems
    )
    assert "Recommended.Runs.Bad.NeedlessNeed: declares the need omit_required, which no step shows" in problems
    assert "NeedlessNeed: declares the need wrong_types" not in problems, "a saved value's type is not known"


def test_known_failure_lint_catches_bad_entries(tmp_path) -> None:  # noqa: ANN001
    cases = [c for c in load_cases() if c.name in (REQUIRED_CASE, NEEDS_OMIT_REQUIRED)]
    assert len(cases) == 2
    (tmp_path / "x.txt").write_text(
        f"{REQUIRED_CASE} # flaky\nRecommended.Gone.B.C # reason\n{NEEDS_OMIT_REQUIRED} # fails: cannot send it\n"
    )
    lacking = Capabilities("x", frozenset(capabilities()) - {"omit_required"})
    problems = "\n".join(lint.lint_known_failures(cases, {"x": lacking}, tmp_path))
    assert f"{REQUIRED_CASE} is Required: it may be listed only with 'server bug: ...'" in problems
    assert "Recommended.Gone.B.C is not a case" in problems
    assert f"{NEEDS_OMIT_REQUIRED} is not applicable to the driver (needs omit_required)" in problems
    assert KNOWN_FAILURES_DIR.is_dir()


def test_driver_declaration_lint_catches_bad_declarations(tmp_path) -> None:  # noqa: ANN001
    names = list(capabilities())
    for driver, text in {
        "missing": None,
        "twice": f"description: d\ncan: [{names[0]}]\ncannot: {{{names[0]}: why}}\n",
        "unknown": "description: d\ncan: [teleport]\ncannot: {}\n",
        "unlisted": f"description: d\ncan: [{', '.join(names[1:])}]\ncannot: {{}}\n",
    }.items():
        (tmp_path / driver).mkdir()
        (tmp_path / driver / "run").write_text("#!/bin/sh\n")
        (tmp_path / driver / "run").chmod(0o755)
        if text is not None:
            (tmp_path / driver / "driver.yaml").write_text(text)
    problems = "\n".join(lint.lint_driver_declarations(tmp_path))
    assert "missing: no driver.yaml beside run" in problems
    assert f"twice/driver.yaml: {names[0]} is listed 2 times" in problems
    assert "unknown/driver.yaml: can/0: 'teleport' is not valid" in problems
    assert f"unlisted/driver.yaml: {names[0]} is listed 0 times; list it once, under can or cannot" in problems


def test_matcher_rules() -> None:
    assert match({"a": 1}, {"a": 1.0, "b": 2}) == []
    assert match({"a": ""}, {}) == []
    assert match({"a": {"$len": 0}}, {}) == []
    assert match({"a": "$absent"}, {"a": "x"}) != []
    assert match([1, 2], [2, 1]) != []
    assert match({"$unordered": [1, 2]}, [2, 1]) == []
    assert match({"$contains": [{"k": "a"}]}, [{"k": "b"}, {"k": "a", "v": 1}]) == []
    assert match({"$contains": [{"k": "a"}, {"k": "a"}]}, [{"k": "a"}]) != []
    assert match({"$not_contains": [{"k": "a"}]}, [{"k": "a"}]) != []
    assert match({"$strlen": 3}, "abc") == []
    assert match("$any_string", "") != []
    assert match({"x": "NaN"}, {"x": float("nan")}) != []
    assert match(True, 1) != []
    assert match({"a": {"b": 1}}, {"a": {"b": 2}}) == ["a.b: expected 1, got 2"]
