from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset:
    """
    Attributes:
        name (str):
        digest (str):
        source_type (str | Unset):
        source (str | Unset):
        schema (str | Unset):
        profile (str | Unset):
    """

    name: str
    digest: str
    source_type: str | Unset = UNSET
    source: str | Unset = UNSET
    schema: str | Unset = UNSET
    profile: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        digest = self.digest

        source_type = self.source_type

        source = self.source

        schema = self.schema

        profile = self.profile

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "digest": digest,
            }
        )
        if source_type is not UNSET:
            field_dict["source_type"] = source_type
        if source is not UNSET:
            field_dict["source"] = source
        if schema is not UNSET:
            field_dict["schema"] = schema
        if profile is not UNSET:
            field_dict["profile"] = profile

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        digest = d.pop("digest")

        source_type = d.pop("source_type", UNSET)

        source = d.pop("source", UNSET)

        schema = d.pop("schema", UNSET)

        profile = d.pop("profile", UNSET)

        dataset = cls(
            name=name,
            digest=digest,
            source_type=source_type,
            source=source,
            schema=schema,
            profile=profile,
        )

        dataset.additional_properties = d
        return dataset

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
