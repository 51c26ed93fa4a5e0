"""The case linter: what the schemas cannot say about case files, driver declarations and
known-failure lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from .capabilities import DECLARATION, Capabilities, declaration_problems
from .cases import Case, CaseFileError, case_files, read_case_file, to_cases
from .needs import needs_problems
from .paths import CASES_DIR, COMPATIBILITY_DOC, DRIVERS_DIR, KNOWN_FAILURES_DIR
from .results import SERVER_BUG, parse_known_failures
from .schemas import case_file_errors
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
# What every full client of the specs does (every SDK calls the scoring server too); a case that
# needs anything else is Recommended.
REQUIRED_MAY_NEED = frozenset({"raw_request_body", "non_json_response", "scoring", "auth"})


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
        errors = case_file_errors(document, path)
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
            beyond = sorted(case.needs - REQUIRED_MAY_NEED)
            if case.required and beyond:
                problems.append(f"{where}: a case that needs {', '.join(beyond)} must be Recommended")
            problems += [f"{path.name}: {problem}" for problem in needs_problems(case)]
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
                used = _references(step.args) | _references(step.expect) | _references(step.auth)
                for name in sorted(used - defined - set(step.save)):
                    problems.append(f"{where}: step {number}: ${{{name}}} is not saved by an earlier step")
                defined |= set(step.save)
    problems += [f"case name used {n} times: {name}" for name, n in names.items() if n > 1]
    problems += [f"case description used {n} times: {d!r}" for d, n in descriptions.items() if n > 1]
    return problems


def lint_known_failures(
    cases: list[Case], declared: dict[str, Capabilities], directory: Path = KNOWN_FAILURES_DIR
) -> list[str]:
    """Entries name cases, Required ones only as server bugs, and never a case the driver is not capable of."""
    by_name = {case.name: case for case in cases}
    problems = []
    for path in sorted(directory.glob("*.txt")):
        try:
            entries = parse_known_failures(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        capabilities = declared.get(path.stem)
        for name, reason in entries.items():
            case = by_name.get(name)
            lacks = capabilities.lacking(case.needs) if case and capabilities else ()
            if case is None:
                problems.append(f"{path.name}: {name} is not a case")
            elif case.required and not reason.startswith(SERVER_BUG):
                problems.append(f"{path.name}: {name} is Required: it may be listed only with '{SERVER_BUG} ...'")
            elif lacks:
                problems.append(f"{path.name}: {name} is not applicable to the driver (needs {', '.join(lacks)})")
    return problems


def lint_driver_declarations(directory: Path = DRIVERS_DIR) -> list[str]:
    """Every drivers/<name>/ has a driver.yaml that lists each capability once."""
    problems = []
    for run in sorted(directory.glob("*/run")):
        path = run.parent / DECLARATION
        if not path.exists():
            problems.append(f"{run.parent.name}: no {DECLARATION} beside {run.name}")
            continue
        problems += declaration_problems(yaml.safe_load(path.read_text(encoding="utf-8")), path)
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
