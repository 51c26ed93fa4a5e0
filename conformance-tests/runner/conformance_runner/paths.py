"""Where things live in the repository."""

from pathlib import Path

SUITE_DIR = Path(__file__).resolve().parents[2]
REPO_ROOT = SUITE_DIR.parent
OPENAPI_PATH = REPO_ROOT / "openapi.yaml"
CASES_DIR = SUITE_DIR / "cases"
CASE_SCHEMA_PATH = SUITE_DIR / "case.schema.json"
DRIVER_SCHEMA_PATH = SUITE_DIR / "driver.schema.json"
DRIVERS_DIR = SUITE_DIR / "drivers"
KNOWN_FAILURES_DIR = SUITE_DIR / "known-failures"
RESULTS_DIR = SUITE_DIR / "results"
MATRIX_PATH = SUITE_DIR / "MATRIX.md"
COMPATIBILITY_DOC = REPO_ROOT / "docs" / "compatibility.md"
