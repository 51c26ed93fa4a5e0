from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServerInfo")


@_attrs_define
class ServerInfo:
    """
    Attributes:
        store_type (str | Unset):
        workspaces_enabled (bool | Unset):
        trace_archival_enabled (bool | Unset):
        multipart_uploads_enabled (bool | Unset):
        multipart_downloads_enabled (bool | Unset):
        presigned_upload_run_id_supported (bool | Unset):
        presigned_upload_model_id_supported (bool | Unset):
        server (str | Unset):
        version (str | Unset):
    """

    store_type: str | Unset = UNSET
    workspaces_enabled: bool | Unset = UNSET
    trace_archival_enabled: bool | Unset = UNSET
    multipart_uploads_enabled: bool | Unset = UNSET
    multipart_downloads_enabled: bool | Unset = UNSET
    presigned_upload_run_id_supported: bool | Unset = UNSET
    presigned_upload_model_id_supported: bool | Unset = UNSET
    server: str | Unset = UNSET
    version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        store_type = self.store_type

        workspaces_enabled = self.workspaces_enabled

        trace_archival_enabled = self.trace_archival_enabled

        multipart_uploads_enabled = self.multipart_uploads_enabled

        multipart_downloads_enabled = self.multipart_downloads_enabled

        presigned_upload_run_id_supported = self.presigned_upload_run_id_supported

        presigned_upload_model_id_supported = self.presigned_upload_model_id_supported

        server = self.server

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if store_type is not UNSET:
            field_dict["store_type"] = store_type
        if workspaces_enabled is not UNSET:
            field_dict["workspaces_enabled"] = workspaces_enabled
        if trace_archival_enabled is not UNSET:
            field_dict["trace_archival_enabled"] = trace_archival_enabled
        if multipart_uploads_enabled is not UNSET:
            field_dict["multipart_uploads_enabled"] = multipart_uploads_enabled
        if multipart_downloads_enabled is not UNSET:
            field_dict["multipart_downloads_enabled"] = multipart_downloads_enabled
        if presigned_upload_run_id_supported is not UNSET:
            field_dict["presigned_upload_run_id_supported"] = presigned_upload_run_id_supported
        if presigned_upload_model_id_supported is not UNSET:
            field_dict["presigned_upload_model_id_supported"] = presigned_upload_model_id_supported
        if server is not UNSET:
            field_dict["server"] = server
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        store_type = d.pop("store_type", UNSET)

        workspaces_enabled = d.pop("workspaces_enabled", UNSET)

        trace_archival_enabled = d.pop("trace_archival_enabled", UNSET)

        multipart_uploads_enabled = d.pop("multipart_uploads_enabled", UNSET)

        multipart_downloads_enabled = d.pop("multipart_downloads_enabled", UNSET)

        presigned_upload_run_id_supported = d.pop("presigned_upload_run_id_supported", UNSET)

        presigned_upload_model_id_supported = d.pop("presigned_upload_model_id_supported", UNSET)

        server = d.pop("server", UNSET)

        version = d.pop("version", UNSET)

        server_info = cls(
            store_type=store_type,
            workspaces_enabled=workspaces_enabled,
            trace_archival_enabled=trace_archival_enabled,
            multipart_uploads_enabled=multipart_uploads_enabled,
            multipart_downloads_enabled=multipart_downloads_enabled,
            presigned_upload_run_id_supported=presigned_upload_run_id_supported,
            presigned_upload_model_id_supported=presigned_upload_model_id_supported,
            server=server,
            version=version,
        )

        server_info.additional_properties = d
        return server_info

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
