"""suspected duplicates: the supervisor's synced decision, and the cases the county serves

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-30 15:00:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here: later changes of the table need a migration of their own.
DECISION = TableSpec(
    "duplicate_decision",
    (
        "child_id",
        "case_id",
        "other_id",
        "outcome",
        "decided_by",
        "decided_on",
        "region_code",
        "deleted",
    ),
    insert_only=True,
    with_base=True,
)


def upgrade() -> None:
    op.create_table(
        "duplicate_decision",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=40), nullable=False),
        sa.Column("other_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("decided_by", sa.String(length=50), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_duplicate_decision_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_decision")),
    )
    op.create_index(
        op.f("ix_duplicate_decision_child_id"), "duplicate_decision", ["child_id"], unique=False
    )
    op.create_index(
        op.f("ix_duplicate_decision_region_code"),
        "duplicate_decision",
        ["region_code"],
        unique=False,
    )
    op.create_table(
        "duplicate_case",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("child_a", sa.String(length=36), nullable=False),
        sa.Column("child_b", sa.String(length=36), nullable=False),
        sa.Column("region_a", sa.String(length=12), nullable=False),
        sa.Column("region_b", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("opened_ms", sa.BigInteger(), nullable=False),
        sa.Column("decidable", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_case")),
    )
    install(op.execute, [DECISION])


def downgrade() -> None:
    op.execute("DROP TABLE duplicate_case")
    for suffix in (
        "capture_ins",
        "capture_upd",
        "no_delete",
        "fixed_id",
        "no_replace",
        "insert_only",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS duplicate_decision__{suffix}")
    op.drop_index(op.f("ix_duplicate_decision_region_code"), table_name="duplicate_decision")
    op.drop_index(op.f("ix_duplicate_decision_child_id"), table_name="duplicate_decision")
    op.drop_table("duplicate_decision")
