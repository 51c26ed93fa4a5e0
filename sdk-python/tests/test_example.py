"""The MLflow-style example script runs unchanged on Trackline, with only its import swapped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trackline import TracklineClient

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mlflow_style_tracking.py"


def swap_import(source: str) -> str:
    """The script with its ``import mlflow`` line made ``import trackline as mlflow``."""
    lines = source.splitlines(keepends=True)
    imports = [i for i, line in enumerate(lines) if line == "import mlflow\n"]
    assert len(imports) == 1, "the example has exactly one `import mlflow` line"
    swapped = list(lines)
    swapped[imports[0]] = "import trackline as mlflow\n"
    assert sum(a != b for a, b in zip(lines, swapped, strict=True)) == 1
    return "".join(swapped)


@pytest.mark.parametrize("library", ["trackline", "mlflow"])
def test_mlflow_script_runs_unchanged(
    library: str,
    server_url: str,
    unique: str,
    tmp_path: Path,
    client: TracklineClient,
    bin_dir: Path,
) -> None:
    source = EXAMPLE.read_text()
    if library == "trackline":
        script, python = tmp_path / "tracking.py", sys.executable
        script.write_text(swap_import(source))
    else:  # the script as it is, with the real MLflow client, proves it is plain MLflow code
        script, python = EXAMPLE, str(bin_dir / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "TRACKLINE_"))}
    env |= {"MLFLOW_TRACKING_URI": server_url, "EXAMPLE_EXPERIMENT_NAME": unique}

    done = subprocess.run(
        [python, str(script)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "best learning rate 0.1" in done.stdout
    assert "parent status FINISHED" in done.stdout

    experiment = client.get_experiment_by_name(unique)
    assert experiment is not None
    runs = client.search_all_runs([experiment.experiment_id])
    [parent] = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
    children = [r for r in runs if r.data.tags.get("mlflow.parentRunId") == parent.info.run_id]
    assert len(runs) == 4
    assert sorted(c.data.params["learning_rate"] for c in children) == ["0.01", "0.05", "0.1"]
    assert parent.data.params == {"model": "toy-linear", "best_learning_rate": "0.1"}
    assert parent.data.tags["team"] == "growth"
    assert parent.data.tags["mlflow.runName"] == "sweep"
    assert {r.info.status for r in runs} == {"FINISHED"}
    for child in children:
        assert child.data.params["epochs"] == "100"
        assert child.data.tags["stage"] == "tuning"
        loss = client.get_metric_history(child.info.run_id, "loss")
        assert [m.step for m in loss] == list(range(100))
        assert child.data.metrics["final_loss"] == loss[-1].value
        assert len(client.get_metric_history(child.info.run_id, "accuracy")) == 100
    best = min(children, key=lambda c: c.data.metrics["final_loss"])
    assert parent.data.metrics["best_final_loss"] == best.data.metrics["final_loss"]
