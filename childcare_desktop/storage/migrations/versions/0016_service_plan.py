"""service_plan: a child's service plan by risk colour (四级分类服务, issue 18)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 01:45:00
"""

import sqlalchemy as sa
from alembic import op

from childcare_desktop.storage.capture import TableSpec, install, trigger_names

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Frozen here: later changes of the table need a migration of its own.
SPECS = [
    TableSpec(
        "service_plan",
        (
            "child_id",
            "colour",
            "measures",
            "responsible",
            "frequency",
            "written_on",
            "review_due",
            "region_code",
            "deleted",
        ),
        insert_only=True,
        with_base=True,
    ),
]


def upgrade() -> None:
    op.create_table(
        "service_plan",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=100), nullable=False),
        sa.Column("frequency", sa.String(length=100), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_hlc", sa.BigInteger(), nullable=True),
        sa.Column("updated_hlc", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_service_plan_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_plan")),
    )
    with op.batch_alter_table("service_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_plan_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_plan_region_code"), ["region_code"], unique=False
        )
    install(op.execute, SPECS)


def downgrade() -> None:
    for trigger in trigger_names("service_plan"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("service_plan")
