from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.logged_model_status import LoggedModelStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="FinalizeLoggedModelRequest")


@_attrs_define
class FinalizeLoggedModelRequest:
    """
    Attributes:
        status (LoggedModelStatus):
        model_id (str | Unset):
    """

    status: LoggedModelStatus
    model_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        model_id = self.model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if model_id is not UNSET:
            field_dict["model_id"] = model_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = LoggedModelStatus(d.pop("status"))

        model_id = d.pop("model_id", UNSET)

        finalize_logged_model_request = cls(
            status=status,
            model_id=model_id,
        )

        finalize_logged_model_request.additional_properties = d
        return finalize_logged_model_request

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
