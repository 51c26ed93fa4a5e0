"""client request ids of runs/create, so that a retried create returns the same run

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_create_requests",
        sa.Column("request_id", sa.String(length=128), nullable=False),
        sa.Column("run_uuid", sa.String(length=32), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_uuid"],
            ["runs.run_uuid"],
            name=op.f("fk_run_create_requests_run_uuid_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_run_create_requests")),
    )
    op.create_index(op.f("ix_run_create_requests_run_uuid"), "run_create_requests", ["run_uuid"])


def downgrade() -> None:
    op.drop_index(op.f("ix_run_create_requests_run_uuid"), table_name="run_create_requests")
    op.drop_table("run_create_requests")
