"""What the web UI needs beyond MLflow's API: the runs table, an experiment's keys, chart data, artifact files."""

from __future__ import annotations

from typing import Any

from ..store.downsample import downsample
from ..store.runs_table import TableQuery, experiment_keys, runs_table
from . import Context, RawAnswer, handler, page
from .artifact_streams import file_answer

# An artifact opened in the browser (an HTML report, an SVG) runs in a sandbox: no scripts, no
# access to the server's origin.
_SANDBOX = {"Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"}


@handler("getExperimentKeys")
def get_experiment_keys(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return experiment_keys(ctx.tracking.db, args["experiment_id"], args.get("run_view_type") or "ACTIVE_ONLY")


@handler("searchRunsTable")
def search_runs_table(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    query = TableQuery(
        experiment_ids=args.get("experiment_ids") or [],
        filter=args.get("filter"),
        view_type=args.get("run_view_type") or "ACTIVE_ONLY",
        order_by=args.get("order_by") or [],
        param_keys=args.get("param_keys") or [],
        metric_keys=args.get("metric_keys") or [],
        tag_keys=args.get("tag_keys") or [],
        offset=args.get("offset") or 0,
        max_results=args.get("max_results"),
        top_level_only=bool(args.get("top_level_only")),
        parent_run_id=args.get("parent_run_id") or None,
        all_columns=bool(args.get("all_columns")),
    )
    return runs_table(ctx.tracking.db, query)


@handler("getMetricHistoryDownsampled")
def get_metric_history_downsampled(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    series = downsample(
        ctx.tracking.db,
        args.get("run_ids") or [],
        args.get("metric_keys") or [],
        args.get("x_axis") or "step",
        args.get("buckets"),
        args.get("x_min"),
        args.get("x_max"),
    )
    return page("series", series)


@handler("getRunArtifact")
def get_run_artifact(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    run = ctx.tracking.runs.get(args["run_id"])
    path = args["path"]
    chunks, size = ctx.artifacts.open_run_artifact(run["info"]["artifact_uri"], path)
    return file_answer(path, chunks, size, disposition="inline", headers=_SANDBOX)
