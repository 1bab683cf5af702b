"""the console's figures of each village, kept between server starts

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oversight_figures",
        sa.Column("region", sa.String(12), primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("village_seq", sa.BigInteger, nullable=False),
        sa.Column("county_seq", sa.BigInteger, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("counted_ms", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("oversight_figures")
