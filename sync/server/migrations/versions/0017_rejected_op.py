"""the quarantine's rejections: what the county sent back, and why

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 22:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rejected_op",
        sa.Column("site_id", sa.String(32), primary_key=True),
        sa.Column("ctr", sa.BigInteger, primary_key=True),
        sa.Column("op_hash", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("region", sa.String(12)),
        sa.Column("op", sa.Text, nullable=False),
        sa.Column("held_reason", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("received_ms", sa.BigInteger, nullable=False),
        sa.Column("rejected_ms", sa.BigInteger, nullable=False),
        sa.Column("rejected_by", sa.String(60), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rejected_op")
