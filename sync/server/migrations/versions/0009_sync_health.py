"""sync_health: the latest sync-health report of each device (issue 15)

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-30 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_health",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("reported_ms", sa.BigInteger(), nullable=False),
        sa.Column("pending", sa.BigInteger(), nullable=False),
        sa.Column("set_aside", sa.BigInteger(), nullable=False),
        sa.Column("top_ctr", sa.BigInteger(), nullable=True),
        sa.Column("last_ok_ms", sa.BigInteger(), nullable=True),
        sa.Column("clock_offset_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_sync_health_device_id_device")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_health")),
    )
    op.create_index(op.f("ix_sync_health_region"), "sync_health", ["region"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_health_region"), table_name="sync_health")
    op.drop_table("sync_health")
