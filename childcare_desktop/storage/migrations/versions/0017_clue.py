"""clue: clues from the hotlines, the school, the village and the police (线索, issue 18)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 01:40:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Frozen here: later changes of the table need a migration of their own.
SPECS = [
    TableSpec(
        "clue",
        (
            "source",
            "source_detail",
            "received_at",
            "content",
            "safety",
            "child_id",
            "about",
            "state",
            "handling",
            "incident_id",
            "visit_id",
            "handled_on",
            "handling_note",
            "outcome",
            "outcome_note",
            "closed_on",
            "region_code",
            "deleted",
        ),
        with_base=True,
        # A clue's state, its handling and its closing change together (core.entities).
        groups=(
            (
                "state",
                "handling",
                "incident_id",
                "visit_id",
                "handled_on",
                "handling_note",
                "outcome",
                "outcome_note",
                "closed_on",
            ),
        ),
    ),
]


def upgrade() -> None:
    op.create_table(
        "clue",
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("source_detail", sa.String(length=100), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("safety", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("about", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("handling", sa.String(length=40), nullable=True),
        sa.Column("incident_id", sa.String(length=36), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("handled_on", sa.Date(), nullable=True),
        sa.Column("handling_note", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clue")),
    )
    with op.batch_alter_table("clue", schema=None) as batch_op:
        for column in ("received_at", "child_id", "region_code"):
            batch_op.create_index(batch_op.f(f"ix_clue_{column}"), [column], unique=False)
    install(op.execute, SPECS)


def downgrade() -> None:
    for trigger in trigger_names("clue"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("clue")
