from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Metric")


@_attrs_define
class Metric:
    """
    Attributes:
        key (str):
        value (float): Not-finite values travel as "NaN", "Infinity" or "-Infinity".
        timestamp (int):
        step (int | Unset):
        dataset_name (str | Unset):
        dataset_digest (str | Unset):
        model_id (str | Unset):
        run_id (str | Unset):
    """

    key: str
    value: float
    timestamp: int
    step: int | Unset = UNSET
    dataset_name: str | Unset = UNSET
    dataset_digest: str | Unset = UNSET
    model_id: str | Unset = UNSET
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

        dataset_name = self.dataset_name

        dataset_digest = self.dataset_digest

        model_id = self.model_id

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
        if dataset_name is not UNSET:
            field_dict["dataset_name"] = dataset_name
        if dataset_digest is not UNSET:
            field_dict["dataset_digest"] = dataset_digest
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
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

        dataset_name = d.pop("dataset_name", UNSET)

        dataset_digest = d.pop("dataset_digest", UNSET)

        model_id = d.pop("model_id", UNSET)

        run_id = d.pop("run_id", UNSET)

        metric = cls(
            key=key,
            value=value,
            timestamp=timestamp,
            step=step,
            dataset_name=dataset_name,
            dataset_digest=dataset_digest,
            model_id=model_id,
            run_id=run_id,
        )

        metric.additional_properties = d
        return metric

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
