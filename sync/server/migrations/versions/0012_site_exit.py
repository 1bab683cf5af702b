"""the scope exits each site has been told of (late edits of a moved file)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_moved_exit", "moved", ["from_region", "exit_seq"])
    op.create_table(
        "site_exit",
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("exit_seq", sa.BigInteger(), nullable=False),
        sa.Column("ctr", sa.BigInteger(), nullable=False),
        sa.Column("told_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "region", "exit_seq", name=op.f("pk_site_exit")),
    )


def downgrade() -> None:
    op.drop_table("site_exit")
    op.drop_index("ix_moved_exit", table_name="moved")
