from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_version import ModelVersion
    from ..models.registered_model_alias import RegisteredModelAlias
    from ..models.registered_model_tag import RegisteredModelTag


T = TypeVar("T", bound="RegisteredModel")


@_attrs_define
class RegisteredModel:
    """
    Attributes:
        name (str):
        creation_timestamp (int | Unset):
        last_updated_timestamp (int | Unset):
        user_id (str | Unset):
        description (str | Unset):
        latest_versions (list[ModelVersion] | Unset): The highest version in each stage.
        tags (list[RegisteredModelTag] | Unset):
        aliases (list[RegisteredModelAlias] | Unset):
    """

    name: str
    creation_timestamp: int | Unset = UNSET
    last_updated_timestamp: int | Unset = UNSET
    user_id: str | Unset = UNSET
    description: str | Unset = UNSET
    latest_versions: list[ModelVersion] | Unset = UNSET
    tags: list[RegisteredModelTag] | Unset = UNSET
    aliases: list[RegisteredModelAlias] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        creation_timestamp = self.creation_timestamp

        last_updated_timestamp = self.last_updated_timestamp

        user_id = self.user_id

        description = self.description

        latest_versions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.latest_versions, Unset):
            latest_versions = []
            for latest_versions_item_data in self.latest_versions:
                latest_versions_item = latest_versions_item_data.to_dict()
                latest_versions.append(latest_versions_item)

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        aliases: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = []
            for aliases_item_data in self.aliases:
                aliases_item = aliases_item_data.to_dict()
                aliases.append(aliases_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if creation_timestamp is not UNSET:
            field_dict["creation_timestamp"] = creation_timestamp
        if last_updated_timestamp is not UNSET:
            field_dict["last_updated_timestamp"] = last_updated_timestamp
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if description is not UNSET:
            field_dict["description"] = description
        if latest_versions is not UNSET:
            field_dict["latest_versions"] = latest_versions
        if tags is not UNSET:
            field_dict["tags"] = tags
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_version import ModelVersion
        from ..models.registered_model_alias import RegisteredModelAlias
        from ..models.registered_model_tag import RegisteredModelTag

        d = dict(src_dict)
        name = d.pop("name")

        creation_timestamp = d.pop("creation_timestamp", UNSET)

        last_updated_timestamp = d.pop("last_updated_timestamp", UNSET)

        user_id = d.pop("user_id", UNSET)

        description = d.pop("description", UNSET)

        _latest_versions = d.pop("latest_versions", UNSET)
        latest_versions: list[ModelVersion] | Unset = UNSET
        if _latest_versions is not UNSET:
            latest_versions = []
            for latest_versions_item_data in _latest_versions:
                latest_versions_item = ModelVersion.from_dict(latest_versions_item_data)

                latest_versions.append(latest_versions_item)

        _tags = d.pop("tags", UNSET)
        tags: list[RegisteredModelTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = RegisteredModelTag.from_dict(tags_item_data)

                tags.append(tags_item)

        _aliases = d.pop("aliases", UNSET)
        aliases: list[RegisteredModelAlias] | Unset = UNSET
        if _aliases is not UNSET:
            aliases = []
            for aliases_item_data in _aliases:
                aliases_item = RegisteredModelAlias.from_dict(aliases_item_data)

                aliases.append(aliases_item)

        registered_model = cls(
            name=name,
            creation_timestamp=creation_timestamp,
            last_updated_timestamp=last_updated_timestamp,
            user_id=user_id,
            description=description,
            latest_versions=latest_versions,
            tags=tags,
            aliases=aliases,
        )

        registered_model.additional_properties = d
        return registered_model

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
