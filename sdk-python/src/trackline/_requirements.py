"""Which local files a list of requirement lines depends on, and their command-line form.

A ``python_env.yaml`` lists requirement lines as pip reads them: ``numpy==2.1``,
``-r requirements.txt``, ``-c constraints.txt``, ``-e ./mypkg``, ``./wheels/x.whl``,
``pkg @ file:///abs/pkg``. An environment built from those lines changes when any file they
name changes, so the files (and the files those name, recursively) are part of its identity.
"""

from __future__ import annotations

import hashlib
import os
import shlex
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ._errors import TracklineException

__all__ = ["command_args", "local_references"]

_FILE_OPTIONS = ("-r", "--requirement", "-c", "--constraint")
_EDITABLE_OPTIONS = ("-e", "--editable")
_ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2")
_SKIPPED_DIRS = {".git", "__pycache__", ".venv", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def command_args(lines: Iterable[str]) -> list[str]:
    """The arguments an installer takes for these lines: options are split like a shell
    would (``-r requirements.txt`` is two arguments), a requirement stays one argument
    (``numpy >= 2; python_version < "3.13"``).

    >>> command_args(["-r requirements.txt", "numpy >= 2", "--editable=./pkg"])
    ['-r', 'requirements.txt', 'numpy >= 2', '--editable=./pkg']
    """
    args: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        args.extend(shlex.split(text) if text.startswith("-") else [text])
    return args


def local_references(lines: Iterable[str], base_dir: Path) -> list[tuple[str, str]]:
    """``(path, sha256)`` of every local file and directory the lines refer to, nested
    requirement files included; paths are relative to ``base_dir`` where they can be.

    Raises :class:`TracklineException` when a requirement file or local path does not exist.
    """
    found: dict[str, str] = {}
    _collect(list(lines), base_dir, base_dir, found, set())
    return sorted(found.items())


def _collect(lines: list[str], here: Path, base_dir: Path, found: dict[str, str], seen: set[Path]) -> None:
    for option, value in _references(lines):
        path = Path(os.path.expanduser(value))
        path = path if path.is_absolute() else here / path
        if not path.exists():
            what = "requirements file" if option in _FILE_OPTIONS else "local path"
            raise TracklineException(
                f"The {what} {value!r} named in the environment's dependencies does not exist ({path})",
                error_code="INVALID_PARAMETER_VALUE",
            )
        key = _display(path, base_dir)
        found[key] = _digest(path)
        if option in _FILE_OPTIONS:
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            nested = path.read_text(encoding="utf-8", errors="replace").splitlines()
            _collect(_logical_lines(nested), path.parent, base_dir, found, seen)


def _logical_lines(raw: list[str]) -> list[str]:
    """Lines with comments removed and backslash continuations joined."""
    out: list[str] = []
    pending = ""
    for line in raw:
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = pending + line
        pending = ""
        if text.lstrip().startswith("#"):
            continue
        out.append(text.split(" #", 1)[0].strip())
    if pending:
        out.append(pending.strip())
    return [line for line in out if line]


def _references(lines: list[str]) -> Iterator[tuple[str, str]]:
    """``(option, path)`` for each line that names a local file: ``-r``/``-c`` files, and
    ``-e``/plain requirements that are paths or ``file:`` URLs."""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if text.startswith("-"):
            args = shlex.split(text)
            option, value = _split_option(args)
            if option in _FILE_OPTIONS and value:
                yield option, value
            elif option in _EDITABLE_OPTIONS and value:
                path = _local_path(value)
                if path is not None:
                    yield option, path
            continue
        path = _local_path(text)
        if path is not None:
            yield "", path


def _split_option(args: list[str]) -> tuple[str, str]:
    head = args[0]
    if "=" in head and head.startswith("--"):
        option, value = head.split("=", 1)
        return option, value
    for short in ("-r", "-c", "-e"):
        if head.startswith(short) and len(head) > 2:
            return short, head[2:]
    return head, (args[1] if len(args) > 1 else "")


def _local_path(requirement: str) -> str | None:
    """The local path a requirement names, or ``None`` for an index or VCS requirement."""
    text = requirement.split(";", 1)[0].strip()
    if " @ " in text:
        text = text.split(" @ ", 1)[1].strip()
    if text.startswith("file:"):
        return unquote(urlsplit(text).path)
    if text in (".", "..") or text.startswith(("./", "../", "/", "~")):
        return text
    if text.endswith(_ARCHIVE_SUFFIXES) and "://" not in text:
        return text
    return None


def _display(path: Path, base_dir: Path) -> str:
    try:
        return path.resolve().relative_to(base_dir.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def _digest(path: Path) -> str:
    if path.is_file():
        return _file_digest(path)
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            file = Path(root) / name
            digest.update(f"{file.relative_to(path).as_posix()}\0{_file_digest(file)}\n".encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
