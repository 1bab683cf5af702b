"""problem and problem_step: a problem found in a child's situation (发现问题) and the steps
taken until it is solved (解决方案)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 01:40:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Frozen here: later changes of the tables need a migration of their own.
SPECS = [
    TableSpec(
        "problem",
        (
            "child_id",
            "kind",
            "description",
            "found_on",
            "visit_id",
            "assessment_id",
            "handled_by",
            "target_on",
            "state",
            "closed_on",
            "solution",
            "region_code",
            "deleted",
        ),
        with_base=True,
        groups=(("state", "closed_on", "solution"),),
    ),
    TableSpec(
        "problem_step",
        ("problem_id", "on_date", "action", "result", "region_code", "deleted"),
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
        "problem",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("assessment_id", sa.String(length=36), nullable=True),
        sa.Column("handled_by", sa.String(length=100), nullable=True),
        sa.Column("target_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("solution", sa.Text(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_problem_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem")),
    )
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problem_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_problem_region_code"), ["region_code"], unique=False)
    op.create_table(
        "problem_step",
        sa.Column("problem_id", sa.String(length=36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_problem_step_problem_id_problem")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_step")),
    )
    with op.batch_alter_table("problem_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_problem_step_problem_id"), ["problem_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_problem_step_region_code"), ["region_code"], unique=False
        )
    install(op.execute, SPECS)


def downgrade() -> None:
    for table in ("problem_step", "problem"):
        for trigger in trigger_names(table):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.drop_table(table)
