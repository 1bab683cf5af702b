"""confidential: a mandatory report's reporter kept apart from the change log

Reports pushed before this version carry the reporter's name and phone in the change
log and the field table, where every laptop in scope pulled them; they move here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 07:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

HIDDEN = ("reporter_name", "reporter_phone")


def upgrade() -> None:
    confidential = op.create_table(
        "confidential",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("site_id", sa.String(length=32), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("received_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", name=op.f("pk_confidential")),
    )
    conn = op.get_bind()
    moved = []
    log = conn.execute(
        sa.text(
            "SELECT region, seq, row_id, value, site_id, user_id, received_ms FROM change_log "
            "WHERE tbl = 'incident' AND kind = 'insert'"
        )
    ).all()
    for r in log:
        row = json.loads(r.value)
        secret = {k: row.pop(k) for k in HIDDEN if k in row}
        if not secret:
            continue
        conn.execute(
            sa.text("UPDATE change_log SET value = :v WHERE region = :r AND seq = :s"),
            {
                "v": json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                "r": r.region,
                "s": r.seq,
            },
        )
        for field, value in secret.items():
            if value is not None:
                moved.append(
                    {
                        "tbl": "incident",
                        "row_id": r.row_id,
                        "field": field,
                        "value": json.dumps(value, ensure_ascii=False),
                        "site_id": r.site_id,
                        "user_id": r.user_id,
                        "received_ms": r.received_ms,
                    }
                )
    if moved:
        op.bulk_insert(confidential, moved)
    conn.execute(
        sa.text(
            "DELETE FROM field_state WHERE tbl = 'incident' AND field IN ('reporter_name', 'reporter_phone')"
        )
    )


def downgrade() -> None:
    op.drop_table("confidential")
