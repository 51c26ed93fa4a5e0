from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_version_tag import ModelVersionTag


T = TypeVar("T", bound="ModelVersion")


@_attrs_define
class ModelVersion:
    """
    Attributes:
        name (str):
        version (str): The version number, as a string.
        creation_timestamp (int | Unset):
        last_updated_timestamp (int | Unset):
        user_id (str | Unset):
        current_stage (str | Unset): None, Staging, Production or Archived.
        description (str | Unset):
        source (str | Unset):
        run_id (str | Unset):
        status (str | Unset): READY (versions are ready as soon as they are created).
        status_message (str | Unset):
        tags (list[ModelVersionTag] | Unset):
        run_link (str | Unset):
        aliases (list[str] | Unset):
        model_id (str | Unset):
    """

    name: str
    version: str
    creation_timestamp: int | Unset = UNSET
    last_updated_timestamp: int | Unset = UNSET
    user_id: str | Unset = UNSET
    current_stage: str | Unset = UNSET
    description: str | Unset = UNSET
    source: str | Unset = UNSET
    run_id: str | Unset = UNSET
    status: str | Unset = UNSET
    status_message: str | Unset = UNSET
    tags: list[ModelVersionTag] | Unset = UNSET
    run_link: str | Unset = UNSET
    aliases: list[str] | Unset = UNSET
    model_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        version = self.version

        creation_timestamp = self.creation_timestamp

        last_updated_timestamp = self.last_updated_timestamp

        user_id = self.user_id

        current_stage = self.current_stage

        description = self.description

        source = self.source

        run_id = self.run_id

        status = self.status

        status_message = self.status_message

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        run_link = self.run_link

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        model_id = self.model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "version": version,
            }
        )
        if creation_timestamp is not UNSET:
            field_dict["creation_timestamp"] = creation_timestamp
        if last_updated_timestamp is not UNSET:
            field_dict["last_updated_timestamp"] = last_updated_timestamp
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if current_stage is not UNSET:
            field_dict["current_stage"] = current_stage
        if description is not UNSET:
            field_dict["description"] = description
        if source is not UNSET:
            field_dict["source"] = source
        if run_id is not UNSET:
            field_dict["run_id"] = run_id
        if status is not UNSET:
            field_dict["status"] = status
        if status_message is not UNSET:
            field_dict["status_message"] = status_message
        if tags is not UNSET:
            field_dict["tags"] = tags
        if run_link is not UNSET:
            field_dict["run_link"] = run_link
        if aliases is not UNSET:
            field_dict["aliases"] = aliases
        if model_id is not UNSET:
            field_dict["model_id"] = model_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_version_tag import ModelVersionTag

        d = dict(src_dict)
        name = d.pop("name")

        version = d.pop("version")

        creation_timestamp = d.pop("creation_timestamp", UNSET)

        last_updated_timestamp = d.pop("last_updated_timestamp", UNSET)

        user_id = d.pop("user_id", UNSET)

        current_stage = d.pop("current_stage", UNSET)

        description = d.pop("description", UNSET)

        source = d.pop("source", UNSET)

        run_id = d.pop("run_id", UNSET)

        status = d.pop("status", UNSET)

        status_message = d.pop("status_message", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[ModelVersionTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = ModelVersionTag.from_dict(tags_item_data)

                tags.append(tags_item)

        run_link = d.pop("run_link", UNSET)

        aliases = cast(list[str], d.pop("aliases", UNSET))

        model_id = d.pop("model_id", UNSET)

        model_version = cls(
            name=name,
            version=version,
            creation_timestamp=creation_timestamp,
            last_updated_timestamp=last_updated_timestamp,
            user_id=user_id,
            current_stage=current_stage,
            description=description,
            source=source,
            run_id=run_id,
            status=status,
            status_message=status_message,
            tags=tags,
            run_link=run_link,
            aliases=aliases,
            model_id=model_id,
        )

        model_version.additional_properties = d
        return model_version

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
