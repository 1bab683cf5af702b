"""work_log, work_log_child: the director's work log (工作日志, issue 18)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 00:10:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Frozen here: later changes of the tables need a migration of their own.
SPECS = [
    TableSpec(
        "work_log",
        ("logged_on", "kind", "title", "content", "place", "region_code", "deleted"),
        with_base=True,
    ),
    TableSpec(
        "work_log_child", ("work_log_id", "child_id", "region_code", "deleted"), with_base=True
    ),
]


def _base() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "work_log",
        sa.Column("logged_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=True),
        *_base(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_log")),
    )
    with op.batch_alter_table("work_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_log_logged_on"), ["logged_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_log_region_code"), ["region_code"], unique=False)
    op.create_table(
        "work_log_child",
        sa.Column("work_log_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        *_base(),
        sa.ForeignKeyConstraint(
            ["work_log_id"], ["work_log.id"], name=op.f("fk_work_log_child_work_log_id_work_log")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_log_child")),
    )
    with op.batch_alter_table("work_log_child", schema=None) as batch_op:
        for column in ("work_log_id", "child_id", "region_code"):
            batch_op.create_index(batch_op.f(f"ix_work_log_child_{column}"), [column], unique=False)
    install(op.execute, SPECS)


def downgrade() -> None:
    for table in ("work_log_child", "work_log"):
        for trigger in trigger_names(table):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.drop_table(table)
