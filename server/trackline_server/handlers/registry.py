"""Handlers for the model registry and its audit trail."""

from __future__ import annotations

from typing import Any

from . import Context, handler, page


def acting_user(ctx: Context, args: dict[str, Any]) -> str | None:
    """Who makes a change: the authenticated user; without --auth, the basic-auth name or ``user_id`` sent."""
    if ctx.config.auth:
        return ctx.user
    return ctx.user or args.get("user_id") or None


@handler("createRegisteredModel")
def create_registered_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    model = ctx.registry.models.create(
        args["name"], args.get("tags") or [], args.get("description"), acting_user(ctx, args), args.get("comment")
    )
    return {"registered_model": model}


@handler("getRegisteredModel")
def get_registered_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"registered_model": ctx.registry.models.get(args["name"])}


@handler("renameRegisteredModel")
def rename_registered_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    model = ctx.registry.models.rename(args["name"], args["new_name"], acting_user(ctx, args), args.get("comment"))
    return {"registered_model": model}


@handler("updateRegisteredModel")
def update_registered_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"registered_model": ctx.registry.models.update(args["name"], args.get("description"))}


@handler("deleteRegisteredModel")
def delete_registered_model(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.models.delete(args["name"], acting_user(ctx, args), args.get("comment"))
    return {}


@handler("searchRegisteredModels", "searchRegisteredModelsPost")
def search_registered_models(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.registry.search.models(
        args.get("filter"),
        args.get("max_results"),
        args.get("order_by"),
        args.get("page_token"),
        visible=ctx.visible("registered_model"),
    )
    return page("registered_models", items, token)


@handler("getLatestVersions", "getLatestVersionsGet")
def get_latest_versions(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return page("model_versions", ctx.registry.models.latest_versions(args["name"], args.get("stages")))


@handler("setRegisteredModelTag")
def set_registered_model_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.models.set_tag(args["name"], args["key"], args.get("value", ""))
    return {}


@handler("deleteRegisteredModelTag")
def delete_registered_model_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.models.delete_tag(args["name"], args["key"])
    return {}


@handler("setRegisteredModelAlias")
def set_registered_model_alias(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.aliases.set(args["name"], args["alias"], args["version"], acting_user(ctx, args), args.get("comment"))
    return {}


@handler("deleteRegisteredModelAlias")
def delete_registered_model_alias(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.aliases.delete(args["name"], args["alias"], acting_user(ctx, args), args.get("comment"))
    return {}


@handler("getModelVersionByAlias")
def get_model_version_by_alias(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"model_version": ctx.registry.aliases.version(args["name"], args["alias"])}


@handler("createModelVersion")
def create_model_version(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    version = ctx.registry.versions.create(
        args["name"],
        args["source"],
        args.get("run_id"),
        args.get("tags") or [],
        args.get("run_link"),
        args.get("description"),
        args.get("model_id"),
        acting_user(ctx, args),
        args.get("comment"),
    )
    return {"model_version": version}


@handler("getModelVersion")
def get_model_version(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"model_version": ctx.registry.versions.get(args["name"], args["version"])}


@handler("updateModelVersion")
def update_model_version(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"model_version": ctx.registry.versions.update(args["name"], args["version"], args.get("description"))}


@handler("deleteModelVersion")
def delete_model_version(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.versions.delete(args["name"], args["version"], acting_user(ctx, args), args.get("comment"))
    return {}


@handler("transitionModelVersionStage")
def transition_model_version_stage(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    version = ctx.registry.versions.transition_stage(
        args["name"],
        args["version"],
        args["stage"],
        bool(args.get("archive_existing_versions")),
        acting_user(ctx, args),
        args.get("comment"),
    )
    return {"model_version": version}


@handler("searchModelVersions")
def search_model_versions(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    items, token = ctx.registry.search.versions(
        args.get("filter"),
        args.get("max_results"),
        args.get("order_by"),
        args.get("page_token"),
        visible=ctx.visible("registered_model"),
    )
    return page("model_versions", items, token)


@handler("getModelVersionDownloadUri")
def get_model_version_download_uri(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {"artifact_uri": ctx.registry.versions.download_uri(args["name"], args["version"])}


@handler("setModelVersionTag")
def set_model_version_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.versions.set_tag(args["name"], args["version"], args["key"], args.get("value", ""))
    return {}


@handler("deleteModelVersionTag")
def delete_model_version_tag(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    ctx.registry.versions.delete_tag(args["name"], args["version"], args["key"])
    return {}


@handler("getRegistryHistory")
def get_registry_history(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    events, token = ctx.registry.history.events(
        args.get("name"),
        args.get("version"),
        args.get("action"),
        args.get("start_time"),
        args.get("end_time"),
        args.get("max_results"),
        args.get("page_token"),
        visible=ctx.visible("registered_model"),
    )
    return page("events", events, token)
