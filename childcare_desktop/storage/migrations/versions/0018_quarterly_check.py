"""quarterly_check: the quarterly verification of a child in difficulty (季度核实, issue 18)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 01:40:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Frozen here: later changes of the table need a migration of their own.
SPECS = [
    TableSpec(
        "quarterly_check",
        (
            "child_id",
            "quarter",
            "checked_on",
            "changes",
            "change_note",
            "benefits_ok",
            "benefits_note",
            "checked_by",
            "region_code",
            "deleted",
        ),
        json_columns=frozenset(["changes"]),
        with_base=True,
    ),
]


def upgrade() -> None:
    op.create_table(
        "quarterly_check",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("quarter", sa.String(length=6), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("changes", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("change_note", sa.Text(), nullable=True),
        sa.Column("benefits_ok", sa.String(length=40), nullable=False),
        sa.Column("benefits_note", sa.Text(), nullable=True),
        sa.Column("checked_by", sa.String(length=50), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_quarterly_check_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarterly_check")),
    )
    with op.batch_alter_table("quarterly_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarterly_check_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quarterly_check_region_code"), ["region_code"], unique=False
        )
    install(op.execute, SPECS)


def downgrade() -> None:
    for trigger in trigger_names("quarterly_check"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("quarterly_check")
