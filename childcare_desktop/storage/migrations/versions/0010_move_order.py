"""the last move of a child's file applied to each record: feeds applied in move order

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_move",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("settled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", name=op.f("pk_sync_move")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("sync_move")
