"""region: the names of the county's divisions (childcare-server regions import)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("updated_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region")),
    )


def downgrade() -> None:
    op.drop_table("region")
