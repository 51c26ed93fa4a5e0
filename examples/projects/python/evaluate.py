"""Evaluate weights logged by a training run on held-out data; log the test RMSE.

Run by the project's `evaluate` entry point, with the weights' URI, e.g.
runs:/<training run id>/model/weights.json.
"""

from __future__ import annotations

import argparse

import mlflow
from linear import read_points, rmse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()

    weights = mlflow.artifacts.load_dict(args.weights)
    points = read_points(args.data)
    with mlflow.start_run():
        mlflow.set_tag("evaluated", args.weights)
        mlflow.log_metric("test_rmse", rmse(points, weights["w"], weights["b"]))
        mlflow.log_metric("test_points", len(points))
    print(f"test rmse={rmse(points, weights['w'], weights['b']):.4f} on {len(points)} points")


if __name__ == "__main__":
    main()
