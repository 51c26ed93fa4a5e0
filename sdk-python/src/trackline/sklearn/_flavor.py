"""The ``sklearn`` flavor: reading and writing scikit-learn models as MLflow does.

A model is one file in one of three formats: ``skops`` (MLflow's default: ``model.skops``,
loaded without running arbitrary code), ``cloudpickle`` or ``pickle`` (``model.pkl``)::

    flavors:
      python_function: {loader_module: mlflow.sklearn, model_path: model.skops, predict_fn: predict, ...}
      sklearn: {pickled_model: model.skops, serialization_format: skops, sklearn_version: 1.9.1,
                code: null, skops_trusted_types: null}
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trackline._errors import TracklineException
from trackline._media import _optional
from trackline.models._environment import env_flavor_block, pinned, requirements_for_modules, write_environment
from trackline.models._mlmodel import Model
from trackline.models._save import (
    copy_code_paths,
    finish_model_dir,
    new_model_dir,
    python_version,
    save_input_example,
    signature_for,
)
from trackline.models._signature import ModelSignature

from ._skops import skops_io

__all__ = [
    "FLAVOR_NAME",
    "SERIALIZATION_FORMATS",
    "SklearnImpl",
    "load_estimator",
    "load_pyfunc",
    "save_model",
]

FLAVOR_NAME = "sklearn"
SKOPS, CLOUDPICKLE, PICKLE = "skops", "cloudpickle", "pickle"
SERIALIZATION_FORMATS = (SKOPS, CLOUDPICKLE, PICKLE)
PREDICT_FNS = ("predict", "predict_proba", "predict_log_proba", "predict_joint_log_proba", "score")


def _invalid(message: str) -> TracklineException:
    return TracklineException(message, error_code="INVALID_PARAMETER_VALUE")


def _file_name(serialization_format: str) -> str:
    return "model.skops" if serialization_format == SKOPS else "model.pkl"


def _write(estimator: Any, path: Path, serialization_format: str, trusted: Sequence[str] | None) -> None:
    if serialization_format == SKOPS:
        skops = skops_io()
        skops.dump(estimator, path)
        untrusted = [t for t in skops.get_untrusted_types(file=path) if t not in (trusted or ())]
        if untrusted:
            raise _invalid(
                f"The model holds types skops does not trust by default: {untrusted}. If loading them is "
                "safe, pass skops_trusted_types=[...]; or save with serialization_format='cloudpickle'"
            )
        return
    if serialization_format == CLOUDPICKLE:
        from trackline.pyfunc._pickle import _cloudpickle  # noqa: PLC0415

        path.write_bytes(_cloudpickle().dumps(estimator))
        return
    path.write_bytes(pickle.dumps(estimator))


def load_estimator(model_dir: Path) -> Any:
    """The estimator of a model directory with the ``sklearn`` flavor (or only ``python_function``)."""
    metadata = Model.load(model_dir)
    conf = metadata.flavors.get(FLAVOR_NAME)
    pyfunc = metadata.flavors.get("python_function", {})
    if conf is None:  # MLflow assumes pickle when the sklearn block is missing
        conf = {"pickled_model": pyfunc.get("model_path") or pyfunc.get("data"), "serialization_format": PICKLE}
    file = conf.get("pickled_model") or pyfunc.get("model_path")
    if not file:
        raise _invalid("The sklearn flavor names no model file")
    fmt = conf.get("serialization_format", PICKLE)
    path = model_dir / str(file)
    if fmt == SKOPS:
        return skops_io().load(path, trusted=conf.get("skops_trusted_types"))
    if fmt == CLOUDPICKLE:
        from trackline.pyfunc._pickle import load_model_pickle  # noqa: PLC0415

        return load_model_pickle(str(path))
    if fmt == PICKLE:
        with open(path, "rb") as f:
            return pickle.load(f)  # loading a model runs its code, as in MLflow
    raise _invalid(f"Unknown serialization format {fmt!r}; expected one of {list(SERIALIZATION_FORMATS)}")


class SklearnImpl:
    """An estimator behind ``predict(data, params)``: calls its ``predict_fn`` method."""

    def __init__(self, estimator: Any, predict_fn: str = "predict") -> None:
        method = getattr(estimator, predict_fn, None)
        if method is None:
            raise _invalid(f"The model has no {predict_fn} method")
        self.estimator = estimator
        self._method = method

    def predict(self, data: Any, params: dict[str, Any] | None) -> Any:
        return self._method(data)

    def raw_model(self) -> Any:
        return self.estimator


def load_pyfunc(model_dir: Path, conf: dict[str, Any], model_config: dict[str, Any] | None) -> SklearnImpl:
    """The ``mlflow.sklearn`` loader of ``trackline.pyfunc``."""
    flavor = Model.load(model_dir).flavors.get(FLAVOR_NAME, {})
    code = flavor.get("code")
    if code:
        from trackline.pyfunc._loaders import _add_code_path  # noqa: PLC0415

        _add_code_path(model_dir, code)
    return SklearnImpl(load_estimator(model_dir), str(conf.get("predict_fn") or "predict"))


def save_model(
    sk_model: Any,
    path: str | os.PathLike[str],
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    serialization_format: str = SKOPS,
    signature: ModelSignature | None = None,
    input_example: Any = None,
    pip_requirements: Sequence[str] | None = None,
    extra_pip_requirements: Sequence[str] | None = None,
    pyfunc_predict_fn: str = "predict",
    metadata: dict[str, Any] | None = None,
    skops_trusted_types: Sequence[str] | None = None,
) -> Model:
    """Save an estimator as a model directory at ``path``.

    Without a ``signature``, one is inferred from ``input_example`` and the estimator's
    prediction on it. ``pyfunc_predict_fn`` is the method ``pyfunc`` and the scoring server call
    (``predict``, ``predict_proba``, ...).
    """
    if serialization_format not in SERIALIZATION_FORMATS:
        raise _invalid(f"serialization_format must be one of {list(SERIALIZATION_FORMATS)}")
    if pyfunc_predict_fn not in PREDICT_FNS:
        raise _invalid(f"pyfunc_predict_fn must be one of {list(PREDICT_FNS)}")
    directory = new_model_dir(path)
    try:
        sklearn = _optional("sklearn", "sklearn", "Saving scikit-learn models")
        code = copy_code_paths(directory, code_paths)
        file = _file_name(serialization_format)
        _write(sk_model, directory / file, serialization_format, skops_trusted_types)
        example = save_input_example(directory, input_example)
        method = getattr(sk_model, pyfunc_predict_fn)
        model = Model(
            signature=signature_for(signature, example, lambda data, params: method(data)),
            saved_input_example_info=example.info if example else None,
            metadata=metadata,
        )
        model.add_flavor(
            "python_function",
            loader_module="mlflow.sklearn",
            model_path=file,
            predict_fn=pyfunc_predict_fn,
            code=code,
            env=env_flavor_block(),
            python_version=python_version(),
        )
        model.add_flavor(
            FLAVOR_NAME,
            pickled_model=file,
            serialization_format=serialization_format,
            sklearn_version=sklearn.__version__,
            code=code,
            skops_trusted_types=list(skops_trusted_types) if skops_trusted_types else None,
        )
        from trackline.pyfunc._pickle import referenced_modules  # noqa: PLC0415

        used = referenced_modules(sk_model)
        formats = {SKOPS: ["skops"], CLOUDPICKLE: ["cloudpickle"], PICKLE: []}[serialization_format]
        defaults = sorted({*requirements_for_modules(used | {"sklearn", "numpy", "scipy"}), *map(pinned, formats)})
        write_environment(directory, defaults, pip_requirements, extra_pip_requirements)
        return finish_model_dir(directory, model)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
