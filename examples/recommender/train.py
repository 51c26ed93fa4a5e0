"""A recommender: a scikit-learn ranker, and the business rules around it as a custom model.

Trains a classifier that scores product categories for a shopper, logs it with
``trackline.sklearn.log_model``, wraps it in a ``PythonModel`` that applies the shop's rules
(no out-of-stock categories, promoted ones first, the top ``k``), registers both, and points
the ``champion`` and ``challenger`` aliases of ``recs`` at two versions of the wrapper.

    TRACKLINE_TRACKING_URI=http://127.0.0.1:5000 python train.py

Any MLflow script reads the same: ``import trackline as mlflow``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import trackline as mlflow
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

CATEGORIES = ["books", "games", "garden", "kitchen", "music", "toys"]
NAME = os.environ.get("RECS_MODEL_NAME", "recs")


def shoppers(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Synthetic shoppers (age, sessions last month, average basket) and the category they bought."""
    rng = np.random.default_rng(seed)
    features = pd.DataFrame(
        {
            "age": rng.integers(18, 80, n),
            "sessions": rng.integers(1, 40, n),
            "basket": rng.gamma(4.0, 12.0, n).round(2),
        }
    )
    score = features["age"] / 20 + features["sessions"] / 10 + features["basket"] / 30 + rng.normal(0, 0.6, n)
    bought = np.clip(score.astype(int), 0, len(CATEGORIES) - 1).to_numpy()
    return features, bought


class Recommender(mlflow.pyfunc.PythonModel):
    """The ranker's scores, with the shop's rules: skip what is out of stock, put promoted
    categories first, keep the top ``k`` (a parameter of each request)."""

    def __init__(self, ranker: Pipeline, promoted: list[str]) -> None:
        self.ranker = ranker
        self.promoted = promoted

    def load_context(self, context: mlflow.pyfunc.PythonModelContext) -> None:
        stock = json.loads(Path(context.artifacts["stock"]).read_text())
        self.in_stock = {category for category, count in stock.items() if count > 0}

    def predict(self, context, model_input: pd.DataFrame, params: dict | None = None) -> list[list[str]]:
        k = int((params or {}).get("k", 3))
        names = [CATEGORIES[c] for c in self.ranker.classes_]
        picks = []
        for row in self.ranker.predict_proba(model_input):
            order = sorted(range(len(names)), key=lambda i: (names[i] not in self.promoted, -row[i]))
            picks.append([names[i] for i in order if names[i] in self.in_stock][:k])
        return picks


def main() -> None:
    features, bought = shoppers(2000, seed=7)
    mlflow.set_experiment("recommender")
    client = mlflow.MlflowClient()
    with tempfile.TemporaryDirectory() as tmp:
        stock = Path(tmp) / "stock.json"
        stock.write_text(json.dumps({"books": 120, "games": 0, "garden": 14, "kitchen": 9, "music": 33, "toys": 51}))
        versions = {}
        for alias, promoted, c in (("champion", ["garden"], 1.0), ("challenger", ["toys"], 0.3)):
            with mlflow.start_run(run_name=alias):
                mlflow.log_params({"C": c, "promoted": ",".join(promoted)})
                ranker = make_pipeline(StandardScaler(), LogisticRegression(C=c)).fit(features, bought)
                mlflow.log_metric("train_accuracy", float(ranker.score(features, bought)))
                mlflow.sklearn.log_model(
                    ranker, name="ranker", input_example=features.head(5), registered_model_name=f"{NAME}-ranker"
                )
                info = mlflow.pyfunc.log_model(
                    name="recommender",
                    python_model=Recommender(ranker, promoted),
                    artifacts={"stock": str(stock)},
                    input_example=(features.head(2), {"k": 3}),
                    registered_model_name=NAME,
                )
            versions[alias] = info.registered_model_version
            client.set_registered_model_alias(NAME, alias, str(info.registered_model_version))
    print(json.dumps({"model": NAME, "versions": versions}))


if __name__ == "__main__":
    main()
