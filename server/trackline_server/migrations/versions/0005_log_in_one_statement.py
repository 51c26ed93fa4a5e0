"""metrics without a foreign key to runs; on PostgreSQL, a function that logs a batch in one statement

The foreign key on ``metrics.run_uuid`` checked the run once per inserted point (on PostgreSQL a
row-level trigger: 9 of the 25 ms of a 1,000-point INSERT). The logging path checks the run once
per request instead, and on PostgreSQL locks its row (``FOR KEY SHARE``, what the trigger took for
every point) until the points are committed; ``trackline gc`` deletes a run before its points, so
no point can outlive its run.

``trackline_log_batch`` (PostgreSQL only) does what a log-metric or a log-batch does, in one
statement: check the run, refuse a changed param, write params, tags, points and latest values.
It returns the run's stage ('' when there is no such run) and writes nothing unless the run is
active; 'param' when a param would change (nothing written). Its plans are prepared once per
connection.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FK = "fk_metrics_run_uuid_runs"

LOG_BATCH_FUNCTION = """
CREATE OR REPLACE FUNCTION trackline_log_batch(
    p_run text,
    m_keys text[], m_ts bigint[], m_steps bigint[], m_values float8[], m_nan boolean[],
    l_keys text[], l_ts bigint[], l_steps bigint[], l_values float8[], l_nan boolean[],
    p_keys text[], p_values text[],
    t_keys text[], t_values text[]
) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
    stage text;
BEGIN
    SELECT lifecycle_stage INTO stage FROM runs WHERE run_uuid = p_run FOR KEY SHARE;
    IF stage IS NULL THEN
        RETURN '';
    END IF;
    IF stage <> 'active' THEN
        RETURN stage;
    END IF;
    IF cardinality(p_keys) > 0 THEN
        IF EXISTS (SELECT 1 FROM params p JOIN unnest(p_keys, p_values) AS n(key, value)
                   ON p.key = n.key WHERE p.run_uuid = p_run AND p.value <> n.value) THEN
            RETURN 'param';
        END IF;
        INSERT INTO params (run_uuid, key, value)
            SELECT p_run, n.key, n.value FROM unnest(p_keys, p_values) AS n(key, value)
            ON CONFLICT (run_uuid, key) DO NOTHING;
        -- a concurrent writer may have logged another value in between
        IF EXISTS (SELECT 1 FROM params p JOIN unnest(p_keys, p_values) AS n(key, value)
                   ON p.key = n.key WHERE p.run_uuid = p_run AND p.value <> n.value) THEN
            RAISE EXCEPTION 'a param changed while it was logged' USING ERRCODE = 'TLP01';
        END IF;
    END IF;
    IF cardinality(t_keys) > 0 THEN
        INSERT INTO tags (run_uuid, key, value)
            SELECT p_run, n.key, n.value FROM unnest(t_keys, t_values) AS n(key, value)
            ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value;
        IF 'mlflow.runName' = ANY(t_keys) THEN
            UPDATE runs SET name = t_values[array_position(t_keys, 'mlflow.runName')] WHERE run_uuid = p_run;
        END IF;
    END IF;
    IF cardinality(m_keys) > 0 THEN
        INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan)
            SELECT p_run, n.* FROM unnest(m_keys, m_ts, m_steps, m_values, m_nan) AS n
            ON CONFLICT DO NOTHING;
        INSERT INTO latest_metrics (run_uuid, key, timestamp, step, value, is_nan)
            SELECT p_run, n.* FROM unnest(l_keys, l_ts, l_steps, l_values, l_nan) AS n
            ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp,
                step = excluded.step, is_nan = excluded.is_nan
            WHERE (excluded.step, excluded.timestamp, excluded.value)
                > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value);
    END IF;
    RETURN stage;
END
$fn$
"""


def _metrics(with_fk: bool) -> sa.Table:
    """The table with or without its foreign key, for SQLite's copy-and-rename (which must keep
    WITHOUT ROWID)."""
    fk = [sa.ForeignKeyConstraint(["run_uuid"], ["runs.run_uuid"], name=_FK, ondelete="CASCADE")] if with_fk else []
    return sa.Table(
        "metrics",
        sa.MetaData(),
        sa.Column("run_uuid", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=250), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("step", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("is_nan", sa.Boolean(), nullable=False),
        *fk,
        sa.PrimaryKeyConstraint("run_uuid", "key", "timestamp", "step", "value", "is_nan", name="pk_metrics"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("metrics", copy_from=_metrics(with_fk=True), recreate="always") as batch_op:
            batch_op.drop_constraint(_FK, type_="foreignkey")
    else:
        op.drop_constraint(_FK, "metrics", type_="foreignkey")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LOG_BATCH_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS trackline_log_batch(text, text[], bigint[], bigint[], float8[], boolean[], "
            "text[], bigint[], bigint[], float8[], boolean[], text[], text[], text[], text[])"
        )
    op.execute("DELETE FROM metrics WHERE run_uuid NOT IN (SELECT run_uuid FROM runs)")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("metrics", copy_from=_metrics(with_fk=False), recreate="always") as batch_op:
            batch_op.create_foreign_key(_FK, "runs", ["run_uuid"], ["run_uuid"], ondelete="CASCADE")
    else:
        op.create_foreign_key(_FK, "metrics", "runs", ["run_uuid"], ["run_uuid"], ondelete="CASCADE")
