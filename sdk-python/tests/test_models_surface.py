"""The public surface of the model packages, pinned; and their optional dependencies."""

from __future__ import annotations

import subprocess
import sys

import trackline
from trackline import models, pyfunc, scoring, serving
from trackline import sklearn as tl_sklearn

SURFACES = {
    models: [
        "AnyType", "Array", "ColSpec", "DataType", "Map", "Model", "ModelInfo", "ModelSignature", "Object",
        "ParamSchema", "ParamSpec", "Property", "Schema", "SchemaEnforcementError", "TensorSpec", "download_model",
        "infer_signature", "load_input_example",
    ],
    pyfunc: [
        "FLAVOR_NAME", "PyFuncModel", "PythonModel", "PythonModelContext", "load_model", "log_model", "save_model",
    ],
    tl_sklearn: ["FLAVOR_NAME", "SERIALIZATION_FORMATS", "load_model", "log_model", "save_model"],
    scoring: ["ScoringClient", "ScoringResponse", "scoring_body"],
    serving: [
        "ModelSet", "ScoringError", "ScoringSettings", "ServeOptions", "ServedModel", "SpecMismatch", "create_app",
        "load_served", "parse_model_spec", "predict", "prepare_env", "serve",
    ],
}  # fmt: skip


def test_model_surfaces_are_pinned() -> None:
    for module, names in SURFACES.items():
        assert sorted(module.__all__) == sorted(names), module.__name__
        for name in names:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    assert trackline.pyfunc is pyfunc
    assert trackline.models is models
    assert trackline.sklearn is tl_sklearn


def test_model_packages_import_without_their_extras() -> None:
    """Importing needs none of the optional packages; using a part that needs one names the extra."""
    script = """
import sys
for name in ("pandas", "numpy", "yaml", "cloudpickle", "sklearn", "skops", "flask", "gunicorn", "mlflow"):
    sys.modules[name] = None
import trackline
from trackline import models, pyfunc, scoring, sklearn
from trackline.models import ColSpec, ModelSignature, Schema
print(ModelSignature(Schema([ColSpec("double", "x")])).to_dict()["inputs"])
try:
    pyfunc.load_model("/nonexistent")
except Exception as exc:
    print(type(exc).__name__)
try:
    models.Model().to_yaml()
except ImportError as exc:
    assert "trackline[models]" in str(exc), exc
    print("yaml needed")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == [
        '[{"type": "double", "name": "x", "required": true}]',
        "TracklineException",
        "yaml needed",
    ]
