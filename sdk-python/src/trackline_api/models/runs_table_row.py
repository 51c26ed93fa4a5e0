from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metric_value import MetricValue
    from ..models.param import Param
    from ..models.run_tag import RunTag


T = TypeVar("T", bound="RunsTableRow")


@_attrs_define
class RunsTableRow:
    """
    Attributes:
        run_id (str):
        experiment_id (str):
        status (str):
        lifecycle_stage (str):
        child_count (int):
        run_name (str | Unset):
        start_time (int | Unset):
        end_time (int | Unset):
        user_id (str | Unset):
        source_name (str | Unset):
        parent_run_id (str | Unset):
        params (list[Param] | Unset):
        metrics (list[MetricValue] | Unset): The latest value of each metric column.
        tags (list[RunTag] | Unset):
    """

    run_id: str
    experiment_id: str
    status: str
    lifecycle_stage: str
    child_count: int
    run_name: str | Unset = UNSET
    start_time: int | Unset = UNSET
    end_time: int | Unset = UNSET
    user_id: str | Unset = UNSET
    source_name: str | Unset = UNSET
    parent_run_id: str | Unset = UNSET
    params: list[Param] | Unset = UNSET
    metrics: list[MetricValue] | Unset = UNSET
    tags: list[RunTag] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        experiment_id = self.experiment_id

        status = self.status

        lifecycle_stage = self.lifecycle_stage

        child_count = self.child_count

        run_name = self.run_name

        start_time = self.start_time

        end_time = self.end_time

        user_id = self.user_id

        source_name = self.source_name

        parent_run_id = self.parent_run_id

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

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "run_id": run_id,
                "experiment_id": experiment_id,
                "status": status,
                "lifecycle_stage": lifecycle_stage,
                "child_count": child_count,
            }
        )
        if run_name is not UNSET:
            field_dict["run_name"] = run_name
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if source_name is not UNSET:
            field_dict["source_name"] = source_name
        if parent_run_id is not UNSET:
            field_dict["parent_run_id"] = parent_run_id
        if params is not UNSET:
            field_dict["params"] = params
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_value import MetricValue
        from ..models.param import Param
        from ..models.run_tag import RunTag

        d = dict(src_dict)
        run_id = d.pop("run_id")

        experiment_id = d.pop("experiment_id")

        status = d.pop("status")

        lifecycle_stage = d.pop("lifecycle_stage")

        child_count = d.pop("child_count")

        run_name = d.pop("run_name", UNSET)

        start_time = d.pop("start_time", UNSET)

        end_time = d.pop("end_time", UNSET)

        user_id = d.pop("user_id", UNSET)

        source_name = d.pop("source_name", UNSET)

        parent_run_id = d.pop("parent_run_id", UNSET)

        _params = d.pop("params", UNSET)
        params: list[Param] | Unset = UNSET
        if _params is not UNSET:
            params = []
            for params_item_data in _params:
                params_item = Param.from_dict(params_item_data)

                params.append(params_item)

        _metrics = d.pop("metrics", UNSET)
        metrics: list[MetricValue] | Unset = UNSET
        if _metrics is not UNSET:
            metrics = []
            for metrics_item_data in _metrics:
                metrics_item = MetricValue.from_dict(metrics_item_data)

                metrics.append(metrics_item)

        _tags = d.pop("tags", UNSET)
        tags: list[RunTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = RunTag.from_dict(tags_item_data)

                tags.append(tags_item)

        runs_table_row = cls(
            run_id=run_id,
            experiment_id=experiment_id,
            status=status,
            lifecycle_stage=lifecycle_stage,
            child_count=child_count,
            run_name=run_name,
            start_time=start_time,
            end_time=end_time,
            user_id=user_id,
            source_name=source_name,
            parent_run_id=parent_run_id,
            params=params,
            metrics=metrics,
            tags=tags,
        )

        runs_table_row.additional_properties = d
        return runs_table_row

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
