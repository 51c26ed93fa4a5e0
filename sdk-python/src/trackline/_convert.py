"""Conversion between the generated wire models (``trackline_api.models``) and the entities."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from trackline_api import models as api
from trackline_api.types import UNSET, Unset

from . import _entities as ent
from ._errors import TracklineException

T = TypeVar("T")
W = TypeVar("W")
E = TypeVar("E")
Tag = TypeVar("Tag", api.RunTag, api.ExperimentTag, api.RegisteredModelTag, api.ModelVersionTag)


def opt(value: T | Unset) -> T | None:
    """``None`` for a field the answer left out."""
    return None if isinstance(value, Unset) else value


def unset(value: T | None) -> T | Unset:
    """``UNSET`` for an argument not given, so the field stays out of the request."""
    return UNSET if value is None else value


def items(values: list[T] | Unset) -> list[T]:
    """The items of a list field, ``[]`` when the answer left it out."""
    return [] if isinstance(values, Unset) else values


def page(values: list[W] | Unset, next_page_token: str | Unset, convert: Callable[[W], E]) -> ent.PagedList[E]:
    """One page of an answer: its items converted, and the token of the next page (``None``
    on the last)."""
    return ent.PagedList([convert(v) for v in items(values)], opt(next_page_token) or None)


def now_ms() -> int:
    """Now, as the wire's timestamps count: milliseconds since the epoch."""
    return int(time.time() * 1000)


# --- entities from answers -------------------------------------------------------------------


def experiment(exp: api.Experiment) -> ent.Experiment:
    return ent.Experiment(
        experiment_id=exp.experiment_id,
        name=exp.name,
        artifact_location=opt(exp.artifact_location),
        lifecycle_stage=opt(exp.lifecycle_stage) or "active",
        tags={t.key: opt(t.value) or "" for t in items(exp.tags)},
        creation_time=opt(exp.creation_time),
        last_update_time=opt(exp.last_update_time),
    )


def metric(m: api.Metric | api.MetricWithRunId) -> ent.Metric:
    extra: dict[str, str | None] = {}
    if isinstance(m, api.Metric):
        extra = {
            "dataset_name": opt(m.dataset_name),
            "dataset_digest": opt(m.dataset_digest),
            "model_id": opt(m.model_id),
        }
    return ent.Metric(
        key=m.key,
        value=m.value,
        timestamp=m.timestamp,
        step=opt(m.step) or 0,
        run_id=opt(m.run_id),
        **extra,
    )


def run_info(info: api.RunInfo) -> ent.RunInfo:
    status = opt(info.status)
    return ent.RunInfo(
        run_id=info.run_id,
        experiment_id=opt(info.experiment_id) or "",
        run_name=opt(info.run_name),
        user_id=opt(info.user_id),
        status=status.value if status is not None else ent.RunStatus.RUNNING.value,
        start_time=opt(info.start_time),
        end_time=opt(info.end_time),
        artifact_uri=opt(info.artifact_uri),
        lifecycle_stage=opt(info.lifecycle_stage) or "active",
    )


def run(r: api.Run) -> ent.Run:
    data = opt(r.data)
    inputs = opt(r.inputs)
    outputs = opt(r.outputs)
    return ent.Run(
        info=run_info(r.info),
        data=ent.RunData(
            metrics={m.key: m.value for m in items(data.metrics)} if data else {},
            params={p.key: opt(p.value) or "" for p in items(data.params)} if data else {},
            tags={t.key: opt(t.value) or "" for t in items(data.tags)} if data else {},
        ),
        inputs=ent.RunInputs(
            dataset_inputs=[_dataset_input(d) for d in items(inputs.dataset_inputs)],
            model_inputs=[ent.LoggedModelInput(m.model_id) for m in items(inputs.model_inputs)],
        )
        if inputs
        else ent.RunInputs(),
        outputs=ent.RunOutputs(
            model_outputs=[ent.LoggedModelOutput(m.model_id, opt(m.step) or 0) for m in items(outputs.model_outputs)]
        )
        if outputs
        else ent.RunOutputs(),
    )


def _dataset_input(d: api.DatasetInput) -> ent.DatasetInput:
    ds = d.dataset
    return ent.DatasetInput(
        dataset=ent.Dataset(
            name=ds.name,
            digest=ds.digest,
            source_type=opt(ds.source_type),
            source=opt(ds.source),
            schema=opt(ds.schema),
            profile=opt(ds.profile),
        ),
        tags=tuple(ent.InputTag(t.key, t.value) for t in items(d.tags)),
    )


def file_info(f: api.FileInfo) -> ent.FileInfo:
    return ent.FileInfo(path=f.path, is_dir=bool(opt(f.is_dir)), file_size=opt(f.file_size))


def model_version(mv: api.ModelVersion) -> ent.ModelVersion:
    return ent.ModelVersion(
        name=mv.name,
        version=mv.version,
        creation_timestamp=opt(mv.creation_timestamp),
        last_updated_timestamp=opt(mv.last_updated_timestamp),
        description=opt(mv.description) or None,
        user_id=opt(mv.user_id) or None,
        current_stage=opt(mv.current_stage) or "None",
        source=opt(mv.source),
        run_id=opt(mv.run_id) or None,
        status=opt(mv.status) or "READY",
        status_message=opt(mv.status_message) or None,
        tags={t.key: opt(t.value) or "" for t in items(mv.tags)},
        run_link=opt(mv.run_link) or None,
        aliases=list(items(mv.aliases)),
        model_id=opt(mv.model_id) or None,
    )


def registered_model(rm: api.RegisteredModel) -> ent.RegisteredModel:
    return ent.RegisteredModel(
        name=rm.name,
        creation_timestamp=opt(rm.creation_timestamp),
        last_updated_timestamp=opt(rm.last_updated_timestamp),
        description=opt(rm.description) or None,
        latest_versions=[model_version(v) for v in items(rm.latest_versions)],
        tags={t.key: opt(t.value) or "" for t in items(rm.tags)},
        aliases={a.alias: a.version for a in items(rm.aliases)},
        user_id=opt(rm.user_id) or None,
    )


def registry_event(e: api.RegistryEvent) -> ent.RegistryEvent:
    return ent.RegistryEvent(
        event_id=e.event_id,
        name=e.name,
        action=e.action.value,
        timestamp=e.timestamp,
        version=opt(e.version),
        alias=opt(e.alias),
        from_value=opt(e.from_value),
        to_value=opt(e.to_value),
        user_id=opt(e.user_id),
        comment=opt(e.comment),
    )


# --- request parts from arguments --------------------------------------------------------------


def metric_value(key: str, value: object) -> float:
    """``value`` as a float, refusing what is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise TracklineException(
                f"Got invalid value {value!r} for metric {key!r} (it must be a number)",
                error_code="INVALID_PARAMETER_VALUE",
            ) from None
    return float(value)


def wire_metric(m: ent.Metric) -> api.Metric:
    return api.Metric(
        key=m.key,
        value=m.value,
        timestamp=m.timestamp,
        step=m.step,
        dataset_name=unset(m.dataset_name),
        dataset_digest=unset(m.dataset_digest),
        model_id=unset(m.model_id),
    )


def wire_param(p: ent.Param) -> api.Param:
    return api.Param(key=p.key, value=p.value)


def wire_tag(t: ent.RunTag) -> api.RunTag:
    return api.RunTag(key=t.key, value=t.value)


def wire_tags(tags: dict[str, object] | None, tag: type[Tag]) -> list[Tag] | Unset:
    """``tags`` as a list of ``tag`` (``api.RunTag``, ``api.ExperimentTag``...), values as
    strings; ``UNSET`` when there are none."""
    if not tags:
        return UNSET
    return [tag(key=str(k), value=str(v)) for k, v in tags.items()]


def wire_dataset_input(d: ent.DatasetInput) -> api.DatasetInput:
    ds = d.dataset
    return api.DatasetInput(
        dataset=api.Dataset(
            name=ds.name,
            digest=ds.digest,
            source_type=unset(ds.source_type),
            source=unset(ds.source),
            schema=unset(ds.schema),
            profile=unset(ds.profile),
        ),
        tags=[api.InputTag(key=t.key, value=t.value) for t in d.tags] if d.tags else UNSET,
    )


_VIEW_NUMBERS = {1: "ACTIVE_ONLY", 2: "DELETED_ONLY", 3: "ALL"}


def view_type(value: ent.ViewType | str | int) -> api.ViewType:
    """A view type given as an enum member, a name or MLflow's number (1, 2, 3)."""
    if isinstance(value, int) and not isinstance(value, bool):
        name = _VIEW_NUMBERS.get(value, str(value))
    else:
        name = str(value).upper()
    try:
        return api.ViewType(name)
    except ValueError:
        raise TracklineException(
            f"Invalid view type {value!r}: use ACTIVE_ONLY, DELETED_ONLY or ALL",
            error_code="INVALID_PARAMETER_VALUE",
        ) from None


def run_status(value: ent.RunStatus | str) -> api.RunStatus:
    try:
        return api.RunStatus(str(value).upper())
    except ValueError:
        raise TracklineException(
            f"Invalid run status {value!r}: use one of " + ", ".join(s.value for s in ent.RunStatus),
            error_code="INVALID_PARAMETER_VALUE",
        ) from None


def registry_action(value: ent.RegistryAction | str) -> api.RegistryAction:
    try:
        return api.RegistryAction(str(value).upper())
    except ValueError:
        raise TracklineException(
            f"Invalid registry action {value!r}: use one of " + ", ".join(a.value for a in ent.RegistryAction),
            error_code="INVALID_PARAMETER_VALUE",
        ) from None
