from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoggedModelOrderBy")


@_attrs_define
class LoggedModelOrderBy:
    """
    Attributes:
        field_name (str):
        ascending (bool | Unset):
        dataset_name (str | Unset):
        dataset_digest (str | Unset):
    """

    field_name: str
    ascending: bool | Unset = UNSET
    dataset_name: str | Unset = UNSET
    dataset_digest: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_name = self.field_name

        ascending = self.ascending

        dataset_name = self.dataset_name

        dataset_digest = self.dataset_digest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field_name": field_name,
            }
        )
        if ascending is not UNSET:
            field_dict["ascending"] = ascending
        if dataset_name is not UNSET:
            field_dict["dataset_name"] = dataset_name
        if dataset_digest is not UNSET:
            field_dict["dataset_digest"] = dataset_digest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_name = d.pop("field_name")

        ascending = d.pop("ascending", UNSET)

        dataset_name = d.pop("dataset_name", UNSET)

        dataset_digest = d.pop("dataset_digest", UNSET)

        logged_model_order_by = cls(
            field_name=field_name,
            ascending=ascending,
            dataset_name=dataset_name,
            dataset_digest=dataset_digest,
        )

        logged_model_order_by.additional_properties = d
        return logged_model_order_by

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
