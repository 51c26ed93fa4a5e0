"""Turning Python objects into artifact files: dicts (JSON, YAML), figures and images.

None of matplotlib, plotly, numpy, Pillow or PyYAML is needed to import the SDK: figures are
recognised by their methods, and the other packages are imported when first needed.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from ._errors import TracklineException

__all__ = ["dict_chunks", "is_yaml_file", "save_figure", "save_image"]


def _optional(module: str, extra: str, why: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{why} needs the {module!r} package: install it, or 'trackline[{extra}]'") from None


def is_yaml_file(artifact_file: str) -> bool:
    return os.path.splitext(artifact_file)[1].lower() in (".yaml", ".yml")


def dict_chunks(dictionary: Any, artifact_file: str) -> Iterator[bytes]:
    """The file ``log_dict`` writes, produced piece by piece: YAML for ``.yaml``/``.yml``
    names, JSON (indented) otherwise.

    >>> b"".join(dict_chunks({"a": [1, 2]}, "d.json"))
    b'{\\n  "a": [\\n    1,\\n    2\\n  ]\\n}'
    """
    if is_yaml_file(artifact_file):
        yaml = _optional("yaml", "yaml", "Logging a dict as YAML")
        yield yaml.safe_dump(dictionary, indent=2, default_flow_style=False).encode("utf-8")
        return
    for piece in json.JSONEncoder(indent=2).iterencode(dictionary):
        yield piece.encode("utf-8")


def load_dict_bytes(data: bytes, artifact_file: str) -> Any:
    """A dict read back from a file written by :func:`dict_chunks` (or by MLflow)."""
    text = data.decode("utf-8")
    if is_yaml_file(artifact_file):
        yaml = _optional("yaml", "yaml", "Loading a YAML file")
        return yaml.safe_load(text)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise TracklineException(
            f"{artifact_file} is not a JSON file: {exc}", error_code="INVALID_PARAMETER_VALUE"
        ) from None


def save_figure(figure: Any, path: str, save_kwargs: dict[str, Any] | None = None) -> None:
    """Save a matplotlib figure (``savefig``) or a plotly figure (HTML for ``.html`` names,
    else ``write_image``) to ``path``."""
    kwargs = dict(save_kwargs or {})
    if hasattr(figure, "savefig"):
        figure.savefig(path, **kwargs)
    elif hasattr(figure, "write_html") and path.lower().endswith(".html"):
        figure.write_html(path, **kwargs)
    elif hasattr(figure, "write_image"):
        figure.write_image(path, **kwargs)
    else:
        raise TracklineException(
            f"Unsupported figure of type {type(figure).__name__}: log_figure takes a matplotlib or a plotly figure",
            error_code="INVALID_PARAMETER_VALUE",
        )


def _array_to_image(array: Any, image_module: Any) -> Any:
    """A Pillow image from a numpy array: (H, W) grayscale, (H, W, 1), (H, W, 3) RGB or
    (H, W, 4) RGBA; integers in 0..255 or floats in 0..1."""
    numpy = _optional("numpy", "images", "Logging an array as an image")
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise TracklineException(
            f"Unsupported image shape {tuple(array.shape)}: use (H, W), (H, W, 1), (H, W, 3) or (H, W, 4)",
            error_code="INVALID_PARAMETER_VALUE",
        )
    if numpy.issubdtype(array.dtype, numpy.floating):
        if array.size and (array.min() < 0 or array.max() > 1):
            raise TracklineException("Float images must have values in [0, 1]", error_code="INVALID_PARAMETER_VALUE")
        array = (array * 255).round()
    elif numpy.issubdtype(array.dtype, numpy.integer) or array.dtype == numpy.bool_:
        if array.size and (array.min() < 0 or array.max() > 255):
            raise TracklineException(
                "Integer images must have values in [0, 255]",
                error_code="INVALID_PARAMETER_VALUE",
            )
    else:
        raise TracklineException(f"Unsupported image dtype {array.dtype}", error_code="INVALID_PARAMETER_VALUE")
    return image_module.fromarray(array.astype(numpy.uint8))


def save_image(image: Any, path: str) -> None:
    """Save a Pillow image, or a numpy array (see :func:`_array_to_image`), to ``path``; the
    format follows the file name (PNG, JPEG, ...)."""
    pil = _optional("PIL.Image", "images", "Logging an image")
    if not isinstance(image, pil.Image):
        if not (hasattr(image, "ndim") and hasattr(image, "dtype")):
            raise TracklineException(
                f"Unsupported image of type {type(image).__name__}: log_image takes a numpy array or a PIL image",
                error_code="INVALID_PARAMETER_VALUE",
            )
        image = _array_to_image(image, pil)
    image.save(path)
