"""ix_outbox_quarantined: what the server set aside, found without the outbox's history

Every sync asks which of this laptop's changes the server set aside (released since, or
counted for the user); the acknowledged rows, kept for good, must not be read for it.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 04:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX (no batch): the outbox is not rebuilt, its triggers stay.
    op.create_index(
        "ix_outbox_quarantined",
        "outbox",
        ["site_id", "ctr"],
        unique=False,
        sqlite_where=sa.text("state = 'quarantined'"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_quarantined", table_name="outbox")
