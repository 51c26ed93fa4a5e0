"""MLflow's model format: the ``MLmodel`` file, signatures, input examples, model URIs.

Names as in ``mlflow.models``::

    from trackline.models import ModelSignature, infer_signature

    signature = infer_signature(train_df, model.predict(train_df))
    print(signature.inputs.to_json())

Reading what a model directory (or a logged or registered model) holds::

    from trackline.models import Model, download_model

    Model.load(download_model("models:/churn@champion")).flavors  # {'python_function': ..., 'sklearn': ...}
"""

from __future__ import annotations

from ._enforce import SchemaEnforcementError
from ._example import load_input_example
from ._infer import infer_signature
from ._log import ModelInfo
from ._mlmodel import Model
from ._resolve import download_model
from ._schema import AnyType, Array, ColSpec, Map, Object, ParamSchema, ParamSpec, Property, Schema, TensorSpec
from ._signature import ModelSignature
from ._types import DataType

__all__ = [
    "AnyType",
    "Array",
    "ColSpec",
    "DataType",
    "Map",
    "Model",
    "ModelInfo",
    "ModelSignature",
    "Object",
    "ParamSchema",
    "ParamSpec",
    "Property",
    "Schema",
    "SchemaEnforcementError",
    "TensorSpec",
    "download_model",
    "infer_signature",
    "load_input_example",
]
