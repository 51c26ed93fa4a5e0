from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RunInfo")


@_attrs_define
class RunInfo:
    """
    Attributes:
        run_id (str):
        run_uuid (str | Unset): Deprecated; the same as `run_id`.
        run_name (str | Unset):
        experiment_id (str | Unset):
        user_id (str | Unset):
        status (RunStatus | Unset): A run's status (also accepted as 1 to 5).
        start_time (int | Unset):
        end_time (int | Unset):
        artifact_uri (str | Unset):
        lifecycle_stage (str | Unset): `active` or `deleted`.
    """

    run_id: str
    run_uuid: str | Unset = UNSET
    run_name: str | Unset = UNSET
    experiment_id: str | Unset = UNSET
    user_id: str | Unset = UNSET
    status: RunStatus | Unset = UNSET
    start_time: int | Unset = UNSET
    end_time: int | Unset = UNSET
    artifact_uri: str | Unset = UNSET
    lifecycle_stage: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        run_uuid = self.run_uuid

        run_name = self.run_name

        experiment_id = self.experiment_id

        user_id = self.user_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        start_time = self.start_time

        end_time = self.end_time

        artifact_uri = self.artifact_uri

        lifecycle_stage = self.lifecycle_stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "run_id": run_id,
            }
        )
        if run_uuid is not UNSET:
            field_dict["run_uuid"] = run_uuid
        if run_name is not UNSET:
            field_dict["run_name"] = run_name
        if experiment_id is not UNSET:
            field_dict["experiment_id"] = experiment_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if status is not UNSET:
            field_dict["status"] = status
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if artifact_uri is not UNSET:
            field_dict["artifact_uri"] = artifact_uri
        if lifecycle_stage is not UNSET:
            field_dict["lifecycle_stage"] = lifecycle_stage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        run_id = d.pop("run_id")

        run_uuid = d.pop("run_uuid", UNSET)

        run_name = d.pop("run_name", UNSET)

        experiment_id = d.pop("experiment_id", UNSET)

        user_id = d.pop("user_id", UNSET)

        _status = d.pop("status", UNSET)
        status: RunStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = RunStatus(_status)

        start_time = d.pop("start_time", UNSET)

        end_time = d.pop("end_time", UNSET)

        artifact_uri = d.pop("artifact_uri", UNSET)

        lifecycle_stage = d.pop("lifecycle_stage", UNSET)

        run_info = cls(
            run_id=run_id,
            run_uuid=run_uuid,
            run_name=run_name,
            experiment_id=experiment_id,
            user_id=user_id,
            status=status,
            start_time=start_time,
            end_time=end_time,
            artifact_uri=artifact_uri,
            lifecycle_stage=lifecycle_stage,
        )

        run_info.additional_properties = d
        return run_info

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
