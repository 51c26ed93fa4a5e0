"""The case linter: what the schema cannot say about case files and known-failure lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .cases import CaseFileError, case_files, read_case_file, schema_errors, to_cases
from .paths import CASES_DIR, COMPATIBILITY_DOC, KNOWN_FAILURES_DIR
from .results import SERVER_BUG, parse_known_failures
from .spec import HIGH_LEVEL_OPS, operations, scoring_operations
from .values import EXPR

ERROR_STATUS = {
    "INVALID_PARAMETER_VALUE": 400,
    "BAD_REQUEST": 400,
    "RESOURCE_ALREADY_EXISTS": 400,
    "RESOURCE_DOES_NOT_EXIST": 404,
    "ENDPOINT_NOT_FOUND": 404,
}
COMPATIBILITY_HEADING = "## Conformance cases that differ from MLflow"


def _references(value: Any) -> set[str]:
    """Names of saved values a template refers to."""
    if isinstance(value, str):
        names = set()
        for expr in EXPR.findall(value):
            if not expr.startswith(("unique:", "repeat:")):
                names.add(expr.split(".")[0])
        return names
    if isinstance(value, list):
        return set().union(*(_references(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return set().union(*(_references(v) for v in value.values())) if value else set()
    return set()


def lint_cases(directory: Path = CASES_DIR) -> list[str]:
    problems: list[str] = []
    known_ops = set(operations()) | set(scoring_operations()) | set(HIGH_LEVEL_OPS)
    names: Counter[str] = Counter()
    descriptions: Counter[str] = Counter()
    files = case_files(directory)
    if not files:
        problems.append(f"no case files in {directory}")
    for path in files:
        document = read_case_file(path)
        errors = schema_errors(document, path)
        if errors:
            problems += errors
            continue
        try:
            file_cases = to_cases(document, path)
        except CaseFileError as exc:
            problems.append(str(exc))
            continue
        for case in file_cases:
            where = f"{path.name}: {case.name}"
            names[case.name] += 1
            descriptions[case.description] += 1
            if case.area != document["area"]:
                problems.append(f"{where}: the second part of the name must be the file's area {document['area']}")
            if any(op.startswith("hl.") for op in case.ops) and case.required:
                problems.append(f"{where}: cases using hl.* operations must be Recommended")
            defined = {"i"}
            for number, step in enumerate(case.steps, start=1):
                if step.op not in known_ops:
                    problems.append(
                        f"{where}: step {number}: operation {step.op!r} is not in openapi.yaml or scoring.yaml"
                    )
                if step.expect_error:
                    code, status = step.expect_error["error_code"], step.expect_error["http_status"]
                    if ERROR_STATUS.get(code, status) != status:
                        problems.append(f"{where}: step {number}: {code} comes with HTTP {ERROR_STATUS[code]}")
                    if step.save:
                        problems.append(f"{where}: step {number}: a step expecting an error cannot save values")
                used = _references(step.args) | _references(step.expect)
                for name in sorted(used - defined - set(step.save)):
                    problems.append(f"{where}: step {number}: ${{{name}}} is not saved by an earlier step")
                defined |= set(step.save)
    problems += [f"case name used {n} times: {name}" for name, n in names.items() if n > 1]
    problems += [f"case description used {n} times: {d!r}" for d, n in descriptions.items() if n > 1]
    return problems


def lint_known_failures(case_names: set[str], required: set[str], directory: Path = KNOWN_FAILURES_DIR) -> list[str]:
    problems = []
    for path in sorted(directory.glob("*.txt")):
        try:
            entries = parse_known_failures(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        for name, reason in entries.items():
            if name not in case_names:
                problems.append(f"{path.name}: {name} is not a case")
            elif name in required and not reason.startswith(SERVER_BUG):
                problems.append(f"{path.name}: {name} is Required: it may be listed only with '{SERVER_BUG} ...'")
    return problems


def lint_compatibility_doc(differing: dict[str, str], doc: Path = COMPATIBILITY_DOC) -> list[str]:
    """Every case marked mlflow_differs is written down in the compatibility doc's section."""
    if not differing:
        return []
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if COMPATIBILITY_HEADING not in text:
        return [f"{doc}: has no section {COMPATIBILITY_HEADING!r}"]
    section = text.split(COMPATIBILITY_HEADING, 1)[1].split("\n## ", 1)[0]
    return [f"{doc}: {name} (mlflow_differs) is not listed in its section" for name in differing if name not in section]
