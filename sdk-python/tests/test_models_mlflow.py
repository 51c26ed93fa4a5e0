"""Both ways with the real MLflow 3.17.2: models saved or logged by MLflow load, predict and serve
with Trackline (which never imports MLflow), and models saved or logged by Trackline load and
predict the same in ``mlflow.pyfunc.load_model``. MLflow runs in subprocesses only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import trackline
from scoring_support import ScoringServer
from trackline import pyfunc
from trackline import sklearn as tl_sklearn

FRAME = pd.DataFrame({"a": [0.5, 1.5, 2.5, 3.5], "b": [1.0, 0.0, 1.0, 0.0]})

#: Models saved by Trackline in a script of their own (classes pickled by value), MLflow blocked.
TRACKLINE_SAVES = r"""
import sys
sys.modules["mlflow"] = None
from pathlib import Path
import pandas as pd
from sklearn.linear_model import LogisticRegression
from trackline import pyfunc, sklearn

out = Path(sys.argv[1])
frame = pd.DataFrame({"a": [0.5, 1.5, 2.5, 3.5], "b": [1.0, 0.0, 1.0, 0.0]})
clf = LogisticRegression().fit(frame, [0, 0, 1, 1])
sklearn.save_model(clf, out / "tl-sklearn", input_example=frame)


class Ranker(pyfunc.PythonModel):
    def __init__(self, clf):
        self.clf = clf

    def load_context(self, context):
        self.bonus = float(open(context.artifacts["bonus"]).read())

    def predict(self, context, model_input, params=None):
        boost = (params or {}).get("boost", 1.0)
        scores = self.clf.predict_proba(model_input)[:, 1] * boost + self.bonus
        return pd.DataFrame({"score": scores, "top": scores > 0.5})


(out / "bonus.txt").write_text("0.25")
pyfunc.save_model(out / "tl-python", python_model=Ranker(clf), artifacts={"bonus": str(out / "bonus.txt")},
                  input_example=(frame, {"boost": 1.0}))
"""

#: What MLflow does with both: saves its own models, and loads Trackline's; writes predictions.
MLFLOW_BOTH_WAYS = r"""
import json, sys
from pathlib import Path
import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression

out = Path(sys.argv[1])
frame = pd.DataFrame({"a": [0.5, 1.5, 2.5, 3.5], "b": [1.0, 0.0, 1.0, 0.0]})
clf = LogisticRegression().fit(frame, [0, 0, 1, 1])
for fmt in ("skops", "cloudpickle", "pickle"):
    mlflow.sklearn.save_model(clf, out / f"ml-{fmt}", serialization_format=fmt, input_example=frame)


class Ranker(mlflow.pyfunc.PythonModel):
    def load_context(self, context):
        self.bonus = float(open(context.artifacts["bonus"]).read())

    def predict(self, context, model_input, params=None):
        boost = (params or {}).get("boost", 1.0)
        return pd.DataFrame({"score": model_input["a"] * boost + self.bonus})


(out / "bonus.txt").write_text("0.25")
mlflow.pyfunc.save_model(out / "ml-python", python_model=Ranker(), artifacts={"bonus": str(out / "bonus.txt")},
                         input_example=(frame, {"boost": 1.0}))

predictions = {}
for name, params in [("tl-sklearn", None), ("tl-python", {"boost": 2.0})]:
    model = mlflow.pyfunc.load_model(str(out / name))
    predictions[name] = pd.DataFrame(model.predict(frame, params=params)).to_dict(orient="list")
for name, params in [("ml-skops", None), ("ml-python", {"boost": 2.0})]:
    model = mlflow.pyfunc.load_model(str(out / name))
    predictions[name] = pd.DataFrame(model.predict(frame, params=params)).to_dict(orient="list")
(out / "mlflow-predictions.json").write_text(json.dumps(predictions))
"""


def _run(script: str, *args: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr[-4000:]


def _columns(predictions: Any) -> dict[str, list[Any]]:
    """Predictions as the MLflow script writes them: columns by name (as JSON keys)."""
    return {str(k): v for k, v in pd.DataFrame(predictions).to_dict(orient="list").items()}


def test_model_files_both_ways(tmp_path: Path) -> None:
    _run(TRACKLINE_SAVES, str(tmp_path))
    _run(MLFLOW_BOTH_WAYS, str(tmp_path))
    by_mlflow = json.loads((tmp_path / "mlflow-predictions.json").read_text())

    # Trackline's models, in MLflow: the same predictions as in Trackline.
    assert by_mlflow["tl-sklearn"] == _columns(pyfunc.load_model(tmp_path / "tl-sklearn").predict(FRAME))
    mine = _columns(pyfunc.load_model(tmp_path / "tl-python").predict(FRAME, params={"boost": 2.0}))
    assert mine.keys() == by_mlflow["tl-python"].keys() == {"score", "top"}
    assert np.allclose(mine["score"], by_mlflow["tl-python"]["score"])
    assert mine["top"] == by_mlflow["tl-python"]["top"]

    # MLflow's models, in Trackline: every sklearn format, and a PythonModel whose pickle names MLflow's classes.
    for fmt in ("skops", "cloudpickle", "pickle"):
        assert _columns(pyfunc.load_model(tmp_path / f"ml-{fmt}").predict(FRAME)) == by_mlflow["ml-skops"]
        assert tl_sklearn.load_model(tmp_path / f"ml-{fmt}").predict(FRAME).tolist() == by_mlflow["ml-skops"]["0"]
    ranker = pyfunc.load_model(tmp_path / "ml-python")
    assert _columns(ranker.predict(FRAME, params={"boost": 2.0})) == by_mlflow["ml-python"]
    assert ranker.metadata.get_params_schema() is not None


#: MLflow's client against a live tracking server: logs and registers its models, loads Trackline's.
MLFLOW_CLIENT = r"""
import json, sys
import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression

prefix, trackline_model = sys.argv[1], sys.argv[2]
frame = pd.DataFrame({"a": [0.5, 1.5, 2.5, 3.5], "b": [1.0, 0.0, 1.0, 0.0]})
clf = LogisticRegression().fit(frame, [0, 0, 1, 1])


class Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input["a"] * 2


mlflow.set_experiment(prefix)
with mlflow.start_run():
    mlflow.sklearn.log_model(clf, name="clf", input_example=frame, registered_model_name=f"{prefix}-sk")
    mlflow.pyfunc.log_model(name="doubler", python_model=Doubler(), input_example=frame,
                            registered_model_name=f"{prefix}-py")
out = {"trackline": mlflow.pyfunc.load_model(trackline_model).predict(frame).tolist()}
print(json.dumps(out))
"""


@pytest.mark.timeout(900)
def test_logged_models_both_ways_through_a_tracking_server(
    fluent: str, live_server: Any, unique: str, tmp_path: Path
) -> None:
    clf = __import__("sklearn.linear_model", fromlist=["LogisticRegression"]).LogisticRegression()
    clf.fit(FRAME, [0, 0, 1, 1])
    trackline.set_experiment(unique)
    with trackline.start_run() as run:
        info = tl_sklearn.log_model(clf, name="clf", input_example=FRAME, registered_model_name=f"{unique}-tl")
    assert info.model_uri == f"models:/{info.model_id}"
    assert info.registered_model_version == "1"
    assert info.run_id == run.info.run_id
    expected = clf.predict(FRAME).tolist()
    for uri in (
        info.model_uri,
        f"runs:/{run.info.run_id}/clf",
        f"models:/{unique}-tl/1",
        f"models:/{unique}-tl/latest",
    ):
        assert pyfunc.load_model(uri).predict(FRAME).tolist() == expected, uri
    meta = pyfunc.load_model(info.model_uri).metadata
    assert (meta.model_id, meta.run_id, meta.artifact_path) == (info.model_id, run.info.run_id, info.artifact_path)
    client = trackline.MlflowClient()
    client.set_registered_model_alias(f"{unique}-tl", "champion", "1")
    assert pyfunc.load_model(f"models:/{unique}-tl@champion").predict(FRAME).tolist() == expected

    # MLflow's client logs its own models to the same server and loads Trackline's.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    env["MLFLOW_TRACKING_URI"] = fluent
    done = subprocess.run(
        [sys.executable, "-c", MLFLOW_CLIENT, f"{unique}-ml", f"models:/{unique}-tl@champion"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert json.loads(done.stdout.strip().splitlines()[-1])["trackline"] == expected
    assert pyfunc.load_model(f"models:/{unique}-ml-sk/1").predict(FRAME).tolist() == expected
    assert pyfunc.load_model(f"models:/{unique}-ml-py/1").predict(FRAME).tolist() == (FRAME["a"] * 2).tolist()

    # ...and Trackline serves MLflow's registered model.
    client.set_registered_model_alias(f"{unique}-ml-sk", "champion", "1")
    serve_env = {**env, "TRACKLINE_TRACKING_URI": fluent}
    args = ["-m", f"models:/{unique}-ml-sk@champion", "-w", "1"]
    with ScoringServer(args, tmp_path / "serve.log", env=serve_env) as server, server.client() as scoring:
        answer = scoring.invoke(FRAME)
        assert answer.predictions == expected
        assert (answer.model, answer.model_version) == (f"{unique}-ml-sk@champion", "1")
