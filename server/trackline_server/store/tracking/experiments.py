"""Experiments: create, read, rename, delete and restore them, and their tags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from ...errors import TracklineError, already_exists, invalid, not_found
from .. import rules
from ..common import ACTIVE, DELETED, key_values, last_per_key, not_active, now_ms, upsert
from ..engine import Database
from ..schema import experiment_tags, experiments, runs

DEFAULT_EXPERIMENT_ID = 0


def experiment_not_found(experiment_id: int | str) -> TracklineError:
    return not_found(f"No Experiment with id={experiment_id} exists")


def experiment_dicts(conn: Connection, rows: list[Row[Any]]) -> list[dict[str, Any]]:
    """The wire form of these experiments, with their tags (one query for all of them)."""
    tag_map = key_values(conn, experiment_tags, "experiment_id", [r.experiment_id for r in rows])
    out = []
    for r in rows:
        exp: dict[str, Any] = {
            "experiment_id": str(r.experiment_id),
            "name": r.name,
            "artifact_location": r.artifact_location,
            "lifecycle_stage": r.lifecycle_stage,
            "last_update_time": r.last_update_time,
            "creation_time": r.creation_time,
        }
        if r.experiment_id in tag_map:
            exp["tags"] = tag_map[r.experiment_id]
        out.append({k: v for k, v in exp.items() if v is not None})
    return out


class ExperimentStore:
    def __init__(self, db: Database, artifact_root: str) -> None:
        self.db = db
        self.artifact_root = artifact_root.rstrip("/") if artifact_root not in ("/",) else artifact_root

    def location(self, experiment_id: int) -> str:
        """The artifact location of a new experiment with this id."""
        root = self.artifact_root
        if root.endswith(":/") or root.endswith("/"):
            return f"{root}{experiment_id}"
        return f"{root}/{experiment_id}"

    def row(self, conn: Connection, experiment_id: int) -> Row[Any]:
        row = conn.execute(select(experiments).where(experiments.c.experiment_id == experiment_id)).first()
        if row is None:
            raise experiment_not_found(experiment_id)
        return row

    def active_row(self, conn: Connection, experiment_id: int) -> Row[Any]:
        row = self.row(conn, experiment_id)
        if row.lifecycle_stage != ACTIVE:
            raise not_active("experiment", experiment_id, row.lifecycle_stage)
        return row

    def ensure_default(self) -> None:
        """Experiment 0, "Default", exists in every database."""

        def work(conn: Connection) -> None:
            found = conn.execute(
                select(experiments.c.experiment_id).where(experiments.c.experiment_id == DEFAULT_EXPERIMENT_ID)
            ).first()
            if found is None:
                now = now_ms()
                conn.execute(
                    insert(experiments).values(
                        experiment_id=DEFAULT_EXPERIMENT_ID,
                        name="Default",
                        artifact_location=self.location(DEFAULT_EXPERIMENT_ID),
                        lifecycle_stage=ACTIVE,
                        creation_time=now,
                        last_update_time=now,
                    )
                )

        try:
            self.db.write(work)
        except IntegrityError:
            pass  # another process created it first

    def create(self, name: str, artifact_location: str | None, tag_list: list[dict[str, Any]]) -> str:
        rules.check_experiment_name(name)
        for tag in tag_list:
            rules.check_experiment_tag(tag["key"], tag.get("value", ""))

        def work(conn: Connection) -> str:
            if conn.execute(select(experiments.c.experiment_id).where(experiments.c.name == name)).first():
                raise already_exists(f"Experiment(name={name}) already exists.")
            now = now_ms()
            new_id = conn.execute(
                insert(experiments)
                .values(
                    name=name,
                    artifact_location=artifact_location or None,
                    lifecycle_stage=ACTIVE,
                    creation_time=now,
                    last_update_time=now,
                )
                .returning(experiments.c.experiment_id)
            ).scalar_one()
            if not artifact_location:
                conn.execute(
                    update(experiments)
                    .where(experiments.c.experiment_id == new_id)
                    .values(artifact_location=self.location(new_id))
                )
            if tag_list:
                conn.execute(
                    insert(experiment_tags),
                    [
                        {"experiment_id": new_id, "key": t["key"], "value": t.get("value", "")}
                        for t in last_per_key(tag_list)
                    ],
                )
            return str(new_id)

        try:
            return self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Experiment(name={name}) already exists.") from None

    def get(self, experiment_id: str) -> dict[str, Any]:
        eid = rules.parse_experiment_id(experiment_id)
        with self.db.read() as conn:
            return experiment_dicts(conn, [self.row(conn, eid)])[0]

    def get_by_name(self, name: str) -> dict[str, Any]:
        with self.db.read() as conn:
            row = conn.execute(select(experiments).where(experiments.c.name == name)).first()
            if row is None:
                raise not_found(f"Could not find experiment with name '{name}'")
            return experiment_dicts(conn, [row])[0]

    def rename(self, experiment_id: str, new_name: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)
        rules.check_experiment_name(new_name)

        def work(conn: Connection) -> None:
            row = self.row(conn, eid)
            if row.lifecycle_stage != ACTIVE:
                raise invalid("Cannot rename a non-active experiment.")
            if row.name == new_name:
                return
            if conn.execute(select(experiments.c.experiment_id).where(experiments.c.name == new_name)).first():
                raise already_exists(f"Experiment(name={new_name}) already exists.")
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(name=new_name, last_update_time=now_ms())
            )

        try:
            self.db.write(work)
        except IntegrityError:
            raise already_exists(f"Experiment(name={new_name}) already exists.") from None

    def delete(self, experiment_id: str) -> None:
        """Marks the experiment and its active runs deleted, at one time that ``restore`` recognises."""
        eid = rules.parse_experiment_id(experiment_id)
        if eid == DEFAULT_EXPERIMENT_ID:
            raise invalid("Cannot delete the default experiment '0'. This is an internally reserved experiment.")

        def work(conn: Connection) -> None:
            self.row(conn, eid)
            now = now_ms()
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(lifecycle_stage=DELETED, last_update_time=now)
            )
            conn.execute(
                update(runs)
                .where(runs.c.experiment_id == eid, runs.c.lifecycle_stage == ACTIVE)
                .values(lifecycle_stage=DELETED, deleted_time=now)
            )

        self.db.write(work)

    def restore(self, experiment_id: str) -> None:
        """Restores the experiment and the runs its deletion deleted (not those deleted before)."""
        eid = rules.parse_experiment_id(experiment_id)

        def work(conn: Connection) -> None:
            row = self.row(conn, eid)
            if row.lifecycle_stage != DELETED:
                raise invalid("Cannot restore an active experiment.")
            conn.execute(
                update(runs)
                .where(
                    runs.c.experiment_id == eid,
                    runs.c.lifecycle_stage == DELETED,
                    runs.c.deleted_time == row.last_update_time,
                )
                .values(lifecycle_stage=ACTIVE, deleted_time=None)
            )
            conn.execute(
                update(experiments)
                .where(experiments.c.experiment_id == eid)
                .values(lifecycle_stage=ACTIVE, last_update_time=now_ms())
            )

        self.db.write(work)

    def set_tag(self, experiment_id: str, key: str, value: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)
        rules.check_experiment_tag(key, value)

        def work(conn: Connection) -> None:
            self.active_row(conn, eid)
            conn.execute(
                upsert(
                    self.db.dialect, experiment_tags, ("experiment_id", "key"), experiment_id=eid, key=key, value=value
                )
            )

        self.db.write(work)

    def delete_tag(self, experiment_id: str, key: str) -> None:
        eid = rules.parse_experiment_id(experiment_id)

        def work(conn: Connection) -> None:
            self.active_row(conn, eid)
            result = conn.execute(
                delete(experiment_tags).where(experiment_tags.c.experiment_id == eid, experiment_tags.c.key == key)
            )
            if result.rowcount == 0:
                raise not_found(f"No tag with name: {key} in experiment with id {eid}")

        self.db.write(work)
