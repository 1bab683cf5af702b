"""dropout and persuasion: a child who left school (辍学) and the attempts to bring the
child back (劝返)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 00:10:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Frozen here: later changes of the tables need a migration of their own.
SPECS = [
    TableSpec(
        "dropout",
        (
            "child_id",
            "school",
            "grade",
            "left_on",
            "reason",
            "notes",
            "state",
            "reported_on",
            "region_code",
            "deleted",
        ),
        with_base=True,
    ),
    TableSpec(
        "persuasion",
        ("dropout_id", "on_date", "done_by", "method", "outcome", "note", "region_code", "deleted"),
        insert_only=True,
        with_base=True,
    ),
]


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "dropout",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("school", sa.String(length=100), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_dropout_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dropout")),
    )
    with op.batch_alter_table("dropout", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dropout_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dropout_region_code"), ["region_code"], unique=False)
    op.create_table(
        "persuasion",
        sa.Column("dropout_id", sa.String(length=36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("done_by", sa.String(length=50), nullable=True),
        sa.Column("method", sa.String(length=100), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["dropout_id"], ["dropout.id"], name=op.f("fk_persuasion_dropout_id_dropout")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persuasion")),
    )
    with op.batch_alter_table("persuasion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persuasion_dropout_id"), ["dropout_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_persuasion_region_code"), ["region_code"], unique=False
        )
    install(op.execute, SPECS)


def downgrade() -> None:
    for table in ("persuasion", "dropout"):
        for trigger in trigger_names(table):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.drop_table(table)
