"""spot_finding: the county's spot-check findings for this laptop's scope

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 22:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spot_finding",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("item", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("drawn_on", sa.String(length=10), nullable=False),
        sa.Column("fixed_ms", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_finding")),
    )
    op.create_index(op.f("ix_spot_finding_child_id"), "spot_finding", ["child_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_spot_finding_child_id"), table_name="spot_finding")
    op.drop_table("spot_finding")
