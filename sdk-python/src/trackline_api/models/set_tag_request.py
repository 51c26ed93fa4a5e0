from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SetTagRequest")


@_attrs_define
class SetTagRequest:
    """
    Attributes:
        key (str):
        run_id (str | Unset): The run's id (required unless `run_uuid` is given).
        run_uuid (str | Unset):
        value (str | Unset):
    """

    key: str
    run_id: str | Unset = UNSET
    run_uuid: str | Unset = UNSET
    value: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        run_id = self.run_id

        run_uuid = self.run_uuid

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
            }
        )
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if run_uuid is not UNSET:
            field_dict["run_uuid"] = run_uuid
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key = d.pop("key")

        run_id = d.pop("run_id", UNSET)

        run_uuid = d.pop("run_uuid", UNSET)

        value = d.pop("value", UNSET)

        set_tag_request = cls(
            key=key,
            run_id=run_id,
            run_uuid=run_uuid,
            value=value,
        )

        set_tag_request.additional_properties = d
        return set_tag_request

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
