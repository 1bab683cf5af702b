"""transfers between villages: the records moved, and each site's cursors

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "moved",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("transfer_id", sa.String(length=64), nullable=False),
        sa.Column("from_region", sa.String(length=12), nullable=False),
        sa.Column("to_region", sa.String(length=12), nullable=False),
        sa.Column("exit_seq", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("epoch_no", sa.Integer(), nullable=False),
        sa.Column("versions", sa.Text(), nullable=False),
        sa.Column("moved_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moved")),
    )
    op.create_index("ix_moved_row", "moved", ["tbl", "row_id"])
    op.create_table(
        "site_cursor",
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=12), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "region", name=op.f("pk_site_cursor")),
    )


def downgrade() -> None:
    op.drop_table("site_cursor")
    op.drop_index("ix_moved_row", table_name="moved")
    op.drop_table("moved")
