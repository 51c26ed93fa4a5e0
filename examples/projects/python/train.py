"""Fit y = w * x + b by gradient descent; log the loss per epoch, the final RMSE and the weights.

Run by the project's `main` entry point. The run is the one `trackline run` (or `mlflow run`)
created: mlflow.start_run() resumes it from MLFLOW_RUN_ID.
"""

from __future__ import annotations

import argparse

import mlflow
from linear import gradient_step, read_points, rmse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alpha", type=float, required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()

    points = read_points(args.data)
    w, b = 0.0, 0.0
    with mlflow.start_run():
        mlflow.set_tag("model", "linear")
        for epoch in range(args.epochs):
            w, b = gradient_step(points, w, b, args.alpha)
            mlflow.log_metric("loss", rmse(points, w, b) ** 2, step=epoch)
        mlflow.log_metric("rmse", rmse(points, w, b))
        mlflow.log_dict({"w": w, "b": b}, "model/weights.json")
    print(f"w={w:.4f} b={b:.4f} rmse={rmse(points, w, b):.4f}")


if __name__ == "__main__":
    main()
