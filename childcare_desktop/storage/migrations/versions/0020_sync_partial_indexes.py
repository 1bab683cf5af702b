"""ix_outbox_quarantined, ix_blob_waiting: a sync reads what waits, not the history

Every sync asks which of this laptop's changes the server set aside (released since, or
counted for the user) and which attachments are still to upload. The acknowledged changes
are kept for good and the attachments' bytes stay in the store: neither may be read for it
(``uploaded`` lies after ``data`` in a blob's record, so reading it walked every byte of
every attachment at every sync).

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
    # Plain CREATE INDEX (no batch): the tables are not rebuilt, the outbox's triggers stay.
    op.create_index(
        "ix_outbox_quarantined",
        "outbox",
        ["site_id", "ctr"],
        unique=False,
        sqlite_where=sa.text("state = 'quarantined'"),
    )
    op.create_index(
        "ix_blob_waiting",
        "blob",
        ["sha256", "size"],
        unique=False,
        sqlite_where=sa.text("uploaded = 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_blob_waiting", table_name="blob")
    op.drop_index("ix_outbox_quarantined", table_name="outbox")
