from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.logged_model_parameter import LoggedModelParameter
    from ..models.metric import Metric


T = TypeVar("T", bound="LoggedModelData")


@_attrs_define
class LoggedModelData:
    """
    Attributes:
        params (list[LoggedModelParameter] | Unset):
        metrics (list[Metric] | Unset):
    """

    params: list[LoggedModelParameter] | Unset = UNSET
    metrics: list[Metric] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        params: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = []
            for params_item_data in self.params:
                params_item = params_item_data.to_dict()
                params.append(params_item)

        metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = []
            for metrics_item_data in self.metrics:
                metrics_item = metrics_item_data.to_dict()
                metrics.append(metrics_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if params is not UNSET:
            field_dict["params"] = params
        if metrics is not UNSET:
            field_dict["metrics"] = metrics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.logged_model_parameter import LoggedModelParameter
        from ..models.metric import Metric

        d = dict(src_dict)
        _params = d.pop("params", UNSET)
        params: list[LoggedModelParameter] | Unset = UNSET
        if _params is not UNSET:
            params = []
            for params_item_data in _params:
                params_item = LoggedModelParameter.from_dict(params_item_data)

                params.append(params_item)

        _metrics = d.pop("metrics", UNSET)
        metrics: list[Metric] | Unset = UNSET
        if _metrics is not UNSET:
            metrics = []
            for metrics_item_data in _metrics:
                metrics_item = Metric.from_dict(metrics_item_data)

                metrics.append(metrics_item)

        logged_model_data = cls(
            params=params,
            metrics=metrics,
        )

        logged_model_data.additional_properties = d
        return logged_model_data

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
