"""The model format without a server: MLmodel files, signatures, inference, enforcement, saving."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from trackline import TracklineException, pyfunc
from trackline import sklearn as tl_sklearn
from trackline.models import (
    Array,
    ColSpec,
    Model,
    ModelSignature,
    ParamSchema,
    ParamSpec,
    Schema,
    SchemaEnforcementError,
    TensorSpec,
    infer_signature,
    load_input_example,
)
from trackline.models._enforce import coerce_wire_columns, enforce_params, enforce_schema

SCHEMA = Schema([ColSpec("double", "x"), ColSpec("long", "n"), ColSpec("string", "tag", required=False)])


class Doubler(pyfunc.PythonModel):
    def load_context(self, context: pyfunc.PythonModelContext) -> None:
        self.offset = float(Path(context.artifacts["offset"]).read_text())

    def predict(self, context: pyfunc.PythonModelContext, model_input: pd.DataFrame, params: dict | None = None):
        factor = (params or {}).get("factor", 2)
        return (model_input["x"] * factor + self.offset).to_numpy()


def test_signature_json_is_mlflows() -> None:
    signature = infer_signature(
        pd.DataFrame({"x": [1.5], "n": np.array([3], dtype="int64"), "tag": ["a"]}),
        np.array([0.5]),
        params={"factor": 2, "names": ["a", "b"]},
    )
    written = signature.to_dict()
    assert written["inputs"] == (
        '[{"type": "double", "name": "x", "required": true}, {"type": "long", "name": "n", "required": true}, '
        '{"type": "string", "name": "tag", "required": true}]'
    )
    assert written["outputs"] == '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]'
    assert json.loads(written["params"] or "[]") == [
        {"name": "factor", "default": 2, "shape": None, "type": "long"},
        {"name": "names", "default": ["a", "b"], "shape": [-1], "type": "string"},
    ]
    assert ModelSignature.from_dict(written) == signature


def test_inference_of_each_kind_of_example() -> None:
    assert str(infer_signature({"q": "x", "n": [1, 2]}).inputs) == "['q': string, 'n': Array(long)]"
    assert str(infer_signature(["a", "b"]).inputs) == "[string]"
    assert str(infer_signature([{"a": 1, "b": None}]).inputs) == "['a': long, 'b': Any (optional)]"
    tensors = infer_signature({"img": np.zeros((2, 3), dtype="float32")}).inputs
    assert tensors is not None
    assert tensors.inputs == (TensorSpec("float32", (-1, 3), "img"),)
    frame = pd.DataFrame({"i": np.array([1], dtype="int32"), "f": [np.nan], "d": pd.to_datetime(["2024-01-01"])})
    assert str(infer_signature(frame).inputs) == "['i': integer, 'f': double (optional), 'd': datetime]"


def test_mlmodel_keeps_unknown_keys_and_reads_mlflow_2_optional(tmp_path: Path) -> None:
    raw = {
        "flavors": {"python_function": {"loader_module": "mlflow.sklearn", "model_path": "model.pkl"}},
        "utc_time_created": "2024-01-01 00:00:00.000000",
        "prompts": None,
        "resources": {"api": ["x"]},
        "signature": {"inputs": '[{"type": "double", "name": "a", "optional": true}]', "outputs": None},
    }
    (tmp_path / "MLmodel").write_text(yaml.safe_dump(raw))
    model = Model.load(tmp_path)
    assert model.extra["resources"] == {"api": ["x"]}
    schema = model.get_input_schema()
    assert schema is not None
    assert schema.inputs[0].required is False
    again = model.to_dict()
    assert again["resources"] == raw["resources"]
    assert "prompts" in again
    assert "trackline_version" not in again  # a model written by another tool stays its own


def test_enforcement_rules() -> None:
    good = pd.DataFrame({"n": np.array([1], dtype="int32"), "x": np.array([1.5], dtype="float32"), "extra": [0]})
    checked = enforce_schema(good, SCHEMA)
    assert list(checked.columns) == ["x", "n"]  # schema order, the extra column dropped
    assert checked["n"].dtype == np.int64
    assert checked["x"].dtype == np.float64

    with pytest.raises(SchemaEnforcementError, match=r"missing inputs \['n'\]") as missing:
        enforce_schema(pd.DataFrame({"x": [1.0]}), SCHEMA)
    assert missing.value.error_class == "SCHEMA_ENFORCEMENT_FAILED"
    with pytest.raises(SchemaEnforcementError, match=r"column n.*float64 to long.*1\.5 is not a whole number"):
        enforce_schema(pd.DataFrame({"x": [1.0], "n": [1.5]}), SCHEMA)
    with pytest.raises(SchemaEnforcementError, match="column x"):
        enforce_schema(pd.DataFrame({"x": ["1.0"], "n": [1]}), SCHEMA)
    with pytest.raises(SchemaEnforcementError, match="column tag"):
        enforce_schema(pd.DataFrame({"x": [1.0], "n": [1], "tag": [3]}), SCHEMA)
    # Integers convert to a double column only when exact.
    assert enforce_schema(pd.DataFrame({"x": [2**53], "n": [1]}), SCHEMA)["x"].iloc[0] == 2.0**53
    with pytest.raises(SchemaEnforcementError, match="lose precision"):
        enforce_schema(pd.DataFrame({"x": [2**53 + 1], "n": [1]}), SCHEMA)


def test_wire_values_never_truncate() -> None:
    whole = coerce_wire_columns(pd.DataFrame({"x": [1], "n": [2.0]}), SCHEMA)
    assert whole["n"].dtype == np.int64
    assert whole["x"].dtype == np.float64
    with pytest.raises(SchemaEnforcementError, match=r"1\.5 is not a whole number") as err:
        coerce_wire_columns(pd.DataFrame({"x": [1.0], "n": [1.5]}), SCHEMA)
    assert err.value.error_code == "BAD_REQUEST"
    with pytest.raises(SchemaEnforcementError, match="missing value"):
        coerce_wire_columns(pd.DataFrame({"x": [1.0], "n": [None]}), SCHEMA)
    with pytest.raises(SchemaEnforcementError, match="bool to double"):
        coerce_wire_columns(pd.DataFrame({"x": [True], "n": [1]}), SCHEMA)


def test_tensor_and_param_enforcement() -> None:
    tensor = Schema([TensorSpec("float64", (-1, 2))])
    assert enforce_schema(np.array([[1, 2]], dtype="int32"), tensor).dtype == np.float64
    with pytest.raises(SchemaEnforcementError, match=r"\(1, 3\) does not match the expected shape \(-1, 2\)"):
        enforce_schema(np.zeros((1, 3)), tensor)
    with pytest.raises(SchemaEnforcementError, match="cannot be converted without loss"):
        enforce_schema(np.zeros((1, 2)), Schema([TensorSpec("int64", (-1, 2))]))
    params = ParamSchema([ParamSpec("k", "long", 3), ParamSpec("names", "string", ["a"], (-1,))])
    assert enforce_params({"names": ["b"], "unknown": 1}, params) == {"k": 3, "names": ["b"]}
    with pytest.raises(SchemaEnforcementError, match="Invalid parameters found"):
        enforce_params({"k": 1.5}, params)


def test_composite_columns() -> None:
    schema = Schema([ColSpec(Array("long"), "ids")])
    assert enforce_schema({"ids": [1, 2]}, schema)["ids"].tolist() == [[1, 2]]  # one row of an array column
    with pytest.raises(SchemaEnforcementError, match="ids"):
        enforce_schema(pd.DataFrame({"ids": [["a"]]}), schema)


def test_python_model_save_and_load(tmp_path: Path) -> None:
    offset = tmp_path / "offset.txt"
    offset.write_text("0.5")
    example = pd.DataFrame({"x": [1.0, 2.0]})
    pyfunc.save_model(
        tmp_path / "m",
        python_model=Doubler(),
        artifacts={"offset": str(offset)},
        input_example=(example, {"factor": 3}),
    )
    meta = yaml.safe_load((tmp_path / "m" / "MLmodel").read_text())
    conf = meta["flavors"]["python_function"]
    assert conf["loader_module"] == "mlflow.pyfunc.model"
    assert conf["python_model"] == "python_model.pkl"
    assert conf["artifacts"] == {"offset": {"path": "artifacts/offset.txt", "uri": str(offset)}}
    assert meta["saved_input_example_info"]["params"] == "true"
    assert json.loads(meta["signature"]["params"]) == [{"name": "factor", "default": 3, "shape": None, "type": "long"}]
    assert meta["model_size_bytes"] > 0
    assert meta["model_id"] is None
    assert (tmp_path / "m" / "requirements.txt").read_text().startswith("cloudpickle==")
    assert b"trackline" not in (tmp_path / "m" / "python_model.pkl").read_bytes()
    loaded = pyfunc.load_model(tmp_path / "m")
    assert loaded.predict(example).tolist() == [3.5, 6.5]  # the example's params are the defaults
    assert loaded.predict(example, params={"factor": 10}).tolist() == [10.5, 20.5]
    assert load_input_example(tmp_path / "m", loaded.metadata.saved_input_example_info).equals(example)
    with pytest.raises(TracklineException, match="already exists"):
        pyfunc.save_model(tmp_path / "m", python_model=Doubler())


def test_sklearn_formats(tmp_path: Path) -> None:
    from sklearn.linear_model import LinearRegression

    frame = pd.DataFrame({"a": [0.0, 1.0, 2.0], "b": [1.0, 0.0, 1.0]})
    estimator = LinearRegression().fit(frame, [1.0, 2.0, 4.0])
    for fmt in ("skops", "cloudpickle", "pickle"):
        path = tmp_path / fmt
        tl_sklearn.save_model(estimator, path, serialization_format=fmt, input_example=frame)
        flavor = yaml.safe_load((path / "MLmodel").read_text())["flavors"]["sklearn"]
        assert flavor["serialization_format"] == fmt
        assert (path / flavor["pickled_model"]).is_file()
        assert np.allclose(pyfunc.load_model(path).predict(frame), estimator.predict(frame))
        assert np.allclose(tl_sklearn.load_model(path).predict(frame), estimator.predict(frame))
    requirements = (tmp_path / "skops" / "requirements.txt").read_text()
    assert "scikit-learn==" in requirements
    assert "skops==" in requirements
    assert "cloudpickle" not in requirements


def test_loading_never_imports_mlflow(tmp_path: Path) -> None:
    """The loaders of MLflow's formats are Trackline's own: MLflow is not even importable here."""
    script = f"""
import sys
sys.modules["mlflow"] = None
import pandas as pd
from sklearn.linear_model import LinearRegression
from trackline import pyfunc, sklearn

class Plus(pyfunc.PythonModel):
    def predict(self, model_input, params=None):
        return model_input["x"] + 1

frame = pd.DataFrame({{"x": [1.0, 2.0]}})
pyfunc.save_model({str(tmp_path / "py")!r}, python_model=Plus(), input_example=frame)
sklearn.save_model(LinearRegression().fit(frame, [2.0, 4.0]), {str(tmp_path / "sk")!r})
print(pyfunc.load_model({str(tmp_path / "py")!r}).predict(frame).tolist())
print(pyfunc.load_model({str(tmp_path / "sk")!r}).predict(frame).round(6).tolist())
assert not [m for m in sys.modules if m.startswith("mlflow.")]
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[2.0,", "3.0]", "[2.0,", "4.0]"]


def test_unsupported_models_are_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text(yaml.safe_dump({"flavors": {"crate": {"model": "crate.bin"}}}))
    with pytest.raises(TracklineException, match='does not have the "python_function" flavor'):
        pyfunc.load_model(tmp_path)
    (tmp_path / "MLmodel").write_text(
        yaml.safe_dump({"flavors": {"python_function": {"loader_module": "mlflow.keras"}}})
    )
    with pytest.raises(TracklineException, match=r"cannot load models whose loader_module is 'mlflow\.keras'"):
        pyfunc.load_model(tmp_path)
    with pytest.raises(TracklineException, match="no MLmodel file"):
        pyfunc.load_model(tmp_path / "nowhere")


def test_skops_trusted_types_cache(tmp_path: Path) -> None:
    """skops trusts the same types whether its estimator list is computed or read from the cache;
    an unreadable cache, or one naming types outside scikit-learn, is ignored and rewritten."""
    from sklearn.linear_model import LinearRegression

    frame = pd.DataFrame({"a": [0.0, 1.0, 2.0]})
    tl_sklearn.save_model(LinearRegression().fit(frame, [1.0, 2.0, 4.0]), tmp_path / "m")
    script = f"""
import hashlib, json, sys
from trackline import pyfunc
from trackline.sklearn._skops import _cache_file
import pandas as pd
print(pyfunc.load_model({str(tmp_path / "m")!r}).predict(pd.DataFrame({{"a": [3.0]}})).round(6).tolist())
names = sys.modules["skops.io._trusted_types"].SKLEARN_ESTIMATOR_TYPE_NAMES
print(len(names), hashlib.sha256(json.dumps(names).encode()).hexdigest(), _cache_file().name)
"""
    env = {**os.environ, "TRACKLINE_CACHE_DIR": str(tmp_path / "cache")}

    def run(**extra: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False, env={**env, **extra}
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split("\n")

    computed = run(TRACKLINE_SKOPS_CACHE="0")
    assert not (tmp_path / "cache").exists()
    first = run()  # computes, writes the cache
    cache_file = tmp_path / "cache" / first[1].split()[2]
    assert cache_file.is_file()
    cached = run()  # reads it
    assert computed == first == cached
    assert int(cached[1].split()[0]) > 100
    for damaged in ('["sklearn.linear_model', '["os.system"]', "{}"):
        cache_file.write_text(damaged)
        assert run() == computed
        assert cache_file.read_text() != damaged
