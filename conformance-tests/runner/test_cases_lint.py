"""The case files themselves: schema, linter, coverage of the spec, known-failure lists, docs."""

from __future__ import annotations

from conformance_runner import lint
from conformance_runner.cases import load_cases
from conformance_runner.match import match
from conformance_runner.paths import KNOWN_FAILURES_DIR
from conformance_runner.spec import TRIGGERABLE_ERROR_CODES, declared_error_codes, operations

MIN_CASES = 150
#: Areas whose cases not every driver runs yet (the Scoring cases need a driver that calls the
#: scoring server, which the java and r drivers do not yet): Recommended until they do.
RECOMMENDED_ONLY_AREAS = {"Scoring"}


def test_case_files_pass_the_linter() -> None:
    problems = lint.lint_cases()
    assert not problems, "case linter:\n" + "\n".join(problems)


def test_known_failure_lists_are_valid() -> None:
    cases = load_cases()
    problems = lint.lint_known_failures({c.name for c in cases}, {c.name for c in cases if c.required})
    assert not problems, "\n".join(problems)


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
    areas = {c.area for c in cases} - RECOMMENDED_ONLY_AREAS
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
    steps:
      - op: hl.logBatch
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
    assert "hl.* operations must be Recommended" in problems


def test_known_failure_lint_catches_bad_entries(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "x.txt").write_text("Required.A.B.C # flaky\nRecommended.Gone.B.C # reason\n")
    problems = "\n".join(lint.lint_known_failures({"Required.A.B.C"}, {"Required.A.B.C"}, tmp_path))
    assert "Required: it may be listed only with 'server bug: ...'" in problems
    assert "Recommended.Gone.B.C is not a case" in problems
    assert KNOWN_FAILURES_DIR.is_dir()


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
