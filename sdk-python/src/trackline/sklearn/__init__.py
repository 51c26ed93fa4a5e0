"""scikit-learn models, named as in ``mlflow.sklearn``.

::

    import trackline as mlflow
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression().fit(X, y)
    with mlflow.start_run():
        info = mlflow.sklearn.log_model(clf, name="clf", input_example=X[:5], registered_model_name="churn")
    mlflow.sklearn.load_model(info.model_uri).predict(X)       # the estimator
    mlflow.pyfunc.load_model("models:/churn/1").predict(X)     # behind the signature

Models are written with skops by default (``model.skops``), as MLflow 3.17 does; pickle and
cloudpickle files (``model.pkl``) written by older MLflow versions load too.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

from trackline.models._log import ModelInfo, log_model_dir, model_name
from trackline.models._signature import ModelSignature

from ._flavor import FLAVOR_NAME, SERIALIZATION_FORMATS, load_estimator, save_model

__all__ = ["FLAVOR_NAME", "SERIALIZATION_FORMATS", "load_model", "log_model", "save_model"]


def log_model(
    sk_model: Any,
    name: str | None = None,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    serialization_format: str = "skops",
    registered_model_name: str | None = None,
    signature: ModelSignature | None = None,
    input_example: Any = None,
    await_registration_for: int = 300,
    pip_requirements: Sequence[str] | None = None,
    extra_pip_requirements: Sequence[str] | None = None,
    pyfunc_predict_fn: str = "predict",
    metadata: dict[str, Any] | None = None,
    skops_trusted_types: Sequence[str] | None = None,
    *,
    artifact_path: str | None = None,
) -> ModelInfo:
    """Save an estimator and log it as a logged model of the active run (see :func:`save_model`);
    registers it when ``registered_model_name`` is given."""
    save = functools.partial(
        save_model,
        sk_model,
        code_paths=code_paths,
        serialization_format=serialization_format,
        signature=signature,
        input_example=input_example,
        pip_requirements=pip_requirements,
        extra_pip_requirements=extra_pip_requirements,
        pyfunc_predict_fn=pyfunc_predict_fn,
        metadata=metadata,
        skops_trusted_types=skops_trusted_types,
    )
    return log_model_dir(
        save,
        model_name(name, artifact_path),
        registered_model_name,
        await_registration_for=await_registration_for,
    )


def load_model(model_uri: str | os.PathLike[str], dst_path: str | os.PathLike[str] | None = None) -> Any:
    """The estimator of the model at ``model_uri`` (any URI :func:`trackline.pyfunc.load_model` takes)."""
    from trackline.models._resolve import download_model  # noqa: PLC0415

    return load_estimator(download_model(os.fspath(model_uri), dst_path))
