from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_action import RegistryAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistryEvent")


@_attrs_define
class RegistryEvent:
    """
    Attributes:
        event_id (str):
        name (str): The model's name when the event happened.
        action (RegistryAction): The kind of a registry event.
        timestamp (int):
        version (str | Unset):
        alias (str | Unset):
        from_value (str | Unset): The stage, version or name before.
        to_value (str | Unset): The stage, version or name after.
        user_id (str | Unset):
        comment (str | Unset):
    """

    event_id: str
    name: str
    action: RegistryAction
    timestamp: int
    version: str | Unset = UNSET
    alias: str | Unset = UNSET
    from_value: str | Unset = UNSET
    to_value: str | Unset = UNSET
    user_id: str | Unset = UNSET
    comment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        name = self.name

        action = self.action.value

        timestamp = self.timestamp

        version = self.version

        alias = self.alias

        from_value = self.from_value

        to_value = self.to_value

        user_id = self.user_id

        comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "name": name,
                "action": action,
                "timestamp": timestamp,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if alias is not UNSET:
            field_dict["alias"] = alias
        if from_value is not UNSET:
            field_dict["from_value"] = from_value
        if to_value is not UNSET:
            field_dict["to_value"] = to_value
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        name = d.pop("name")

        action = RegistryAction(d.pop("action"))

        timestamp = d.pop("timestamp")

        version = d.pop("version", UNSET)

        alias = d.pop("alias", UNSET)

        from_value = d.pop("from_value", UNSET)

        to_value = d.pop("to_value", UNSET)

        user_id = d.pop("user_id", UNSET)

        comment = d.pop("comment", UNSET)

        registry_event = cls(
            event_id=event_id,
            name=name,
            action=action,
            timestamp=timestamp,
            version=version,
            alias=alias,
            from_value=from_value,
            to_value=to_value,
            user_id=user_id,
            comment=comment,
        )

        registry_event.additional_properties = d
        return registry_event

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
