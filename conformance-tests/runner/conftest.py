"""pytest wiring of the conformance runner: options, the server, the drivers, the matrix."""

from __future__ import annotations

import difflib
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from conformance_runner import results as res
from conformance_runner.capabilities import DeclarationError
from conformance_runner.cases import Case, load_cases
from conformance_runner.driver import DriverProcess, discover, driver_spec
from conformance_runner.execute import UniqueNames
from conformance_runner.paths import KNOWN_FAILURES_DIR, MATRIX_PATH, RESULTS_DIR
from conformance_runner.scoring import ScoringServer
from conformance_runner.server import Server

BIN_DIR = Path(sys.executable).parent


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption(
        "--server",
        choices=["trackline", "mlflow"],
        default=os.environ.get("TRACKLINE_TEST_SERVER", "trackline"),
        help="which server to start (default: $TRACKLINE_TEST_SERVER or trackline)",
    )
    group.addoption("--server-url", help="use this running server instead of starting one")
    group.addoption("--trackline-bin", default=str(BIN_DIR / "trackline"))
    group.addoption("--mlflow-bin", default=str(BIN_DIR / "mlflow"))
    group.addoption("--drivers", help="comma-separated driver names (default: every drivers/<name>/run)")
    group.addoption(
        "--driver", action="append", default=[], metavar="NAME=PATH", help="an extra driver executable (repeatable)"
    )
    group.addoption(
        "--reference",
        action="store_true",
        help="the server is real MLflow: cases marked mlflow_differs must fail, all others pass",
    )
    group.addoption(
        "--fix", action="store_true", help="rewrite known-failures/<driver>.txt, results and MATRIX.md from this run"
    )
    group.addoption("--update-matrix", action="store_true", help="rewrite results and MATRIX.md from this run")
    group.addoption("--no-matrix", action="store_true", help="neither check nor write the matrix")
    group.addoption(
        "--known-failures-dir", default=str(KNOWN_FAILURES_DIR), help="where the known-failures/<driver>.txt lists are"
    )


class Conformance:
    """State of one run: selected drivers, their processes, outcomes."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.cases: list[Case] = load_cases()
        try:
            available = discover()
            for extra in config.getoption("--driver"):
                name, _, path = extra.partition("=")
                available[name] = driver_spec(name, Path(path).resolve())
        except DeclarationError as exc:
            raise pytest.UsageError(f"a driver.yaml is invalid:\n{exc}") from None
        self.declared = {name: spec.capabilities for name, spec in available.items()}
        chosen = config.getoption("--drivers")
        self.explicit = bool(chosen)
        names = [n.strip() for n in chosen.split(",") if n.strip()] if chosen else sorted(available)
        unknown = [n for n in names if n not in available]
        if unknown:
            raise pytest.UsageError(f"unknown drivers {unknown}; found {sorted(available)}")
        self.drivers = {n: available[n] for n in names}
        self.reference = config.getoption("--reference")
        self.known_dir = Path(config.getoption("--known-failures-dir"))
        self.known = {n: res.load_known_failures(n, self.known_dir) for n in names}
        self.unique = UniqueNames()
        self.processes: dict[str, DriverProcess] = {}
        self.unavailable: dict[str, str] = {}
        # Cases that need capabilities the driver lacks (case -> those capabilities): recorded as
        # n/a, deselected, never run.
        self.lacking: dict[str, dict[str, tuple[str, ...]]] = {
            n: {c.name: lacks for c in self.cases if (lacks := self.drivers[n].capabilities.lacking(c.needs))}
            for n in names
        }
        self.results: dict[str, dict[str, res.Result]] = {
            n: {name: res.not_applicable(lacks) for name, lacks in self.lacking[n].items()} for n in names
        }
        self.reasons: dict[str, dict[str, str]] = {n: {} for n in names}
        self.server: Server | None = None
        self.server_url: str | None = config.getoption("--server-url")
        self.scoring: dict[str, ScoringServer] = {}  # by model: python, r
        self.parametrized = False  # whether this pytest run collects cases at all
        self.deselected = False
        self.matrix_problem = ""

    def url(self) -> str:
        if self.server_url is None:
            kind = "mlflow" if self.reference else self.config.getoption("--server")
            executable = Path(self.config.getoption(f"--{kind}-bin"))
            if not executable.exists():
                pytest.exit(f"no {kind} server command at {executable}", returncode=3)
            self.server = Server(kind, executable)
            try:
                self.server.start()
            except RuntimeError as exc:
                self.server = None
                pytest.exit(f"could not start the {kind} server: {exc}", returncode=1)
            self.server_url = self.server.url
        return self.server_url

    def scoring_url(self, model: str = "python") -> str:
        """The scoring server of the Scoring cases for a driver's ``scoring_model`` (python or r),
        started when the first of them runs."""
        if model not in self.scoring:
            kind = "mlflow" if self.reference else "trackline"
            scoring = ScoringServer(
                kind, Path(self.config.getoption(f"--{kind}-bin")), self.url(), self.unique.token, model
            )
            try:
                scoring.start()
            except RuntimeError as exc:
                pytest.exit(f"could not start the scoring server: {exc}", returncode=1)
            self.scoring[model] = scoring
        return self.scoring[model].url

    def process_for(self, driver: str, case: Case) -> DriverProcess | None:
        """The driver's process; for a case calling the scoring server, one that knows its URL
        (``TRACKLINE_SCORING_URI``: the driver is restarted with it the first time)."""
        proc = self.process(driver)
        if proc is not None and "scoring" in case.needs and "TRACKLINE_SCORING_URI" not in proc.extra_env:
            proc.extra_env["TRACKLINE_SCORING_URI"] = self.scoring_url(self.drivers[driver].capabilities.scoring_model)
            proc.close()
        return proc

    def process(self, driver: str) -> DriverProcess | None:
        """The driver's process; None when it cannot start on this machine."""
        if driver in self.unavailable:
            return None
        if driver not in self.processes:
            proc = DriverProcess(self.drivers[driver], self.url())
            try:
                proc.call("health", {}, timeout=600)
            except Exception as exc:  # noqa: BLE001 - any start failure makes it unavailable
                self.unavailable[driver] = str(exc)
                proc.close()
                return None
            self.processes[driver] = proc
        return self.processes[driver]

    def close(self) -> None:
        for proc in self.processes.values():
            proc.close()
        for scoring in self.scoring.values():
            scoring.stop()
        if self.server is not None:
            self.server.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "conformance: a conformance case run through a driver")


def _state(config: pytest.Config) -> Conformance:
    state = getattr(config, "_conformance", None)
    if state is None:
        state = Conformance(config)
        config._conformance = state  # type: ignore[attr-defined]
    return state


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "conformance_case" in metafunc.fixturenames:
        state = _state(metafunc.config)
        state.parametrized = True
        params = [
            pytest.param((driver, case), id=f"{driver}::{case.name}")
            for driver in state.drivers
            for case in state.cases
        ]
        metafunc.parametrize("conformance_case", params)


def _pair(item: pytest.Item) -> tuple[str, Case] | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("conformance_case") if callspec else None


def _applicable(state: Conformance, item: pytest.Item) -> bool:
    pair = _pair(item)
    return pair is None or pair[1].name not in state.lacking[pair[0]]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the cases a driver is not capable of; the summary counts them."""
    state = getattr(config, "_conformance", None)
    if state is None:
        return
    inapplicable = [item for item in items if not _applicable(state, item)]
    if inapplicable:
        items[:] = [item for item in items if _applicable(state, item)]
        config.hook.pytest_deselected(items=inapplicable)


def pytest_deselected(items: list[pytest.Item]) -> None:
    """A case deselected for another reason (-k) leaves the run incomplete: no matrix."""
    for item in items:
        if _pair(item) is not None and _applicable(_state(item.config), item):
            _state(item.config).deselected = True


@pytest.fixture(scope="session")
def conformance(request: pytest.FixtureRequest) -> Conformance:
    return _state(request.config)


@pytest.fixture(scope="session")
def server_url(conformance: Conformance) -> str:
    return conformance.url()


def _expected_files(state: Conformance) -> dict[Path, str]:
    """The results of the drivers that ran, and the matrix built from them plus stored results."""
    ran = [d for d in state.drivers if d not in state.unavailable and state.reasons[d]]
    stored = res.stored_results(RESULTS_DIR)
    combined = dict(stored)
    files: dict[Path, str] = {}
    for driver in ran:
        combined[driver] = state.results[driver]
        files[res.results_path(driver)] = res.render_results(driver, state.results[driver])
    files[MATRIX_PATH] = res.render_matrix(state.cases, combined, list(combined), state.declared)
    return files


def _complete(state: Conformance) -> bool:
    return not state.deselected and all(
        len(state.results[d]) == len(state.cases) for d in state.drivers if d not in state.unavailable
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state: Conformance | None = getattr(session.config, "_conformance", None)
    if state is None:
        return
    state.close()
    config = session.config
    if state.reference or config.getoption("--no-matrix") or not any(map(len, state.reasons.values())):
        return
    if config.getoption("--fix"):
        for driver in state.drivers:
            if driver in state.unavailable or not state.reasons[driver]:
                continue
            entries = {
                name: reason
                for name, reason in state.reasons[driver].items()
                if state.results[driver][name].status in ("known", "fail")
            }
            res.known_failures_path(driver, state.known_dir).write_text(
                res.render_known_failures(driver, entries), encoding="utf-8"
            )
    if not _complete(state):
        state.matrix_problem = "the matrix was neither checked nor written: not every case ran"
        return
    files = _expected_files(state)
    if config.getoption("--fix") or config.getoption("--update-matrix"):
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return
    stale = []
    for path, text in files.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), str(path), "fresh", lineterm="")
            stale.append("\n".join(list(diff)[:40]))
    if stale:
        state.matrix_problem = (
            "MATRIX.md or results/*.json is stale; run `make conformance-matrix` and commit the result:\n"
            + "\n".join(stale)
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    state: Conformance | None = getattr(config, "_conformance", None)
    if state is None:
        return
    for driver, why in state.unavailable.items():
        terminalreporter.write_line(f"driver {driver} is unavailable here, its cases were not run: {why[:500]}")
    for driver, cases in state.lacking.items():
        if cases and state.parametrized:
            terminalreporter.write_line(
                f"driver {driver}: {len(cases)} cases not applicable, not run (deselected): {_counts(cases)}"
            )
    if state.matrix_problem:
        terminalreporter.write_line(state.matrix_problem, red=True)


def _counts(cases: dict[str, tuple[str, ...]]) -> str:
    """How many cases need each capability the driver lacks: `omit_required 23, wrong_types 10`."""
    counts = Counter(capability for lacks in cases.values() for capability in lacks)
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
