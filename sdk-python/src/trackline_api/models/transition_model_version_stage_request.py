from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TransitionModelVersionStageRequest")


@_attrs_define
class TransitionModelVersionStageRequest:
    """
    Attributes:
        name (str):
        version (str):
        stage (str):
        archive_existing_versions (bool | Unset):
        user_id (str | Unset):
        comment (str | Unset):
    """

    name: str
    version: str
    stage: str
    archive_existing_versions: bool | Unset = UNSET
    user_id: str | Unset = UNSET
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        stage = self.stage

        archive_existing_versions = self.archive_existing_versions

        user_id = self.user_id

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
                "stage": stage,
            }
        )
        if archive_existing_versions is not UNSET:
            field_dict["archive_existing_versions"] = archive_existing_versions
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        stage = d.pop("stage")

        archive_existing_versions = d.pop("archive_existing_versions", UNSET)

        user_id = d.pop("user_id", UNSET)

        comment = d.pop("comment", UNSET)

        transition_model_version_stage_request = cls(
            name=name,
            version=version,
            stage=stage,
            archive_existing_versions=archive_existing_versions,
            user_id=user_id,
            comment=comment,
        )

        transition_model_version_stage_request.additional_properties = d
        return transition_model_version_stage_request

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
