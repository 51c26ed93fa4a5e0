from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.view_type import ViewType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchExperimentsRequest")


@_attrs_define
class SearchExperimentsRequest:
    """
    Attributes:
        max_results (int | Unset): 1 to 50000 (default 1000).
        page_token (str | Unset):
        filter_ (str | Unset):
        order_by (list[str] | Unset):
        view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted as 1, 2, 3).
    """

    max_results: int | Unset = UNSET
    page_token: str | Unset = UNSET
    filter_: str | Unset = UNSET
    order_by: list[str] | Unset = UNSET
    view_type: ViewType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_results = self.max_results

        page_token = self.page_token

        filter_ = self.filter_

        order_by: list[str] | Unset = UNSET
        if not isinstance(self.order_by, Unset):
            order_by = self.order_by

        view_type: str | Unset = UNSET
        if not isinstance(self.view_type, Unset):
            view_type = self.view_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_results is not UNSET:
            field_dict["max_results"] = max_results
        if page_token is not UNSET:
            field_dict["page_token"] = page_token
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if order_by is not UNSET:
            field_dict["order_by"] = order_by
        if view_type is not UNSET:
            field_dict["view_type"] = view_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        max_results = d.pop("max_results", UNSET)

        page_token = d.pop("page_token", UNSET)

        filter_ = d.pop("filter", UNSET)

        order_by = cast(list[str], d.pop("order_by", UNSET))

        _view_type = d.pop("view_type", UNSET)
        view_type: ViewType | Unset
        if isinstance(_view_type, Unset):
            view_type = UNSET
        else:
            view_type = ViewType(_view_type)

        search_experiments_request = cls(
            max_results=max_results,
            page_token=page_token,
            filter_=filter_,
            order_by=order_by,
            view_type=view_type,
        )

        search_experiments_request.additional_properties = d
        return search_experiments_request

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
