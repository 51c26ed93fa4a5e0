from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.view_type import ViewType
from ..types import UNSET, Unset

T = TypeVar("T", bound="RunsTableRequest")


@_attrs_define
class RunsTableRequest:
    """
    Attributes:
        experiment_ids (list[str]):
        filter_ (str | Unset):
        run_view_type (ViewType | Unset): Which lifecycle stages a search includes (also accepted as 1, 2, 3).
        order_by (list[str] | Unset):
        param_keys (list[str] | Unset): Param columns (at most 200 keys in all three lists).
        metric_keys (list[str] | Unset): Metric columns (their latest values).
        tag_keys (list[str] | Unset): Tag columns.
        all_columns (bool | Unset): Instead of `param_keys` and `metric_keys`: every param and metric key that the rows
            of this window have (at most 50 of each, the first by name). For a first view before
            any column is chosen.
        offset (int | Unset): Rows to skip (0 to 1000000, default 0).
        max_results (int | Unset): 1 to 1000 (default 100).
        top_level_only (bool | Unset): Leave out runs that have a parent run.
        parent_run_id (str | Unset): Only the child runs of this run.
    """

    experiment_ids: list[str]
    filter_: str | Unset = UNSET
    run_view_type: ViewType | Unset = UNSET
    order_by: list[str] | Unset = UNSET
    param_keys: list[str] | Unset = UNSET
    metric_keys: list[str] | Unset = UNSET
    tag_keys: list[str] | Unset = UNSET
    all_columns: bool | Unset = UNSET
    offset: int | Unset = UNSET
    max_results: int | Unset = UNSET
    top_level_only: bool | Unset = UNSET
    parent_run_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        experiment_ids = self.experiment_ids

        filter_ = self.filter_

        run_view_type: str | Unset = UNSET
        if not isinstance(self.run_view_type, Unset):
            run_view_type = self.run_view_type.value

        order_by: list[str] | Unset = UNSET
        if not isinstance(self.order_by, Unset):
            order_by = self.order_by

        param_keys: list[str] | Unset = UNSET
        if not isinstance(self.param_keys, Unset):
            param_keys = self.param_keys

        metric_keys: list[str] | Unset = UNSET
        if not isinstance(self.metric_keys, Unset):
            metric_keys = self.metric_keys

        tag_keys: list[str] | Unset = UNSET
        if not isinstance(self.tag_keys, Unset):
            tag_keys = self.tag_keys

        all_columns = self.all_columns

        offset = self.offset

        max_results = self.max_results

        top_level_only = self.top_level_only

        parent_run_id = self.parent_run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "experiment_ids": experiment_ids,
            }
        )
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if run_view_type is not UNSET:
            field_dict["run_view_type"] = run_view_type
        if order_by is not UNSET:
            field_dict["order_by"] = order_by
        if param_keys is not UNSET:
            field_dict["param_keys"] = param_keys
        if metric_keys is not UNSET:
            field_dict["metric_keys"] = metric_keys
        if tag_keys is not UNSET:
            field_dict["tag_keys"] = tag_keys
        if all_columns is not UNSET:
            field_dict["all_columns"] = all_columns
        if offset is not UNSET:
            field_dict["offset"] = offset
        if max_results is not UNSET:
            field_dict["max_results"] = max_results
        if top_level_only is not UNSET:
            field_dict["top_level_only"] = top_level_only
        if parent_run_id is not UNSET:
            field_dict["parent_run_id"] = parent_run_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        experiment_ids = cast(list[str], d.pop("experiment_ids"))

        filter_ = d.pop("filter", UNSET)

        _run_view_type = d.pop("run_view_type", UNSET)
        run_view_type: ViewType | Unset
        if isinstance(_run_view_type, Unset):
            run_view_type = UNSET
        else:
            run_view_type = ViewType(_run_view_type)

        order_by = cast(list[str], d.pop("order_by", UNSET))

        param_keys = cast(list[str], d.pop("param_keys", UNSET))

        metric_keys = cast(list[str], d.pop("metric_keys", UNSET))

        tag_keys = cast(list[str], d.pop("tag_keys", UNSET))

        all_columns = d.pop("all_columns", UNSET)

        offset = d.pop("offset", UNSET)

        max_results = d.pop("max_results", UNSET)

        top_level_only = d.pop("top_level_only", UNSET)

        parent_run_id = d.pop("parent_run_id", UNSET)

        runs_table_request = cls(
            experiment_ids=experiment_ids,
            filter_=filter_,
            run_view_type=run_view_type,
            order_by=order_by,
            param_keys=param_keys,
            metric_keys=metric_keys,
            tag_keys=tag_keys,
            all_columns=all_columns,
            offset=offset,
            max_results=max_results,
            top_level_only=top_level_only,
            parent_run_id=parent_run_id,
        )

        runs_table_request.additional_properties = d
        return runs_table_request

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
