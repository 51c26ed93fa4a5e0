"""Parameter values: checked against their declared types, then put into the command.

The value a run logs is the one the user gave (or the declared default), never shell-quoted.
The command gets each value shell-quoted, with ``path`` values made absolute (or downloaded);
parameters the entry point does not declare are appended as ``--name value``.

>>> ep = EntryPoint("main", "python train.py --alpha {alpha}", {"alpha": Parameter("alpha", "float", "0.5")})
>>> values = resolve_parameters(ep, {"alpha": "0.1", "note": "two words"}, Path("."))
>>> values.logged
{'alpha': '0.1', 'note': 'two words'}
>>> render_command(ep, values)
"python train.py --alpha 0.1 --note 'two words'"
"""

from __future__ import annotations

import logging
import shlex
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from trackline import artifacts
from trackline._errors import TracklineException

from ._errors import ExecutionException
from ._spec import PARAMETER_TYPES, EntryPoint, Parameter

__all__ = ["ResolvedParameters", "render_command", "resolve_parameters"]

_logger = logging.getLogger(__name__)

#: The number types: how a value is parsed, and what the error calls it.
_NUMBER_TYPES: dict[str, tuple[Callable[[str], object], str]] = {"float": (float, "a float"), "int": (int, "an int")}


@dataclass
class ResolvedParameters:
    """``logged``: what the run records (declared ones, defaults included, then the extra
    ones); ``values``: the declared ones as the command gets them; ``extra``: the undeclared
    ones; ``downloads``: directories made for remote ``path`` values."""

    logged: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    downloads: list[Path] = field(default_factory=list)


def as_text(value: Any) -> str:
    """A parameter value as the command line and the run get it (``0.5`` is ``'0.5'``)."""
    return value if isinstance(value, str) else str(value)


def resolve_parameters(
    entry_point: EntryPoint,
    given: Mapping[str, Any],
    project_dir: Path,
    *,
    storage_dir: Path | None = None,
) -> ResolvedParameters:
    """Check every value against its type and compute what the command gets.

    A relative ``path`` the user gave is relative to the current directory; a default one is
    relative to the project. Raises :class:`ExecutionException` on the first bad value.
    """
    supplied = {str(k): as_text(v) for k, v in given.items()}
    missing = [name for name, p in entry_point.parameters.items() if p.required and name not in supplied]
    if missing:
        raise ExecutionException(f"No value given for missing parameters: {', '.join(repr(n) for n in missing)}")
    resolved = ResolvedParameters()
    try:
        for position, (name, param) in enumerate(entry_point.parameters.items()):
            from_user = name in supplied
            text = supplied[name] if from_user else str(param.default)
            resolved.logged[name] = text
            base = Path.cwd() if from_user else project_dir
            resolved.values[name] = _command_value(param, text, base, position, storage_dir, resolved)
    except ExecutionException:
        for directory in resolved.downloads:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    for name, text in supplied.items():
        if name not in entry_point.parameters:
            resolved.extra[name] = text
            resolved.logged[name] = text
    return resolved


def render_command(entry_point: EntryPoint, resolved: ResolvedParameters) -> str:
    """The shell command: the template filled with quoted values, then ``--name value`` for
    each undeclared parameter."""
    command = entry_point.command.format_map({k: shlex.quote(v) for k, v in resolved.values.items()})
    extra = [f"--{shlex.quote(k)} {shlex.quote(v)}" for k, v in resolved.extra.items()]
    return " ".join([command, *extra])


def _command_value(
    param: Parameter, text: str, base: Path, position: int, storage_dir: Path | None, resolved: ResolvedParameters
) -> str:
    kind = param.type
    if kind in _NUMBER_TYPES:
        parse, what = _NUMBER_TYPES[kind]
        try:
            parse(text)
        except ValueError:
            raise ExecutionException(f"Parameter {param.name!r} is {what}, but got {text!r}") from None
        return text
    if kind == "uri":
        if not urlsplit(text).scheme:
            raise ExecutionException(f"Parameter {param.name!r} is a uri, but got {text!r}, which has no scheme")
        return text
    if kind == "path":
        return _path_value(param, text, base, position, storage_dir, resolved)
    if kind != "string" and kind not in PARAMETER_TYPES:
        _logger.warning(
            "Parameter %r has type %r, which MLproject does not define: passed as a string", param.name, kind
        )
    return text


def _path_value(
    param: Parameter, text: str, base: Path, position: int, storage_dir: Path | None, resolved: ResolvedParameters
) -> str:
    parts = urlsplit(text)
    if parts.scheme in ("", "file") or len(parts.scheme) == 1:  # a path (or a Windows drive)
        path = Path(unquote(parts.path) if parts.scheme == "file" else text).expanduser()
        path = path if path.is_absolute() else base / path
        if not path.exists():
            raise ExecutionException(
                f"Got {text!r} for parameter {param.name!r}, but no such file or directory was found ({path})"
            )
        return str(path.resolve())
    if storage_dir is not None:
        storage_dir.mkdir(parents=True, exist_ok=True)
    download_dir = Path(tempfile.mkdtemp(prefix="trackline-params-", dir=storage_dir))
    target = download_dir / f"param_{position}"
    target.mkdir()
    try:
        local = artifacts.download_artifacts(artifact_uri=text, dst_path=str(target))
    except TracklineException as exc:
        shutil.rmtree(download_dir, ignore_errors=True)
        raise ExecutionException(f"Cannot download {text!r} for parameter {param.name!r}: {exc.message}") from None
    resolved.downloads.append(download_dir)
    return local
