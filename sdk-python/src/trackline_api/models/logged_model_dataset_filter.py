from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoggedModelDatasetFilter")


@_attrs_define
class LoggedModelDatasetFilter:
    """
    Attributes:
        dataset_name (str):
        dataset_digest (str | Unset):
    """

    dataset_name: str
    dataset_digest: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dataset_name = self.dataset_name

        dataset_digest = self.dataset_digest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dataset_name": dataset_name,
            }
        )
        if dataset_digest is not UNSET:
            field_dict["dataset_digest"] = dataset_digest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dataset_name = d.pop("dataset_name")

        dataset_digest = d.pop("dataset_digest", UNSET)

        logged_model_dataset_filter = cls(
            dataset_name=dataset_name,
            dataset_digest=dataset_digest,
        )

        logged_model_dataset_filter.additional_properties = d
        return logged_model_dataset_filter

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
