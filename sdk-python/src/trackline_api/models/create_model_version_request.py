from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_version_tag import ModelVersionTag


T = TypeVar("T", bound="CreateModelVersionRequest")


@_attrs_define
class CreateModelVersionRequest:
    """
    Attributes:
        name (str):
        source (str):
        run_id (str | Unset):
        tags (list[ModelVersionTag] | Unset):
        run_link (str | Unset):
        description (str | Unset):
        model_id (str | Unset):
        user_id (str | Unset):
        comment (str | Unset):
    """

    name: str
    source: str
    run_id: str | Unset = UNSET
    tags: list[ModelVersionTag] | Unset = UNSET
    run_link: str | Unset = UNSET
    description: str | Unset = UNSET
    model_id: str | Unset = UNSET
    user_id: str | Unset = UNSET
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        source = self.source

        run_id = self.run_id

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        run_link = self.run_link

        description = self.description

        model_id = self.model_id

        user_id = self.user_id

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "source": source,
            }
        )
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if run_link is not UNSET:
            field_dict["run_link"] = run_link
        if description is not UNSET:
            field_dict["description"] = description
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_version_tag import ModelVersionTag

        d = dict(src_dict)
        name = d.pop("name")

        source = d.pop("source")

        run_id = d.pop("run_id", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[ModelVersionTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = ModelVersionTag.from_dict(tags_item_data)

                tags.append(tags_item)

        run_link = d.pop("run_link", UNSET)

        description = d.pop("description", UNSET)

        model_id = d.pop("model_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        comment = d.pop("comment", UNSET)

        create_model_version_request = cls(
            name=name,
            source=source,
            run_id=run_id,
            tags=tags,
            run_link=run_link,
            description=description,
            model_id=model_id,
            user_id=user_id,
            comment=comment,
        )

        create_model_version_request.additional_properties = d
        return create_model_version_request

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
