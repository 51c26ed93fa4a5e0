"""Server-level operations: health, version, capabilities and the spec itself."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..spec import spec_text
from . import Context, RawAnswer, handler


@handler("health")
def health(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    return RawAnswer("OK", "text/plain")


@handler("getVersion")
def get_version(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    return RawAnswer(__version__, "text/plain")


@handler("getOpenApiSpec")
def get_openapi_spec(ctx: Context, args: dict[str, Any]) -> RawAnswer:
    return RawAnswer(spec_text(), "application/yaml")


@handler("getServerInfo")
def get_server_info(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "store_type": "SqlStore",
        "workspaces_enabled": False,
        "trace_archival_enabled": False,
        "multipart_uploads_enabled": False,
        "multipart_downloads_enabled": False,
        "presigned_upload_run_id_supported": False,
        "presigned_upload_model_id_supported": False,
        "server": "trackline",
        "version": __version__,
    }
