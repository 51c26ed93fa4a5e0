"""MLproject files: reading one, checking it whole, and the entry points it declares.

The format is MLflow's::

    name: churn
    python_env: python_env.yaml          # or conda_env: conda.yaml, or docker_env: {image: ...}
    entry_points:
      main:
        parameters:
          alpha: {type: float, default: 0.5}
          data: path                       # a type alone: required
        command: "python train.py --alpha {alpha} --data {data}"

Everything is checked when the file is read, before anything runs: the YAML, the keys, the
parameter declarations, and that every ``{name}`` in a command is a declared parameter.
Without an MLproject file a project has no declared entry points, and ``.py``, ``.sh`` and
``.R`` files run as scripts.
"""

from __future__ import annotations

import os
import shlex
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trackline._media import _optional

from ._errors import ExecutionException

__all__ = ["EntryPoint", "Parameter", "Project", "load_project"]

#: Parameter types with a meaning; any other type is passed on as a string (as MLflow does).
PARAMETER_TYPES = ("string", "float", "int", "path", "uri")
ENV_KEYS = ("python_env", "conda_env", "docker_env")
_TOP_KEYS = ("name", "entry_points", *ENV_KEYS, "databricks_spark_job")
_ENTRY_POINT_KEYS = ("parameters", "command")
_PARAMETER_KEYS = ("type", "default")
#: How script entry points (``-e train.py``) run, by file extension.
SCRIPT_RUNNERS = {".py": "python", ".sh": "bash", ".R": "Rscript"}


@dataclass(frozen=True)
class Parameter:
    """A declared parameter: its type and default (as text; ``None`` when it is required)."""

    name: str
    type: str = "string"
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class EntryPoint:
    """A command template and the parameters it takes.

    >>> ep = EntryPoint("main", "python train.py --alpha {alpha}", {"alpha": Parameter("alpha", "float", "0.5")})
    >>> sorted(ep.parameters)
    ['alpha']
    """

    name: str
    command: str
    parameters: Mapping[str, Parameter] = field(default_factory=dict)


@dataclass(frozen=True)
class Project:
    """A project directory and what its MLproject file declares.

    ``env_type`` is ``"python_env"``, ``"conda_env"``, ``"docker_env"`` or ``None`` (no
    environment file); ``env_file`` is the python_env or conda file, ``docker_image`` the
    image of a docker_env.
    """

    directory: Path
    name: str | None = None
    entry_points: Mapping[str, EntryPoint] = field(default_factory=dict)
    env_type: str | None = None
    env_file: Path | None = None
    docker_image: str | None = None

    def entry_point(self, name: str) -> EntryPoint:
        """The declared entry point ``name``, else a script of the project run by its
        extension (``python``, ``bash``, ``Rscript``)."""
        if name in self.entry_points:
            return self.entry_points[name]
        runner = SCRIPT_RUNNERS.get(os.path.splitext(name)[1])
        declared = sorted(self.entry_points)
        if runner is None:
            raise ExecutionException(
                f"Could not find {name!r} among the entry points {declared} or run it as a script: "
                f"scripts end in {', '.join(SCRIPT_RUNNERS)}"
            )
        if not (self.directory / name).is_file():
            raise ExecutionException(
                f"Could not find {name!r} among the entry points {declared}, nor a script {name} in {self.directory}"
            )
        return EntryPoint(name, f"{runner} {shlex.quote(name)}")


def _fail(source: Path, message: str) -> ExecutionException:
    return ExecutionException(f"Invalid MLproject file {source}: {message}")


def _find_mlproject(directory: Path) -> Path | None:
    for entry in sorted(directory.iterdir()):
        if entry.name.lower() == "mlproject" and entry.is_file():
            return entry
    return None


def load_project(directory: str | os.PathLike[str]) -> Project:
    """Read and check the MLproject file of ``directory`` (a project without one is valid).

    Raises :class:`ExecutionException` with a one-line message for anything wrong.
    """
    root = Path(directory).resolve()
    if not root.is_dir():
        raise ExecutionException(f"Project directory {root} does not exist")
    source = _find_mlproject(root)
    if source is None:
        return Project(root, **_implicit_env(root))
    data = _read_yaml(source)
    unknown = sorted(str(key) for key in data if key not in _TOP_KEYS)
    if unknown:
        raise _fail(source, f"unknown keys {unknown}; the keys are {', '.join(_TOP_KEYS)}")
    if "databricks_spark_job" in data:
        raise _fail(source, "databricks_spark_job projects run on Databricks only")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise _fail(source, "name must be a string")
    entry_points_yaml = data.get("entry_points") or {}
    if not isinstance(entry_points_yaml, Mapping):
        raise _fail(source, "entry_points must be a mapping of entry point names to {parameters, command}")
    entry_points = {str(ep): _entry_point(source, str(ep), spec) for ep, spec in entry_points_yaml.items()}
    return Project(root, name, entry_points, **_declared_env(source, root, data))


def _read_yaml(source: Path) -> Mapping[str, Any]:
    yaml = _optional("yaml", "projects", "Reading an MLproject file")
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise _fail(source, f"not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(source, f"cannot be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise _fail(source, "the file must hold a mapping (name, entry_points, python_env, ...)")
    return data


def _entry_point(source: Path, name: str, spec: Any) -> EntryPoint:
    where = f"entry point {name!r}"
    if not isinstance(spec, Mapping):
        raise _fail(source, f"{where} must be a mapping with 'command' and optional 'parameters'")
    unknown = sorted(str(key) for key in spec if key not in _ENTRY_POINT_KEYS)
    if unknown:
        raise _fail(source, f"{where} has unknown keys {unknown}; the keys are {', '.join(_ENTRY_POINT_KEYS)}")
    command = spec.get("command")
    if not isinstance(command, str) or not command.strip():
        raise _fail(source, f"{where} has no command")
    params_yaml = spec.get("parameters") or {}
    if not isinstance(params_yaml, Mapping):
        raise _fail(source, f"the parameters of {where} must be a mapping")
    parameters = {str(p): _parameter(source, where, str(p), decl) for p, decl in params_yaml.items()}
    _check_template(source, where, command, parameters)
    return EntryPoint(name, command, parameters)


def _parameter(source: Path, where: str, name: str, decl: Any) -> Parameter:
    if isinstance(decl, str):
        return Parameter(name, decl)
    if not isinstance(decl, Mapping):
        raise _fail(source, f"parameter {name!r} of {where} must be a type name or a mapping with 'type' and 'default'")
    unknown = sorted(str(key) for key in decl if key not in _PARAMETER_KEYS)
    if unknown:
        raise _fail(source, f"parameter {name!r} of {where} has unknown keys {unknown}; the keys are type, default")
    kind = decl.get("type", "string")
    if not isinstance(kind, str):
        raise _fail(source, f"the type of parameter {name!r} of {where} must be a name such as float")
    default = decl.get("default")
    if isinstance(default, Mapping | list):
        raise _fail(source, f"the default of parameter {name!r} of {where} must be a single value")
    return Parameter(name, kind, None if default is None else str(default))


def _check_template(source: Path, where: str, command: str, parameters: Mapping[str, Parameter]) -> None:
    try:
        fields = [parsed[1] for parsed in string.Formatter().parse(command) if parsed[1] is not None]
    except ValueError as exc:
        message = f"the command of {where} is not a valid template ({exc}); write {{{{ and }}}} for braces"
        raise _fail(source, message) from None
    for name in fields:
        if name not in parameters:
            declared = sorted(parameters)
            shown = "{" + name + "}"
            raise _fail(source, f"the command of {where} uses {shown}, which is not among its parameters {declared}")


def _declared_env(source: Path, root: Path, data: Mapping[str, Any]) -> dict[str, Any]:
    present = [key for key in ENV_KEYS if key in data]
    if len(present) > 1:
        raise _fail(source, f"a project has one environment, not {present}")
    if not present:
        return _implicit_env(root)
    key = present[0]
    value = data[key]
    if key == "docker_env":
        if not isinstance(value, Mapping) or not isinstance(value.get("image"), str) or not value["image"]:
            raise _fail(source, "docker_env must be a mapping with an image")
        return {"env_type": key, "docker_image": value["image"]}
    if not isinstance(value, str) or not value:
        raise _fail(source, f"{key} must be the path of a file in the project")
    path = root / value
    if not path.is_file():
        raise _fail(source, f"{key} names {value}, which is not a file of the project")
    return {"env_type": key, "env_file": path}


def _implicit_env(root: Path) -> dict[str, Any]:
    for key, file_name in (("python_env", "python_env.yaml"), ("conda_env", "conda.yaml")):
        if (root / file_name).is_file():
            return {"env_type": key, "env_file": root / file_name}
    return {}
