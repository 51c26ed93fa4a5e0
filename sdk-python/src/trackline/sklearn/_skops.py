"""``skops.io``, imported without its slowest step when that step's answer is already known.

When ``skops.io`` is imported it lists scikit-learn's estimators (``sklearn.utils.all_estimators``)
to build the type names it trusts by default. Listing them imports every module of scikit-learn:
about a third of a second of CPU, a fifth of a scoring server's start for a small model. The list
depends only on the installed scikit-learn and skops, so the first import writes it to a cache
file (keyed by both versions and scikit-learn's location) and later imports read it back, handing
skops stand-in classes with the same module and name while it imports.

Safety: skops sees exactly the names it would have computed for the installed versions (a new
scikit-learn, skops or Python is a new cache file). A cache that cannot be read, or names a type
outside ``sklearn.``, is ignored and rewritten. After the import the names skops holds are
compared with the cached ones; on any difference (a skops that uses the classes themselves)
skops is imported again the ordinary way.

The cache lives in ``$TRACKLINE_CACHE_DIR`` (default ``~/.trackline/cache``); set
``TRACKLINE_SKOPS_CACHE=0`` to import skops the ordinary way.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import ModuleType

from trackline._media import _optional

__all__ = ["cache_dir", "skops_io"]

_lock = threading.Lock()


def cache_dir() -> Path:
    """``$TRACKLINE_CACHE_DIR``, else ``~/.trackline/cache``."""
    configured = os.environ.get("TRACKLINE_CACHE_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".trackline" / "cache"


def _cache_file() -> Path | None:
    try:
        sklearn = importlib.import_module("sklearn")
        skops = importlib.import_module("skops")
    except ImportError:
        return None
    where = os.path.dirname(os.path.abspath(str(sklearn.__file__)))
    key = f"{sklearn.__version__}|{skops.__version__}|{where}|{sys.version}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / f"skops-trusted-{digest}.json"


def _read(path: Path) -> list[str] | None:
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(names, list) or not names:
        return None
    if not all(isinstance(n, str) and n.startswith("sklearn.") and "." in n[8:] for n in names):
        return None
    return names


def _write(path: Path, names: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".skops-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(names, f)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written costs only speed


def _stand_ins(names: list[str]) -> list[tuple[str, type]]:
    """``(name, class)`` pairs as ``all_estimators`` returns them, the classes empty stand-ins."""
    out = []
    for full in names:
        module, _, name = full.rpartition(".")
        out.append((name, type(name, (), {"__module__": module})))
    return out


def _trusted_names() -> list[str] | None:
    names = getattr(sys.modules.get("skops.io._trusted_types"), "SKLEARN_ESTIMATOR_TYPE_NAMES", None)
    return list(names) if isinstance(names, list) else None


def _forget_skops_io() -> None:
    for name in [n for n in sys.modules if n == "skops.io" or n.startswith("skops.io.")]:
        del sys.modules[name]


def _import_with(names: list[str]) -> ModuleType | None:
    utils = importlib.import_module("sklearn.utils")
    real = utils.all_estimators
    utils.all_estimators = lambda *args, **kwargs: _stand_ins(names)  # type: ignore[attr-defined]
    try:
        module = _optional("skops.io", "sklearn", "The skops format")
    except Exception:
        _forget_skops_io()
        return None
    finally:
        utils.all_estimators = real  # type: ignore[attr-defined]
    if _trusted_names() != names:
        _forget_skops_io()
        return None
    return module


def skops_io() -> ModuleType:
    """The ``skops.io`` module (imported the fast way when the cache allows)."""
    loaded = sys.modules.get("skops.io")
    if loaded is not None:
        return loaded
    with _lock:
        loaded = sys.modules.get("skops.io")
        if loaded is not None:
            return loaded
        path = _cache_file() if os.environ.get("TRACKLINE_SKOPS_CACHE", "1") != "0" else None
        if path is not None:
            names = _read(path)
            if names is not None:
                module = _import_with(names)
                if module is not None:
                    return module
        module = _optional("skops.io", "sklearn", "The skops format")
        found = _trusted_names()
        if path is not None and found:
            _write(path, found)
        return module
