"""the console's figures: a village's records by their region

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 21:40:00
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_row_state_region_tbl", "row_state", ["region", "tbl"])


def downgrade() -> None:
    op.drop_index("ix_row_state_region_tbl", table_name="row_state")
