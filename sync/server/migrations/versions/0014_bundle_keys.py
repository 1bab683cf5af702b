"""sync bundles: the server's key pairs and each device's pinned signing key

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("box", sa.String(length=64), nullable=False),
        sa.Column("sign", sa.String(length=64), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "device_key",
        sa.Column("device_id", sa.String(length=32), primary_key=True),
        sa.Column("sign", sa.String(length=64), nullable=False),
        sa.Column("first_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_n", sa.BigInteger(), nullable=False),
        sa.Column("last_ms", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("device_key")
    op.drop_table("server_key")
