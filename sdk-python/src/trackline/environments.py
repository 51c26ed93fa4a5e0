"""Python environments for projects and models: a ``python_env.yaml`` made into a virtualenv.

A :class:`PythonEnv` is what a ``python_env.yaml`` (MLflow's format) holds::

    python: "3.11"
    build_dependencies: [pip]
    dependencies: ["-r requirements.txt", "scikit-learn==1.5.2"]

:func:`virtualenv` builds it with `uv <https://docs.astral.sh/uv/>`_ (from the ``uv``
package: ``pip install 'trackline[projects]'``) and returns the environment's directory. An
environment is built once per content: the spec, the interpreter, and every local file its
dependencies name (``-r``/``-c`` files, local packages and wheels). It lives under
``env_root``, else ``$TRACKLINE_ENV_ROOT``, else ``~/.trackline/envs``; a later call with the
same content returns the same directory at once. Processes building the same environment at
the same time take turns: one builds, the others find it built.

The interpreter is the running Python when its ``major.minor`` is the one asked for, else a
working ``pythonX.Y`` on ``PATH``; nothing is downloaded or compiled.

>>> env = PythonEnv(python="3.11", dependencies=("numpy==2.1.3",))
>>> env.major_minor
(3, 11)
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import TracklineException
from ._media import _optional
from ._requirements import command_args, local_references

__all__ = ["PythonEnv", "default_env_root", "find_interpreter", "virtualenv"]

_logger = logging.getLogger(__name__)

#: Written into an environment's directory once it is completely built.
READY_FILE = ".trackline-env.json"
#: Bumped when the layout of built environments changes, so old ones are not reused.
_FORMAT = 1
_KEYS = ("python", "build_dependencies", "dependencies")
# pip's settings that uv reads under its own names.
_PIP_TO_UV = {
    "PIP_INDEX_URL": "UV_INDEX_URL",
    "PIP_EXTRA_INDEX_URL": "UV_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS": "UV_FIND_LINKS",
}


def _running_python() -> str:
    return ".".join(str(part) for part in sys.version_info[:3])


def _invalid(message: str) -> TracklineException:
    return TracklineException(message, error_code="INVALID_PARAMETER_VALUE")


@dataclass(frozen=True)
class PythonEnv:
    """A Python version and the requirement lines to install, in two steps (build
    dependencies first, as MLflow does). Requirement lines are pip's: ``pkg==1.0``,
    ``-r requirements.txt``, ``./local/pkg``; relative paths are relative to the directory
    the environment is built for (``base_dir`` of :func:`virtualenv`)."""

    python: str = field(default_factory=_running_python)
    build_dependencies: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.major_minor  # noqa: B018 -- refuses a version that is not one

    @property
    def major_minor(self) -> tuple[int, int]:
        """``(3, 11)`` for ``"3.11"``, ``"3.11.7"`` or ``"3.11.*"``."""
        parts = self.python.strip().split(".")
        try:
            major, minor = int(parts[0]), int(parts[1])
        except (IndexError, ValueError):
            raise _invalid(f"python {self.python!r} is not a Python version such as '3.11' or '3.11.7'") from None
        return major, minor

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "python_env") -> PythonEnv:
        """The environment a ``python_env.yaml``'s mapping describes; ``python`` defaults to
        the running version. Unknown keys and values of the wrong shape are refused."""
        if not isinstance(data, Mapping):
            raise _invalid(f"{source} must be a mapping with the keys {', '.join(_KEYS)}")
        unknown = sorted(str(k) for k in data if k not in _KEYS)
        if unknown:
            raise _invalid(f"{source} has unknown keys {unknown}; the keys are {', '.join(_KEYS)}")
        python = data.get("python")
        if python is not None and not isinstance(python, str | int | float):
            raise _invalid(f"{source}: python must be a version such as '3.11'")
        return cls(
            python=str(python) if python is not None else _running_python(),
            build_dependencies=_requirement_list(data.get("build_dependencies"), "build_dependencies", source),
            dependencies=_requirement_list(data.get("dependencies"), "dependencies", source),
        )

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> PythonEnv:
        """Read a ``python_env.yaml``."""
        yaml = _optional("yaml", "projects", "Reading python_env.yaml")
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise _invalid(f"Cannot read {os.fspath(path)}: {exc.strerror}") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise _invalid(f"{os.fspath(path)} is not valid YAML: {_one_line(str(exc))}") from None
        return cls.from_dict({} if data is None else data, os.fspath(path))

    def to_dict(self) -> dict[str, Any]:
        """The mapping a ``python_env.yaml`` holds."""
        return {
            "python": self.python,
            "build_dependencies": list(self.build_dependencies),
            "dependencies": list(self.dependencies),
        }


def _requirement_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _invalid(f"{source}: {key} must be a list of requirement strings")
    return tuple(value)


def _major_minor_text(version: tuple[int, ...]) -> str:
    return f"{version[0]}.{version[1]}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def default_env_root() -> Path:
    """``$TRACKLINE_ENV_ROOT``, else ``~/.trackline/envs``."""
    configured = os.environ.get("TRACKLINE_ENV_ROOT")
    return Path(configured).expanduser() if configured else Path.home() / ".trackline" / "envs"


def _probe_version(command: str) -> tuple[int, int] | None:
    """The ``major.minor`` of a Python command, or ``None`` when it does not run."""
    try:
        done = subprocess.run(
            [command, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    major, _, minor = done.stdout.strip().partition(".")
    if done.returncode != 0 or not (major.isdigit() and minor.isdigit()):
        return None
    return int(major), int(minor)


def find_interpreter(version: str) -> Path:
    """The interpreter for a Python version: the running one when ``major.minor`` matches,
    else ``pythonX.Y`` from ``PATH`` if it runs and is that version.

    >>> import sys
    >>> find_interpreter("%d.%d" % sys.version_info[:2]) == Path(sys.executable)
    True
    """
    wanted = PythonEnv(python=version).major_minor
    if sys.version_info[:2] == wanted:
        return Path(sys.executable)
    name = f"python{wanted[0]}.{wanted[1]}"
    found = shutil.which(name)
    if found and _probe_version(found) == wanted:
        return Path(found)
    running = _major_minor_text(sys.version_info[:2])
    raise _invalid(
        f"The environment asks for Python {version}, but this is Python {running} and no working {name} "
        f"is on PATH: install Python {wanted[0]}.{wanted[1]} (its {name} on PATH), or change 'python' "
        "in python_env.yaml"
    )


def _uv_command() -> str:
    try:
        return str(importlib.import_module("uv").find_uv_bin())
    except (ImportError, FileNotFoundError):
        found = shutil.which("uv")
        if found:
            return found
    raise ImportError("Building a virtualenv needs the 'uv' package: install it, or 'trackline[projects]'")


def _identity(env: PythonEnv, interpreter: Path, base_dir: Path, extra_requirements: Sequence[str]) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "interpreter": str(interpreter.resolve()),
        "python": _major_minor_text(env.major_minor),
        "build_dependencies": list(env.build_dependencies),
        "dependencies": list(env.dependencies),
        "extra_requirements": list(extra_requirements),
        "files": local_references([*env.build_dependencies, *env.dependencies, *extra_requirements], base_dir),
    }


def virtualenv(
    env: PythonEnv,
    base_dir: str | os.PathLike[str],
    *,
    extra_requirements: Sequence[str] = (),
    env_root: str | os.PathLike[str] | None = None,
) -> Path:
    """The directory of a virtualenv with ``env`` (plus ``extra_requirements``) installed,
    built now unless an identical one was built before. ``base_dir`` is where relative paths
    in the requirements point (the project's or model's directory).

    Raises :class:`~trackline.TracklineException` (``INVALID_PARAMETER_VALUE``) when the
    Python version is not available, a referenced file is missing, or installing fails.
    """
    base = Path(base_dir).resolve()
    interpreter = find_interpreter(env.python)
    identity = _identity(env, interpreter, base, extra_requirements)
    key = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    root = Path(env_root).expanduser() if env_root is not None else default_env_root()
    root.mkdir(parents=True, exist_ok=True)
    env_dir = root / f"py{_major_minor_text(env.major_minor)}-{key[:24]}"
    with _exclusive(root / f"{env_dir.name}.lock"):
        if (env_dir / READY_FILE).is_file():
            return env_dir
        if env_dir.exists():  # a build that was interrupted
            shutil.rmtree(env_dir)
        _logger.info("Building the Python %s environment %s", identity["python"], env_dir)
        try:
            _build(env_dir, interpreter, base, [env.build_dependencies, (*env.dependencies, *extra_requirements)])
        except BaseException:
            shutil.rmtree(env_dir, ignore_errors=True)
            raise
        (env_dir / READY_FILE).write_text(json.dumps(identity, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return env_dir


def _build(env_dir: Path, interpreter: Path, base_dir: Path, steps: Sequence[Sequence[str]]) -> None:
    uv = _uv_command()
    environ = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "VIRTUAL_ENV": str(env_dir)}
    for pip_name, uv_name in _PIP_TO_UV.items():
        if pip_name in os.environ and uv_name not in os.environ:
            environ[uv_name] = os.environ[pip_name]
    _uv([uv, "venv", "--quiet", "--python", str(interpreter), str(env_dir)], base_dir, environ)
    python = str(env_dir / "bin" / "python")
    for requirements in steps:
        if requirements:
            _uv([uv, "pip", "install", "--quiet", "--python", python, *command_args(requirements)], base_dir, environ)


def _uv(command: list[str], cwd: Path, environ: Mapping[str, str]) -> None:
    done = subprocess.run(command, cwd=cwd, env=dict(environ), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        step = " ".join(command[1:3])
        detail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise _invalid(f"Building the Python environment failed (uv {step}): {detail}")


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Holds an exclusive lock on ``lock_path`` (other processes and threads wait)."""
    import fcntl  # noqa: PLC0415 - POSIX only, needed only when building

    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
