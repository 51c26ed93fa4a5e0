"""Handlers for experiments, runs, metrics and run artifact listing."""

from __future__ import annotations

from typing import Any

from flask import request

from ..errors import invalid
from ..store.run_requests import IDEMPOTENCY_HEADER, RunRequests
from . import Context, handler


def _run_id(args: dict[str, Any]) -> str:
    run_id = args.get("run_id") or args.get("run_uuid")
    if not run_id:
        raise invalid("Missing value for required parameter 'run_id'.")
    return str(run_id)


def _page(items_key: str, items: list[dict[str, Any]], token: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if items:
        out[items_key] = items
    if token:
        out["next_page_token"] = token
    return out


# ---------------------------------------------------------------------- experiments


@handler("createExperiment")
def create_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    experiment_id = ctx.tracking.create_experiment(args["name"], args.get("artifact_location"), args.get("tags") or [])
    return {"experiment_id": experiment_id}


@handler("getExperiment")
def get_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"experiment": ctx.tracking.get_experiment(args["experiment_id"])}


@handler("getExperimentByName")
def get_experiment_by_name(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"experiment": ctx.tracking.get_experiment_by_name(args["experiment_name"])}


@handler("searchExperiments", "searchExperimentsGet")
def search_experiments(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.search_experiments(
        args.get("view_type") or "ACTIVE_ONLY",
        args.get("max_results"),
        args.get("filter"),
        args.get("order_by"),
        args.get("page_token"),
    )
    return _page("experiments", items, token)


@handler("updateExperiment")
def update_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.rename_experiment(args["experiment_id"], args["new_name"])
    return {}


@handler("deleteExperiment")
def delete_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.delete_experiment(args["experiment_id"])
    return {}


@handler("restoreExperiment")
def restore_experiment(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.restore_experiment(args["experiment_id"])
    return {}


@handler("setExperimentTag")
def set_experiment_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.set_experiment_tag(args["experiment_id"], args["key"], args.get("value", ""))
    return {}


@handler("deleteExperimentTag")
def delete_experiment_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.delete_experiment_tag(args["experiment_id"], args["key"])
    return {}


# ---------------------------------------------------------------------- runs


@handler("createRun")
def create_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "experiment_id": args.get("experiment_id"),
        "user_id": args.get("user_id"),
        "run_name": args.get("run_name"),
        "start_time": args.get("start_time"),
        "tag_list": args.get("tags") or [],
    }
    request_id = request.headers.get(IDEMPOTENCY_HEADER)
    if request_id is not None:
        return {"run": RunRequests(ctx.tracking).create_run(request_id, **fields)}
    return {"run": ctx.tracking.create_run(**fields)}


@handler("getRun")
def get_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"run": ctx.tracking.get_run(_run_id(args))}


@handler("updateRun")
def update_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    info = ctx.tracking.update_run(_run_id(args), args.get("status"), args.get("end_time"), args.get("run_name"))
    return {"run_info": info}


@handler("deleteRun")
def delete_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.delete_run(_run_id(args))
    return {}


@handler("restoreRun")
def restore_run(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.restore_run(_run_id(args))
    return {}


@handler("searchRuns")
def search_runs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.search_runs(
        args.get("experiment_ids") or [],
        args.get("filter"),
        args.get("run_view_type") or "ACTIVE_ONLY",
        args.get("max_results"),
        args.get("order_by"),
        args.get("page_token"),
    )
    return _page("runs", items, token)


@handler("logMetric")
def log_metric(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    extra = {k: args[k] for k in ("model_id", "dataset_name", "dataset_digest") if args.get(k)}
    ctx.tracking.log_metric(_run_id(args), args["key"], args["value"], args["timestamp"], args.get("step"), extra)
    return {}


@handler("logParam")
def log_param(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.log_param(_run_id(args), args["key"], args.get("value", ""))
    return {}


@handler("setTag")
def set_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.set_tag(_run_id(args), args["key"], args.get("value", ""))
    return {}


@handler("deleteTag")
def delete_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.delete_tag(_run_id(args), args["key"])
    return {}


@handler("logBatch")
def log_batch(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.log_batch(_run_id(args), args.get("metrics") or [], args.get("params") or [], args.get("tags") or [])
    return {}


@handler("logInputs")
def log_inputs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.log_inputs(_run_id(args), args.get("datasets") or [], args.get("models") or [])
    return {}


@handler("logOutputs")
def log_outputs(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.tracking.log_outputs(_run_id(args), args.get("models") or [])
    return {}


# ---------------------------------------------------------------------- metrics


@handler("getMetricHistory")
def get_metric_history(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.tracking.get_metric_history(
        _run_id(args), args["metric_key"], args.get("max_results"), args.get("page_token")
    )
    return _page("metrics", items, token)


@handler("getMetricHistoryBulkInterval")
def get_metric_history_bulk_interval(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items = ctx.tracking.get_metric_history_bulk_interval(
        args.get("run_ids") or [],
        args["metric_key"],
        args.get("start_step"),
        args.get("end_step"),
        args.get("max_results"),
    )
    return _page("metrics", items, None)


@handler("listArtifacts")
def list_artifacts(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    run = ctx.tracking.get_run(_run_id(args))
    root_uri = run["info"]["artifact_uri"]
    files = ctx.artifacts.list_run_artifacts(root_uri, args.get("path") or "")
    out: dict[str, Any] = {"root_uri": root_uri}
    if files:
        out["files"] = files
    return out
