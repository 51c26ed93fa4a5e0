from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.registered_model import RegisteredModel


T = TypeVar("T", bound="SearchRegisteredModelsResponse")


@_attrs_define
class SearchRegisteredModelsResponse:
    """
    Attributes:
        registered_models (list[RegisteredModel] | Unset):
        next_page_token (str | Unset):
    """

    registered_models: list[RegisteredModel] | Unset = UNSET
    next_page_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registered_models: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.registered_models, Unset):
            registered_models = []
            for registered_models_item_data in self.registered_models:
                registered_models_item = registered_models_item_data.to_dict()
                registered_models.append(registered_models_item)

        next_page_token = self.next_page_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if registered_models is not UNSET:
            field_dict["registered_models"] = registered_models
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.registered_model import RegisteredModel

        d = dict(src_dict)
        _registered_models = d.pop("registered_models", UNSET)
        registered_models: list[RegisteredModel] | Unset = UNSET
        if _registered_models is not UNSET:
            registered_models = []
            for registered_models_item_data in _registered_models:
                registered_models_item = RegisteredModel.from_dict(registered_models_item_data)

                registered_models.append(registered_models_item)

        next_page_token = d.pop("next_page_token", UNSET)

        search_registered_models_response = cls(
            registered_models=registered_models,
            next_page_token=next_page_token,
        )

        search_registered_models_response.additional_properties = d
        return search_registered_models_response

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
