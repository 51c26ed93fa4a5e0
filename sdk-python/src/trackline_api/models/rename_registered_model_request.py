from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RenameRegisteredModelRequest")


@_attrs_define
class RenameRegisteredModelRequest:
    """
    Attributes:
        name (str):
        new_name (str):
        user_id (str | Unset): Who makes the change, for the history (the authenticated user wins).
        comment (str | Unset): Why, for the history.
    """

    name: str
    new_name: str
    user_id: str | Unset = UNSET
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        new_name = self.new_name

        user_id = self.user_id

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "new_name": new_name,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        new_name = d.pop("new_name")

        user_id = d.pop("user_id", UNSET)

        comment = d.pop("comment", UNSET)

        rename_registered_model_request = cls(
            name=name,
            new_name=new_name,
            user_id=user_id,
            comment=comment,
        )

        rename_registered_model_request.additional_properties = d
        return rename_registered_model_request

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
