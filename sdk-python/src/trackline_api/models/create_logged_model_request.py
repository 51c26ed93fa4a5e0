from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.logged_model_parameter import LoggedModelParameter
    from ..models.logged_model_tag import LoggedModelTag


T = TypeVar("T", bound="CreateLoggedModelRequest")


@_attrs_define
class CreateLoggedModelRequest:
    """
    Attributes:
        experiment_id (str):
        name (str | Unset):
        model_type (str | Unset):
        source_run_id (str | Unset):
        params (list[LoggedModelParameter] | Unset):
        tags (list[LoggedModelTag] | Unset):
    """

    experiment_id: str
    name: str | Unset = UNSET
    model_type: str | Unset = UNSET
    source_run_id: str | Unset = UNSET
    params: list[LoggedModelParameter] | Unset = UNSET
    tags: list[LoggedModelTag] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        experiment_id = self.experiment_id

        name = self.name

        model_type = self.model_type

        source_run_id = self.source_run_id

        params: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = []
            for params_item_data in self.params:
                params_item = params_item_data.to_dict()
                params.append(params_item)

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "experiment_id": experiment_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if model_type is not UNSET:
            field_dict["model_type"] = model_type
        if source_run_id is not UNSET:
            field_dict["source_run_id"] = source_run_id
        if params is not UNSET:
            field_dict["params"] = params
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.logged_model_parameter import LoggedModelParameter
        from ..models.logged_model_tag import LoggedModelTag

        d = dict(src_dict)
        experiment_id = d.pop("experiment_id")

        name = d.pop("name", UNSET)

        model_type = d.pop("model_type", UNSET)

        source_run_id = d.pop("source_run_id", UNSET)

        _params = d.pop("params", UNSET)
        params: list[LoggedModelParameter] | Unset = UNSET
        if _params is not UNSET:
            params = []
            for params_item_data in _params:
                params_item = LoggedModelParameter.from_dict(params_item_data)

                params.append(params_item)

        _tags = d.pop("tags", UNSET)
        tags: list[LoggedModelTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = LoggedModelTag.from_dict(tags_item_data)

                tags.append(tags_item)

        create_logged_model_request = cls(
            experiment_id=experiment_id,
            name=name,
            model_type=model_type,
            source_run_id=source_run_id,
            params=params,
            tags=tags,
        )

        create_logged_model_request.additional_properties = d
        return create_logged_model_request

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
