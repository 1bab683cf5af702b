"""row_state keeps its insert's digest and version (a re-stamped copy is recognised)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("row_state") as batch:
        batch.add_column(sa.Column("op_hash", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("version", sa.BigInteger(), nullable=True))
    # Records already on the server: their insert in the change log says both (one pass
    # over the log, not one search of it per record).
    op.execute(
        "UPDATE row_state SET op_hash = c.op_hash, version = c.version "
        "FROM (SELECT tbl, row_id, op_hash, version FROM change_log "
        "WHERE kind = 'insert' AND status = 'a') AS c "
        "WHERE c.tbl = row_state.tbl AND c.row_id = row_state.row_id"
    )


def downgrade() -> None:
    with op.batch_alter_table("row_state") as batch:
        batch.drop_column("version")
        batch.drop_column("op_hash")
