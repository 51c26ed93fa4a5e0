"""``trackline run``: MLflow's ``mlflow run`` command, on the local backend.

``main(argv)`` parses the arguments (MLflow's flags), runs the project, streams its output,
and returns the exit status: the command's own status, ``1`` when the project could not be
run (a one-line error, and no run created), ``2`` for bad arguments, and ``128 + signal``
when Ctrl-C or SIGTERM stopped it (the run then ends ``KILLED``, its process group stopped).

It logs MLflow's ``=== Run (ID '<id>') succeeded ===`` (or ``failed``, ``killed``) line on
stderr, which MLflow's R package reads, so that ``MLFLOW_BIN=trackline`` works for it.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from trackline._errors import TracklineException

from ._run import ENV_MANAGERS, run
from ._submitted import SubmittedRun

__all__ = ["main"]

_USAGE_ERROR = 2
_FAILED = 1


class _Parser(argparse.ArgumentParser):
    """Errors in one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(_USAGE_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog="trackline run",
        description="Run an MLflow project (a directory or git repository with an MLproject file) as a tracked run.",
    )
    parser.add_argument("uri", help="a directory, a git repository or a git URL, with #sub/dir for a subdirectory")
    parser.add_argument("-e", "--entry-point", default="main", help="entry point, or a .py/.sh/.R script (main)")
    parser.add_argument("-v", "--version", help="git branch, tag or commit to run")
    parser.add_argument(
        "-P", "--param-list", action="append", default=[], metavar="NAME=VALUE", help="a parameter (repeatable)"
    )
    parser.add_argument("-A", "--docker-args", action="append", default=[], help="accepted; for docker projects only")
    parser.add_argument("--experiment-name", help="experiment to run in, created when missing")
    parser.add_argument("--experiment-id", help="experiment to run in")
    parser.add_argument("-b", "--backend", default="local", help="only 'local'")
    parser.add_argument("-c", "--backend-config", help="accepted (JSON file or string); for remote backends only")
    parser.add_argument("--env-manager", help=f"one of {', '.join(ENV_MANAGERS)}")
    parser.add_argument("--storage-dir", help="where remote URIs given to path parameters are downloaded")
    parser.add_argument("--run-id", help="resume this run instead of creating one")
    parser.add_argument("--run-name", help="the run's name")
    parser.add_argument("--build-image", action="store_true", help="accepted; for docker projects only")
    return parser


def _pairs(parser: _Parser, values: Sequence[str], flag: str, *, bare: bool = False) -> dict[str, Any]:
    """``-P name=value`` arguments as a dict (split at the first ``=``; a name may come once)."""
    pairs: dict[str, Any] = {}
    for value in values:
        name, equals, text = value.partition("=")
        if not name or (not equals and not bare):
            parser.error(f"invalid format for -{flag} {value!r}: use -{flag} name=value")
        if name in pairs:
            parser.error(f"repeated parameter {name!r}")
        pairs[name] = text if equals else True
    return pairs


def _backend_config(parser: _Parser, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(Path(value).read_text() if value.endswith(".json") else value)
    except (OSError, ValueError) as exc:
        parser.error(f"invalid backend config {value!r}: {exc}")


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y/%m/%d %H:%M:%S"))
    logger = logging.getLogger("trackline")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


class _Signals:
    """Turns the first SIGINT or SIGTERM into ``KeyboardInterrupt`` (later ones are ignored
    while the run is being stopped) and remembers which it was."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous = {sig: signal.signal(sig, self._handle) for sig in (signal.SIGINT, signal.SIGTERM)}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        del frame
        for sig in self._previous:
            signal.signal(sig, signal.SIG_IGN)
        self.received = signum
        raise KeyboardInterrupt

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``trackline run`` with these arguments; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    params = _pairs(parser, args.param_list, "P")
    docker_args = _pairs(parser, args.docker_args, "A", bare=True)
    backend_config = _backend_config(parser, args.backend_config)
    _configure_logging()
    signals = _Signals()
    try:
        submitted = run(
            args.uri,
            entry_point=args.entry_point,
            version=args.version,
            parameters=params,
            docker_args=docker_args,
            experiment_name=args.experiment_name,
            experiment_id=args.experiment_id,
            backend=args.backend,
            backend_config=backend_config,
            storage_dir=args.storage_dir,
            synchronous=False,
            run_id=args.run_id,
            run_name=args.run_name,
            env_manager=args.env_manager,
            build_image=args.build_image,
        )
        return _wait(submitted)
    except TracklineException as exc:
        print(f"trackline run: {' '.join(exc.message.split())}", file=sys.stderr)
        return _FAILED
    except KeyboardInterrupt:
        return 128 + (signals.received or signal.SIGINT)
    finally:
        signals.restore()


def _wait(submitted: SubmittedRun) -> int:
    """The command's exit status once its run is recorded (``128 + n`` for signal ``n``)."""
    submitted.wait()
    code = submitted.exit_code
    if code is None:
        return _FAILED
    return code if code >= 0 else 128 - code
