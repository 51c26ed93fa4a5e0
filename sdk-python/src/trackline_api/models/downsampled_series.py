from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DownsampledSeries")


@_attrs_define
class DownsampledSeries:
    """
    Attributes:
        run_id (str):
        key (str):
        x (list[float]):
        y (list[float]):
        points (int): How many points the series has in range before downsampling.
        sampled (bool): Whether points were left out.
    """

    run_id: str
    key: str
    x: list[float]
    y: list[float]
    points: int
    sampled: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        key = self.key

        x = []
        for x_item_data in self.x:
            x_item: float | str = x_item_data
            if x_item_data != x_item_data:
                x_item = "NaN"
            elif x_item_data in (float("inf"), float("-inf")):
                x_item = "Infinity" if x_item_data > 0 else "-Infinity"

            x.append(x_item)

        y = []
        for y_item_data in self.y:
            y_item: float | str = y_item_data
            if y_item_data != y_item_data:
                y_item = "NaN"
            elif y_item_data in (float("inf"), float("-inf")):
                y_item = "Infinity" if y_item_data > 0 else "-Infinity"

            y.append(y_item)

        points = self.points

        sampled = self.sampled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "run_id": run_id,
                "key": key,
                "x": x,
                "y": y,
                "points": points,
                "sampled": sampled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        run_id = d.pop("run_id")

        key = d.pop("key")

        x = []
        _x = d.pop("x")
        for x_item_data in _x:
            x_item = float(x_item_data)

            x.append(x_item)

        y = []
        _y = d.pop("y")
        for y_item_data in _y:
            y_item = float(y_item_data)

            y.append(y_item)

        points = d.pop("points")

        sampled = d.pop("sampled")

        downsampled_series = cls(
            run_id=run_id,
            key=key,
            x=x,
            y=y,
            points=points,
            sampled=sampled,
        )

        downsampled_series.additional_properties = d
        return downsampled_series

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
