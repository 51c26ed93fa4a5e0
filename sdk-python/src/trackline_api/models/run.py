from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_data import RunData
    from ..models.run_info import RunInfo
    from ..models.run_inputs import RunInputs
    from ..models.run_outputs import RunOutputs


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """
    Attributes:
        info (RunInfo):
        data (RunData | Unset):
        inputs (RunInputs | Unset):
        outputs (RunOutputs | Unset):
    """

    info: RunInfo
    data: RunData | Unset = UNSET
    inputs: RunInputs | Unset = UNSET
    outputs: RunOutputs | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        info = self.info.to_dict()

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        inputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.inputs, Unset):
            inputs = self.inputs.to_dict()

        outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outputs, Unset):
            outputs = self.outputs.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "info": info,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if outputs is not UNSET:
            field_dict["outputs"] = outputs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.run_data import RunData
        from ..models.run_info import RunInfo
        from ..models.run_inputs import RunInputs
        from ..models.run_outputs import RunOutputs

        d = dict(src_dict)
        info = RunInfo.from_dict(d.pop("info"))

        _data = d.pop("data", UNSET)
        data: RunData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = RunData.from_dict(_data)

        _inputs = d.pop("inputs", UNSET)
        inputs: RunInputs | Unset
        if isinstance(_inputs, Unset):
            inputs = UNSET
        else:
            inputs = RunInputs.from_dict(_inputs)

        _outputs = d.pop("outputs", UNSET)
        outputs: RunOutputs | Unset
        if isinstance(_outputs, Unset):
            outputs = UNSET
        else:
            outputs = RunOutputs.from_dict(_outputs)

        run = cls(
            info=info,
            data=data,
            inputs=inputs,
            outputs=outputs,
        )

        run.additional_properties = d
        return run

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
