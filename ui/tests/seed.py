"""Data for the UI tests, logged through the Python SDK: experiments, runs with params, metrics,
tags, nested runs, a deleted run, artifacts of every previewed kind, a logged model and a
registered model with stage moves and aliases."""

from __future__ import annotations

import math
import os
import struct
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import trackline_api.api.models.create_logged_model as create_logged_model
from trackline import Dataset, DatasetInput, InputTag, LoggedModelOutput, Metric, Param, TracklineClient
from trackline_api.models import CreateLoggedModelRequest, LoggedModelResponse

T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z
LONG_POINTS = 20_000
SPIKE_STEP = 12_345
MODEL = "churn-classifier"
DESCRIPTION = "## Baseline\n\nFirst **try** with `sgd`; see [the docs](https://example.org/docs)."

MLMODEL = """artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.11.7
  sklearn:
    sklearn_version: 1.5.0
model_uuid: 3f2a9c
run_id: {run_id}
signature:
  inputs: '[{{"name": "age", "type": "long"}}, {{"name": "plan", "type": "string"}}]'
  outputs: '[{{"type": "double"}}]'
utc_time_created: '2026-01-01 00:00:00.000000'
"""


@dataclass
class Seeded:
    experiment_id: str
    experiment_name: str
    runs: dict[str, str] = field(default_factory=dict)  # run name -> run id
    logged_model_id: str = ""


def png(width: int, height: int) -> bytes:
    """A small RGB PNG: a diagonal gradient."""
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 128)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _log_history(client: TracklineClient, run_id: str, key: str, values: list[float], start: int) -> None:
    for first in range(0, len(values), 1000):
        batch = [
            Metric(key=key, value=v, timestamp=start + 10 * step, step=step)
            for step, v in enumerate(values[first : first + 1000], start=first)
        ]
        client.log_batch(run_id, metrics=batch)


def _run(
    client: TracklineClient, experiment_id: str, name: str, offset_s: int, params: dict[str, str], tags: dict[str, str]
) -> str:
    run = client.create_run(experiment_id, start_time=T0 + offset_s * 1000, run_name=name, tags=tags)
    client.log_batch(run.info.run_id, params=[Param(k, v) for k, v in params.items()])
    return run.info.run_id


def _artifacts(client: TracklineClient, run_id: str) -> None:
    client.log_text(run_id, "Training notes.\nSecond line.\n", "notes/readme.txt")
    client.log_dict(run_id, {"accuracy": 0.91, "classes": ["churn", "stay"]}, "metrics.json")
    client.log_dict(run_id, {"optimizer": "sgd", "layers": [64, 32]}, "config.yaml")
    client.log_text(run_id, 'age,plan,churned\n34,basic,0\n51,"pro, yearly",1\n', "data/sample.csv")
    client.log_text(run_id, MLMODEL.format(run_id=run_id), "model/MLmodel")
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / "curve.png"
        image.write_bytes(png(64, 40))
        client.log_artifact(run_id, image, "plots")
        blob = Path(tmp) / "model.pkl"
        blob.write_bytes(bytes(range(256)) * 4)
        client.log_artifact(run_id, blob, "model")


def seed(url: str) -> Seeded:
    with TracklineClient(url) as client:
        name = os.environ.get("TRACKLINE_SEED_EXPERIMENT", "ui-demo")
        eid = client.create_experiment(name, tags={"team": "vision"})
        out = Seeded(eid, name)
        source = {"mlflow.source.name": "train.py", "mlflow.user": "alice"}
        out.runs["baseline"] = _run(
            client,
            eid,
            "baseline",
            0,
            {"lr": "0.1", "optimizer": "sgd", "epochs": "10"},
            {**source, "team": "vision", "mlflow.note.content": DESCRIPTION},
        )
        out.runs["tuned"] = _run(
            client, eid, "tuned", 60, {"lr": "0.01", "optimizer": "adam", "epochs": "10"}, {**source, "team": "vision"}
        )
        out.runs["sweep"] = _run(client, eid, "sweep", 120, {"lr": "0.05"}, source)
        for i in range(1, 4):
            out.runs[f"trial-{i}"] = _run(
                client,
                eid,
                f"trial-{i}",
                120 + i,
                {"lr": f"0.0{i}"},
                {**source, "mlflow.parentRunId": out.runs["sweep"]},
            )
        out.runs["discarded"] = _run(client, eid, "discarded", 200, {"lr": "9"}, source)
        client.delete_run(out.runs["discarded"])

        losses = {"baseline": 0.42, "tuned": 0.31, "sweep": 0.5, "trial-1": 0.45, "trial-2": 0.38, "trial-3": 0.52}
        accuracy = {"baseline": 0.86, "tuned": 0.91, "sweep": 0.8, "trial-1": 0.82, "trial-2": 0.88, "trial-3": 0.79}
        for run_name, final in losses.items():
            run_id = out.runs[run_name]
            curve = [final + 2.0 * math.exp(-s / 40) for s in range(200)]
            _log_history(client, run_id, "loss", curve, T0)
            client.log_metric(run_id, "accuracy", accuracy[run_name], timestamp=T0, step=199)
        long = [1.0 + 0.1 * math.sin(s / 500) for s in range(LONG_POINTS)]
        long[SPIKE_STEP] = 50.0  # a spike that downsampling must keep
        _log_history(client, out.runs["baseline"], "grad_norm", long, T0)
        for run_name in ("baseline", "tuned", "sweep", "trial-1", "trial-2", "trial-3"):
            client.set_terminated(out.runs[run_name], end_time=T0 + 3_600_000)

        baseline = out.runs["baseline"]
        _artifacts(client, baseline)
        dataset = Dataset(name="churn-2026", digest="d41d8cd9", source_type="local")
        client.log_inputs(baseline, datasets=[DatasetInput(dataset, (InputTag("mlflow.data.context", "training"),))])
        model = create_logged_model.sync(
            client=client.api,
            body=CreateLoggedModelRequest(
                experiment_id=eid, name="churn-model", model_type="sklearn", source_run_id=baseline
            ),
        )
        if not isinstance(model, LoggedModelResponse):
            raise RuntimeError(f"could not create the logged model: {model}")
        out.logged_model_id = model.model.info.model_id
        client.log_outputs(baseline, [LoggedModelOutput(out.logged_model_id, 0)])

        client.create_registered_model(MODEL, description="Predicts **churn**.")
        client.create_model_version(MODEL, f"runs:/{baseline}/model", run_id=baseline)
        client.create_model_version(MODEL, f"runs:/{out.runs['tuned']}/model", run_id=out.runs["tuned"])
        client.transition_model_version_stage(MODEL, 1, "Staging")
        client.transition_model_version_stage(MODEL, 1, "Production", comment="approved in review 42")
        client.set_registered_model_alias(MODEL, "champion", 1)
        client.set_tag(baseline, "stage_note", "first")
        return out
