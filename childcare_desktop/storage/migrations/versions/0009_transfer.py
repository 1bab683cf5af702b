"""transfers between villages: asked for, decided, kept in the village the child leaves

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-30 15:00:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Frozen here: later changes of the table need a migration of their own.
SPEC = TableSpec(
    "transfer",
    (
        "child_id",
        "child_name",
        "to_region",
        "reason",
        "requested_by",
        "requested_on",
        "state",
        "decided_by",
        "decided_on",
        "decision_note",
        "region_code",
        "deleted",
    ),
    with_base=True,
)


def upgrade() -> None:
    op.create_table(
        "transfer",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("child_name", sa.String(length=50), nullable=True),
        sa.Column("to_region", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=50), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=50), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer")),
    )
    with op.batch_alter_table("transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_transfer_region_code"), ["region_code"], unique=False)
    install(op.execute, [SPEC])


def downgrade() -> None:
    for trigger in trigger_names("transfer"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("transfer")
