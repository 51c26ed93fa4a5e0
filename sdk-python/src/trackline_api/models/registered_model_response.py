from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.registered_model import RegisteredModel


T = TypeVar("T", bound="RegisteredModelResponse")


@_attrs_define
class RegisteredModelResponse:
    """
    Attributes:
        registered_model (RegisteredModel):
    """

    registered_model: RegisteredModel
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registered_model = self.registered_model.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registered_model": registered_model,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.registered_model import RegisteredModel

        d = dict(src_dict)
        registered_model = RegisteredModel.from_dict(d.pop("registered_model"))

        registered_model_response = cls(
            registered_model=registered_model,
        )

        registered_model_response.additional_properties = d
        return registered_model_response

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
