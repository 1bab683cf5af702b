"""pulled changes set aside: what this laptop's checks refused, kept with its reason

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_held",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("versions", sa.Text(), server_default="{}", nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("waits_for", sa.String(length=120), nullable=True),
        sa.Column("received_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("kind IN ('insert', 'set', 'conflict')", name=op.f("ck_sync_held_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_held")),
    )
    with op.batch_alter_table("sync_held", schema=None) as batch_op:
        batch_op.create_index("ix_sync_held_row", ["tbl", "row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_held", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_held_row")
    op.drop_table("sync_held")
