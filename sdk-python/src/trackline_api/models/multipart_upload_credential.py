from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.multipart_upload_credential_headers import MultipartUploadCredentialHeaders


T = TypeVar("T", bound="MultipartUploadCredential")


@_attrs_define
class MultipartUploadCredential:
    """
    Attributes:
        part_number (int):
        url (str):
        headers (MultipartUploadCredentialHeaders | Unset):
    """

    part_number: int
    url: str
    headers: MultipartUploadCredentialHeaders | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        part_number = self.part_number

        url = self.url

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "part_number": part_number,
                "url": url,
            }
        )
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.multipart_upload_credential_headers import MultipartUploadCredentialHeaders

        d = dict(src_dict)
        part_number = d.pop("part_number")

        url = d.pop("url")

        _headers = d.pop("headers", UNSET)
        headers: MultipartUploadCredentialHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = MultipartUploadCredentialHeaders.from_dict(_headers)

        multipart_upload_credential = cls(
            part_number=part_number,
            url=url,
            headers=headers,
        )

        multipart_upload_credential.additional_properties = d
        return multipart_upload_credential

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
