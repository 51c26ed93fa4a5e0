"""Tables of the tracking store. Alembic migrations create them; this module describes them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

experiments = Table(
    "experiments",
    metadata,
    Column("experiment_id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(500), nullable=False, unique=True),
    Column("artifact_location", Text),
    Column("lifecycle_stage", String(16), nullable=False),
    Column("creation_time", BigInteger),
    Column("last_update_time", BigInteger),
    sqlite_autoincrement=True,  # ids are never reused, even after `trackline gc`
)

experiment_tags = Table(
    "experiment_tags",
    metadata,
    Column(
        "experiment_id",
        Integer,
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

runs = Table(
    "runs",
    metadata,
    Column("run_uuid", String(32), primary_key=True),
    Column("name", String(250)),
    Column(
        "experiment_id",
        Integer,
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("user_id", String(256)),
    Column("status", String(16), nullable=False),
    Column("start_time", BigInteger),
    Column("end_time", BigInteger),
    Column("lifecycle_stage", String(16), nullable=False),
    Column("artifact_uri", Text),
    Column("deleted_time", BigInteger),
)
Index("ix_runs_experiment_stage_start", runs.c.experiment_id, runs.c.lifecycle_stage, runs.c.start_time)


def _run_fk() -> ForeignKey:
    """A run's data is deleted with the run."""
    return ForeignKey("runs.run_uuid", ondelete="CASCADE")


params = Table(
    "params",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text, nullable=False),
)

tags = Table(
    "tags",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

# Every logged point. The primary key is the history order (timestamp, then step), so reading a history is one range
# scan, and logging the same point twice stores it once. No foreign key to runs: it checked the run once per point;
# the logging path checks it once per request and `trackline gc` deletes the points after their run (migration 0005).
metrics = Table(
    "metrics",
    metadata,
    Column("run_uuid", String(32), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("timestamp", BigInteger, primary_key=True),
    Column("step", BigInteger, primary_key=True),
    Column("value", Double, primary_key=True),
    Column("is_nan", Boolean, primary_key=True),
    sqlite_with_rowid=False,
)

# The newest point of each metric (highest step, then timestamp, then value), kept on write.
latest_metrics = Table(
    "latest_metrics",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Double, nullable=False),
    Column("timestamp", BigInteger, nullable=False),
    Column("step", BigInteger, nullable=False),
    Column("is_nan", Boolean, nullable=False),
)
Index("ix_latest_metrics_key_value", latest_metrics.c.key, latest_metrics.c.value)

# The client request id (the Idempotency-Key header) of each run created with one: a retried
# runs/create with the same id finds its run here instead of creating another.
run_create_requests = Table(
    "run_create_requests",
    metadata,
    Column("request_id", String(128), primary_key=True),
    Column("run_uuid", String(32), _run_fk(), nullable=False, index=True),
    Column("creation_time", BigInteger, nullable=False),
)

run_dataset_inputs = Table(
    "run_dataset_inputs",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("name", String(500), primary_key=True),
    Column("digest", String(36), primary_key=True),
    Column("source_type", String(36)),
    Column("source", Text),
    Column("schema", Text),
    Column("profile", Text),
    Column("context", String(500)),
    Column("tags_json", Text),
)

run_model_inputs = Table(
    "run_model_inputs",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("model_id", String(64), primary_key=True),
)

run_model_outputs = Table(
    "run_model_outputs",
    metadata,
    Column("run_uuid", String(32), _run_fk(), primary_key=True),
    Column("model_id", String(64), primary_key=True),
    Column("step", BigInteger, primary_key=True),
)

# ---------------------------------------------------------------------- model registry


def _model_fk() -> ForeignKey:
    """A registered model's versions, tags and aliases follow its renames and go with it."""
    return ForeignKey("registered_models.name", ondelete="CASCADE", onupdate="CASCADE")


registered_models = Table(
    "registered_models",
    metadata,
    Column("name", String(256), primary_key=True),
    Column("creation_time", BigInteger, nullable=False),
    Column("last_updated_time", BigInteger, nullable=False),
    Column("description", Text),
    Column("user_id", String(256)),
    Column("last_version", Integer, nullable=False),  # version numbers are never reused
)

registered_model_tags = Table(
    "registered_model_tags",
    metadata,
    Column("name", String(256), _model_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

model_versions = Table(
    "model_versions",
    metadata,
    Column("name", String(256), _model_fk(), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("creation_time", BigInteger, nullable=False),
    Column("last_updated_time", BigInteger, nullable=False),
    Column("description", Text),
    Column("user_id", String(256)),
    Column("current_stage", String(20), nullable=False),
    Column("source", Text),
    Column("storage_location", Text),
    Column("run_id", String(32)),
    Column("run_link", Text),
    Column("status", String(20), nullable=False),
    Column("status_message", Text),
    Column("model_id", String(64)),
)
Index("ix_model_versions_run_id", model_versions.c.run_id)

model_version_tags = Table(
    "model_version_tags",
    metadata,
    Column("name", String(256), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

registered_model_aliases = Table(
    "registered_model_aliases",
    metadata,
    Column("name", String(256), _model_fk(), primary_key=True),
    Column("alias", String(256), primary_key=True),
    Column("version", Integer, nullable=False),
)

# The audit trail: append-only. `model_name` follows renames so a model's whole history stays
# findable by its current name; `name` is the name the event happened under.
registry_events = Table(
    "registry_events",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("model_name", String(256), nullable=False),
    Column("name", String(256), nullable=False),
    Column("version", Integer),
    Column("action", String(32), nullable=False),
    Column("alias", String(256)),
    Column("from_value", Text),
    Column("to_value", Text),
    Column("user_id", String(256)),
    Column("timestamp", BigInteger, nullable=False),
    Column("comment", Text),
    sqlite_autoincrement=True,
)
Index("ix_registry_events_model_time", registry_events.c.model_name, registry_events.c.timestamp)
Index("ix_registry_events_time", registry_events.c.timestamp)

# ---------------------------------------------------------------------- logged models (MLflow 3)

logged_models = Table(
    "logged_models",
    metadata,
    Column("model_id", String(64), primary_key=True),
    Column(
        "experiment_id",
        Integer,
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("name", String(500), nullable=False),
    Column("artifact_location", Text),
    Column("creation_timestamp_ms", BigInteger, nullable=False),
    Column("last_updated_timestamp_ms", BigInteger, nullable=False),
    Column("status", String(40), nullable=False),
    Column("lifecycle_stage", String(16), nullable=False),
    Column("model_type", String(500)),
    Column("source_run_id", String(32)),
    Column("status_message", Text),
)
Index("ix_logged_models_experiment_name", logged_models.c.experiment_id, logged_models.c.name)


def _logged_fk() -> ForeignKey:
    """A logged model's tags, params and metrics are deleted with it."""
    return ForeignKey("logged_models.model_id", ondelete="CASCADE")


logged_model_tags = Table(
    "logged_model_tags",
    metadata,
    Column("model_id", String(64), _logged_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

logged_model_params = Table(
    "logged_model_params",
    metadata,
    Column("model_id", String(64), _logged_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("value", Text),
)

logged_model_metrics = Table(
    "logged_model_metrics",
    metadata,
    Column("model_id", String(64), _logged_fk(), primary_key=True),
    Column("key", String(250), primary_key=True),
    Column("timestamp", BigInteger, primary_key=True),
    Column("step", BigInteger, primary_key=True),
    Column("run_id", String(32), primary_key=True),
    Column("value", Double, nullable=False),
    Column("is_nan", Boolean, nullable=False),
    Column("dataset_name", String(500)),
    Column("dataset_digest", String(36)),
)

# Authentication (a server started with --auth): users, their access tokens and their grants.
users = Table(
    "users",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(256), nullable=False, unique=True),
    Column("password_hash", String(512), nullable=False),
    Column("is_admin", Boolean, nullable=False),
    Column("creation_time", BigInteger, nullable=False),
    sqlite_autoincrement=True,  # a deleted user's id is never given to another
)

# Only a hash of each token's secret is kept; the secret is shown once, when it is made.
access_tokens = Table(
    "access_tokens",
    metadata,
    Column("token_id", String(32), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(256)),
    Column("secret_hash", String(128), nullable=False),
    Column("creation_time", BigInteger, nullable=False),
    Column("expiration_time", BigInteger),
)

# One grant per user and resource: an experiment (by id) or a registered model (by name).
permission_grants = Table(
    "permission_grants",
    metadata,
    Column("user_id", Integer, ForeignKey("users.user_id", ondelete="CASCADE"), primary_key=True),
    Column("resource_type", String(32), primary_key=True),
    Column("resource_id", String(256), primary_key=True),
    Column("permission", String(32), nullable=False),
)
Index("ix_permission_grants_resource", permission_grants.c.resource_type, permission_grants.c.resource_id)
