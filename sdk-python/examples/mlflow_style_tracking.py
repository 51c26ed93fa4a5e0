"""A typical MLflow tracking script: a small hyper-parameter sweep with nested runs.

It is plain MLflow code. Point it at a server with MLFLOW_TRACKING_URI and run it with MLflow,
or replace ``import mlflow`` with ``import trackline as mlflow`` and run it with Trackline.
"""

import math
import os

import mlflow

EXPERIMENT_NAME = os.environ.get("EXAMPLE_EXPERIMENT_NAME", "mlflow-style-tracking")
EPOCHS = 100


def train(learning_rate, epochs):
    """A toy training loop: yields (epoch, loss, accuracy) as the model converges."""
    loss = 1.0
    for epoch in range(epochs):
        loss = loss * (1 - learning_rate) + 0.01 * math.sin(epoch)
        yield epoch, max(loss, 0.0), 1.0 - max(loss, 0.0) / 2


def main():
    experiment = mlflow.set_experiment(EXPERIMENT_NAME)
    print(f"experiment {experiment.name} ({experiment.experiment_id})")

    with mlflow.start_run(run_name="sweep", tags={"team": "growth"}) as parent:
        mlflow.log_param("model", "toy-linear")
        mlflow.set_tag("purpose", "lr sweep")

        for learning_rate in (0.01, 0.05, 0.1):
            with mlflow.start_run(run_name=f"lr-{learning_rate}", nested=True):
                mlflow.log_params({"learning_rate": learning_rate, "epochs": EPOCHS})
                for epoch, loss, accuracy in train(learning_rate, EPOCHS):
                    mlflow.log_metric("loss", loss, step=epoch)
                    mlflow.log_metrics({"accuracy": accuracy}, step=epoch)
                mlflow.log_metric("final_loss", loss)
                mlflow.set_tags({"stage": "tuning", "converged": loss < 0.1})

        children = mlflow.search_runs(
            experiment_ids=[experiment.experiment_id],
            filter_string=f"tags.mlflow.parentRunId = '{parent.info.run_id}'",
            order_by=["metrics.final_loss ASC"],
        )
        best = children.iloc[0]
        mlflow.log_param("best_learning_rate", best["params.learning_rate"])
        mlflow.log_metric("best_final_loss", best["metrics.final_loss"])

    print(children[["run_id", "params.learning_rate", "metrics.final_loss", "tags.converged"]])
    print(f"parent run {parent.info.run_id}")
    print(f"best learning rate {best['params.learning_rate']}")

    finished = mlflow.get_run(parent.info.run_id)
    print(f"parent status {finished.info.status}")


if __name__ == "__main__":
    main()
