from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExperimentKeys")


@_attrs_define
class ExperimentKeys:
    """
    Attributes:
        params (list[str] | Unset):
        metrics (list[str] | Unset):
        tags (list[str] | Unset):
    """

    params: list[str] | Unset = UNSET
    metrics: list[str] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        params: list[str] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params

        metrics: list[str] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if params is not UNSET:
            field_dict["params"] = params
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        params = cast(list[str], d.pop("params", UNSET))

        metrics = cast(list[str], d.pop("metrics", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        experiment_keys = cls(
            params=params,
            metrics=metrics,
            tags=tags,
        )

        experiment_keys.additional_properties = d
        return experiment_keys

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
