"""The environment files of a saved model: ``requirements.txt``, ``python_env.yaml``, ``conda.yaml``.

Requirements are pinned to the versions installed where the model is saved::

    python: 3.11.7
    build_dependencies: [pip==24.0, setuptools==69.5.1, wheel]
    dependencies: [-r requirements.txt]

>>> pinned("definitely-not-installed-package")
'definitely-not-installed-package'
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path
from typing import Any

from ._mlmodel import _yaml

__all__ = [
    "CONDA_ENV_FILE",
    "PYTHON_ENV_FILE",
    "REQUIREMENTS_FILE",
    "env_flavor_block",
    "merge_requirements",
    "pinned",
    "requirement_name",
    "requirements_for_modules",
    "write_environment",
]

REQUIREMENTS_FILE = "requirements.txt"
PYTHON_ENV_FILE = "python_env.yaml"
CONDA_ENV_FILE = "conda.yaml"


def pinned(package: str) -> str:
    """``package==<installed version>``, or the bare name when it is not installed."""
    try:
        return f"{package}=={version(package)}"
    except PackageNotFoundError:
        return package


#: Packages a model never needs in its own requirements: the SDK itself, and MLflow (Trackline
#: loads MLflow's model formats with its own code).
_NOT_REQUIREMENTS = frozenset({"trackline", "trackline-server", "mlflow", "mlflow-skinny"})


def requirements_for_modules(modules: Iterable[str]) -> list[str]:
    """Pinned requirements of the installed distributions providing top-level ``modules``.

    The standard library, ``__main__`` and modules of no installed distribution are left out.
    """
    providers = packages_distributions()
    found: set[str] = set()
    for module in modules:
        if module in sys.stdlib_module_names or module in sys.builtin_module_names or module == "__main__":
            continue
        for dist in providers.get(module, ()):
            if dist.lower() not in _NOT_REQUIREMENTS:
                found.add(dist)
    return sorted(pinned(d) for d in found)


def requirement_name(line: str) -> str:
    """The normalized project name of a requirement line (``Scikit_Learn>=1`` is ``scikit-learn``)."""
    for sep in ("==", ">=", "<=", "~=", "!=", ">", "<", "[", ";", " "):
        line = line.split(sep, 1)[0]
    return line.strip().lower().replace("_", "-")


def merge_requirements(defaults: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """``defaults`` then ``extra``; a package named in ``extra`` replaces its default line."""
    extra_list = [r.strip() for r in extra if r.strip()]
    overridden = {requirement_name(r) for r in extra_list}
    return [r for r in defaults if requirement_name(r) not in overridden] + extra_list


def env_flavor_block() -> dict[str, str]:
    """The ``env`` entry of the ``python_function`` flavor."""
    return {"conda": CONDA_ENV_FILE, "virtualenv": PYTHON_ENV_FILE}


def write_environment(
    directory: Path,
    default_requirements: Sequence[str],
    pip_requirements: Sequence[str] | None = None,
    extra_pip_requirements: Sequence[str] | None = None,
) -> list[str]:
    """Write the three environment files into ``directory``; returns the requirements.

    ``pip_requirements`` replaces the defaults; ``extra_pip_requirements`` adds to them.
    """
    if pip_requirements is not None and extra_pip_requirements is not None:
        raise ValueError("Give pip_requirements or extra_pip_requirements, not both")
    if pip_requirements is not None:
        requirements = [r.strip() for r in pip_requirements if r.strip()]
    else:
        requirements = merge_requirements(default_requirements, extra_pip_requirements or ())
    (directory / REQUIREMENTS_FILE).write_text("".join(f"{r}\n" for r in requirements), encoding="utf-8")
    python = platform.python_version()
    build = [pinned("pip"), pinned("setuptools"), "wheel"]
    yaml = _yaml()
    python_env: dict[str, Any] = {
        "python": python,
        "build_dependencies": build,
        "dependencies": [f"-r {REQUIREMENTS_FILE}"],
    }
    (directory / PYTHON_ENV_FILE).write_text(yaml.safe_dump(python_env, sort_keys=False), encoding="utf-8")
    pip_line = build[0].replace("==", "<=") if "==" in build[0] else "pip"
    conda: dict[str, Any] = {
        "channels": ["conda-forge"],
        "dependencies": [f"python={python}", pip_line, {"pip": requirements}],
        "name": "trackline-env",
    }
    (directory / CONDA_ENV_FILE).write_text(yaml.safe_dump(conda, default_flow_style=False), encoding="utf-8")
    return requirements
