"""Handlers for MLflow 3 logged models."""

from __future__ import annotations

from typing import Any

from . import Context, handler, page


@handler("createLoggedModel")
def create_logged_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    model = ctx.logged_models.create(
        args["experiment_id"],
        args.get("name"),
        args.get("model_type"),
        args.get("source_run_id"),
        args.get("params") or [],
        args.get("tags") or [],
    )
    return {"model": model}


@handler("getLoggedModel")
def get_logged_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"model": ctx.logged_models.get(args["model_id"], bool(args.get("allow_deleted")))}


@handler("finalizeLoggedModel")
def finalize_logged_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"model": ctx.logged_models.finalize(args["model_id"], args["status"])}


@handler("deleteLoggedModel")
def delete_logged_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.logged_models.delete(args["model_id"])
    return {}


@handler("searchLoggedModels")
def search_logged_models(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.logged_models.search(
        args.get("experiment_ids") or [],
        args.get("filter"),
        args.get("datasets") or [],
        args.get("max_results"),
        args.get("order_by") or [],
        args.get("page_token"),
    )
    return page("models", items, token)


@handler("setLoggedModelTags")
def set_logged_model_tags(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.logged_models.set_tags(args["model_id"], args.get("tags") or [])
    return {}


@handler("deleteLoggedModelTag")
def delete_logged_model_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.logged_models.delete_tag(args["model_id"], args["tag_key"])
    return {}


@handler("logLoggedModelParams")
def log_logged_model_params(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.logged_models.log_params(args["model_id"], args.get("params") or [])
    return {}
