from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricWithRunId")


@_attrs_define
class MetricWithRunId:
    """
    Attributes:
        key (str):
        value (float):
        timestamp (int):
        step (int | Unset):
        run_id (str | Unset):
    """

    key: str
    value: float
    timestamp: int
    step: int | Unset = UNSET
    run_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        value: float | str = self.value
        if self.value != self.value:
            value = "NaN"
        elif self.value in (float("inf"), float("-inf")):
            value = "Infinity" if self.value > 0 else "-Infinity"

        timestamp = self.timestamp

        step = self.step

        run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "value": value,
                "timestamp": timestamp,
            }
        )
        if step is not UNSET:
            field_dict["step"] = step
        if run_id is not UNSET:
            field_dict["run_id"] = run_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        key = d.pop("key")

        value = float(d.pop("value"))

        timestamp = d.pop("timestamp")

        step = d.pop("step", UNSET)

        run_id = d.pop("run_id", UNSET)

        metric_with_run_id = cls(
            key=key,
            value=value,
            timestamp=timestamp,
            step=step,
            run_id=run_id,
        )

        metric_with_run_id.additional_properties = d
        return metric_with_run_id

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
