"""Handlers for experiments, runs, metrics and run artifact listing."""

from __future__ import annotations

from typing import Any

from ..store.run_requests import IDEMPOTENCY_HEADER, RunRequests
from . import Context, handler, page

# ---------------------------------------------------------------------- experiments


@handler("createExperiment")
def create_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    experiment_id = ctx.tracking.experiments.create(args["name"], args.get("artifact_location"), args.get("tags") or [])
    return {"experiment_id": experiment_id}


@handler("getExperiment")
def get_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"experiment": ctx.tracking.experiments.get(args["experiment_id"])}


@handler("getExperimentByName")
def get_experiment_by_name(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"experiment": ctx.tracking.experiments.get_by_name(args["experiment_name"])}


@handler("searchExperiments", "searchExperimentsGet")
def search_experiments(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.search.experiments(
        args.get("view_type") or "ACTIVE_ONLY",
        args.get("max_results"),
        args.get("filter"),
        args.get("order_by"),
        args.get("page_token"),
        visible=ctx.visible("experiment"),
    )
    return page("experiments", items, token)


@handler("updateExperiment")
def update_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.experiments.rename(args["experiment_id"], args["new_name"])
    return {}


@handler("deleteExperiment")
def delete_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.experiments.delete(args["experiment_id"])
    return {}


@handler("restoreExperiment")
def restore_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.experiments.restore(args["experiment_id"])
    return {}


@handler("setExperimentTag")
def set_experiment_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.experiments.set_tag(args["experiment_id"], args["key"], args.get("value", ""))
    return {}


@handler("deleteExperimentTag")
def delete_experiment_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.experiments.delete_tag(args["experiment_id"], args["key"])
    return {}


# ---------------------------------------------------------------------- runs


@handler("createRun")
def create_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "experiment_id": args.get("experiment_id"),
        # With --auth the run belongs to who creates it, not to a name the client sends.
        "user_id": ctx.user if ctx.config.auth else args.get("user_id"),
        "run_name": args.get("run_name"),
        "start_time": args.get("start_time"),
        "tag_list": args.get("tags") or [],
    }
    request_id = args.get(IDEMPOTENCY_HEADER)
    if request_id is not None:
        return {"run": RunRequests(ctx.tracking.runs).create_run(request_id, **fields)}
    return {"run": ctx.tracking.runs.create(**fields)}


@handler("getRun")
def get_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"run": ctx.tracking.runs.get(args["run_id"])}


@handler("updateRun")
def update_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    info = ctx.tracking.runs.update(args["run_id"], args.get("status"), args.get("end_time"), args.get("run_name"))
    return {"run_info": info}


@handler("deleteRun")
def delete_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.runs.delete(args["run_id"])
    return {}


@handler("restoreRun")
def restore_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.runs.restore(args["run_id"])
    return {}


@handler("searchRuns")
def search_runs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.search.runs(
        args.get("experiment_ids") or [],
        args.get("filter"),
        args.get("run_view_type") or "ACTIVE_ONLY",
        args.get("max_results"),
        args.get("order_by"),
        args.get("page_token"),
    )
    return page("runs", items, token)


# ---------------------------------------------------------------------- logging


@handler("logMetric")
def log_metric(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    extra = {k: args[k] for k in ("model_id", "dataset_name", "dataset_digest") if args.get(k)}
    ctx.tracking.logging.log_metric(
        args["run_id"], args["key"], args["value"], args["timestamp"], args.get("step"), extra
    )
    return {}


@handler("logParam")
def log_param(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.log_param(args["run_id"], args["key"], args.get("value", ""))
    return {}


@handler("setTag")
def set_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.set_tag(args["run_id"], args["key"], args.get("value", ""))
    return {}


@handler("deleteTag")
def delete_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.delete_tag(args["run_id"], args["key"])
    return {}


@handler("logBatch")
def log_batch(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.log_batch(
        args["run_id"], args.get("metrics") or [], args.get("params") or [], args.get("tags") or []
    )
    return {}


@handler("logInputs")
def log_inputs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.log_inputs(args["run_id"], args.get("datasets") or [], args.get("models") or [])
    return {}


@handler("logModel")
def log_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.record_logged_model(args["run_id"], args["model_json"])
    return {}


@handler("logOutputs")
def log_outputs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.logging.log_outputs(args["run_id"], args.get("models") or [])
    return {}


# ---------------------------------------------------------------------- metrics


@handler("getMetricHistory")
def get_metric_history(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.history.get(
        args["run_id"], args["metric_key"], args.get("max_results"), args.get("page_token")
    )
    return page("metrics", items, token)


@handler("getMetricHistoryBulkInterval")
def get_metric_history_bulk_interval(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items = ctx.tracking.history.bulk_interval(
        args["run_ids"],
        args["metric_key"],
        args.get("start_step"),
        args.get("end_step"),
        args.get("max_results"),
    )
    return page("metrics", items)


@handler("listArtifacts")
def list_artifacts(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    run = ctx.tracking.runs.get(args["run_id"])
    root_uri = run["info"]["artifact_uri"]
    files = ctx.artifacts.list_run_artifacts(root_uri, args.get("path") or "")
    out: dict[str, Any] = {"root_uri": root_uri}
    if files:
        out["files"] = files
    return out
