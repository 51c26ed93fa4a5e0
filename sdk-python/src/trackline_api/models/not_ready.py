from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.not_ready_error_code import NotReadyErrorCode

if TYPE_CHECKING:
    from ..models.readiness_checks import ReadinessChecks


T = TypeVar("T", bound="NotReady")


@_attrs_define
class NotReady:
    """The error envelope of a server that is not ready, with the state of each dependency.

    Attributes:
        error_code (NotReadyErrorCode):
        message (str):
        checks (ReadinessChecks): `ok`, `not used` or `unavailable (<error type>)` for each dependency.
    """

    error_code: NotReadyErrorCode
    message: str
    checks: ReadinessChecks
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_code = self.error_code.value

        message = self.message

        checks = self.checks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_code": error_code,
                "message": message,
                "checks": checks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.readiness_checks import ReadinessChecks

        d = dict(src_dict)
        error_code = NotReadyErrorCode(d.pop("error_code"))

        message = d.pop("message")

        checks = ReadinessChecks.from_dict(d.pop("checks"))

        not_ready = cls(
            error_code=error_code,
            message=message,
            checks=checks,
        )

        not_ready.additional_properties = d
        return not_ready

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
