from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchRegisteredModelsRequest")


@_attrs_define
class SearchRegisteredModelsRequest:
    """
    Attributes:
        filter_ (str | Unset):
        max_results (int | Unset):
        order_by (list[str] | Unset):
        page_token (str | Unset):
    """

    filter_: str | Unset = UNSET
    max_results: int | Unset = UNSET
    order_by: list[str] | Unset = UNSET
    page_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filter_ = self.filter_

        max_results = self.max_results

        order_by: list[str] | Unset = UNSET
        if not isinstance(self.order_by, Unset):
            order_by = self.order_by

        page_token = self.page_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if max_results is not UNSET:
            field_dict["max_results"] = max_results
        if order_by is not UNSET:
            field_dict["order_by"] = order_by
        if page_token is not UNSET:
            field_dict["page_token"] = page_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        filter_ = d.pop("filter", UNSET)

        max_results = d.pop("max_results", UNSET)

        order_by = cast(list[str], d.pop("order_by", UNSET))

        page_token = d.pop("page_token", UNSET)

        search_registered_models_request = cls(
            filter_=filter_,
            max_results=max_results,
            order_by=order_by,
            page_token=page_token,
        )

        search_registered_models_request.additional_properties = d
        return search_registered_models_request

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
